"""Document messages: a new or changed document of a share, with its link."""

from __future__ import annotations

from collab.messages import Message, escape


def french_size(size: int) -> str:
    """A size in French: "850 octets", "12 Ko", "1,5 Mo"."""
    if size < 1024:
        return f"{size} octets"
    for unit, scale in (("Go", 1024**3), ("Mo", 1024**2), ("Ko", 1024)):
        if size >= scale:
            value = size / scale
            text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".replace(".", ",")
            return f"{text.removesuffix(',0')} {unit}"
    raise AssertionError(size)


def _document_message(title: str, payload: dict) -> Message:
    path, url = payload["path"], payload["url"]
    size = f" ({french_size(payload['size'])})" if payload.get("size") else ""
    return Message(
        body=f"{title} : {path}{size}\n{url}",
        html=f'<b>{escape(title)}</b> : <a href="{escape(url)}">{escape(path)}</a>{size}',
    )


def created(payload: dict) -> Message:
    return _document_message("Nouveau document", payload)


def changed(payload: dict) -> Message:
    return _document_message("Document modifié", payload)


TEMPLATES = {"docs.created": created, "docs.changed": changed}
