"""The directory of associations and businesses: browse, search, propose, moderate."""

from portal.directory.search import search_hits

__all__ = ["search_hits"]
