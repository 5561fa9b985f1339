"""A questionnaire as data: a TOML file of sections and questions, checked with errors that name
the file, the line and the key, and the rules an answer obeys (types, bounds, required answers,
skip rules). Pure: no database, no Flask."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TYPES = ("number", "single", "multiple", "scale", "yesno", "text", "longtext", "table")
COLUMN_TYPES = ("number", "single", "yesno", "text")
# Types a skip rule may look at: their answers are values, not prose.
RULE_TYPES = ("number", "single", "multiple", "scale", "yesno")
TEXT_TYPES = ("text", "longtext")  # free text: never shown outside the staff's pages
ID_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")
TEXT_MAX, LONGTEXT_MAX = 200, 4000
TABLE_ROWS_MAX = 100

_TOP_KEYS = ("title", "intro", "sections")
_SECTION_KEYS = ("id", "title", "intro", "skip_if", "questions")
_QUESTION_KEYS = (
    "id", "type", "label", "help", "required", "skip_if", "unit", "min", "max", "integer",
    "choices", "labels", "columns", "max_rows",
)  # fmt: skip
_COLUMN_KEYS = ("id", "type", "label", "unit", "min", "max", "integer", "choices")
_HEADER_RE = re.compile(r"\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")
_KEY_RE = re.compile(r"([A-Za-z0-9_-]+)\s*=")
_SYNTAX_RE = re.compile(r"(.*) \(at line (\d+), column (\d+)\)", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One mistake of a questionnaire file: `file:line: key: reason`."""

    path: str
    line: int | None
    key: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.key}: {self.reason}" if self.key else f"{where}: {self.reason}"


class QuestionnaireError(Exception):
    """A questionnaire file that cannot be used; `problems` lists every mistake found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class SkipRule:
    """Skip (a section or a question) when the answer to `question` is `equals` (or, for a
    multiple choice, contains it)."""

    question: str
    equals: Any


@dataclass(frozen=True)
class Column:
    id: str
    type: str
    label: str
    unit: str = ""
    min: float | None = None
    max: float | None = None
    integer: bool = True
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    skip_if: SkipRule | None = None
    unit: str = ""
    min: float | None = None
    max: float | None = None
    integer: bool = True
    choices: tuple[tuple[str, str], ...] = ()  # (value, label), in file order
    labels: tuple[str, ...] = ()  # a scale's words, from min to max
    columns: tuple[Column, ...] = ()
    max_rows: int = 30

    @property
    def is_free_text(self) -> bool:
        return self.type in TEXT_TYPES

    def choice_label(self, value: Any) -> str:
        return dict(self.choices).get(value, str(value))

    def scale_points(self) -> list[int]:
        return list(range(int(self.min or 0), int(self.max or 0) + 1))


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str = ""
    skip_if: SkipRule | None = None
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Questionnaire:
    title: str
    intro: str
    sections: tuple[Section, ...]
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def question(self, question_id: str) -> Question:
        if not self._by_id:
            for section in self.sections:
                for question in section.questions:
                    self._by_id[question.id] = question
        return self._by_id[question_id]

    def questions(self) -> list[Question]:
        return [q for section in self.sections for q in section.questions]

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


# --- reading a file ---------------------------------------------------------------------------

_Where = tuple[int | None, int | None, str | None]  # (section, question, key)


def _key_lines(text: str) -> dict[_Where, int]:
    """Where each key is written, by a plain line scan of the [[sections]] and
    [[sections.questions]] headers (enough for files written the way the default one is)."""
    lines: dict[_Where, int] = {}
    section: int | None = None
    question: int | None = None
    sections = questions = -1
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if match := _HEADER_RE.match(stripped):
            if match[1] == "sections":
                sections += 1
                section, question, questions = sections, None, -1
            elif match[1] == "sections.questions":
                questions += 1
                question = questions
            lines.setdefault((section, question, None), number)
        elif match := _KEY_RE.match(stripped):
            lines.setdefault((section, question, match[1]), number)
    return lines


class _Reader:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = _key_lines(text)
        self.problems: list[Problem] = []

    def problem(self, s: int | None, q: int | None, key: str | None, reason: str) -> None:
        label = ""
        if s is not None:
            label = f"sections[{s}]" + (f".questions[{q}]" if q is not None else "")
        if key:
            label = f"{label}.{key}" if label else key
        line = None
        for where in ((s, q, key), (s, q, None)):
            if where in self.lines:
                line = self.lines[where]
                break
        self.problems.append(Problem(self.path, line, label, reason))


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    return {str: "a string", int: "an integer", float: "a number", list: "an array"}.get(
        type(value), "a table" if isinstance(value, dict) else type(value).__name__
    )


def load(path: Path | str) -> Questionnaire:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionnaireError([Problem(str(path), None, "", f"cannot read: {exc}")]) from exc
    return parse(text, str(path))


def parse(text: str, path: str = "questionnaire.toml") -> Questionnaire:
    """The questionnaire `text` describes, or QuestionnaireError listing every mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _SYNTAX_RE.fullmatch(str(exc))
        line = int(match[2]) if match else None
        reason = match[1] if match else str(exc)
        raise QuestionnaireError([Problem(path, line, "", f"invalid TOML: {reason}")]) from exc
    reader = _Reader(path, text)
    questionnaire = _questionnaire(reader, data)
    if reader.problems:
        raise QuestionnaireError(reader.problems)
    return questionnaire


