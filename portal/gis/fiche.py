"""The printable "fiche de renseignements d'urbanisme" (PDF): information, not a certificate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portal.pdf import PrintedDocument, latin1

DISCLAIMER_TITLE = "Document d'information : ce n'est pas un certificat d'urbanisme"
DISCLAIMER = (
    "Cette fiche résume les données du plan local d'urbanisme (PLU) et du cadastre publiées sur "
    "le portail à la date indiquée. Elle n'a aucune valeur juridique, ne crée aucun droit et ne "
    "remplace pas un certificat d'urbanisme (articles L410-1 et R410-1 du code de l'urbanisme, "
    "formulaire Cerfa n° 13410), qui se demande à la mairie de la commune. Seuls les documents "
    "d'urbanisme approuvés, consultables en mairie, font foi."
)
DEMO_WARNING = (
    "DONNÉES DE DÉMONSTRATION : les couches affichées sont fictives (ni le cadastre, ni le PLU, "
    "ni les adresses réels)."
)


class Fiche(PrintedDocument):
    def __init__(self, territory_name: str, generated: dt.datetime) -> None:
        super().__init__("Fiche de renseignements d'urbanisme", territory_name)
        self.territory_name = territory_name
        self.generated = generated

    def footer_text(self) -> str:
        return (
            "Fiche d'information, sans valeur de certificat d'urbanisme - éditée le "
            f"{self.generated:%d/%m/%Y à %H:%M}"
        )

    def line_of(self, label: str, value: object) -> None:
        self.set_font("helvetica", "B", 10)
        self.cell(48, 6, latin1(label))
        self.set_font("helvetica", "", 10)
        self.multi_cell(0, 6, latin1(value), new_x="LMARGIN", new_y="NEXT")


def build_fiche(
    info: dict[str, Any], territory_name: str, generated: dt.datetime | None = None
) -> bytes:
    """The PDF for a lookup `summary`; the disclaimer is on the first page, in a frame."""
    generated = generated or dt.datetime.now()
    pdf = Fiche(territory_name, generated)
    pdf.add_page()
    pdf.set_font("helvetica", "", 10)
    pdf.cell(0, 5, latin1(territory_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 17)
    pdf.cell(0, 10, latin1("Fiche de renseignements d'urbanisme"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_draw_color(161, 21, 27)
    pdf.set_line_width(0.6)
    top = pdf.get_y()
    pdf.set_x(pdf.l_margin + 3)
    pdf.set_font("helvetica", "B", 11)
    pdf.set_text_color(161, 21, 27)
    pdf.multi_cell(pdf.epw - 6, 6, latin1(DISCLAIMER_TITLE.upper()), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_x(pdf.l_margin + 3)
    pdf.set_font("helvetica", "", 9.5)
    pdf.multi_cell(pdf.epw - 6, 5, latin1(DISCLAIMER), new_x="LMARGIN", new_y="NEXT")
    if info.get("demo"):
        pdf.set_x(pdf.l_margin + 3)
        pdf.set_font("helvetica", "B", 9.5)
        pdf.multi_cell(pdf.epw - 6, 5, latin1(DEMO_WARNING), new_x="LMARGIN", new_y="NEXT")
    pdf.rect(pdf.l_margin, top - 2, pdf.epw, pdf.get_y() - top + 4)
    pdf.ln(4)

    pdf.heading("Localisation")
    if info.get("commune"):
        pdf.line_of("Commune", f"{info['commune']['nom']} (INSEE {info['commune']['insee']})")
    if info.get("address"):
        pdf.line_of("Adresse", info["address"])
    parcel = info.get("parcel")
    if parcel:
        pdf.line_of(
            "Parcelle", f"section et numéro {parcel['reference']} (identifiant {parcel['id']})"
        )
        if parcel.get("contenance_text"):
            pdf.line_of("Contenance cadastrale", parcel["contenance_text"])
    else:
        pdf.line_of("Parcelle", "aucune parcelle cadastrale à cet endroit")
    pdf.line_of("Coordonnées", f"longitude {info['lon']:.6f}, latitude {info['lat']:.6f} (WGS 84)")

    pdf.heading("Zonage du plan local d'urbanisme")
    if not info.get("zones"):
        pdf.paragraph("Aucune zone de PLU publiée à cet endroit (commune au règlement national "
                      "d'urbanisme, ou PLU non encore publié).")  # fmt: skip
    for zone in info.get("zones", []):
        pdf.line_of("Zone", f"{zone['libelle']} - {zone['type_words']} ({zone['typezone']})")
        if zone.get("description"):
            pdf.line_of("Intitulé", zone["description"])
        pdf.line_of("Document", f"{zone['idurba']}, approuvé le {zone['datappro']}")
        if zone.get("nomfic") or zone.get("urlfic"):
            pdf.line_of("Règlement", " ".join(v for v in (zone["nomfic"], zone["urlfic"]) if v))
        pdf.ln(1)

    for key, title, empty in (
        ("prescriptions", "Prescriptions qui concernent la parcelle", "Aucune prescription."),
        ("informations", "Informations qui concernent la parcelle", "Aucune information."),
    ):
        pdf.heading(title)
        if not info.get(key):
            pdf.paragraph(empty)
        for item in info.get(key, []):
            text = item["libelle"] + (f" : {item['txt']}" if item.get("txt") else "")
            pdf.paragraph(f"- {text} (type {item['type']})")

    pdf.heading("Sources")
    for name, version in sorted(info.get("versions", {}).items()):
        pdf.paragraph(f"- couche {name} : version {version['number']} du {version['date']}"
                      + (" (démonstration)" if version["demo"] else ""), size=9)  # fmt: skip
    return bytes(pdf.output())
