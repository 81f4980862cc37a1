"""What is wrong in the text of a YAML file itself, in the teacher's words: characters
pasted from a word processor, and the syntax errors PyYAML reports."""

from __future__ import annotations

import re

import yaml

from game.content.codes import Code
from game.content.problems import Problem, Severity

_SPACES = {
    "\u00a0": "a no-break space",
    "\u2007": "a figure space",
    "\u202f": "a narrow no-break space",
    "\u3000": "an ideographic space",
    **{chr(c): "a typographic space" for c in range(0x2000, 0x200B)},
}
_DASHES = {"\u2013": "an en dash (–)", "\u2014": "an em dash (—)", "\u2212": "a minus sign (−)"}
_INVISIBLE = {
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u2060": "a word joiner",
    "\ufeff": "a zero-width no-break space",
    "\u00ad": "a soft hyphen",
}
_PASTED = re.compile("[" + "".join([*_SPACES, *_DASHES, *_INVISIBLE]) + "]")
_BLANKS = " " + "".join(_SPACES)


def pasted_characters(text: str, name: str) -> list[Problem]:
    """Characters a word processor or a web page leaves that look like something else:
    a no-break space in the indentation, a dash where a list item needs `-`, an invisible
    zero-width character. Each is named on its own line and column."""
    if _PASTED.search(text) is None:  # the usual case: one pass over the text
        return []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _PASTED.search(line) is None:
            continue
        lead = len(line) - len(line.lstrip(" "))
        for column, ch in enumerate(line, start=1):
            code = f"U+{ord(ch):04X}"
            found: tuple[Severity, str, Code] | None = None
            if ch in _SPACES and not line[: column - 1].strip(_BLANKS):
                found = (
                    "error",
                    f"{_SPACES[ch]} ({code}) is used for indentation here, pasted from a "
                    "word processor; YAML needs ordinary spaces: type the spaces at the "
                    "start of this line again",
                    Code.PASTED_SPACE,
                )
            elif ch in _DASHES and column == lead + 1 and line[column : column + 1] == " ":
                found = (
                    "error",
                    f"{_DASHES[ch]} starts this line where a list item needs a hyphen "
                    "(-): type `-` instead (word processors turn `-` into a dash)",
                    Code.PASTED_DASH,
                )
            elif ch in _INVISIBLE and not (number == 1 and column == 1 and ch == "\ufeff"):
                found = (
                    "warning",
                    f"an invisible character is here: {_INVISIBLE[ch]} ({code}), pasted "
                    "from a word processor or a web page; delete it (in a name or an id "
                    "it makes the name different from the one you see)",
                    Code.INVISIBLE_CHARACTER,
                )
            if found is not None:
                severity, message, kind = found
                problems.append(Problem(name, number, column, severity, message, kind))
    return problems


def syntax_message(exc: yaml.MarkedYAMLError, at: str) -> tuple[Code, str]:
    """What a syntax error PyYAML reports means, and its code."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if at == "\t" or "'\\t'" in problem:
        return Code.TAB_INDENT, "a tab is used for indentation here; YAML needs spaces"
    if "mapping values are not allowed" in problem:
        return Code.UNEXPECTED_PAIR, (
            "a `key: value` pair is not expected here. Check this line and the one above it: "
            "a colon may be missing after a key, the indentation may be off, or text "
            "containing ': ' needs quotes around it"
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        start = exc.context_mark
        where = f" on line {start.line + 1}" if start else ""
        return Code.UNCLOSED_BRACKET, (
            f"the `{bracket}` opened{where} is not closed with `{closing}`, or two items "
            "are not separated by a comma"
        )
    if "could not find expected ':'" in problem:
        return Code.MISSING_COLON, (
            "expected `key: value` here; a colon is missing, or a line is indented wrongly"
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return Code.BAD_INDENT, (
            "this line is indented differently from the lines around it; "
            "keys at the same level must start in the same column"
        )
    if "did not find expected '-' indicator" in problem:
        return Code.NOT_IN_ITEM, (
            "this line does not belong to the list item above it: indent it to line up "
            "with the text after `- `, or start a new item with `- `"
        )
    if "found undefined alias" in problem:
        return Code.UNDEFINED_ALIAS, (
            f"{problem}: an alias `*name` needs an anchor `&name` earlier in the file"
        )
    if "found unexpected end of stream" in problem:
        return Code.ENDS_TOO_EARLY, (
            f"the file ends {context or 'too early'}: a quote or bracket is not closed"
        )
    text = problem or "not valid YAML"
    if context:
        text = f"{text} ({context})"
    return Code.NOT_YAML, f"not valid YAML: {text}"
