"""Facts that change over time, kept as dated values instead of being overwritten.

A dated fact is a list of entries ``(since, value)`` in the order of ``since``;
``since=None`` means "since always". The value in force on a day is the one of
the last entry that began on or before it; before the first entry the first
entry's value holds (nothing earlier is known). An empty list means the fact
was never changed: the record's plain field holds it since always.

The plain fields of a record (``Household.away``, ``Cadre.role``, ...) keep
the latest value, so screens that show "now" read them as before; the rules
judge a past day with :func:`value_on` (through the records' ``*_on`` methods).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar


@dataclass(slots=True)
class DatedFlag:
    """A yes/no fact (外出, 帮带 ability) in force from ``since`` (None: since always)."""

    since: date | None
    value: bool


@dataclass(slots=True)
class DatedText:
    """A text fact (a cadre's role) in force from ``since`` (None: since always)."""

    since: date | None
    value: str


@dataclass(slots=True)
class DatedTags:
    """A list fact (hardship categories, a cadre's groups) in force from ``since`` (None: since always)."""

    since: date | None
    value: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Term:
    """An earlier term of office of a cadre, first and last day."""

    start: date
    end: date


Entry = TypeVar("Entry", DatedFlag, DatedText, DatedTags)


def _key(since: date | None) -> date:
    return date.min if since is None else since


def value_on(history: Sequence[Entry], day: date, default: Any) -> Any:
    """The value in force on ``day``.

    Args:
        history: The fact's entries, ordered by ``since``.
        day: The day asked about.
        default: The value when the fact has no entries (the record's plain field).
    """
    if not history:
        return default
    found = history[0]
    for entry in history:
        if _key(entry.since) <= day:
            found = entry
        else:
            break
    return found.value


def values_between(history: Sequence[Entry], first: date, last: date, default: Any) -> list[tuple[date, Any]]:
    """The values in force from ``first`` to ``last``: ``(from_day, value)`` pairs in order."""
    found = [(first, value_on(history, first, default))]
    for entry in history:
        if entry.since is not None and first < entry.since <= last:
            found.append((entry.since, entry.value))
    return found


def with_change(history: Sequence[Entry], since: date, value: Any, current: Any,
                origin: date | None = None) -> list[Entry]:
    """A new history where ``value`` holds from ``since`` (until a later entry, if any).

    Args:
        history: The fact's entries so far (not changed).
        since: The first day the new value holds.
        value: The new value.
        current: The record's plain field before the change, used as the first
            entry when the history is still empty.
        origin: The first entry's day for an empty history (registration or
            term start); None for "since always".

    Returns:
        The entries, ordered by day; an entry already on ``since`` is replaced,
        and a change to the value already in force adds nothing.
    """
    entries = list(history)
    cls = _entry_class(value)
    if not entries:
        entries = [cls(origin if origin is not None and origin < since else None, _copy(current))]
    entries = [e for e in entries if e.since != since]
    if not entries:
        return [cls(since, _copy(value))]
    if value_on(entries, since, current) == value:
        return entries
    entries.append(cls(since, _copy(value)))
    entries.sort(key=lambda e: _key(e.since))
    return entries


def latest(history: Sequence[Entry], default: Any) -> Any:
    """The value of the last entry (the record's plain field should equal it)."""
    return _copy(history[-1].value) if history else default


def _entry_class(value: Any) -> type:
    if isinstance(value, bool):
        return DatedFlag
    if isinstance(value, list):
        return DatedTags
    return DatedText


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


__all__ = ["DatedFlag", "DatedTags", "DatedText", "Term", "latest", "value_on", "values_between", "with_change"]
