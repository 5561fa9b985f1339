"""The séances' documents as PDF/A (portal.pdf.ArchivalPDF): the agenda, the list of
deliberations, each deliberation, the procès-verbal, all stating that they are the version
published and when (CGCT R2131-1: the author's name and quality and the date put online), and
the sign-in sheet to print for the day."""

from __future__ import annotations

import datetime as dt

from collab.french import date_fr, day_fr, time_fr
from portal.pdf import ARCHIVAL_FONT, ArchivalPDF, archival_text
from portal.seances.record import ItemRecord, SeanceRecord
from portal.seances.sitting_models import ACT_LABELS, AGENDA, DELIBERATION, DELIBERATIONS, MINUTES

GREEN = (11, 90, 60)


class ActPDF(ArchivalPDF):
    """A page layout with the publication's statement in every footer."""

    def __init__(self, title: str, author: str, statement: str) -> None:
        super().__init__(title, author)
        self.statement = statement

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(ARCHIVAL_FONT, "I", 7.5)
        self.set_text_color(70, 70, 70)
        self.multi_cell(
            0, 3.6, archival_text(f"{self.statement} — page {self.page_no()}/{{nb}}"), align="C"
        )
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 12) -> None:
        self.ln(2)
        self.set_font(ARCHIVAL_FONT, "B", size)
        self.set_text_color(*GREEN)
        self.multi_cell(0, 6.5, archival_text(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def paragraph(self, text: str, size: float = 10, style: str = "") -> None:
        if not text:
            return
        self.set_font(ARCHIVAL_FONT, style, size)
        self.multi_cell(0, 5, archival_text(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def line_of(self, label: str, value: str) -> None:
        self.set_font(ARCHIVAL_FONT, "B", 10)
        self.cell(45, 5.5, archival_text(label))
        self.set_font(ARCHIVAL_FONT, "", 10)
        self.multi_cell(0, 5.5, archival_text(value), new_x="LMARGIN", new_y="NEXT")

    def names(self, label: str, names) -> None:
        names = list(names)
        if names:
            self.line_of(label, f"{len(names)} : " + ", ".join(names) + ".")


def statement(portal_url: str, published_at: dt.datetime, author: str) -> str:
    """The mention every page of a published act carries."""
    return (
        f"Version publiée sur {portal_url} le {date_fr(published_at)} à {time_fr(published_at)}"
        f" — auteur : {author} — document non modifiable, en ligne au moins deux mois "
        "(CGCT L2131-1 et R2131-1)"
    )


def _title_block(pdf: ActPDF, record: SeanceRecord, kind_label: str, published: str) -> None:
    pdf.set_font(ARCHIVAL_FONT, "", 10)
    pdf.cell(0, 5, archival_text(record.epci), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(ARCHIVAL_FONT, "B", 16)
    pdf.multi_cell(
        0, 8, archival_text(f"{kind_label} — {record.instance_name}"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(ARCHIVAL_FONT, "", 11)
    when = f"Séance du {day_fr(record.day)} à {time_fr(record.starts_at)} — {record.place}"
    pdf.multi_cell(0, 6, archival_text(when), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    top = pdf.get_y()
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(0.5)
    pdf.set_x(pdf.l_margin + 3)
    pdf.set_font(ARCHIVAL_FONT, "B", 9.5)
    pdf.multi_cell(pdf.epw - 6, 5, archival_text(published), new_x="LMARGIN", new_y="NEXT")
    pdf.rect(pdf.l_margin, top - 1.5, pdf.epw, pdf.get_y() - top + 3)
    pdf.ln(4)


def _published_box(published_at: dt.datetime, author: str, portal_url: str) -> str:
    return (
        f"VERSION PUBLIÉE — mise en ligne le {day_fr(published_at.date())} à "
        f"{time_fr(published_at)} sur {portal_url}. Auteur : {author}. Ce document est la "
        "version publiée de l’acte, dans son intégralité et sous un format non modifiable "
        "(PDF/A) ; il reste en ligne au moins deux mois (CGCT L2131-1 et R2131-1)."
    )


def _item_result(pdf: ActPDF, item: ItemRecord) -> None:
    pdf.paragraph(item.result + ".", style="B")
    for line in item.named_lines():
        pdf.paragraph(line + ".", size=9.5)
    if item.without_quorum:
        pdf.paragraph("Délibération prise sans condition de quorum (CGCT L2121-17).", size=9)


def _attendance(pdf: ActPDF, record: SeanceRecord) -> None:
    pdf.heading("Présences")
    if record.president:
        pdf.line_of("Présidence", record.president)
    if record.secretary:
        pdf.line_of("Secrétaire de séance", record.secretary)
    pdf.names("Présents", record.present)
    pdf.names("À distance", record.remote)
    pdf.names("Suppléants", (f"{s} (suppléant de {t})" for s, t in record.substitutes))
    pdf.names("Représentés", (f"{g} (pouvoir à {h})" for g, h in record.represented))
    pdf.names("Absents", record.absent)
    for line in record.arrivals:
        pdf.paragraph(line + ".", size=9)
    pdf.line_of("Quorum", record.quorum_line)


def build_act(
    kind: str,
    record: SeanceRecord,
    *,
    published_at: dt.datetime,
    author: str,
    portal_url: str,
    item: ItemRecord | None = None,
    adopted_at: SeanceRecord | None = None,
) -> bytes:
    """The PDF/A of one act of the séance, as published at `published_at` (local time)."""
    label = ACT_LABELS[kind]
    if kind == DELIBERATION and item is not None:
        label = f"Délibération n° {item.number}"
    title = f"{label} — {record.instance_name} — séance du {date_fr(record.day)}"
    pdf = ActPDF(title, author, statement(portal_url, published_at, author))
    pdf.add_page()
    _title_block(pdf, record, label, _published_box(published_at, author, portal_url))
    if kind == AGENDA:
        pdf.heading("Ordre du jour")
        for entry in record.items:
            pdf.paragraph(f"{entry.position}. {entry.title}", style="B")
            if entry.rapporteur:
                pdf.paragraph(f"Rapporteur : {entry.rapporteur}", size=9.5)
    elif kind == DELIBERATIONS:
        pdf.paragraph(
            "Liste des délibérations examinées par l’assemblée au cours de la séance, mise en "
            "ligne dans la semaine qui suit (CGCT L2121-25).",
            size=9.5,
        )
        pdf.line_of("Quorum", record.quorum_line)
        for entry in record.items:
            number = f"n° {entry.number} — " if entry.number else ""
            pdf.heading(f"{entry.position}. {number}{entry.title}", size=10.5)
            _item_result(pdf, entry)
    elif kind == DELIBERATION and item is not None:
        pdf.line_of("Objet", item.title)
        if item.rapporteur:
            pdf.line_of("Rapporteur", item.rapporteur)
        pdf.line_of("Votants", f"{item.present} présents, {item.represented} représentés")
        _attendance(pdf, record)
        pdf.heading("Rapport")
        pdf.paragraph(item.note or "—")
        pdf.heading("Décision")
        pdf.paragraph(item.decision)
        _item_result(pdf, item)
    elif kind == MINUTES:
        _attendance(pdf, record)
        pdf.paragraph(record.summary)
        pdf.heading("Ordre du jour")
        for entry in record.items:
            pdf.paragraph(f"{entry.position}. {entry.title}")
        for entry in record.items:
            number = f" — délibération n° {entry.number}" if entry.number else ""
            pdf.heading(f"Point {entry.position} : {entry.title}{number}")
            if entry.rapporteur:
                pdf.line_of("Rapporteur", entry.rapporteur)
            if entry.note:
                pdf.paragraph(f"Rapport : {entry.note}", size=9.5)
            if entry.debate:
                pdf.paragraph(f"Débats : {entry.debate}", size=9.5)
            if entry.decision:
                pdf.paragraph(f"Décision : {entry.decision}", size=9.5)
            _item_result(pdf, entry)
        pdf.heading("Adoption")
        if adopted_at is not None and record.minutes_adopted_on:
            pdf.paragraph(
                f"Procès-verbal arrêté au commencement de la séance du "
                f"{day_fr(adopted_at.day)} (CGCT L2121-15), signé par le président et le "
                "secrétaire de séance."
            )
        if record.minutes_remarks:
            pdf.paragraph(f"Observations lors de son adoption : {record.minutes_remarks}")
        signatures = [s for s in (record.president_name, record.secretary) if s]
        pdf.paragraph("Signé : " + " ; ".join(signatures) + ".")
    return bytes(pdf.output())


def build_sheet(
    record: SeanceRecord, lines, names: dict[str, str], printed_at: dt.datetime
) -> bytes:
    """The sign-in sheet (feuille d'émargement) to print: one line per member, what is known
    of their attendance and a column to sign."""
    title = f"Feuille d’émargement — {record.instance_name} — {date_fr(record.day)}"
    pdf = ActPDF(
        title,
        record.epci,
        f"Feuille d’émargement imprimée le {date_fr(printed_at)} à {time_fr(printed_at)}",
    )
    pdf.add_page()
    pdf.set_font(ARCHIVAL_FONT, "", 10)
    pdf.cell(0, 5, archival_text(record.epci), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(ARCHIVAL_FONT, "B", 15)
    pdf.multi_cell(
        0,
        8,
        archival_text(f"Feuille d’émargement — {record.instance_name}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(ARCHIVAL_FONT, "", 10.5)
    pdf.multi_cell(
        0,
        6,
        archival_text(
            f"Séance du {day_fr(record.day)} à {time_fr(record.starts_at)} — {record.place}"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.paragraph(
        f"{len(lines)} membres en exercice ; quorum : {len(lines) // 2 + 1} présents (les "
        "pouvoirs ne comptent pas, CGCT L2121-17). Un membre ne détient qu’un pouvoir.",
        size=9,
    )
    pdf.set_font(ARCHIVAL_FONT, "", 9)
    with pdf.table(col_widths=(52, 48, 34, 40), line_height=7, first_row_as_headings=True) as table:
        table.row(("Membre", "Situation", "Pouvoir à", "Signature"))
        for line in lines:
            holder = names.get(line.proxy_to, line.proxy_to) if line.proxy_to else ""
            table.row(
                (archival_text(line.name), archival_text(line.situation), archival_text(holder), "")
            )
    return bytes(pdf.output())
