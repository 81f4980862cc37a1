"""Every example in AUTHORING.md works as the guide says.

The guide's conventions, which these tests enforce:

- A ```` ```yaml ```` block is a complete file whose first line is `# file: PATH`, with PATH
  `scenarios/NAME.yaml`, `quizzes/NAME.yaml` or `sources/facts.yaml`. Written at PATH in a
  content folder of its own and checked with the bundled content, it has no error and no
  warning, and a scenario passes what `treaty validate --strict` adds.
- A ```` ```yaml mistake ```` block (the same `# file:` line) is followed, after at most one
  paragraph, by a ```` ```text ```` block holding exactly the problem lines that
  `treaty validate PATH` prints for it, run inside the content folder. ```` ```yaml mistake
  strict ```` is the same with `treaty validate --strict PATH`.
- A ```` ```console ```` block holds commands, one a line, each `$ treaty ...`; each parses.
- A ```` ```console output ```` block holds `$ treaty ...` commands, each followed by what
  it prints (`test_guide_exchange.py` runs them).
- The table of conditions gives the words a student sees for each one, and the table of
  fact ids names facts of the bundled fact base.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from game.analysis import explore
from game.cli import build_parser, main
from game.content.catalog import check
from game.content.condition_words import in_words
from game.content.conditions import parse_condition
from game.content.paths import bundled_root
from game.content.vocabulary import QUESTION_TYPES
from game.engine import apply_choice, available_choices, start
from game.testing import check_exploration
from helpers import messages, write

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "AUTHORING.md"
DOCUMENTS = ROOT.parent / "shared" / "sources"
"""The source documents, beside the repository (in a checkout with the shared folder)."""

TUTORIAL = "scenarios/nagoya-2019.yaml"
"""The scenario built step by step; the table of conditions uses its meters and flags."""

KINDS = {
    "yaml",
    "yaml mistake",
    "yaml mistake strict",
    "text",
    "console",
    "console output",
    "sh",
    "",
}
FILE_LINE = re.compile(
    r"^# file: ((?:scenarios|quizzes)/[a-z0-9]+(?:-[a-z0-9]+)*\.yaml"
    r"|sources/(?:facts|glossary)\.yaml)$"
)
PROBLEM = re.compile(r"^(?P<file>[^:]+):\d+:\d+: (?:error|warning) TT\d{3}: ")
SUMMARY = re.compile(r"^\d+ files? checked: ")


@dataclass(frozen=True)
class Block:
    """A fenced block of the guide."""

    line: int
    """The line of its opening fence, counted from 1."""
    kind: str
    """What follows the opening fence: `yaml`, `yaml mistake`, `text`, `console`, ..."""
    text: str
    before: list[str]
    """The lines between the previous block (or the previous heading) and this one."""

    @property
    def path(self) -> str:
        first = self.text.splitlines()[0] if self.text else ""
        match = FILE_LINE.match(first)
        assert match, f"line {self.line}: the first line must be `# file: PATH`, not {first!r}"
        return match.group(1)

    def __str__(self) -> str:
        return f"line {self.line}"


def read_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.splitlines()
    before: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("```"):
            before = [] if line.startswith("#") else [*before, line]
            i += 1
            continue
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i] != "```":
            body.append(lines[i])
            i += 1
        assert i < len(lines), f"line {start + 1}: this block is never closed"
        text_of_block = "\n".join(body) + "\n"
        blocks.append(Block(start + 1, line[3:].strip(), text_of_block, before))
        before = []
        i += 1
    return blocks


GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
BLOCKS = read_blocks(GUIDE_TEXT)
EXAMPLES = [b for b in BLOCKS if b.kind == "yaml"]
MISTAKES = [b for b in BLOCKS if b.kind.startswith("yaml mistake")]
COMMANDS = [
    (b, n, line)
    for b in BLOCKS
    if b.kind == "console"
    for n, line in enumerate(b.text.splitlines(), start=b.line + 1)
]


def output_of(mistake: Block) -> Block:
    """The `text` block that follows a mistake, after at most one paragraph."""
    following = BLOCKS[BLOCKS.index(mistake) + 1 :]
    assert following, f"{mistake}: the mistake is not followed by what `treaty validate` prints"
    shown = following[0]
    assert shown.kind == "text", (
        f"{mistake}: the mistake is followed by a `{shown.kind}` block, not a `text` block"
    )
    paragraphs = " ".join("|" if not line.strip() else "x" for line in shown.before)
    assert len([p for p in paragraphs.split("|") if p.strip()]) <= 1, (
        f"{mistake}: more than one paragraph between the mistake and what it prints"
    )
    return shown


def test_the_guide_has_an_example_of_everything() -> None:
    assert {b.kind for b in BLOCKS} <= KINDS, "a block of a kind the guide does not use"
    folders = {b.path.split("/")[0] for b in EXAMPLES}
    assert folders == {"scenarios", "quizzes", "sources"}
    assert len(MISTAKES) >= 10
    assert COMMANDS
    types = {
        question.get("type")
        for b in EXAMPLES
        if b.path.startswith("quizzes/")
        for question in yaml.safe_load(b.text)["questions"]
    }
    assert types >= set(QUESTION_TYPES)
    assert any(b.path == TUTORIAL for b in EXAMPLES)


def test_every_text_block_is_what_a_mistake_prints() -> None:
    outputs = {output_of(m).line for m in MISTAKES}
    loose = [b.line for b in BLOCKS if b.kind == "text" and b.line not in outputs]
    assert loose == [], "text blocks are only for what `treaty validate` prints for a mistake"


@pytest.mark.parametrize("block", EXAMPLES, ids=str)
def test_the_example_is_a_valid_file(block: Block, tmp_path: Path) -> None:
    folder = tmp_path / "treaty-content"
    write(folder, block.path, block.text)
    if block.path == "sources/glossary.yaml":  # the glossary of the tutorial's words
        write(folder, TUTORIAL, [b for b in EXAMPLES if b.path == TUTORIAL][-1].text)
    catalog = check([bundled_root(), folder])
    assert messages(catalog, folder) == []
    data = yaml.safe_load(block.text)
    if "roles" in data:  # two delegations at one table (issue 34)
        from game.analysis.table_explore import explore_table

        assert data["id"] in catalog.tables
        assert block.path == f"scenarios/{data['id']}.yaml", "the file is named after its id"
        table_exploration = explore_table(catalog.tables[data["id"]])
        assert table_exploration.clean and table_exploration.never_made == []
    elif block.path.startswith("scenarios/"):
        assert data["id"] in catalog.scenarios
        assert block.path == f"scenarios/{data['id']}.yaml", "the file is named after its id"
        # What `treaty validate --strict` adds: it plays, and every choice can be taken.
        exploration = explore(catalog.scenarios[data["id"]])
        check_exploration(exploration)
        assert exploration.never_enabled == []
        assert exploration.never_shown == []  # every paragraph with an `if:` is seen
    elif block.path.startswith("quizzes/"):
        assert data["id"] in catalog.quizzes
        assert block.path == f"quizzes/{data['id']}.yaml", "the file is named after its id"
    elif block.path == "sources/glossary.yaml":
        for term, means in data.items():
            shown = catalog.glossary[term.split("/")[0].strip().casefold()]
            assert shown.means == " ".join(means.split()), "the teacher's definition wins"
    else:
        assert set(data.get("facts") or {}) <= set(catalog.facts)


@pytest.mark.parametrize("block", MISTAKES, ids=str)
def test_the_mistake_gives_the_message_shown(
    block: Block,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown = output_of(block).text.splitlines()
    assert shown, f"{block}: no message shown"
    for line in shown:
        match = PROBLEM.match(line)
        assert match, f"not a line `treaty validate` prints: {line!r}"
        assert match.group("file") == block.path, f"the message names another file: {line!r}"
    write(tmp_path, block.path, block.text)
    monkeypatch.chdir(tmp_path)
    strict = ["--strict"] if block.kind.endswith("strict") else []
    main(["validate", *strict, block.path])
    captured = capsys.readouterr()
    printed = [line for line in (captured.out + captured.err).splitlines() if line]
    problems = [line for line in printed if not SUMMARY.match(line)]
    assert problems == shown


@pytest.mark.parametrize(
    ("block", "number", "command"),
    COMMANDS,
    ids=[f"line {n}: {command[2:]}" for _, n, command in COMMANDS],
)
def test_the_command_exists(block: Block, number: int, command: str) -> None:
    assert command.startswith("$ treaty"), f"line {number}: a command is `$ treaty ...`"
    words = shlex.split(command[2:])
    assert words[0] == "treaty"
    try:
        build_parser().parse_args(words[1:])
    except SystemExit as exc:
        pytest.fail(f"line {number}: `{command[2:]}` is not a command treaty knows ({exc})")


def table(heading: str) -> list[list[str]]:
    """The rows of the first table in the section whose heading starts with `heading`, each
    as its cells."""
    section = GUIDE_TEXT.split(f"\n{heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def test_the_conditions_read_as_the_guide_says() -> None:
    tutorial = [b for b in EXAMPLES if b.path == TUTORIAL][-1]
    data = yaml.safe_load(tutorial.text)
    meters = {name: meter["label"] for name, meter in data["meters"].items()}
    rows = table("## 4. Conditions")
    assert len(rows) >= 5
    for condition, words in rows:
        assert in_words(parse_condition(condition.strip("`")), meters, data["flags"]) == words


def test_the_disabled_choice_reads_as_the_guide_shows(tmp_path: Path) -> None:
    """After the tutorial's second opening choice, its framework choice is greyed out, and
    `treaty play --plain` shows it as the guide quotes."""
    tutorial = [b for b in EXAMPLES if b.path == TUTORIAL][-1]
    folder = tmp_path / "treaty-content"
    write(folder, tutorial.path, tutorial.text)
    scenario = check([folder]).scenarios["nagoya-2019"]
    state = apply_choice(scenario, start(scenario), 2)
    disabled = [c for c in available_choices(scenario, state) if not c.enabled]
    assert disabled
    for option in disabled:
        shown = f"{option.number}. (not available — {option.needs}) {option.choice.text}"
        assert f"`{shown}`" in GUIDE_TEXT


def test_the_fact_ids_listed_are_bundled_facts() -> None:
    rows = table("## 5. Facts and quotes")
    facts = check([bundled_root()]).facts
    assert len(rows) >= 5
    for fact_id, _ in rows:
        assert fact_id.strip("`") in facts


def _plain(text: str) -> str:
    for curly, straight in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'")):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not DOCUMENTS.is_dir(), reason="the source documents are not beside the repo")
@pytest.mark.parametrize("block", [b for b in EXAMPLES if b.path == "sources/facts.yaml"], ids=str)
def test_the_quotes_of_an_example_fact_file_are_verbatim(block: Block) -> None:
    documents = [_plain(p.read_text(encoding="utf-8")) for p in DOCUMENTS.glob("*.txt")]
    for fact_id, fact in yaml.safe_load(block.text).get("facts", {}).items():
        quote = _plain(fact["quote"])
        assert any(quote in document for document in documents), f"{fact_id}: {quote!r}"
