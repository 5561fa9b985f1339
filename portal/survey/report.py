"""The printable report of a campaign for the bureau (PDF): the answer rate, then each question's
figures as bars with their numbers. No free-text answer appears in it."""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF

from portal.pdf import latin1
from portal.survey.results import CampaignResults

GREEN = (11, 90, 60)
BAR = (0, 114, 178)


class Report(FPDF):
    def __init__(self, territory_name: str, title: str, generated: dt.datetime) -> None:
        super().__init__(format="A4")
        self.territory_name, self.report_title, self.generated = territory_name, title, generated
        self.set_compression(False)  # text stays searchable by simple tools and tests
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(latin1(title))
        self.set_author(latin1(territory_name))
        self.set_creator("Girou")

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("helvetica", "I", 8)
        self.set_text_color(80, 80, 80)
        self.cell(
            0,
            5,
            latin1(
                f"{self.report_title} - {self.territory_name} - édité le "
                f"{self.generated:%d/%m/%Y} - page {self.page_no()}/{{nb}}"
            ),
            align="C",
        )

    def heading(self, text: str, size: int = 12) -> None:
        self.ln(2)
        self.set_font("helvetica", "B", size)
        self.set_text_color(*GREEN)
        self.multi_cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def text_line(self, text: str, style: str = "", size: int = 10) -> None:
        self.set_font("helvetica", style, size)
        self.multi_cell(0, 5, latin1(text), new_x="LMARGIN", new_y="NEXT")

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
    pdf.text_line(
        f"{territory_name} - du {campaign.opens_on:%d/%m/%Y} au {campaign.closes_on:%d/%m/%Y}"
    )
    pdf.text_line(
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
        pdf.text_line(result.question.label, "B")
        pdf.text_line(f"{result.answered} réponse(s) sur {results.submitted}.", "I", 9)
        if result.kind == "free":
            pdf.text_line(
                "Réponses en texte libre : consultables par mairie, réservées au personnel.", "", 9
            )
            continue
        pdf.bars(
            result.counts, results.submitted if result.kind != "histogram" else result.answered
        )
        for label, counts in result.columns:
            pdf.text_line(label, "I", 9)
            pdf.bars(counts, sum(c.value for c in counts))
        for name, value in result.figures.items():
            pdf.text_line(f"{name} : {value}", "", 9)
    return bytes(pdf.output())
