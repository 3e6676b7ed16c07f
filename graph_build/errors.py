"""The one exception hierarchy; messages read ``<file>: <place>: <reason>``."""

from __future__ import annotations


class ReformKGError(Exception):
    """Base of every error this package raises on purpose."""


class DocumentDecodeError(ReformKGError):
    """A file could not be turned into text (encoding, format, emptiness, size)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Errors cross process boundaries (the extraction pool): rebuild from the same arguments.
        return (type(self), (self.file, self.reason))


class ResourceFormatError(ReformKGError):
    """A packaged or user resource file has a malformed line."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__(f"{file}: line {line}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, int, str]]:
        return (type(self), (self.file, self.line, self.reason))


class GraphFileError(ReformKGError):
    """A graph file is missing or cannot be read."""


class StoreError(ReformKGError):
    """A graph store (Neo4j) refused or could not be reached."""


class QueryParamError(ReformKGError):
    """A named query got a parameter it cannot use."""
