"""The glossary: the hard words of the content, each with a plain definition.

`sources/glossary.yaml` is a mapping of term to definition (docs/format.md, "Glossary").
The game's own glossary comes first; a teacher's folder may add a `sources/glossary.yaml`
of its own, whose entries add to the game's (a term defined in both: the teacher's wins).
A term may give other forms of its word after a slash (`ratify / ratified /
ratification`): the first is the term shown, any of them found in a text lists it.

A bad entry is skipped with a warning and the rest of the file loads; `treaty validate`
also warns on a term that no text of the content it checks uses. The words of a scene
are found here (`terms_in`) for the app and plain mode alike.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.content.codes import Code
from game.content.models import Paragraph, Quiz, Scenario
from game.content.vocabulary import GLOSSARY_FILE_NAMES
from game.content.yamlfile import YamlFile

FORM_SEPARATOR = "/"
"""Between the forms of a term's word: `ratify / ratified / ratification`."""
MOST_TERM_CHARACTERS = 60
"""A longer key is not a term (a sentence pasted as a key, say)."""
MOST_DEFINITION_WORDS = 40
"""A longer definition is kept, with a warning: one or two short sentences read best."""


@dataclass(frozen=True)
class Term:
    """One entry of the glossary."""

    term: str
    """The term as the student sees it (the first of its forms, spacing tidied)."""
    means: str
    """Its definition, in plain words."""
    forms: tuple[str, ...]
    """Every form that lists it when found in a text: lowercase, single spaces."""


Glossary = dict[str, Term]
"""The glossary's terms by their key (`key_of` the term)."""


def is_glossary_file(path: Path) -> bool:
    """Whether `path` is a glossary (`glossary.yaml`, in any folder)."""
    return path.name.casefold() in GLOSSARY_FILE_NAMES


def _tidy(text: str) -> str:
    return " ".join(text.split())


def key_of(term: str) -> str:
    """The form a term is compared in: its first form, lowercase, single spaces (so
    `Joint  Declaration` and `joint declaration` are the same term)."""
    return _tidy(term.split(FORM_SEPARATOR, 1)[0]).casefold()


def _term_problem(term: str) -> str | None:
    """Why `term` cannot be a term, in words; None when it can."""
    forms = [_tidy(f) for f in term.split(FORM_SEPARATOR)]
    if not term.strip():
        return "has no letters"
    if len(term) > MOST_TERM_CHARACTERS:
        return f"is {len(term)} characters long; a term is a word or a few words"
    if any(not re.search(r"\w", form) for form in forms):
        return "has no letters" if len(forms) == 1 else "has a form with no letters"
    return None


def _named(term: str) -> str:
    """A term as a message names it: in backticks, or "an empty key"."""
    return f"`{_tidy(term)[:40]}`" if term.strip() else "an empty key"


def _text_of(value: Any) -> str | None:
    """A definition as text (a number is the text it was written as); None when it is a
    list, a mapping, true/false or nothing."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return getattr(value, "written", "") or str(value)
    return None


def _found(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "keys"
    return "true/false" if isinstance(value, bool) else "something else"


def read_glossary(f: YamlFile) -> list[Term]:
    """The terms of a glossary file, each bad entry skipped with a warning in `f`. A file
    the loader could not read (or with an error) gives none."""
    if not isinstance(f.data, dict) or any(p.severity == "error" for p in f.problems):
        return []
    terms: list[Term] = []
    first: dict[str, tuple[str, int]] = {}
    for key, value in f.data.items():
        written = str(key)
        where = (written,)
        wrong = _term_problem(written)
        if wrong is not None:
            f.problem(
                Code.GLOSSARY_BAD_TERM,
                where,
                f"{_named(written)} cannot be a term: it {wrong}; write the word or words the "
                "student reads, such as `peace treaty`; this entry is left out",
                "warning",
                key=True,
            )
            continue
        means = "" if value is None else _text_of(value)
        if means is None:
            f.problem(
                Code.GLOSSARY_NOT_TEXT,
                where,
                f"the definition of `{_tidy(written)}` should be text (a sentence or two), but "
                f"found {_found(value)}; this term is left out",
                "warning",
            )
            continue
        if not means.strip():
            f.problem(
                Code.GLOSSARY_EMPTY,
                where,
                f"the definition of `{_tidy(written)}` is empty; write what the term means "
                "after the colon; this term is left out",
                "warning",
                key=True,
            )
            continue
        key_form = key_of(written)
        line, _ = f.locate(where, key=True)
        if key_form in first:
            other, other_line = first[key_form]
            f.problem(
                Code.GLOSSARY_TERM_TWICE,
                where,
                f"the term `{_tidy(written)}` is already defined on line {other_line} (as "
                f"`{other}`); this one is left out",
                "warning",
                key=True,
            )
            continue
        first[key_form] = (_tidy(written), line)
        words = len(means.split())
        if words > MOST_DEFINITION_WORDS:
            f.problem(
                Code.GLOSSARY_LONG,
                where,
                f"the definition of `{_tidy(written)}` is {words} words long; one or two "
                f"short sentences (at most {MOST_DEFINITION_WORDS} words) are what a student "
                "reads",
                "warning",
            )
        forms = tuple(dict.fromkeys(_tidy(f).casefold() for f in written.split(FORM_SEPARATOR)))
        terms.append(Term(_tidy(written.split(FORM_SEPARATOR, 1)[0]), _tidy(means), forms))
    return terms


def merge(glossaries: Iterable[Iterable[Term]]) -> Glossary:
    """The glossaries in the order given, each term of a later one taking the place of
    the same term in an earlier one (the game's own first, then the teachers')."""
    merged: Glossary = {}
    for terms in glossaries:
        for term in terms:
            merged[key_of(term.term)] = term
    return merged


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a glossary file, for editors (`treaty schema glossary`)."""
    return {
        "title": "Glossary",
        "description": "Hard words and what they mean: `term: a plain definition`. Other "
        "forms of a term's word may follow it after a slash (`ratify / ratified`).",
        "type": "object",
        "propertyNames": {"maxLength": MOST_TERM_CHARACTERS, "pattern": r"\S"},
        "additionalProperties": {
            "type": "string",
            "minLength": 1,
            "description": "One or two short sentences a student of 14 understands",
        },
    }


