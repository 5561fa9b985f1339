"""The results of a campaign: counts per question, the answer rate, one row per commune, the
comparison of two campaigns, and the values a map colours the communes by. Free-text answers
are counted here, never quoted."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collab.territory import Territory
from portal.survey import questionnaire as q
from portal.survey.models import IN_PROGRESS, SUBMITTED, SurveyCampaign, SurveyResponse

NO_ANSWER = "Sans réponse"
STATUS_LABELS = {SUBMITTED: "répondu", IN_PROGRESS: "en cours", None: "pas commencé"}


@dataclass
class Count:
    label: str
    value: int


@dataclass
class QuestionResult:
    question: q.Question
    section: str
    answered: int  # mairies with an answer
    counts: list[Count] = field(default_factory=list)  # bars (choices, bins, points)
    kind: str = "bars"  # bars / histogram / free / table
    figures: dict[str, str] = field(default_factory=dict)  # mean, median, total… (French)
    columns: list[tuple[str, list[Count]]] = field(default_factory=list)  # a table's columns


@dataclass
class CampaignResults:
    campaign: SurveyCampaign
    questionnaire: q.Questionnaire
    total: int  # mairies of the territory
    submitted: int
    in_progress: int
    questions: list[QuestionResult]
    responses: dict[str, SurveyResponse]  # by INSEE code

    @property
    def rate(self) -> float:
        return self.submitted / self.total if self.total else 0.0


def answers_version(db: Session, *campaign_ids: int) -> tuple:
    """What the results of campaigns depend on: their answers' count and last change."""
    return tuple(
        db.execute(
            select(func.count(), func.max(SurveyResponse.updated_at)).where(
                SurveyResponse.campaign_id == campaign_id
            )
        ).one()
        for campaign_id in campaign_ids
    )


def responses(db: Session, campaign_id: int) -> dict[str, SurveyResponse]:
    rows = db.scalars(select(SurveyResponse).where(SurveyResponse.campaign_id == campaign_id))
    return {row.insee: row for row in rows}


def fr_number(value: float, digits: int = 1) -> str:
    if value == int(value):
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def _choice_counts(choices, values: list[Any]) -> list[Count]:
    counter = Counter()
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            counter[item] += 1
    return [Count(label, counter[value]) for value, label in choices]


def _edges(values: list[float]) -> list[tuple[float, float]]:
    """Round bins (1, 2, 2.5 or 5 times a power of ten wide) covering the values, 8 at most."""
    low, high = min(values), max(values)
    if low == high:
        return [(low, low)]
    bins = min(8, max(3, int(math.sqrt(len(values))) + 1))
    raw = (high - low) / bins
    magnitude = 10 ** math.floor(math.log10(raw))
    width = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    edges, left = [], math.floor(low / width) * width
    while left <= high:
        edges.append((left, left + width))
        left += width
    return edges


def _binned(values: list[float], edges: list[tuple[float, float]], unit: str) -> list[Count]:
    if len(edges) == 1 and edges[0][0] == edges[0][1]:
        return [Count(f"{fr_number(edges[0][0])} {unit}".strip(), len(values))]
    last = edges[-1][1]
    return [
        Count(
            f"{fr_number(left)} à {fr_number(right)} {unit}".strip(),
            sum(1 for v in values if left <= v < right or (right == last and v == right)),
        )
        for left, right in edges
    ]


def _histogram(values: list[float], unit: str) -> list[Count]:
    return _binned(values, _edges(values), unit) if values else []


def _figures(values: list[float], unit: str) -> dict[str, str]:
    if not values:
        return {}
    unit = f" {unit}" if unit else ""
    return {
        "Moyenne": fr_number(statistics.fmean(values)) + unit,
        "Médiane": fr_number(statistics.median(values)) + unit,
        "Minimum": fr_number(min(values)) + unit,
        "Maximum": fr_number(max(values)) + unit,
        "Total": fr_number(sum(values)) + unit,
    }


