"""What a notification looks like in a room (Message: plain text, sanitized HTML, mentions),
the templates that make one from an outbox payload, and how a template declares the way bursts
of its kind are gathered (`gathered`). Features declare their templates in their manifest;
the delivery (bridges) renders them."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3

# The HTML Matrix clients render, without tables (some clients do not render them).
ALLOWED_TAGS = frozenset(
    "a b blockquote br code del details div em h1 h2 h3 h4 h5 h6 hr i li ol p pre s span "
    "strike strong sub summary sup u ul".split()
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "code": {"class"}}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "matrix"})


@dataclass(frozen=True)
class Message:
    """What a notification looks like in a room: plain text, sanitized HTML, who is addressed."""

    body: str
    html: str
    mentions: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "html", sanitize(self.html))


def sanitize(markup: str) -> str:
    # Tags outside the list are dropped and their text kept (script and style with their
    # content); link_rel=None: no rel is added to links (the list allows none).
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes={"*": set(), **ALLOWED_ATTRIBUTES},  # "*": none on every tag (nh3: lang, title)
        url_schemes=ALLOWED_PROTOCOLS,
        link_rel=None,
    )


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def text_as_html(text: str) -> str:
    """Plain text as HTML: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br>")


Template = Callable[[dict], Message]


# Each notification in a digest with its whole text, in as many messages as needed.
FULL = "full"
# One digest with the first few and a link to the page listing every one of them: for kinds
# whose page on the portal says more than the room should (the childcare requests).
SUMMARY = "summary"
# Each notification on its own: an answer to one person, an alert, a digest.
NEVER = "never"


@dataclass(frozen=True)
class DigestRule:
    """How bursts of a kind are gathered (see FULL, SUMMARY, NEVER).

    `label` names the kind in a digest. For SUMMARY, `listed_at` gives the portal path of the
    page that lists the notifications of a digest (from their payloads), `link_text` the words
    of the link, and `most` caps how many one summary gathers (that page shows them all).
    """

    mode: str = FULL
    label: str | None = None
    listed_at: Callable[[list[dict]], str] | None = None
    link_text: str = "Les voir toutes"
    most: int | None = None


# A kind whose template declares nothing loses nothing: its bursts are listed in full.
DEFAULT_RULE = DigestRule()


def gathered(
    mode: str,
    *,
    label: str | None = None,
    listed_at: Callable[[list[dict]], str] | None = None,
    link_text: str = DigestRule.link_text,
    most: int | None = None,
) -> Callable[[Template], Template]:
    """Declare, on a template, how bursts of its kind are gathered (a decorator)."""
    if mode not in (FULL, SUMMARY, NEVER):
        raise ValueError(f"unknown digest mode {mode!r}")
    rule = DigestRule(mode, label, listed_at, link_text, most)

    def declare(template: Template) -> Template:
        template.digest_rule = rule  # type: ignore[attr-defined]
        return template

    return declare
