"""Typed library errors with a stable code; the CLI turns them into one line each."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class: ``code`` is stable, ``str(err)`` is a one-line human reason."""

    code = "error"

    def __init__(self, reason: str, path: str | None = None, *, code: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path
        if code is not None:  # a finer code than the class's: "encrypted", "truncated"
            self.code = code

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class UnsupportedFormat(ExtractorError):
    code = "unsupported-format"


class UnreadableFile(ExtractorError):
    code = "unreadable"


class EmptyDocument(ExtractorError):
    code = "empty"


class MissingTool(UnreadableFile):
    """An external program the file needs (tesseract, LibreOffice, antiword) is not installed."""

    code = "missing-tool"


class MissingDependency(ExtractorError):
    """An optional Python package a feature needs (psycopg for PostgreSQL) is not installed."""

    code = "missing-dependency"
