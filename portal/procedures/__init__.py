"""Procedures co-branded with service-public.fr: DILA sheets imported, rendered and searched."""

from portal.procedures.importer import import_dila_command
from portal.procedures.search import search_hits

__all__ = ["import_dila_command", "search_hits"]
