"""French formatting of dates, times, periods, sizes and roles, independent of the system locale,
and the one way text is compared (`fold`): the one place for them (portal pages, messages in
the rooms, mails, exports, search, sorting, slugs)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from zoneinfo import ZoneInfo

# Ligatures that NFKD leaves whole, and typographic apostrophes and dashes made plain.
_FOLDED = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "‘": "'", "–": "-", "—": "-"})


def fold(text: str | None) -> str:
    """Lower case, without accents or ligatures, single spaces: 'Œuvre  d’Élève' -> "oeuvre
    d'eleve". Search, sorting, slugs and matching all compare text folded this way."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLDED))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


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
# Generic masculine, as in the official lists of councils (the territory file has no title):
# on the portal, in the address book (vCard TITLE) and in the rooms alike.
ROLE_LABELS = {
    "president": "Président",
    "vice-president": "Vice-président",
    "conseiller": "Conseiller communautaire",
    "suppleant": "Conseiller communautaire suppléant",
    "elu-municipal": "Élu municipal",
    "dgs": "Directeur général des services",
    "secretaire": "Secrétaire",
    "agent": "Agent",
}


def date_fr(value: dt.date | dt.datetime | None) -> str:
    """'3 mars 2025' ('1er' for the first of the month, as written in French)."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def day_fr(value: dt.date) -> str:
    """A day with its weekday: 'mardi 30 mars 2027', 'jeudi 1er avril 2027'."""
    return f"{WEEKDAYS[value.weekday()]} {date_fr(value)}"


def time_fr(value: dt.time | dt.datetime) -> str:
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


def local(value: str, tz: ZoneInfo) -> dt.date | dt.datetime:
    """A payload time ("2027-03-29" or an ISO moment) as a day or a local datetime."""
    if len(value) == 10:
        return dt.date.fromisoformat(value)
    moment = dt.datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=tz)).astimezone(tz)


def describe_when(start: str, end: str | None, tz: ZoneInfo) -> str:
    """When an event takes place: "le mardi 30 mars 2027 de 10 h à 12 h", "du … au …"."""
    first = local(start, tz)
    last = local(end, tz) if end else None
    if not isinstance(first, dt.datetime):
        # DTEND of a day is exclusive.
        final = last - dt.timedelta(days=1) if isinstance(last, dt.date) else first
        if not isinstance(final, dt.datetime) and final > first:
            return f"du {day_fr(first)} au {day_fr(final)}"
        return f"le {day_fr(first)}"
    if not isinstance(last, dt.datetime) or last <= first:
        return f"le {day_fr(first.date())} à {time_fr(first)}"
    if last.date() == first.date():
        return f"le {day_fr(first.date())} de {time_fr(first)} à {time_fr(last)}"
    return (
        f"du {day_fr(first.date())} à {time_fr(first)} au {day_fr(last.date())} à {time_fr(last)}"
    )
