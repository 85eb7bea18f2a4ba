"""Errors a user sees: one clear line, a short code, never a traceback."""
from __future__ import annotations


class WartaError(Exception):
    """Base of every error warta reports to a user. ``code`` is short and stable."""

    code = "error"

    def __init__(self, message: str, *, where: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InputError(WartaError):
    """The input cannot be read as an article (empty, binary, too large, malformed)."""

    code = "input"


class UsageError(WartaError):
    code = "usage"


class StoreError(WartaError):
    code = "store"
