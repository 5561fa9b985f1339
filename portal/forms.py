"""Reading back-office form fields: cleaned text, and French messages tied to each field."""

from __future__ import annotations

import re
from collections.abc import Mapping

# C0 controls but tab and newlines: PostgreSQL refuses NUL, and none belongs in a text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: str, *, multiline: bool = False) -> str:
    value = _CONTROL_RE.sub("", value)
    if not multiline:
        value = " ".join(value.split())
    return value.replace("\r\n", "\n").strip()


class FormErrors(dict[str, str]):
    """field name -> French message; the template lists them and marks each field."""

    def text(
        self,
        form: Mapping[str, str],
        name: str,
        label: str,
        *,
        max_length: int,
        required: bool = True,
        multiline: bool = False,
    ) -> str:
        value = clean(form.get(name, ""), multiline=multiline)
        if required and not value:
            self[name] = f"Le champ « {label} » est obligatoire."
        elif len(value) > max_length:
            self[name] = f"Le champ « {label} » dépasse {max_length} caractères ({len(value)})."
        return value
