"""The small text format staff write pages and news in, turned into safe HTML."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# Blocks are separated by a blank line: `## Titre` and `### Sous-titre` are headings, lines
# starting with `- ` make a list, `1. ` a numbered list, anything else a paragraph (a single
# line break is kept). Inline: `**gras**`, `*italique*` and `[texte](https://…)`. Everything
# is escaped first, so no HTML written by anyone reaches the page.

# No '*' in link targets and no tag inside bold text: the two substitutions never overlap.
_LINK_RE = re.compile(r"\[([^\]\n]+)\]\(([^)\s*]+)\)")
_BOLD_RE = re.compile(r"\*\*(?=[^\s*])([^<>]+?)(?<=[^\s*])\*\*")
_ITALIC_RE = re.compile(r"(?<![*\w])\*(?=[^\s*])([^<>*]+?)(?<=[^\s*])\*(?![*\w])")
_ORDERED_RE = re.compile(r"\d{1,3}[.)] ")
# Only links people can follow safely: web, mail, phone and local paths (never javascript:).
_SAFE_URL_RE = re.compile(r"(?:https?://|mailto:|tel:|/(?!/))", re.IGNORECASE)

HELP = (
    "Mise en forme : une ligne vide sépare les paragraphes ; « ## Titre » fait un intertitre, "
    "« - élément » une liste, « **texte** » du gras, « *texte* » de l’italique, "
    "« [texte](https://adresse) » un lien."
)


def _link(match: re.Match[str]) -> str:
    label, url = match[1], match[2]
    if not _SAFE_URL_RE.match(url):
        return match[0]
    return f'<a href="{url}">{label}</a>'


def _inline(text: str) -> str:
    html = str(escape(text))
    html = _LINK_RE.sub(_link, html)
    html = _BOLD_RE.sub(r"<strong>\1</strong>", html)
    return _ITALIC_RE.sub(r"<em>\1</em>", html)


def _block(lines: list[str]) -> str:
    first = lines[0]
    if len(lines) == 1 and first.startswith("### "):
        return f"<h3>{_inline(first[4:].strip())}</h3>"
    if len(lines) == 1 and first.startswith("## "):
        return f"<h2>{_inline(first[3:].strip())}</h2>"
    if all(line.startswith(("- ", "* ")) for line in lines):
        items = "".join(f"<li>{_inline(line[2:].strip())}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    if all(_ORDERED_RE.match(line) for line in lines):
        items = "".join(
            f"<li>{_inline(_ORDERED_RE.sub('', line, count=1).strip())}</li>" for line in lines
        )
        return f"<ol>{items}</ol>"
    return "<p>" + "<br>".join(_inline(line) for line in lines) + "</p>"


def _blocks(source: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            if current:
                blocks.append(current)
            current = []
        elif line.startswith(("## ", "### ")):
            # a heading stands alone even without blank lines around it
            if current:
                blocks.append(current)
            blocks.append([line])
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def render(source: str) -> Markup:
    """HTML for the page: built only from escaped text and the tags this format produces."""
    return Markup("\n".join(_block(block) for block in _blocks(source or "")))


def plain_text(source: str) -> str:
    """The text without its markup, for excerpts and the search index."""
    text = _LINK_RE.sub(r"\1", source or "")
    text = _ITALIC_RE.sub(r"\1", _BOLD_RE.sub(r"\1", text))
    lines = []
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line.startswith(("- ", "* ")):
            line = line[2:]
        lines.append(_ORDERED_RE.sub("", line, count=1))
    return " ".join(" ".join(lines).split())
