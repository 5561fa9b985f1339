"""A campaign's answers as a spreadsheet: one row per mairie (INSEE code, commune, status,
then one column per question), as CSV or as an OpenDocument spreadsheet (ODS, odfpy)."""

from __future__ import annotations

import csv
import io
from typing import Any

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P

from collab.territory import Territory
from portal.survey import questionnaire as q
from portal.survey.models import SurveyCampaign
from portal.survey.results import STATUS_LABELS, answer_text, responses

FORMATS = ("csv", "ods")


def header(questionnaire: q.Questionnaire) -> list[str]:
    return ["code_insee", "commune", "statut", *(x.id for x in questionnaire.questions())]


def rows(db, campaign: SurveyCampaign, questionnaire: q.Questionnaire, territory: Territory):
    """[INSEE, commune, status, answer…] per member commune, in the territory's order; numbers
    stay numbers, the rest is the answer in words."""
    found = responses(db, campaign.id)
    table = []
    for commune in territory.communes:
        response = found.get(commune.insee)
        answers = response.answers if response else {}
        line: list[Any] = [
            commune.insee,
            commune.name,
            STATUS_LABELS[response.status if response else None],
        ]
        for question in questionnaire.questions():
            value = answers.get(question.id)
            if question.type in ("number", "scale") and value is not None:
                line.append(value)
            else:
                line.append(answer_text(question, value))
        table.append(line)
    return table


def to_csv(head: list[str], table: list[list[Any]]) -> bytes:
    """UTF-8 with a BOM and semicolons: what a French spreadsheet opens as it is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(head)
    for line in table:
        writer.writerow(["" if v is None else str(v).replace(".", ",") if isinstance(v, float)
                         else v for v in line])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: Any) -> TableCell:
    if isinstance(value, bool) or not isinstance(value, int | float):
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=str(value)))
        return cell
    cell = TableCell(valuetype="float", value=value)
    cell.addElement(P(text=str(value)))
    return cell


def to_ods(head: list[str], table: list[list[Any]], sheet: str) -> bytes:
    document = OpenDocumentSpreadsheet()
    spreadsheet = Table(name=sheet[:31] or "Réponses")
    for _ in head:
        spreadsheet.addElement(TableColumn())
    for line in [head, *table]:
        row = TableRow()
        for value in line:
            row.addElement(_cell(value))
        spreadsheet.addElement(row)
    document.spreadsheet.addElement(spreadsheet)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def export(
    db, campaign: SurveyCampaign, questionnaire: q.Questionnaire, territory: Territory, fmt: str
) -> bytes:
    head, table = header(questionnaire), rows(db, campaign, questionnaire, territory)
    if fmt == "csv":
        return to_csv(head, table)
    if fmt == "ods":
        return to_ods(head, table, "Réponses")
    raise ValueError(fmt)
