"""PDFs: text for the core fonts (fpdf2's helvetica, Latin-1 only), and the archival PDF/A of
the published acts with its embedded font."""

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