def _text(r: _Reader, data: dict, s, q, key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None:
        if required:
            r.problem(s, q, key, "missing required key")
        return ""
    if not isinstance(value, str):
        r.problem(s, q, key, f"expected a string, got {_type_name(value)}")
        return ""
    if required and not value.strip():
        r.problem(s, q, key, "must not be empty")
    return value.strip()


def _number(r: _Reader, data: dict, s, q, key: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        r.problem(s, q, key, f"expected a number, got {_type_name(value)}")
        return None
    return value


def _unknown(r: _Reader, data: dict, s, q, allowed: tuple[str, ...], what: str) -> None:
    for key in data:
        if key not in allowed:
            r.problem(s, q, key, f"unknown key of a {what} (expected one of: {', '.join(allowed)})")


def _questionnaire(r: _Reader, data: dict) -> Questionnaire:
    _unknown(r, data, None, None, _TOP_KEYS, "questionnaire")
    title = _text(r, data, None, None, "title")
    intro = _text(r, data, None, None, "intro", required=False)
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        r.problem(None, None, "sections", "expected at least one [[sections]]")
        return Questionnaire(title, intro, ())
    sections: list[Section] = []
    seen: dict[str, Question] = {}  # questions before the current one, for the skip rules
    section_ids: set[str] = set()
    for s, raw in enumerate(raw_sections):
        if not isinstance(raw, dict):
            r.problem(s, None, None, "expected a table ([[sections]])")
            continue
        _unknown(r, raw, s, None, _SECTION_KEYS, "section")
        section_id = _identifier(r, raw, s, None)
        if section_id in section_ids:
            r.problem(s, None, "id", f"duplicate section id {section_id!r}")
        section_ids.add(section_id)
        skip = _skip_rule(r, raw, s, None, seen)
        questions: list[Question] = []
        raw_questions = raw.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            r.problem(s, None, "questions", "expected at least one [[sections.questions]]")
            raw_questions = []
        for q, raw_question in enumerate(raw_questions):
            if not isinstance(raw_question, dict):
                r.problem(s, q, None, "expected a table ([[sections.questions]])")
                continue
            question = _question(r, raw_question, s, q, seen)
            if question is None:
                continue
            if question.id in seen:
                r.problem(s, q, "id", f"duplicate question id {question.id!r}")
            seen[question.id] = question
            questions.append(question)
        sections.append(
            Section(
                id=section_id,
                title=_text(r, raw, s, None, "title"),
                intro=_text(r, raw, s, None, "intro", required=False),
                skip_if=skip,
                questions=tuple(questions),
            )
        )
    return Questionnaire(title, intro, tuple(sections))


def _identifier(r: _Reader, data: dict, s, q) -> str:
    value = _text(r, data, s, q, "id")
    if value and not ID_RE.fullmatch(value):
        r.problem(s, q, "id", f"{value!r} is not an id (a-z, 0-9, _; starts with a letter)")
    return value


def _choices(r: _Reader, data: dict, s, q, key: str = "choices") -> tuple[tuple[str, str], ...]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        r.problem(s, q, key, 'expected a table of choices: { value = "label", ... }')
        return ()
    choices = []
    for choice, label in value.items():
        if not ID_RE.fullmatch(choice):
            r.problem(s, q, key, f"{choice!r} is not a choice value (a-z, 0-9, _)")
        if not isinstance(label, str) or not label.strip():
            r.problem(s, q, key, f"the label of {choice!r} must be a non-empty string")
            continue
        choices.append((choice, label.strip()))
    return tuple(choices)


def _bounds(r: _Reader, data: dict, s, q, qtype: str) -> tuple[float | None, float | None, bool]:
    low, high = _number(r, data, s, q, "min"), _number(r, data, s, q, "max")
    integer = data.get("integer", True)
    if not isinstance(integer, bool):
        r.problem(s, q, "integer", f"expected true or false, got {_type_name(integer)}")
        integer = True
    if qtype == "scale":
        if low is None or high is None:
            r.problem(s, q, "min" if low is None else "max", "a scale needs min and max")
        elif int(low) != low or int(high) != high or not 0 <= high - low <= 10:
            r.problem(s, q, "max", "a scale goes from one integer to another, 11 points at most")
    if low is not None and high is not None and low > high:
        r.problem(s, q, "min", f"min ({low}) is above max ({high})")
    return low, high, integer


def _question(r: _Reader, data: dict, s, q, seen: Mapping[str, Question]) -> Question | None:
    _unknown(r, data, s, q, _QUESTION_KEYS, "question")
    question_id = _identifier(r, data, s, q)
    qtype = data.get("type")
    if qtype not in TYPES:
        reason = (
            "missing required key" if qtype is None else f"unknown question type {qtype!r}"
        ) + f" (expected one of: {', '.join(TYPES)})"
        r.problem(s, q, "type", reason)
        return None
    required = data.get("required", False)
    if not isinstance(required, bool):
        r.problem(s, q, "required", f"expected true or false, got {_type_name(required)}")
        required = False
    fields: dict[str, Any] = {}
    if qtype in ("number", "scale"):
        fields["min"], fields["max"], fields["integer"] = _bounds(r, data, s, q, qtype)
        fields["unit"] = _text(r, data, s, q, "unit", required=False)
    if qtype == "scale":
        labels = data.get("labels", [])
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            r.problem(s, q, "labels", "expected an array of strings")
            labels = []
        fields["labels"] = tuple(labels)
    if qtype in ("single", "multiple"):
        fields["choices"] = _choices(r, data, s, q)
    if qtype == "table":
        fields["columns"] = _columns(r, data, s, q)
        max_rows = data.get("max_rows", 30)
        if isinstance(max_rows, bool) or not isinstance(max_rows, int):
            r.problem(s, q, "max_rows", f"expected an integer, got {_type_name(max_rows)}")
        elif not 1 <= max_rows <= TABLE_ROWS_MAX:
            r.problem(s, q, "max_rows", f"must be between 1 and {TABLE_ROWS_MAX}")
        else:
            fields["max_rows"] = max_rows
    for key in ("unit", "min", "max", "integer", "choices", "labels", "columns", "max_rows"):
        if key in data and key not in fields and not (key == "integer" and qtype == "number"):
            r.problem(s, q, key, f"not a key of a {qtype} question")
    return Question(
        id=question_id,
        type=qtype,
        label=_text(r, data, s, q, "label"),
        help=_text(r, data, s, q, "help", required=False),
        required=required,
        skip_if=_skip_rule(r, data, s, q, seen),
        **fields,
    )


def _columns(r: _Reader, data: dict, s, q) -> tuple[Column, ...]:
    raw = data.get("columns")
    if not isinstance(raw, list) or not raw or not all(isinstance(c, dict) for c in raw):
        r.problem(s, q, "columns", "expected an array of column tables: [{ id, type, label }]")
        return ()
    columns = []
    for n, column in enumerate(raw):
        _unknown(r, column, s, q, _COLUMN_KEYS, f"column (columns[{n}])")
        ctype = column.get("type")
        if ctype not in COLUMN_TYPES:
            r.problem(
                s, q, "columns",
                f"columns[{n}]: unknown column type {ctype!r} "
                f"(expected one of: {', '.join(COLUMN_TYPES)})",
            )  # fmt: skip
            continue
        fields: dict[str, Any] = {}
        if ctype == "number":
            fields["min"], fields["max"], fields["integer"] = _bounds(r, column, s, q, ctype)
            fields["unit"] = _text(r, column, s, q, "unit", required=False)
        if ctype == "single":
            fields["choices"] = _choices(r, column, s, q)
        column_id = str(column.get("id", ""))
        if not ID_RE.fullmatch(column_id):
            r.problem(s, q, "columns", f"columns[{n}]: {column_id!r} is not an id")
        columns.append(
            Column(id=column_id, type=ctype, label=_text(r, column, s, q, "label"), **fields)
        )
    ids = [c.id for c in columns]
    if len(set(ids)) != len(ids):
        r.problem(s, q, "columns", "two columns have the same id")
    return tuple(columns)


def _skip_rule(r: _Reader, data: dict, s, q, seen: Mapping[str, Question]) -> SkipRule | None:
    raw = data.get("skip_if")
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"question", "equals"}:
        r.problem(s, q, "skip_if", 'expected { question = "id", equals = value }')
        return None
    target_id = raw["question"]
    target = seen.get(target_id) if isinstance(target_id, str) else None
    if target is None:
        r.problem(
            s, q, "skip_if",
            f"points to no question before it: {target_id!r} (a rule looks at an earlier answer)",
        )  # fmt: skip
        return None
    if target.type not in RULE_TYPES:
        r.problem(s, q, "skip_if", f"cannot look at the {target.type} question {target_id!r}")
        return None
    value = raw["equals"]
    if target.type == "yesno" and not isinstance(value, bool):
        r.problem(s, q, "skip_if", f"{target_id!r} is a yes/no question: equals true or false")
    elif target.type in ("single", "multiple") and value not in dict(target.choices):
        r.problem(s, q, "skip_if", f"{value!r} is not a choice of {target_id!r}")
    elif target.type in ("number", "scale") and (
        isinstance(value, bool) or not isinstance(value, int | float)
    ):
        r.problem(s, q, "skip_if", f"{target_id!r} is a number: equals a number")
    return SkipRule(target_id, value)


# --- answers ----------------------------------------------------------------------------------


def rule_applies(rule: SkipRule | None, answers: Mapping[str, Any]) -> bool:
    if rule is None or rule.question not in answers:
        return False
    answer = answers[rule.question]
    if isinstance(answer, list):
        return rule.equals in answer
    return answer == rule.equals


def is_skipped(section: Section, question: Question | None, answers: Mapping[str, Any]) -> bool:
    if rule_applies(section.skip_if, answers):
        return True
    return question is not None and rule_applies(question.skip_if, answers)


def field_name(question_id: str, *parts: object) -> str:
    return "-".join(("q", question_id, *map(str, parts)))


def _parse_number(text: str, low, high, integer: bool, unit: str) -> tuple[Any, str | None]:
    cleaned = text.replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None, "Indiquez un nombre."
    if not math.isfinite(value):
        return None, "Indiquez un nombre."
    if integer:
        if value != int(value):
            return None, "Indiquez un nombre entier."
        value = int(value)
    unit = f" {unit}" if unit else ""
    if low is not None and value < low:
        return None, f"Le nombre doit être au moins {_plain(low)}{unit}."
    if high is not None and value > high:
        return None, f"Le nombre doit être au plus {_plain(high)}{unit}."
    return value, None


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number).replace(".", ",")


