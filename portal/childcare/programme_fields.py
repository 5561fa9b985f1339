"""Reading the programme forms of the back-office: typed values, a French message per field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from portal.childcare.programme import local_moment
from portal.forms import FormErrors

EUROS_RE = re.compile(r"^(\d{1,6})(?:[.,](\d{1,2}))?$")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
MOMENT_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M")
YEARS = (2000, 2100)  # a programme's dates, far from the calendar's edges


class Fields:
    """The posted fields as typed values (None when missing or bad); `values` keeps what was
    typed, to show it again, and `errors` a French message per bad field."""

    def __init__(self, form: Mapping[str, str], tz: ZoneInfo) -> None:
        self.form, self.tz = form, tz
        self.errors = FormErrors()
        self.values: dict[str, str] = {}

    def _raw(self, name: str, label: str, required: bool) -> str:
        value = self.form.get(name, "").strip()[:100]
        self.values[name] = value
        if required and not value:
            self.errors[name] = f"Le champ « {label} » est obligatoire."
        return value

    def _parsed(
        self, name: str, label: str, required: bool, formats: tuple[str, ...], example: str
    ) -> dt.datetime | None:
        value = self._raw(name, label, required)
        if not value:
            return None
        for pattern in formats:
            try:
                parsed = dt.datetime.strptime(value, pattern)
            except ValueError:
                continue
            if YEARS[0] <= parsed.year <= YEARS[1]:
                return parsed
            self.errors[name] = f"« {label} » : l’année doit être entre {YEARS[0]} et {YEARS[1]}."
            return None
        self.errors[name] = f"« {label} » : valeur invalide (au format {example})."
        return None

    def text(self, name: str, label: str, *, max_length: int = 200, **options: Any) -> str:
        value = self.errors.text(self.form, name, label, max_length=max_length, **options)
        self.values[name] = value
        return value

    def choice(self, name: str, label: str, options: Mapping[str, str]) -> str:
        value = self._raw(name, label, True)
        if value and value not in options:
            self.errors[name] = f"Choisissez une valeur de la liste « {label} »."
        return value

    def date(self, name: str, label: str, *, required: bool = True) -> dt.date | None:
        parsed = self._parsed(name, label, required, DATE_FORMATS, "JJ/MM/AAAA")
        return parsed.date() if parsed else None

    def moment(self, name: str, label: str, *, required: bool = True) -> dt.datetime | None:
        """A local date and time (input type datetime-local), aware in the territory's zone."""
        parsed = self._parsed(name, label, required, MOMENT_FORMATS, "JJ/MM/AAAA HH:MM")
        return parsed.replace(second=0, tzinfo=self.tz) if parsed else None

    def number(
        self, name: str, label: str, low: int, high: int, *, required: bool = True
    ) -> int | None:
        value = self._raw(name, label, required)
        if not value:
            return None
        if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
            self.errors[name] = f"« {label} » : un nombre entier de {low} à {high}."
            return None
        return int(value)

    def cents(self, name: str, label: str) -> int | None:
        """An amount in euros ("12", "12,50", "12.5 €") in cents."""
        value = self._raw(name, label, True)
        match = EUROS_RE.match(re.sub(r"[\s€]", "", value))
        if match is None:
            if value:
                self.errors[name] = f"« {label} » : un montant en euros, par exemple 12,50."
            return None
        return int(match[1]) * 100 + int((match[2] or "0").ljust(2, "0"))


def local_input(moment: dt.datetime | None, tz: ZoneInfo) -> str:
    """A stored (naive UTC) moment as the value of a datetime-local input."""
    return local_moment(moment, tz).strftime("%Y-%m-%dT%H:%M") if moment else ""
