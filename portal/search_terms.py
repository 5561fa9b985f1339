"""Accent- and case-insensitive matching of search terms, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_
from sqlalchemy.orm import InstrumentedAttribute

from collab.french import fold


class SearchHit(NamedTuple):
    """One result of the site search; `kind` is page, news, commune, procedure or directory."""

    title: str
    url: str
    excerpt: str
    kind: str


MAX_QUERY = 200
MAX_TERMS = 8
_WORD_RE = re.compile(r"[0-9a-z]+")


def terms(query: str) -> list[str]:
    """The words of a query, folded, without duplicates: what every hit must contain."""
    words: list[str] = []
    for word in _WORD_RE.findall(fold(query[:MAX_QUERY])):
        if word not in words:
            words.append(word)
    return words[:MAX_TERMS]


def contains_all(column: InstrumentedAttribute, words: list[str]) -> ColumnElement[bool]:
    """SQL condition: the folded column contains every word (LIKE, wildcards escaped)."""
    return and_(*(column.contains(word, autoescape=True) for word in words))


def score(title: str, words: list[str]) -> int:
    """Rank: words found in the title count more than words found only in the text."""
    folded = fold(title)
    return sum(2 if word in folded else 0 for word in words)


def excerpt(text: str, words: list[str], width: int = 200) -> str:
    """A window of `text` around the first word found (plain text, to be escaped on output)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    folded = fold(text)
    # fold() keeps one character per character for French text, so positions line up;
    # when they do not (rare scripts), the start of the text is a fine excerpt.
    positions = [folded.find(word) for word in words if word in folded]
    start = 0
    if positions and len(folded) == len(text):
        start = max(0, min(positions) - width // 3)
    window = text[start : start + width]
    if start + width < len(text):
        window = window.rsplit(" ", 1)[0] + " …"
    if start > 0:
        window = "… " + window.split(" ", 1)[-1]
    return window
