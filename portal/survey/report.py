"""The printable report of a campaign for the bureau (PDF): the answer rate, then each question's
figures as bars with their numbers. No free-text answer appears in it."""

from __future__ import annotations

import datetime as dt

from portal.pdf import PrintedDocument, latin1
from portal.survey.results import CampaignResults

BAR = (0, 114, 178)


class Report(PrintedDocument):
    def __init__(self, territory_name: str, title: str, generated: dt.datetime) -> None:
        super().__init__(title, territory_name)
        self.territory_name, self.report_title, self.generated = territory_name, title, generated

    def footer_text(self) -> str:
        return f"{self.report_title} - {self.territory_name} - édité le {self.generated:%d/%m/%Y}"

    def bars(self, counts, total: int) -> None:
        label_width, bar_width = 80, 70
        for count in counts:
            if self.will_page_break(6):
                self.add_page()
            share = count.value / total if total else 0
            self.set_font("helvetica", "", 9)
            y = self.get_y()
            self.cell(label_width, 5, latin1(count.label)[:55])
            self.set_fill_color(*BAR)
            if share:
                self.rect(self.get_x(), y + 1, bar_width * share, 3.5, style="F")
            self.set_x(self.l_margin + label_width + bar_width + 2)
            self.cell(
                0, 5, f"{count.value} ({round(100 * share)} %)", new_x="LMARGIN", new_y="NEXT"
            )


def build_report(results: CampaignResults, territory_name: str, generated: dt.datetime) -> bytes:
    campaign = results.campaign
    pdf = Report(territory_name, campaign.title, generated)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.heading(campaign.title, 16)
    pdf.paragraph(
        f"{territory_name} - du {campaign.opens_on:%d/%m/%Y} au {campaign.closes_on:%d/%m/%Y}"
    )
    pdf.paragraph(
        f"Taux de réponse : {results.submitted} mairie{'s' if results.submitted > 1 else ''} "
        f"sur {results.total} "
        f"({round(100 * results.rate)} %), {results.in_progress} en cours.",
        "B",
    )
    section = None
    for result in results.questions:
        if result.section != section:
            section = result.section
            pdf.heading(section, 13)
        pdf.paragraph(result.question.label, "B")
        pdf.paragraph(f"{result.answered} réponse(s) sur {results.submitted}.", "I", 9)
        if result.kind == "free":
            pdf.paragraph(
                "Réponses en texte libre : consultables par mairie, réservées au personnel.", "", 9
            )
            continue
        pdf.bars(
            result.counts, results.submitted if result.kind != "histogram" else result.answered
        )
        for label, counts in result.columns:
            pdf.paragraph(label, "I", 9)
            pdf.bars(counts, sum(c.value for c in counts))
        for name, value in result.figures.items():
            pdf.paragraph(f"{name} : {value}", "", 9)
    return bytes(pdf.output())
