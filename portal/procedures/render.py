"""Reading a DILA sheet (vosdroits XML, flux v3) and rendering it as the portal's own HTML.

Every text is escaped when the HTML is built, and the result goes through an allow-list
sanitizer as well. Two kinds of markers are left for the page to resolve when it is served:
links to other sheets are `href="dila:<audience>/<ID>"` (local when that sheet is imported,
service-public.fr otherwise), and the local offices of « Où s'adresser ? » are
`<div data-girou-local="mairie|epci"></div>` (the visitor's mairie or the intercommunality).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from xml.etree.ElementTree import Element, ParseError

import nh3
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from collab.french import fold

RENDERER_VERSION = 1
MAX_SHEET_BYTES = 5_000_000
DC = "{http://purl.org/dc/elements/1.1/}"
SERVICE_PUBLIC = "https://www.service-public.fr"
# Audience slug -> (label, path of its sheets on service-public.fr).
AUDIENCES = {
    "particuliers": ("Particuliers", "particuliers"),
    "professionnels": ("Professionnels", "professionnels-entreprises"),
    "associations": ("Associations", "associations"),
}
SHEET_ID_RE = re.compile(r"[FNR][0-9]{1,9}")
REF_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,20}")
DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
LOCAL_PIVOTS = {"mairie": "mairie", "epci": "epci", "intercommunalite": "epci"}
SAFE_URL_RE = re.compile(r"(?:https?://|mailto:)[^\s\"<>]+\Z", re.IGNORECASE)

# Elements of the root that describe the sheet rather than say something to the reader.
METADATA = frozenset(
    {"Audience", "Canal", "FilDAriane", "Theme", "DossierPere", "SousDossierPere", "SurTitre"}
)
CALLOUTS = {
    "ANoter": ("sp-anoter", "À noter"),
    "ASavoir": ("sp-asavoir", "À savoir"),
    "Attention": ("sp-attention", "Attention"),
    "Avertissement": ("sp-attention", "Avertissement"),
    "Rappel": ("sp-anoter", "Rappel"),
}
INLINE_TAGS = {
    "MiseEnEvidence": "strong",
    "Valeur": "strong",
    "Expression": "em",
    "Exposant": "sup",
    "Indice": "sub",
    "Citation": "q",
}
# Sections of the end of a sheet, in the order service-public.fr shows them.
AGGREGATES = (
    ("OuSAdresser", "ou-s-adresser", "Où s’adresser ?"),
    ("ServiceEnLigne", "services-en-ligne", "Services en ligne et formulaires"),
    ("Reference", "references", "Textes de référence"),
    ("PourEnSavoirPlus", "en-savoir-plus", "Pour en savoir plus"),
    ("QuestionReponse", "questions-reponses", "Questions ? Réponses !"),
    ("VoirAussi", "voir-aussi", "Voir aussi"),
)

ALLOWED_TAGS = frozenset(
    "a abbr br caption div em h2 h3 h4 h5 h6 li ol p q section span strong sub sup "
    "table tbody td th thead tr ul".split()
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "rel"},
    "div": {"class", "data-girou-local"},
    "section": {"class", "id", "aria-labelledby"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "ul": {"class"},
    "ol": {"class"},
    "li": {"class"},
    "p": {"class"},
    "em": {"class"},
    "span": {"class"},
    "th": {"scope"},
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "dila"})


class SheetError(Exception):
    """A file that is not a usable sheet; the message (English) says why."""


@dataclass
class ParsedSheet:
    id: str
    type: str
    sp_url: str
    title: str
    description: str
    modified: dt.date | None
    audience: str
    audiences: list[str]
    themes: list[list[str]]
    folder_id: str | None
    folder_title: str | None
    siblings: list[list[str]]
    breadcrumb: list[list[str]]
    body_html: str
    links: list[str]
    search_body: str
    content_hash: str = ""

    @property
    def search_title(self) -> str:
        return fold(self.title)


def audience_slug(label: str | None) -> str | None:
    folded = fold(label)
    if "particulier" in folded:
        return "particuliers"
    if "professionnel" in folded or "entreprise" in folded:
        return "professionnels"
    if "association" in folded:
        return "associations"
    return None


def service_public_url(sheet_id: str, audience: str | None) -> str:
    path = AUDIENCES.get(audience or "", AUDIENCES["particuliers"])[1]
    return f"{SERVICE_PUBLIC}/{path}/vosdroits/{sheet_id}"


def parse_sheet(data: bytes, expected_id: str | None = None) -> ParsedSheet:
    """Read one sheet, all of it or nothing: SheetError says what is wrong."""
    if len(data) > MAX_SHEET_BYTES:
        raise SheetError(f"file too large ({len(data)} bytes, at most {MAX_SHEET_BYTES})")
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise SheetError(f"forbidden XML construct ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise SheetError(f"not well-formed XML: {exc}") from exc
    if root.tag != "Publication":
        raise SheetError(f"root element is <{_local(root.tag)}>, expected <Publication>")
    sheet_id = (root.get("ID") or "").strip()
    if not SHEET_ID_RE.fullmatch(sheet_id):
        raise SheetError(f"missing or invalid ID attribute ({sheet_id[:30]!r})")
    if expected_id is not None and sheet_id != expected_id:
        raise SheetError(f"ID {sheet_id} does not match the file name {expected_id}.xml")
    title = _plain(root.find(f"{DC}title"))
    if not title:
        raise SheetError("no dc:title")
    sp_url = (root.get("spUrl") or "").strip()
    if sp_url and not SAFE_URL_RE.match(sp_url):
        sp_url = ""
    audiences = [a for el in root.findall("Audience") if (a := audience_slug(_plain(el)))]
    from_url = audience_slug(sp_url.replace("-entreprises", ""))
    audience = (audiences or [from_url or "particuliers"])[0]
    themes = [
        [tid, _plain(el.find("Titre")) or tid]
        for el in root.findall("Theme")
        if REF_ID_RE.fullmatch(tid := (el.get("ID") or ""))
    ]
    folder = root.find("DossierPere")
    folder_id = folder.get("ID") if folder is not None else None
    if folder_id is not None and not REF_ID_RE.fullmatch(folder_id):
        folder_id = None
    siblings = []
    if folder is not None:
        siblings = [
            [fid, _plain(el) or fid]
            for el in folder.iter("Fiche")
            if SHEET_ID_RE.fullmatch(fid := (el.get("ID") or ""))
        ]
    breadcrumb = [
        [el.get("ID") or "", _plain(el), el.get("type") or ""]
        for el in root.findall("FilDAriane/Niveau")
        if REF_ID_RE.fullmatch(el.get("ID") or "") and _plain(el)
    ]
    renderer = _Renderer(audience)
    body = renderer.sheet(root)
    text = " ".join(
        " ".join(el.itertext())
        for el in root
        if _local(el.tag) not in METADATA and not el.tag.startswith(DC)
    )
    description = _plain(root.find(f"{DC}description"))
    return ParsedSheet(
        id=sheet_id,
        type=(root.get("type") or "").strip()[:200],
        sp_url=sp_url,
        title=title,
        description=description,
        modified=_modified(_plain(root.find(f"{DC}date"))),
        audience=audience,
        audiences=sorted(set(audiences)) or [audience],
        themes=themes,
        folder_id=folder_id,
        folder_title=_plain(folder.find("Titre")) if folder is not None else None,
        siblings=siblings,
        breadcrumb=breadcrumb,
        body_html=sanitize(body),
        links=sorted(renderer.links),
        search_body=fold(f"{description} {text}")[:200_000],
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def sanitize(markup: str) -> str:
    # Tags outside the list are dropped and their text kept (script and style with their
    # content), comments too; link_rel=None keeps the rel the renderer wrote (the list allows it).
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes={"*": set(), **ALLOWED_ATTRIBUTES},  # "*": none on every tag (nh3: lang, title)
        url_schemes=ALLOWED_PROTOCOLS,
        link_rel=None,
        strip_comments=True,
    )


# --- links and local offices, resolved per request ---------------------------------------------
INTERNAL_LINK_RE = re.compile(r'href="dila:([a-z]+)/([A-Za-z0-9_-]{1,20})"')
LOCAL_RE = re.compile(r'<div data-girou-local="([a-z]+)"></div>')


def resolve_links(markup: str, imported: set[str] | frozenset[str]) -> str:
    """Links to imported sheets go to /demarches/<ID>, the others to service-public.fr."""

    def target(match: re.Match[str]) -> str:
        audience, sheet_id = match[1], match[2]
        if sheet_id in imported:
            return f'href="/demarches/{sheet_id}"'
        return f'href="{escape(service_public_url(sheet_id, audience))}"'

    return INTERNAL_LINK_RE.sub(target, markup)


def fill_local_offices(markup: str, office: Callable[[str], str]) -> str:
    """Replace each local office marker by `office(pivot)` (HTML the caller made safe)."""
    return LOCAL_RE.sub(lambda match: office(match[1]), markup)


# --- the renderer -----------------------------------------------------------------------------
def _local(tag: str) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _plain(el: Element | None) -> str:
    """An element's whole text, spaces collapsed."""
    if el is None:
        return ""
    return " ".join(" ".join(el.itertext()).split())


