"""French formatting of dates, times, sizes and roles, independent of the system locale."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Generic masculine, as in the official lists of councils (the territory file has no title).
ROLE_LABELS = {
    "president": "Président",
    "vice-president": "Vice-président",
    "conseiller": "Conseiller communautaire",
    "dgs": "Directeur général des services",
    "secretaire": "Secrétariat",
    "agent": "Agent",
}


def date_fr(value: dt.date | dt.datetime | None) -> str:
    """'3 mars 2025' ('1er' for the first of the month, as written in French)."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def time_fr(value: dt.time) -> str:
    """'9 h', '13 h 30'."""
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def size_fr(size: int | None) -> str:
    """'850 octets', '12 ko', '1,4 Mo' (decimal comma, French units)."""
    if size is None:
        return ""
    if size < 1000:
        return f"{size} octet{'s' if size > 1 else ''}"
    for unit, factor in (("ko", 10**3), ("Mo", 10**6), ("Go", 10**9)):
        value = size / factor
        if value < 1000 or unit == "Go":
            text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".replace(".", ",")
            return f"{text.removesuffix(',0')} {unit}"
    raise AssertionError("unreachable")


def role_fr(role: str) -> str:
    return ROLE_LABELS.get(role, role)