def question_result(
    section: q.Section, question: q.Question, answers: list[dict[str, Any]]
) -> QuestionResult:
    values = [a[question.id] for a in answers if a.get(question.id) is not None]
    result = QuestionResult(question, section.title, len(values))
    if question.type in ("single", "multiple"):
        result.counts = _choice_counts(question.choices, values)
    elif question.type == "yesno":
        result.counts = [
            Count("Oui", sum(1 for v in values if v is True)),
            Count("Non", sum(1 for v in values if v is False)),
        ]
    elif question.type == "scale":
        labels = list(question.labels)
        points = question.scale_points()
        result.counts = [
            Count(
                f"{point} — {labels[i]}" if i < len(labels) else str(point),
                sum(1 for v in values if v == point),
            )
            for i, point in enumerate(points)
        ]
        result.figures = {"Moyenne": fr_number(statistics.fmean(values))} if values else {}
    elif question.type == "number":
        result.kind = "histogram"
        result.counts = _histogram([float(v) for v in values], question.unit)
        result.figures = _figures([float(v) for v in values], question.unit)
    elif question.type in q.TEXT_TYPES:
        result.kind = "free"
    elif question.type == "table":
        result.kind = "table"
        rows = [row for value in values for row in value]
        result.figures = {"Lignes saisies": fr_number(len(rows))}
        for column in question.columns:
            cells = [row.get(column.id) for row in rows if row.get(column.id) is not None]
            if column.type == "single":
                result.columns.append((column.label, _choice_counts(column.choices, cells)))
            elif column.type == "yesno":
                yes = sum(1 for c in cells if c is True)
                result.columns.append(
                    (column.label, [Count("Oui", yes), Count("Non", len(cells) - yes)])
                )
            elif column.type == "number":
                numbers = [float(c) for c in cells]
                result.columns.append((column.label, _histogram(numbers, column.unit)))
                for name, text in _figures(numbers, column.unit).items():
                    if name in ("Moyenne", "Médiane"):
                        result.figures[f"{column.label} : {name.lower()}"] = text
    return result


def campaign_results(
    db: Session, campaign: SurveyCampaign, questionnaire: q.Questionnaire, territory: Territory
) -> CampaignResults:
    members = {commune.insee for commune in territory.communes}
    by_insee = {insee: row for insee, row in responses(db, campaign.id).items() if insee in members}
    done = [row.answers for row in by_insee.values() if row.status == SUBMITTED]
    questions = [
        question_result(section, question, done)
        for section in questionnaire.sections
        for question in section.questions
    ]
    return CampaignResults(
        campaign=campaign,
        questionnaire=questionnaire,
        total=len(territory.communes),
        submitted=len(done),
        in_progress=sum(1 for row in by_insee.values() if row.status == IN_PROGRESS),
        questions=questions,
        responses=by_insee,
    )


# --- one answer in words ----------------------------------------------------------------------


def answer_text(question: q.Question, value: Any) -> str:
    """An answer as a spreadsheet or a table cell shows it."""
    if value is None:
        return ""
    if question.type == "yesno":
        return "oui" if value else "non"
    if question.type == "single":
        return question.choice_label(value)
    if question.type == "multiple":
        return "; ".join(question.choice_label(v) for v in value)
    if question.type in ("number", "scale"):
        return fr_number(value, 2) + (f" {question.unit}" if question.unit else "")
    if question.type == "table":
        return " | ".join(
            ", ".join(
                f"{c.label} : {_cell_text(c, row.get(c.id))}"
                for c in question.columns
                if row.get(c.id) is not None
            )
            for row in value
        )
    return str(value)


def _cell_text(column: q.Column, value: Any) -> str:
    if column.type == "single":
        return dict(column.choices).get(value, str(value))
    if column.type == "yesno":
        return "oui" if value else "non"
    if column.type == "number":
        return fr_number(value, 2) + (f" {column.unit}" if column.unit else "")
    return str(value)


def category_of(question: q.Question, value: Any) -> str | None:
    """The category a map colours a commune with (a choice, oui/non, a scale point)."""
    if value is None:
        return None
    if question.type == "yesno":
        return "Oui" if value else "Non"
    if question.type == "single":
        return question.choice_label(value)
    if question.type == "scale":
        return str(value)
    return None


def submitted_values(found: CampaignResults, question_id: str) -> list[float]:
    return [
        float(row.answers[question_id])
        for row in found.responses.values()
        if row.status == SUBMITTED and row.answers.get(question_id) is not None
    ]


def shared_histogram(
    question: q.Question, first: CampaignResults, second: CampaignResults
) -> list[tuple[str, int, int]]:
    """A number's two campaigns on the same bins: (bin, count in first, count in second)."""
    a, b = submitted_values(first, question.id), submitted_values(second, question.id)
    if not a and not b:
        return []
    edges = _edges(a + b)
    return [
        (x.label, x.value, y.value)
        for x, y in zip(
            _binned(a, edges, question.unit), _binned(b, edges, question.unit), strict=True
        )
    ]


MAPPABLE = ("single", "yesno", "scale")


def mappable(questionnaire: q.Questionnaire) -> list[q.Question]:
    return [question for question in questionnaire.questions() if question.type in MAPPABLE]


def comparable(a: q.Questionnaire, b: q.Questionnaire) -> list[q.Question]:
    """The questions two campaigns share (same id, same type), not free text, in a's order."""
    others = {question.id: question for question in b.questions()}
    return [
        question
        for question in a.questions()
        if question.id in others
        and others[question.id].type == question.type
        and question.type not in (*q.TEXT_TYPES, "table")
    ]
