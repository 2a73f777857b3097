"""Errors the domain and the service raise; every message is Chinese and meant for the user."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a user may see. ``str(error)`` is a Chinese sentence."""


class ValidationError(DomainError):
    """Bad input in one field.

    Attributes:
        field: The name of the field (``"id_number"``), or ``""`` for the record.
        message: What is wrong, in Chinese.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class ValidationErrors(DomainError):
    """Several fields are wrong at once; ``errors`` lists each."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__("；".join(e.message for e in errors))
        self.errors = errors

    def for_field(self, field: str) -> str | None:
        """The message for ``field``, or None when that field is fine."""
        for error in self.errors:
            if error.field == field:
                return error.message
        return None


class NotFoundError(DomainError):
    """A record that was asked for does not exist."""


class ReadOnlyError(DomainError):
    """The data folder is open read-only, so nothing can be saved."""


class PeriodLockedError(DomainError):
    """The record lies in a period locked by an export; a correction needs a reason."""


class DuplicateError(DomainError):
    """A record with the same key already exists (for example the same 户编号)."""
