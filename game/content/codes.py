"""A code for every message about content (`TT101`...), each with a short title.

The code is shown in the message line (`FILE:LINE:COL: error TT104: ...`) so that a
teacher can look the message up in AUTHORING.md's list of messages, where each code is
documented once; `tests/test_codes.py` fails when a code here is undocumented or has no
golden test. The groups, by the hundreds:

- 1xx: reading the file (the file itself, YAML, what kind of file it is)
- 2xx: the shape of a file (keys, values and their types, ids)
- 3xx: scenarios (scenes, endings, routes, conditions, meters and flags)
- 4xx: quizzes (questions, options and answers)
- 5xx: facts and sources
- 6xx: importing question banks (`treaty import`: GIFT, Moodle XML)
- 7xx: courses (`course.yaml`) and packed files (`treaty pack`, `treaty import`)
- 9xx: the game itself (a file it could not check)

A new message takes the next free code of its group; a code is never reused for other
words, so that what a teacher found about it stays true.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """The code of each kind of message; its value is what the message line shows."""

    # 1xx: reading the file
    CANNOT_READ = "TT101"
    NOT_A_FILE = "TT102"
    FILE_TOO_LARGE = "TT103"
    NOT_UTF8 = "TT104"
    NUL_CHARACTER = "TT105"
    TOO_MANY_VALUES = "TT106"
    PASTED_SPACE = "TT107"
    PASTED_DASH = "TT108"
    INVISIBLE_CHARACTER = "TT109"
    TAB_INDENT = "TT110"
    UNEXPECTED_PAIR = "TT111"
    UNCLOSED_BRACKET = "TT112"
    MISSING_COLON = "TT113"
    BAD_INDENT = "TT114"
    NOT_IN_ITEM = "TT115"
    UNDEFINED_ALIAS = "TT116"
    ENDS_TOO_EARLY = "TT117"
    NOT_YAML = "TT118"
    EMPTY_FILE = "TT119"
    SECOND_DOCUMENT = "TT120"
    NOT_A_MAPPING = "TT121"
    TOO_DEEP = "TT122"
    ALIAS_EXPANSION = "TT123"
    ALIAS_LOOP = "TT124"
    PYTHON_TAG = "TT125"
    UNSUPPORTED_TAG = "TT126"
    TAG_MISMATCH = "TT127"
    UNREADABLE_VALUE = "TT128"
    COMPLEX_KEY = "TT129"
    MERGE_KEY = "TT130"
    DUPLICATE_KEY = "TT131"
    SKIPPED_ENTRY = "TT132"
    TXT_SUFFIX = "TT133"
    UNKNOWN_KIND = "TT134"
    NO_SUCH_PATH = "TT135"
    PATH_NOT_A_FILE = "TT136"
    PATH_UNREADABLE = "TT137"

    # 2xx: the shape of a file
    UNKNOWN_KEY = "TT201"
    ENDING_GOES_ON = "TT202"
    MISSING_KEY = "TT203"
    NOT_ALLOWED_WORD = "TT204"
    BOOL_FOR_NUMBER = "TT205"
    BOOL_FOR_WORD = "TT206"
    EMPTY_TEXT = "TT207"
    NOT_TEXT = "TT208"
    QUOTED_NUMBER = "TT209"
    NOT_WHOLE_NUMBER = "TT210"
    QUOTED_BOOL = "TT211"
    NOT_BOOL = "TT212"
    NOT_KEYS = "TT213"
    NOT_NAME_VALUES = "TT214"
    NOT_A_LIST = "TT215"
    TOO_FEW = "TT216"
    BAD_ID = "TT217"
    BAD_VALUE = "TT218"
    ID_NOT_FILE_NAME = "TT219"
    RESERVED_ID = "TT220"
    DUPLICATE_ID = "TT221"

    # 3xx: scenarios
    BAD_CONDITION = "TT301"
    CONDITION_NOT_TEXT = "TT302"
    METER_AS_FLAG = "TT303"
    FLAG_COMPARED = "TT304"
    UNDECLARED_NAME = "TT305"
    SCENE_AND_ENDING = "TT306"
    FLAG_TWICE = "TT307"
    METER_RANGE = "TT308"
    METER_START = "TT309"
    START_AT_ENDING = "TT310"
    START_NOT_SCENE = "TT311"
    GOTO_NOWHERE = "TT312"
    UNDECLARED_FLAG = "TT313"
    UNDECLARED_METER = "TT314"
    CHOICES_AND_ROUTE = "TT315"
    NO_CHOICES_NOR_ROUTE = "TT316"
    NO_CHOICE = "TT317"
    EMPTY_ROUTE = "TT318"
    LAST_BRANCH_IF = "TT319"
    BRANCH_WITHOUT_IF = "TT320"
    HISTORICAL_WITHOUT_FACT = "TT321"
    FLAG_NEVER_SET = "TT322"
    NO_WAY_OUT = "TT323"
    NEVER_REACHED = "TT324"
    # Found by `treaty validate --strict`, which explores every situation.
    STUCK = "TT330"
    TRAPPED = "TT331"
    ROUTE_LOOP = "TT332"
    ENDING_UNREACHABLE = "TT333"
    TOO_LARGE_TO_EXPLORE = "TT334"
    NEVER_ENABLED = "TT335"
    # A meter's marks (issue 30, part A).
    MARK_NOT_NUMBER = "TT340"
    MARK_OUT_OF_RANGE = "TT341"
    MARK_NEVER_TESTED = "TT342"
    MARK_TWICE = "TT343"
    # Words that change with what happened (issue 30, part B).
    PARAGRAPH_NEVER_SHOWN = "TT350"
    # A scenario's map (issue 33).
    UNKNOWN_MAP = "TT360"
    PLACE_NOT_ROW_COL = "TT361"
    PLACE_OUTSIDE_PICTURE = "TT362"
    PICTURE_TOO_LARGE = "TT363"
    PLACE_NEVER_NAMED = "TT364"
    KURIL_MAP_LEFT_OUT = "TT365"
    # Two delegations at one table (issue 34).
    ROLES_NOT_TWO = "TT380"
    ROLE_AND_ROLES = "TT381"
    UNKNOWN_SIDE = "TT382"
    MOVES_WITHOUT_ROUTE = "TT383"
    MOVES_UNKNOWN_ROLE = "TT384"
    MOVES_MISSING_ROLE = "TT385"
    SIDE_CHOICE_WITHOUT_GOTO = "TT386"
    MOVE_WITH_GOTO = "TT387"
    MOVES_AND_CHOICES = "TT388"
    TABLE_SOFT_LOCK = "TT389"
    CHOICES_WITHOUT_SIDE = "TT390"

    # 4xx: quizzes
    UNKNOWN_QUESTION_TYPE = "TT401"
    NO_QUESTION_TYPE = "TT402"
    QUESTION_WITHOUT_FACT = "TT403"
    QUESTION_ID_TWICE = "TT404"
    LISTED_TWICE = "TT405"
    SAME_MATCH = "TT406"
    ANSWER_NOT_OPTION = "TT407"

    # 5xx: facts and sources
    UNKNOWN_FACT = "TT501"
    SOURCE_TWICE = "TT502"
    FACT_TWICE = "TT503"
    YEAR_INFERRED_WITHOUT_YEAR = "TT504"
    UNKNOWN_SOURCE = "TT505"
    # The glossary (issue 30, item 4): a bad entry is skipped, the rest loads.
    GLOSSARY_NOT_TEXT = "TT510"
    GLOSSARY_EMPTY = "TT511"
    GLOSSARY_BAD_TERM = "TT512"
    GLOSSARY_TERM_TWICE = "TT513"
    GLOSSARY_LONG = "TT514"
    GLOSSARY_NEVER_USED = "TT515"
    # Issue 30, item 4 (sources)
    SOURCE_YEAR_INFERRED_WITHOUT_YEAR = "TT520"
    # A fact's date and place on the timeline (issue 31).
    MONTH_OUT_OF_RANGE = "TT530"
    NO_SUCH_DAY = "TT531"
    DAY_WITHOUT_MONTH = "TT532"
    DATE_WITHOUT_YEAR = "TT533"
    AFTER_AND_DATE = "TT534"
    AFTER_OTHER_YEAR = "TT535"
    AFTER_LOOP = "TT536"

    # 6xx: importing question banks (issue 32)
    BANK_UNCLOSED_ANSWERS = "TT601"
    BANK_NO_RIGHT_ANSWER = "TT602"
    BANK_BAD_ANSWER = "TT603"
    BANK_UNSUPPORTED = "TT604"
    BANK_NOT_XML = "TT605"
    BANK_XML_REFUSED = "TT606"
    BANK_NOT_MOODLE = "TT607"
    BANK_NO_QUESTIONS = "TT608"
    BANK_NOT_VALID_HERE = "TT609"

    # 7xx: courses and packed files (issue 33)
    COURSE_UNKNOWN_KEY = "TT701"
    COURSE_NO_TITLE = "TT702"
    COURSE_NOT_TEXT = "TT703"
    COURSE_PARAGRAPHS = "TT704"
    PACK_VERSION = "TT711"
    PACK_UNKNOWN_KEY = "TT712"
    PACK_NO_SCENARIO = "TT713"
    PACK_PART_NOT_MAPPING = "TT714"
    IMPORT_FACT_CONFLICT = "TT721"
    IMPORT_SOURCE_CONFLICT = "TT722"
    IMPORT_SCENARIO_CONFLICT = "TT723"
    IMPORT_TERM_CONFLICT = "TT724"

    # 9xx: the game itself
    UNEXPECTED = "TT901"


TITLES: dict[Code, str] = {
    Code.CANNOT_READ: "the file cannot be read",
    Code.NOT_A_FILE: "not an ordinary file",
    Code.FILE_TOO_LARGE: "the file is too large",
    Code.NOT_UTF8: "the file is not UTF-8 text",
    Code.NUL_CHARACTER: "the file contains a NUL character",
    Code.TOO_MANY_VALUES: "the file holds too many values",
    Code.PASTED_SPACE: "a pasted space in the indentation",
    Code.PASTED_DASH: "a dash where a list item needs a hyphen",
    Code.INVISIBLE_CHARACTER: "an invisible character",
    Code.TAB_INDENT: "a tab used for indentation",
    Code.UNEXPECTED_PAIR: "a `key: value` pair not expected here",
    Code.UNCLOSED_BRACKET: "a bracket not closed",
    Code.MISSING_COLON: "a colon missing after a key",
    Code.BAD_INDENT: "a line indented differently",
    Code.NOT_IN_ITEM: "a line that does not belong to the list item above",
    Code.UNDEFINED_ALIAS: "an alias with no anchor",
    Code.ENDS_TOO_EARLY: "the file ends too early",
    Code.NOT_YAML: "not valid YAML",
    Code.EMPTY_FILE: "the file is empty",
    Code.SECOND_DOCUMENT: "a second YAML document",
    Code.NOT_A_MAPPING: "the file does not hold keys",
    Code.TOO_DEEP: "nested too deeply",
    Code.ALIAS_EXPANSION: "aliases repeat too many values",
    Code.ALIAS_LOOP: "an alias that contains itself",
    Code.PYTHON_TAG: "a tag that asks for Python code",
    Code.UNSUPPORTED_TAG: "a tag that is not supported",
    Code.TAG_MISMATCH: "a tag the value does not fit",
    Code.UNREADABLE_VALUE: "a value that cannot be read as its type",
    Code.COMPLEX_KEY: "a key that is a list or mapping",
    Code.MERGE_KEY: "a merge key (`<<:`)",
    Code.DUPLICATE_KEY: "a key written twice",
    Code.SKIPPED_ENTRY: "an entry named like content that is not a file",
    Code.TXT_SUFFIX: "a file whose name ends in `.txt`",
    Code.UNKNOWN_KIND: "not a scenario, a quiz nor a fact file",
    Code.NO_SUCH_PATH: "a path given that is not there",
    Code.PATH_NOT_A_FILE: "a path given that is not a file or folder",
    Code.PATH_UNREADABLE: "a path given that cannot be read",
    Code.UNKNOWN_KEY: "an unknown key",
    Code.ENDING_GOES_ON: "an ending with choices or a route",
    Code.MISSING_KEY: "a key that is missing",
    Code.NOT_ALLOWED_WORD: "a word that is not allowed here",
    Code.BOOL_FOR_NUMBER: "yes/no where a number is expected",
    Code.BOOL_FOR_WORD: "a word YAML reads as true or false",
    Code.EMPTY_TEXT: "empty text",
    Code.NOT_TEXT: "not text",
    Code.QUOTED_NUMBER: "a number in quotes",
    Code.NOT_WHOLE_NUMBER: "not a whole number",
    Code.QUOTED_BOOL: "true or false in quotes",
    Code.NOT_BOOL: "not true or false",
    Code.NOT_KEYS: "keys expected",
    Code.NOT_NAME_VALUES: "`name: value` lines expected",
    Code.NOT_A_LIST: "a list expected",
    Code.TOO_FEW: "too few entries",
    Code.BAD_ID: "not a valid id",
    Code.BAD_VALUE: "a value that is not valid here",
    Code.ID_NOT_FILE_NAME: "the id is not the file's name",
    Code.RESERVED_ID: "the id of one of the game's own scenarios or quizzes",
    Code.DUPLICATE_ID: "an id used by another file",
    Code.BAD_CONDITION: "a condition that cannot be read",
    Code.CONDITION_NOT_TEXT: "`if:` is not a condition",
    Code.METER_AS_FLAG: "a meter used as a flag",
    Code.FLAG_COMPARED: "a flag compared with a number",
    Code.UNDECLARED_NAME: "a condition names no meter or flag",
    Code.SCENE_AND_ENDING: "an id that is both a scene and an ending",
    Code.FLAG_TWICE: "a flag declared twice",
    Code.METER_RANGE: "a meter's min is not less than its max",
    Code.METER_START: "a meter starts outside its range",
    Code.START_AT_ENDING: "`start:` names an ending",
    Code.START_NOT_SCENE: "`start:` names no scene",
    Code.GOTO_NOWHERE: "`goto:` names no scene or ending",
    Code.UNDECLARED_FLAG: "a flag not declared",
    Code.UNDECLARED_METER: "a meter not declared",
    Code.CHOICES_AND_ROUTE: "a scene with both choices and a route",
    Code.NO_CHOICES_NOR_ROUTE: "a scene with neither choices nor a route",
    Code.NO_CHOICE: "a scene with an empty list of choices",
    Code.EMPTY_ROUTE: "an empty route",
    Code.LAST_BRANCH_IF: "the last branch of a route has a condition",
    Code.BRANCH_WITHOUT_IF: "a branch without a condition before others",
    Code.HISTORICAL_WITHOUT_FACT: "a historical ending that cites no fact",
    Code.FLAG_NEVER_SET: "a flag tested that no choice sets",
    Code.NO_WAY_OUT: "scenes from which no ending can be reached",
    Code.NEVER_REACHED: "a scene or ending no `goto:` leads to",
    Code.STUCK: "a scene where the student can be stuck (--strict)",
    Code.TRAPPED: "a scene from which no ending can be reached (--strict)",
    Code.ROUTE_LOOP: "routes that go round in a loop (--strict)",
    Code.ENDING_UNREACHABLE: "an ending that can never be reached (--strict)",
    Code.TOO_LARGE_TO_EXPLORE: "too many situations to explore them all (--strict)",
    Code.NEVER_ENABLED: "a choice never enabled (--strict)",
    Code.MARK_NOT_NUMBER: "a mark that is not a whole number",
    Code.MARK_OUT_OF_RANGE: "a mark outside its meter's range",
    Code.MARK_NEVER_TESTED: "a mark no condition tests",
    Code.MARK_TWICE: "a mark written twice",
    Code.PARAGRAPH_NEVER_SHOWN: "a paragraph no reachable situation shows (--strict)",
    Code.UNKNOWN_MAP: "a map the game does not have",
    Code.PLACE_NOT_ROW_COL: "a place that is not `[row, column]`",
    Code.PLACE_OUTSIDE_PICTURE: "a place outside its map's picture",
    Code.PICTURE_TOO_LARGE: "a map picture too large for the side panel",
    Code.PLACE_NEVER_NAMED: "a place on the map no scene names",
    Code.KURIL_MAP_LEFT_OUT: "a scenario about the Kurils without `map: kurils`",
    Code.UNKNOWN_QUESTION_TYPE: "an unknown question type",
    Code.NO_QUESTION_TYPE: "a question with no type",
    Code.QUESTION_WITHOUT_FACT: "a question that cites no fact",
    Code.QUESTION_ID_TWICE: "a question id used twice",
    Code.LISTED_TWICE: "an option or item listed twice",
    Code.SAME_MATCH: "two items with the same match",
    Code.ANSWER_NOT_OPTION: "an answer that is not one of the options",
    Code.UNKNOWN_FACT: "a fact not in the fact base",
    Code.SOURCE_TWICE: "a source defined in two files",
    Code.FACT_TWICE: "a fact defined in two files",
    Code.YEAR_INFERRED_WITHOUT_YEAR: "a year said to be inferred, with no year",
    Code.UNKNOWN_SOURCE: "a source not declared",
    Code.GLOSSARY_NOT_TEXT: "a glossary definition that is not text",
    Code.GLOSSARY_EMPTY: "an empty glossary definition",
    Code.GLOSSARY_BAD_TERM: "a glossary term that cannot be a term",
    Code.GLOSSARY_TERM_TWICE: "a glossary term defined twice",
    Code.GLOSSARY_LONG: "a long glossary definition",
    Code.GLOSSARY_NEVER_USED: "a glossary term no text uses",
    Code.SOURCE_YEAR_INFERRED_WITHOUT_YEAR: "a source's year said to be inferred, with no year",
    Code.MONTH_OUT_OF_RANGE: "a month that is not 1 to 12",
    Code.NO_SUCH_DAY: "a day its month does not have",
    Code.DAY_WITHOUT_MONTH: "a day with no month",
    Code.DATE_WITHOUT_YEAR: "a month or `after:` with no year",
    Code.AFTER_AND_DATE: "both a date and `after:`",
    Code.AFTER_OTHER_YEAR: "`after:` names a fact of another year",
    Code.AFTER_LOOP: "`after:` goes round in a loop",
    Code.BANK_UNCLOSED_ANSWERS: "GIFT answers opened with `{` and not closed",
    Code.BANK_NO_RIGHT_ANSWER: "an imported question with no right answer",
    Code.BANK_BAD_ANSWER: "an answer of a question bank that cannot be read",
    Code.BANK_UNSUPPORTED: "a kind of question the game does not have (left out)",
    Code.BANK_NOT_XML: "not well-formed XML",
    Code.BANK_XML_REFUSED: "XML with entities or a DTD (refused)",
    Code.BANK_NOT_MOODLE: "XML that is not a Moodle question bank",
    Code.BANK_NO_QUESTIONS: "a question bank with no question to import",
    Code.BANK_NOT_VALID_HERE: "an imported question the game cannot hold as it is (left out)",
    Code.COURSE_UNKNOWN_KEY: "a key `course.yaml` does not have",
    Code.COURSE_NO_TITLE: "a course with no title",
    Code.COURSE_NOT_TEXT: "a course's title or introduction that is not text",
    Code.COURSE_PARAGRAPHS: "a course introduction of more than one paragraph",
    Code.PACK_VERSION: "a packed file of a version the game does not know",
    Code.PACK_UNKNOWN_KEY: "a key a packed file does not have",
    Code.PACK_NO_SCENARIO: "a packed file with no scenario",
    Code.PACK_PART_NOT_MAPPING: "a part of a packed file that is not a mapping",
    Code.IMPORT_FACT_CONFLICT: "an imported fact whose id the folder uses for another",
    Code.IMPORT_SOURCE_CONFLICT: "an imported source whose id the folder uses for another",
    Code.IMPORT_SCENARIO_CONFLICT: "an imported scenario whose file the folder has, different",
    Code.IMPORT_TERM_CONFLICT: "an imported glossary term the folder defines otherwise",
    Code.UNEXPECTED: "a file the game could not check",
    # Two delegations at one table (issue 34).
    Code.ROLES_NOT_TWO: "a table without exactly two roles",
    Code.ROLE_AND_ROLES: "`role:` and `roles:` together",
    Code.UNKNOWN_SIDE: "a `side:` that names no role",
    Code.MOVES_WITHOUT_ROUTE: "a `moves:` scene without a `route:`",
    Code.MOVES_UNKNOWN_ROLE: "moves, a debrief or a `good:` for a role the table does not have",
    Code.MOVES_MISSING_ROLE: "a `moves:` scene where one side has no moves",
    Code.SIDE_CHOICE_WITHOUT_GOTO: "a choice of a one-side scene without `goto:`",
    Code.MOVE_WITH_GOTO: "a move with a `goto:`",
    Code.MOVES_AND_CHOICES: "a scene with `moves:` and `choices:` (or `side:`)",
    Code.TABLE_SOFT_LOCK: "a side that can be left with no move",
    Code.CHOICES_WITHOUT_SIDE: "a table's scene with `choices:` and no `side:`",
}