# --- Finding the terms a text uses ------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _pattern(form: str) -> tuple[str, re.Pattern[str]]:
    """What a text must contain for `form` to be in it (a quick test), and the pattern
    that finds it as whole words: any spacing between its words, and its last word as
    written or with a plural ending (`-s`, `-es`; `-y` as `-ies`)."""
    words = form.split()
    last = words[-1]
    if not re.match(r"\w", last[-1:]):
        ending = re.escape(last)
    elif last.endswith("y"):
        ending = re.escape(last[:-1]) + "(?:y|ys|ies)"
    else:
        ending = re.escape(last) + "(?:s|es)?"
    body = r"\s+".join([*(re.escape(w) for w in words[:-1]), ending])
    needle = words[0] if len(words) > 1 else words[0][:-1] or words[0]
    return needle, re.compile(rf"(?<!\w){body}(?!\w)")


def first_use(form: str, folded: str) -> int | None:
    """Where `form` first occurs as whole words in `folded` (a casefolded text)."""
    needle, pattern = _pattern(form)
    if needle not in folded:
        return None
    found = pattern.search(folded)
    return found.start() if found else None


def terms_in(texts: Iterable[str], glossary: Mapping[str, Term]) -> list[Term]:
    """The glossary's terms that the texts use (whole words, any capitals, a plural
    ending allowed), in the order they first appear."""
    folded = "\n\n".join(texts).casefold()
    found: list[tuple[int, str, Term]] = []
    for term in glossary.values():
        places = [at for form in term.forms if (at := first_use(form, folded)) is not None]
        if places:
            found.append((min(places), term.term.casefold(), term))
    return [term for _, _, term in sorted(found, key=lambda t: (t[0], t[1]))]


# --- Terms no text uses -----------------------------------------------------------------


def _passage(value: str | Sequence[Paragraph] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [p.text for p in value]


def scenario_texts(scenario: Scenario) -> list[str]:
    """Every text a student may read in a scenario."""
    texts = [scenario.title, scenario.summary]
    for meter in scenario.meters.values():
        texts += [meter.label, meter.means or "", *meter.marks.values()]
    for scene in scenario.scenes.values():
        texts += [scene.title or "", *_passage(scene.text)]
        for choice in scene.choices or ():
            texts += [choice.text, *_passage(choice.feedback)]
    for end in scenario.endings.values():
        texts += [end.title, *_passage(end.text), end.history]
    return texts


def scenario_facts(scenario: Scenario) -> set[str]:
    """The facts a scenario cites (in its briefing, scenes and endings)."""
    cited = set(scenario.facts)
    for scene in scenario.scenes.values():
        cited |= set(scene.facts)
    for end in scenario.endings.values():
        cited |= set(end.facts)
    return cited


def quiz_texts(quiz: Quiz) -> list[str]:
    """Every text a student may read in a quiz."""
    texts = [quiz.title, quiz.summary]
    for question in quiz.questions:
        texts += [question.prompt, question.explain or ""]
        for name in ("options", "items"):
            texts += list(getattr(question, name, ()))
        pairs = getattr(question, "pairs", {})
        texts += [*pairs, *pairs.values()]
        answer = getattr(question, "answer", ())
        if isinstance(answer, str):
            texts.append(answer)
        elif isinstance(answer, tuple):
            texts += [a for a in answer if isinstance(a, str)]
    return texts


def check_used(files: Iterable[tuple[YamlFile, list[Term]]], texts: Iterable[str]) -> None:
    """Warn, in each glossary file, on each of its terms that none of the texts uses."""
    folded = "\n\n".join(texts).casefold()
    for f, terms in files:
        if not isinstance(f.data, dict):
            continue
        keys = {key_of(str(k)): str(k) for k in f.data}
        for term in terms:
            if any(first_use(form, folded) is not None for form in term.forms):
                continue
            f.problem(
                Code.GLOSSARY_NEVER_USED,
                (keys.get(key_of(term.term), term.term),),
                f"the term `{term.term}` is used by no scene, choice, feedback, ending, quiz "
                "question or fact in the files checked: use it, or remove it",
                "warning",
                key=True,
            )
