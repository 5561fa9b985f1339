"""An e-mail address as every form and file of Girou accepts it: one rule, in one place."""

from __future__ import annotations

import re

# local@domain.tld: no spaces, quotes, brackets or list separators (a pasted "a@b.fr; c@d.fr"
# is two addresses, not one); at most 64 characters before the @, a top-level domain of two.
EMAIL_RE = re.compile(r"[^@\s<>\"',;]{1,64}@[^@\s<>\"',;]+\.[^@\s<>\"',;]{2,}")
MAX_EMAIL = 254  # RFC 5321's longest path, less its angle brackets


def is_email(value: str) -> bool:
    return len(value) <= MAX_EMAIL and EMAIL_RE.fullmatch(value) is not None