def _modified(value: str) -> dt.date | None:
    # "modified 2024-05-02", sometimes after a "created …" part: the modification wins.
    found = re.search(r"modified\s+(\d{4}-\d{2}-\d{2})", value) or DATE_RE.search(value)
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found.group(found.lastindex or 0)[-10:])
    except ValueError:
        return None


def _safe_url(url: str | None) -> str | None:
    url = (url or "").strip()
    return url if SAFE_URL_RE.match(url) else None


def _text(value: str | None) -> str:
    return escape(value or "", quote=False)


@dataclass
class _Renderer:
    audience: str
    links: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)

    def anchor(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}-{self.counters[prefix]}"

    # --- the whole sheet ------------------------------------------------------------------------
    def sheet(self, root: Element) -> str:
        body: list[str] = []
        aggregates: dict[str, list[Element]] = {tag: [] for tag, _a, _t in AGGREGATES}
        contents: list[Element] = []
        for child in root:
            tag = _local(child.tag)
            if child.tag.startswith(DC) or tag in METADATA:
                continue
            if tag in aggregates:
                aggregates[tag].append(child)
            elif tag in ("Fiche", "Dossier", "SousDossier", "SousTheme"):
                contents.append(child)
            elif tag == "Introduction":
                body.append(f'<div class="sp-intro">{self.blocks(child, 2)}</div>')
            else:
                body.append(self.block(child, 2))
        if contents:
            body.append(self.folder_contents(contents))
        for tag, anchor, title in AGGREGATES:
            if aggregates[tag]:
                items = "".join(self.aggregate_item(el) for el in aggregates[tag])
                body.append(
                    f'<section class="sp-aggregate" id="{anchor}" '
                    f'aria-labelledby="{anchor}-titre"><h2 id="{anchor}-titre">{title}</h2>'
                    f'<ul class="sp-cards">{items}</ul></section>'
                )
        return "".join(body)

    def folder_contents(self, elements: list[Element]) -> str:
        """The sheets of a folder or theme (N sheets): lists of links, grouped as given."""
        loose, groups = [], []
        for el in elements:
            tag = _local(el.tag)
            if tag in ("Fiche", "Dossier"):
                loose.append(self.sheet_link_item(el))
            else:  # SousDossier / SousTheme: a titled group of Fiche / Dossier
                title = _plain(el.find("Titre")) or ""
                items = "".join(
                    self.sheet_link_item(sub)
                    for sub in el
                    if _local(sub.tag) in ("Fiche", "Dossier", "SousDossier")
                )
                groups.append(f"<h3>{_text(title)}</h3><ul>{items}</ul>")
        html = '<section class="sp-folder" aria-labelledby="contenu-dossier">'
        html += '<h2 id="contenu-dossier">Dans ce dossier</h2>'
        if loose:
            html += f"<ul>{''.join(loose)}</ul>"
        return html + "".join(groups) + "</section>"

    def sheet_link_item(self, el: Element) -> str:
        sheet_id = el.get("ID") or ""
        label = _plain(el.find("Titre")) if el.find("Titre") is not None else _plain(el)
        if not REF_ID_RE.fullmatch(sheet_id):
            return f"<li>{_text(label)}</li>"
        return f"<li>{self.internal_link(sheet_id, _text(label or sheet_id), None)}</li>"

    def internal_link(self, sheet_id: str, inner: str, audience: str | None) -> str:
        self.links.add(sheet_id)
        slug = audience_slug(audience) or self.audience
        return f'<a href="dila:{slug}/{sheet_id}">{inner}</a>'

    # --- blocks ---------------------------------------------------------------------------------
    def blocks(self, el: Element, level: int, skip: Iterable[str] = ()) -> str:
        """The children of `el` as blocks; loose text becomes paragraphs."""
        skipped = set(skip)
        out = [self.loose_text(el.text)]
        for child in el:
            if _local(child.tag) not in skipped:
                out.append(self.block(child, level))
            out.append(self.loose_text(child.tail))
        return "".join(out)

    def loose_text(self, text: str | None) -> str:
        text = " ".join((text or "").split())
        return f"<p>{_text(text)}</p>" if text else ""

    def block(self, el: Element, level: int) -> str:
        tag = _local(el.tag)
        if tag == "Paragraphe":
            return f"<p>{self.inline(el)}</p>"
        if tag in ("Chapitre", "SousChapitre", "Cas", "Situation"):
            return self.section(el, level, tag)
        if tag == "Titre":
            return f"<h{_h(level)}>{self.inline_title(el)}</h{_h(level)}>"
        if tag == "TitreFlottant":
            return f'<p class="sp-subheading"><strong>{self.inline_title(el)}</strong></p>'
        if tag == "Liste":
            return self.listing(el, level)
        if tag == "Tableau":
            return self.table(el, level)
        if tag in CALLOUTS:
            css, label = CALLOUTS[tag]
            title = el.find("Titre")
            heading = self.inline_title(title) if title is not None else _text(label)
            inner = self.blocks(el, level + 1, skip=("Titre",))
            return (
                f'<div class="sp-callout {css}"><p class="sp-callout-title">'
                f"<strong>{heading}</strong></p>{inner}</div>"
            )
        if tag in ("ListeSituations", "BlocCas"):
            return self.situations(el, level)
        if tag == "FragmentConditionne":
            return f'<div class="sp-fragment">{self.blocks(el, level, skip=("Condition",))}</div>'
        if tag == "Condition":
            return ""
        if tag in ("ServiceEnLigne", "PourEnSavoirPlus", "OuSAdresser", "Reference"):
            return f'<ul class="sp-cards">{self.aggregate_item(el)}</ul>'
        if tag == "QuestionReponse":
            return f"<p>{self.question(el)}</p>"
        if tag in ("LienInterne", "LienExterne", "LienIntra", *INLINE_TAGS):
            return f"<p>{self.inline_element(el)}</p>"
        if tag == "LienExterneCommente":
            return f"<p>{self.inline(el)}</p>"
        if tag == "Introduction":
            return f'<div class="sp-intro">{self.blocks(el, level)}</div>'
        # Texte, Complement, and any element we do not know: its content, text kept.
        return self.blocks(el, level)

    def section(self, el: Element, level: int, tag: str) -> str:
        title = el.find("Titre")
        heading = ""
        if title is not None:
            anchor = self.anchor("section")
            heading = f'<h{_h(level)} id="{anchor}">{self.inline_title(title)}</h{_h(level)}>'
        inner = self.blocks(el, level + 1 if heading else level, skip=("Titre",))
        css = {"Chapitre": "sp-chapter", "SousChapitre": "sp-subchapter"}.get(tag, "sp-case")
        return f'<div class="{css}">{heading}{inner}</div>'

    def situations(self, el: Element, level: int) -> str:
        """Situations (or cases) one after the other, with a list of them to jump to."""
        cases = [c for c in el if _local(c.tag) in ("Situation", "Cas")]
        entries, sections = [], []
        for case in cases:
            anchor = self.anchor("situation")
            title_el = case.find("Titre")
            title = self.inline_title(title_el) if title_el is not None else "Situation"
            inner = self.blocks(case, level + 1, skip=("Titre",))
            entries.append(f'<li><a href="#{anchor}">{_strip_links(title)}</a></li>')
            sections.append(
                f'<section class="sp-situation" id="{anchor}" aria-labelledby="{anchor}-titre">'
                f'<h{_h(level)} id="{anchor}-titre">{title}</h{_h(level)}>{inner}</section>'
            )
        others = "".join(
            self.block(c, level) for c in el if _local(c.tag) not in ("Situation", "Cas")
        )
        toc = ""
        if len(cases) > 1:
            toc = (
                '<p class="sp-situations-intro">Selon votre situation :</p>'
                f'<ul class="sp-situations-toc">{"".join(entries)}</ul>'
            )
        return f'<div class="sp-situations">{others}{toc}{"".join(sections)}</div>'

    def listing(self, el: Element, level: int) -> str:
        kind = el.get("type") or "puce"
        tag = "ol" if kind == "numero" else "ul"
        css = ' class="sp-checklist"' if kind == "caseACocher" else ""
        items = []
        for item in el:
            if _local(item.tag) == "Item":
                items.append(f"<li>{self.compact(item, level)}</li>")
            else:
                items.append(f"<li>{self.block(item, level)}</li>")
        return f"<{tag}{css}>{''.join(items)}</{tag}>"

    def compact(self, el: Element, level: int) -> str:
        """Content of a list item or a cell: one paragraph is written without <p>."""
        children = [c for c in el if _local(c.tag) != "Condition"]
        if (
            len(children) == 1
            and _local(children[0].tag) == "Paragraphe"
            and not (el.text or "").strip()
            and not (children[0].tail or "").strip()
        ):
            return self.inline(children[0])
        if not children:
            return _text(" ".join((el.text or "").split()))
        return self.blocks(el, level, skip=("Condition",))

    def table(self, el: Element, level: int) -> str:
        columns = [c.get("type") or "" for c in el.findall("Colonne")]
        caption_el = el.find("Titre")
        caption = ""
        if caption_el is not None:
            caption = f"<caption>{self.inline_title(caption_el)}</caption>"
        head, body = [], []
        for row in el:
            if _local(row.tag) != "Rangée":
                continue
            is_header = row.get("type") == "header"
            cells = []
            for index, cell in enumerate(c for c in row if _local(c.tag) == "Cellule"):
                content = self.compact(cell, level)
                if is_header:
                    cells.append(f'<th scope="col">{content}</th>')
                elif index < len(columns) and columns[index] == "header":
                    cells.append(f'<th scope="row">{content}</th>')
                else:
                    cells.append(f"<td>{content}</td>")
            (head if is_header else body).append(f"<tr>{''.join(cells)}</tr>")
        thead = f"<thead>{''.join(head)}</thead>" if head else ""
        return (
            f'<div class="sp-table"><table>{caption}{thead}'
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )

    # --- the cards of the end of a sheet ----------------------------------------------------------
    def aggregate_item(self, el: Element) -> str:
        tag = _local(el.tag)
        if tag == "QuestionReponse":
            return f'<li class="sp-card">{self.question(el)}</li>'
        if tag == "VoirAussi":
            return "".join(
                self.sheet_link_item(sub)
                for sub in el.iter()
                if _local(sub.tag) in ("Fiche", "Dossier")
            )
        title_el = el.find("Titre")
        title = self.inline_title(title_el) if title_el is not None else _text(el.get("type"))
        url = _safe_url(el.get("URL"))
        if tag == "OuSAdresser":
            return self.where(el, title)
        heading = f'<a href="{escape(url)}">{title}</a>' if url else title
        details = []
        kind = el.get("type")
        if kind:
            details.append(_text(kind))
        number = el.find("NumeroFormulaire")
        if number is not None and _plain(number):
            details.append("Cerfa n° " + _text(_plain(number)))
        source = el.find("Source")
        if source is not None and _plain(source):
            details.append(_text(_plain(source)))
        extra = "".join(
            self.block(child, 4)
            for child in el
            if _local(child.tag) in ("Complement", "Texte", "Introduction")
        )
        meta = f'<p class="sp-card-meta">{" — ".join(details)}</p>' if details else ""
        return f'<li class="sp-card"><p class="sp-card-title">{heading}</p>{meta}{extra}</li>'

    def where(self, el: Element, title: str) -> str:
        """An office to go to; the mairie and the intercommunality are shown as local offices."""
        pivot = fold(_plain(el.find("PivotLocal")))
        folded_title = fold(_plain(el.find("Titre")))
        local = LOCAL_PIVOTS.get(pivot)
        if local is None and folded_title.startswith("mairie"):
            local = "mairie"
        if local is None and (
            "intercommunalite" in folded_title or "communaute de communes" in folded_title
        ):
            local = "epci"
        parts = [f'<li class="sp-card sp-where"><p class="sp-card-title">{title}</p>']
        if local:
            parts.append(f'<div data-girou-local="{local}"></div>')
        for child in el:
            if _local(child.tag) in ("Complement", "Texte", "Introduction"):
                parts.append(self.block(child, 4))
        web = el.find("RessourceWeb")
        url = _safe_url(web.get("URL")) if web is not None else None
        if url:
            label = "Trouver un autre service" if local else "Consulter l’annuaire"
            parts.append(f'<p><a href="{escape(url)}">{label}</a></p>')
        source = el.find("Source")
        if source is not None and _plain(source):
            parts.append(f'<p class="sp-card-meta">{_text(_plain(source))}</p>')
        parts.append("</li>")
        return "".join(parts)

    def question(self, el: Element) -> str:
        sheet_id = el.get("ID") or ""
        label = _text(_plain(el))
        if not SHEET_ID_RE.fullmatch(sheet_id):
            return label
        return self.internal_link(sheet_id, label, el.get("audience"))

    # --- inline ---------------------------------------------------------------------------------
    def inline(self, el: Element) -> str:
        out = [_text(el.text)]
        for child in el:
            out.append(self.inline_element(child))
            out.append(_text(child.tail))
        return "".join(out)

    def inline_title(self, el: Element | None) -> str:
        """A title's content on one line (its paragraphs joined)."""
        if el is None:
            return ""
        return " ".join(self.inline(el).split())

    def inline_element(self, el: Element) -> str:
        tag = _local(el.tag)
        if tag == "LienInterne":
            sheet_id = el.get("LienPublication") or ""
            inner = self.inline(el) or _text(el.get("commentaireLien")) or _text(sheet_id)
            if not REF_ID_RE.fullmatch(sheet_id):
                return inner
            return self.internal_link(sheet_id, inner, el.get("audience"))
        if tag == "LienExterne":
            url = _safe_url(el.get("URL"))
            inner = self.inline(el) or _text(url)
            return f'<a href="{escape(url)}" rel="noopener">{inner}</a>' if url else inner
        if tag in INLINE_TAGS:
            html_tag = INLINE_TAGS[tag]
            css = ' class="sp-expression"' if tag == "Expression" else ""
            return f"<{html_tag}{css}>{self.inline(el)}</{html_tag}>"
        if tag == "Condition":
            return ""
        if tag == "Paragraphe":
            return " " + self.inline(el) + " "
        # LienIntra, Commentaire, unknown elements: their text, with what we know inside.
        return self.inline(el)


def _h(level: int) -> int:
    return min(max(level, 2), 6)


_TAG_RE = re.compile(r"<[^>]+>")


def _strip_links(markup: str) -> str:
    """A title used inside a link of its own: its inner tags dropped (no nested links)."""
    return _TAG_RE.sub("", markup)