def read_answer(question: Question, form: Any) -> tuple[Any, str | None]:
    """The answer a submitted form gives `question` (None: no answer) and the French message
    of what is wrong with it. `form` is a werkzeug MultiDict (or anything with get/getlist)."""
    name = field_name(question.id)
    text = " ".join(str(form.get(name, "")).split())
    if question.type == "number":
        return _parse_number(text, question.min, question.max, question.integer, question.unit)
    if question.type == "scale":
        if not text:
            return None, None
        value, error = _parse_number(text, question.min, question.max, True, "")
        return value, error and "Choisissez une valeur de l’échelle."
    if question.type == "yesno":
        if text in ("oui", "non"):
            return text == "oui", None
        return None, None if not text else "Répondez par oui ou par non."
    if question.type == "single":
        if text and text not in dict(question.choices):
            return None, "Choisissez une des réponses proposées."
        return text or None, None
    if question.type == "multiple":
        values = [v for v in form.getlist(name) if v]
        if any(v not in dict(question.choices) for v in values):
            return None, "Choisissez parmi les réponses proposées."
        order = [value for value, _ in question.choices]
        return sorted(set(values), key=order.index) or None, None
    if question.type in TEXT_TYPES:
        multiline = question.type == "longtext"
        raw = str(form.get(name, "")).replace("\r\n", "\n").replace("\x00", "")
        value = raw.strip() if multiline else text
        limit = LONGTEXT_MAX if multiline else TEXT_MAX
        if len(value) > limit:
            return None, f"La réponse dépasse {limit} caractères ({len(value)})."
        return value or None, None
    if question.type == "table":
        return _read_table(question, form)
    raise ValueError(question.type)


