"""A scenario's own map and topics (issue 33): the harbour-town example loads and plays
with them, every bad value is a located message with its code, and the file's topic
labels are what the student reads."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from game.analysis.graph import to_mermaid
from game.content.catalog import check
from game.content.codes import Code
from game.content.models import MapPicture
from game.content.paths import bundled_root
from game.plain.play import PlainGame
from helpers import SCENARIO, check_text, messages, write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbour-town"
HARBOUR = (EXAMPLE / "scenarios" / "harbour.yaml").read_text(encoding="utf-8")
GUIDE = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")


def test_the_example_loads_with_its_map_and_topics() -> None:
    catalog = check([EXAMPLE])
    assert messages(catalog, EXAMPLE) == []
    harbour = catalog.scenarios["harbour"]
    assert isinstance(harbour.map, MapPicture)
    assert harbour.map.places["Northport"] == (0, 9)
    assert harbour.topic_label("water") == "Water rights"
    assert harbour.topic_label("other") == ""


def test_the_guide_shows_the_example_as_it_is_in_the_folder() -> None:
    assert f"```yaml\n# file: scenarios/harbour.yaml\n{HARBOUR}```" in GUIDE


def test_the_bundled_scenarios_keep_the_kuril_map() -> None:
    catalog = check([bundled_root()])
    assert catalog.scenarios
    assert all(s.map == "kurils" for s in catalog.scenarios.values())


def test_a_format_1_file_without_map_has_no_map_and_the_five_topics(tmp_path: Path) -> None:
    catalog = check([write(tmp_path, "scenarios/test-scenario.yaml", SCENARIO)])
    scenario = catalog.scenarios["test-scenario"]
    assert scenario.map is None
    assert scenario.topic_label("basis") == "basis"
    assert scenario.topic_label("other") == ""


# --- Golden lines: each new code, on the harbour example -------------------------------


def _lines(tmp_path: Path, text: str) -> list[str]:
    return check_text(tmp_path, "harbour.yaml", text)


def test_a_map_the_game_does_not_have(tmp_path: Path) -> None:
    start, end = HARBOUR.index("map:"), HARBOUR.index("topics:")
    text = HARBOUR[:start] + "map: kurills\n\n" + HARBOUR[end:]
    assert _lines(tmp_path, text) == [
        "harbour.yaml:13:6: error TT360: `map: kurills` is not one of the game's maps; use "
        "`kurils`, or draw your own with `picture:` and `places:`, or leave `map:` out for no "
        "map; did you mean `kurils`?"
    ]


def test_a_place_that_is_not_a_row_and_a_column(tmp_path: Path) -> None:
    text = HARBOUR.replace("Northport: [0, 9]", "Northport: [a, 9]")
    assert _lines(tmp_path, text) == [
        "harbour.yaml:24:16: error TT361: the place `Northport` should be `[row, column]`, two "
        "whole numbers counted from 0 like `[1, 3]`, but found `[a, 9]`"
    ]


def test_places_outside_the_picture(tmp_path: Path) -> None:
    text = HARBOUR.replace("Southbay: [7, 9]", "Southbay: [9, 9]").replace(
        "harbour: [3, 4]", "harbour: [3, 3]"
    )
    assert _lines(tmp_path, text) == [
        "harbour.yaml:25:14: error TT362: the place `harbour` is at column 3 of row 3, where "
        "the picture has a space; put it on the first letter of its label (row 3: "
        "`~~~ HARBOUR ~~~~~~~~~~~~~~`)",
        "harbour.yaml:27:15: error TT362: the place `Southbay` is on row 9, but the picture "
        "has rows 0 to 7 (rows and columns count from 0)",
    ]


def test_a_picture_too_large_for_the_panel(tmp_path: Path) -> None:
    text = HARBOUR.replace("    ~~~ HARBOUR ~~~~~~~~~~~~~~\n", "    ~~~ HARBOUR " + "~" * 30 + "\n")
    text = text.replace("#### SOUTHBAY ########\n", "#### SOUTHBAY ########\n" + "    ~~\n" * 6)
    assert _lines(tmp_path, text) == [
        "harbour.yaml:14:12: error TT363: row 3 of the map's picture is 42 characters wide; "
        "the side panel shows 30: draw it narrower",
        "harbour.yaml:14:12: error TT363: the map's picture has 14 rows; the side panel shows "
        "up to 12 beside the meters: draw it shorter",
    ]


def test_a_place_no_scene_names(tmp_path: Path) -> None:
    text = HARBOUR.replace("    Southbay: [7, 9]\n", "    Southbay: [7, 9]\n    Eastport: [0, 0]\n")
    assert _lines(tmp_path, text) == [
        "harbour.yaml:28:5: warning TT364: no scene or choice names the place `Eastport`, so "
        "it is never highlighted"
    ]


def test_a_scenario_about_the_kurils_without_a_map(tmp_path: Path) -> None:
    text = SCENARIO.replace("The talks begin.", "The talks on Shikotan begin.")
    assert check_text(tmp_path, "test-scenario.yaml", text) == [
        "test-scenario.yaml:1:1: warning TT365: this scenario's scenes name Shikotan but it "
        "has no `map:`, so no map is shown beside them; add `map: kurils` for the map of the "
        "southern Kurils"
    ]
    assert check_text(tmp_path, "test-scenario.yaml", f"map: kurils\n{text}") == []


def test_a_topic_that_is_not_one_of_the_files_topics(tmp_path: Path) -> None:
    text = HARBOUR.replace("topic: water", "topic: waters")
    assert _lines(tmp_path, text) == [
        "harbour.yaml:57:16: error TT204: `topic: waters` is not allowed; use `water`, "
        "`money` or `other`; did you mean `water`?"
    ]
    # The five topics of format 1 are not the file's: `basis` is refused here.
    assert _lines(tmp_path, HARBOUR.replace("topic: water", "topic: basis")) == [
        "harbour.yaml:57:16: error TT204: `topic: basis` is not allowed; use `water`, "
        "`money` or `other`"
    ]


# --- The labels the student reads -------------------------------------------------------


def test_plain_mode_shows_the_files_labels(tmp_path: Path) -> None:
    catalog = check([EXAMPLE])
    said: list[str] = []

    def ask(_: str) -> str:
        raise EOFError  # the student stops at the first scene

    PlainGame(catalog.scenarios["harbour"], catalog, ask, said.append).play()
    text = "\n".join(said)
    assert "1. [Water rights] Offer to share the moorings, half for each town" in text
    assert "2. [Fees and money] Ask Southbay to pay for the lighthouse's lamp" in text
    assert "Map" not in text and "Kuril" not in text


def test_the_graph_shows_the_files_labels() -> None:
    harbour = check([EXAMPLE]).scenarios["harbour"]
    graph = to_mermaid(harbour)
    assert "[Water rights]" in graph and "[Fees and money]" in graph
    assert "[water]" not in graph


# --- Anything a teacher writes under `map:` and `topics:`: a message, never a traceback -

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 40),
    st.text(max_size=12),
    st.sampled_from(["kurils", "kuril", "", "~~ A ~~\n~~ B ~~\n"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
PICTURES = st.lists(st.text(alphabet="~# ABC*", max_size=36), min_size=0, max_size=14).map(
    "\n".join
)
PLACES = st.dictionaries(
    st.sampled_from(["Northport", "harbour", "Eastport", "", "A"]),
    st.one_of(st.lists(st.integers(-2, 40), min_size=0, max_size=3), VALUES),
    max_size=4,
)
MAPS = st.one_of(
    VALUES,
    st.fixed_dictionaries({"picture": st.one_of(PICTURES, VALUES)}, optional={"places": PLACES}),
)
TOPICS = st.one_of(
    VALUES, st.dictionaries(st.sampled_from(["water", "money", "other", "basis", "7"]), VALUES)
)


@given(chosen=MAPS, topics=TOPICS)
def test_any_map_and_topics_get_messages_with_codes(chosen: Any, topics: Any) -> None:
    data = yaml.safe_load(HARBOUR)
    data["map"], data["topics"] = chosen, topics
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        catalog = check([write(Path(folder), "harbour.yaml", text)])
    codes = {p.code for p in catalog.problems}
    assert Code.UNEXPECTED not in codes
    assert codes <= {c.value for c in Code}
    harbour = catalog.scenarios.get("harbour")
    if harbour is not None:  # it loaded: its map draws and its labels are text
        assert harbour.map is None or harbour.map == "kurils" or isinstance(harbour.map, MapPicture)
        assert all(isinstance(harbour.topic_label(t), str) for t in ("water", "money", "other"))


# --- Schemas, the starter file and the written file ----------------------------------


def test_the_scenario_schema_has_map_and_topics(tmp_path: Path) -> None:
    import json

    from game.content.scaffold import write_schemas

    write_schemas(tmp_path)
    schema = json.loads((tmp_path / "scenario.schema.json").read_text(encoding="utf-8"))
    assert {"map", "topics"} <= set(schema["properties"])
    assert "MapPicture" in json.dumps(schema["properties"]["map"])
    assert set(schema["$defs"]["MapPicture"]["properties"]) == {"picture", "places"}


def test_the_starter_scenario_says_map_kurils_and_mentions_topics(tmp_path: Path) -> None:
    from game.content.scaffold import new_file

    path = new_file("scenario", "my-talks", tmp_path / "content")
    text = path.read_text(encoding="utf-8")
    assert "\nmap: kurils " in text and "# topics:" in text
    assert check([path]).scenarios["my-talks"].map == "kurils"


def test_a_scenario_with_a_map_and_topics_is_written_back_as_it_was(tmp_path: Path) -> None:
    from game.content.writer import scenario_to_yaml

    harbour = check([EXAMPLE]).scenarios["harbour"]
    again = check([write(tmp_path, "harbour.yaml", scenario_to_yaml(harbour))])
    assert again.problems == []
    assert again.scenarios["harbour"] == harbour
