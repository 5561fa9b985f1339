"""An e-mail address as every form and file of Girou accepts it: one rule, in one place."""

from __future__ import annotations

import re

# local@domain.tld: no spaces, control characters, quotes, brackets or list separators (a
# pasted "a@b.fr; c@d.fr" is two addresses, not one); at most 64 characters before the @, a
# top-level domain of two. The pattern is also valid JSON Schema (the childcare API's).
# Spaces are spelt out: "\s" is not the same set in Python's re, ECMA-262 and Rust's regex.
_EXCLUDED = r"""@<>"',;\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"""
EMAIL_RE = re.compile(rf"[^{_EXCLUDED}]{{1,64}}@[^{_EXCLUDED}]+\.[^{_EXCLUDED}]{{2,}}")
MAX_EMAIL = 254  # RFC 5321's longest path, less its angle brackets


def is_email(value: str) -> bool:
    return len(value) <= MAX_EMAIL and EMAIL_RE.fullmatch(value) is not None