def _read_table(question: Question, form: Any) -> tuple[Any, str | None]:
    rows = []
    for n in range(question.max_rows):
        cells = {c.id: " ".join(str(form.get(field_name(question.id, n, c.id), "")).split())
                 for c in question.columns}  # fmt: skip
        if not any(cells.values()):
            continue
        row: dict[str, Any] = {}
        for column in question.columns:
            text = cells[column.id]
            if not text:
                row[column.id] = None
                continue
            if column.type == "number":
                value, error = _parse_number(
                    text, column.min, column.max, column.integer, column.unit
                )
            elif column.type == "single":
                ok = text in dict(column.choices)
                value, error = (text, None) if ok else (None, "choisissez une réponse proposée")
            elif column.type == "yesno":
                ok = text in ("oui", "non")
                value, error = (text == "oui", None) if ok else (None, "oui ou non")
            else:
                value, error = text[:TEXT_MAX], None
            if error:
                return None, f"Ligne {len(rows) + 1}, « {column.label} » : {error}"
            row[column.id] = value
        rows.append(row)
    return rows or None, None


def read_section(
    section: Section, form: Any, answers: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers of `section` in a submitted form, and the errors by field name (French).

    Skip rules see the earlier answers and this section's own; a skipped question keeps no
    answer. A required question left empty is an error, like a number out of bounds.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    seen = dict(answers)
    for question in section.questions:
        value, error = read_answer(question, form)
        if is_skipped(section, question, seen):
            seen.pop(question.id, None)
            continue
        if error:
            errors[field_name(question.id)] = f"« {question.label} » : {error}"
            continue
        if value is None and question.required:
            errors[field_name(question.id)] = f"« {question.label} » : une réponse est requise."
            continue
        values[question.id] = value
        seen[question.id] = value
    return values, errors


def section_complete(section: Section, answers: Mapping[str, Any]) -> bool:
    """Every required, not skipped question of `section` has an answer."""
    if is_skipped(section, None, answers):
        return True
    return all(
        q.id in answers and answers[q.id] is not None
        for q in section.questions
        if q.required and not is_skipped(section, q, answers)
    )


def kept_answers(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers once every skip rule is applied: a skipped question keeps none."""
    kept: dict[str, Any] = {}
    for section in questionnaire.sections:
        for question in section.questions:
            if question.id in answers and not is_skipped(section, question, answers):
                kept[question.id] = answers[question.id]
    return kept


def default_path() -> Path:
    return Path(__file__).parent / "data" / "questionnaire.toml"


def default_text() -> str:
    return default_path().read_text(encoding="utf-8")
