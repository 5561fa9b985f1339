"""The childcare domain error: a French message for the family or the secretary, and a code."""

from __future__ import annotations


class ChildcareError(Exception):
    """A request that cannot be done; nothing was written when it is raised.

    `code` is a stable English slug (the JSON API's `error`); the message is French and meant
    to be shown as is.
    """

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class NotFound(ChildcareError):
    """Unknown, or not yours (another family's registration is "not found" too)."""

    def __init__(self, message: str, code: str = "not_found") -> None:
        super().__init__(message, code)
