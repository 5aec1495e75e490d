"""Errors that carry a location, so every message can name file, line and column."""

from __future__ import annotations


class CuratorError(Exception):
    """An error a user can act on. Lines and columns are 1-based."""

    def __init__(
        self,
        message: str,
        path: object = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def located(self, path: object) -> CuratorError:
        """Fill in the path when the raiser did not know it."""
        if self.path is None and path is not None:
            self.path = str(path)
        return self

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class ParseError(CuratorError):
    """The file cannot be read as a front-matter document."""


class UnsafeContentError(ParseError):
    """The file asks for something Curator refuses to do (tags, alias bombs, huge files)."""


class EditError(CuratorError):
    """An edit cannot be applied losslessly."""


class WriteConflictError(CuratorError):
    """The file changed on disk since it was read; saving would overwrite someone's work."""
