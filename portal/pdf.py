"""Text for the PDF core fonts (fpdf2's helvetica): they know Latin-1 only."""

from __future__ import annotations

# The other characters our French texts use, and what stands for them.
LATIN1 = str.maketrans(
    {"—": "-", "–": "-", "’": "'", "‘": "'", "…": "...", "œ": "oe", "Œ": "OE", "→": "->",
     "\u202f": " ", "\u2009": " ", "“": '"', "”": '"'}
)  # fmt: skip


def latin1(text: object) -> str:
    return str(text).translate(LATIN1).encode("latin-1", "replace").decode("latin-1")
