"""PDFs: text for the core fonts (fpdf2's helvetica, Latin-1 only), the printed documents the
portal edits (the urbanism fiche, the survey's report), and the archival PDF/A of the published
acts with its embedded font."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

# The other characters our French texts use, and what stands for them.
LATIN1 = str.maketrans(
    {"—": "-", "–": "-", "’": "'", "‘": "'", "…": "...", "œ": "oe", "Œ": "OE", "→": "->",
     "\u202f": " ", "\u2009": " ", "“": '"', "”": '"'}
)  # fmt: skip


def latin1(text: object) -> str:
    return str(text).translate(LATIN1).encode("latin-1", "replace").decode("latin-1")


GREEN = (11, 90, 60)  # the portal's colour, for headings


class PrintedDocument(FPDF):
    """An A4 document the portal edits, in the core fonts: its title and author in the metadata,
    uncompressed (its text stays searchable by simple tools and tests), a footer line on every
    page (`footer_text`, then the page number) and headings in the portal's colour."""

    def __init__(self, title: str, author: str) -> None:
        super().__init__(format="A4")
        self.set_compression(False)
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(latin1(title))
        self.set_author(latin1(author))
        self.set_creator("Girou")

    def footer_text(self) -> str:
        return ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("helvetica", "I", 8)
        self.set_text_color(80, 80, 80)
        text = f"{self.footer_text()} - page {self.page_no()}/{{nb}}"
        self.cell(0, 5, latin1(text), align="C")

    def heading(self, text: str, size: int = 12) -> None:
        self.ln(2)
        self.set_font("helvetica", "B", size)
        self.set_text_color(*GREEN)
        self.multi_cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def paragraph(self, text: str, style: str = "", size: float = 10) -> None:
        self.set_font("helvetica", style, size)
        self.multi_cell(0, 5, latin1(text), new_x="LMARGIN", new_y="NEXT")


# --- archival PDFs (PDF/A-2B) -----------------------------------------------------------------

FONTS_DIR = Path(__file__).parent / "data" / "fonts"
ARCHIVAL_FONT = "dejavu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


@lru_cache(maxsize=1)
def _archival_codepoints() -> frozenset[int]:
    """The characters every style of the embedded font draws (the files are subsets)."""
    common: set[int] | None = None
    for name in _FONT_FILES.values():
        with TTFont(FONTS_DIR / name, lazy=True) as font:
            points = set(font.getBestCmap())
        common = points if common is None else common & points
    return frozenset(common or ())


def archival_text(text: object) -> str:
    """`text` with what the embedded font cannot draw replaced (never a missing glyph)."""
    text = str(text).replace("\t", " ")
    points = _archival_codepoints()
    return "".join(c if c == "\n" or ord(c) in points else "?" for c in text)


class ArchivalPDF(FPDF):
    """A PDF/A-2B document (ISO 19005-2, level B), as fpdf2 enforces it: fonts embedded (a
    subset of DejaVu Sans shipped in portal/data/fonts), the sRGB output intent and the XMP
    metadata that declare the conformance, no encryption. For the acts the portal publishes:
    "un format non modifiable" that archives keep (CGCT R2131-1)."""

    def __init__(self, title: str, author: str) -> None:
        super().__init__(format="A4", enforce_compliance="PDF/A-2B")
        for style, name in _FONT_FILES.items():
            self.add_font(ARCHIVAL_FONT, style, str(FONTS_DIR / name))
        self.set_lang("fr-FR")
        self.set_title(archival_text(title))
        self.set_author(archival_text(author))
        self.set_creator("Girou")
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
