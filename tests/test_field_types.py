"""The type hints the converters and the shape checks are built from (issue 30: cheaper to resolve)."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from datetime import date

from village_tui.domain.models import AuditEntry, VillageSettings
from village_tui.store.convert import field_types, from_document, to_document
from village_tui.store.kinds import KINDS
from village_tui.store.open_index import OpenIndexEntry


def _record_classes() -> list[type]:
    """Every class the store keeps, with every dataclass nested in their fields."""
    found: list[type] = []
    todo = [kind.cls for kind in KINDS.values()] + [VillageSettings, AuditEntry, OpenIndexEntry]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.append(cls)
        for hint in typing.get_type_hints(cls).values():
            for inner in (hint, *typing.get_args(hint), *(a for x in typing.get_args(hint) for a in typing.get_args(x))):
                if isinstance(inner, type) and dataclasses.is_dataclass(inner):
                    todo.append(inner)
    return found


def test_every_stored_class_has_the_types_typing_resolves_in_field_order() -> None:
    classes = _record_classes()
    assert len(classes) > 15
    for cls in classes:
        hints = typing.get_type_hints(cls)
        assert field_types(cls) == tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls)), cls


@dataclass
class _Base:
    day: date
    note: str = ""


@dataclass
class _Derived(_Base):
    later: date | None = None
    tags: list[str] = field(default_factory=list)


def test_an_inherited_field_keeps_its_type_and_round_trips() -> None:
    assert field_types(_Derived) == (("day", date), ("note", str), ("later", date | None), ("tags", list[str]))
    record = _Derived(date(2026, 11, 27), "走访张桂兰", date(2026, 12, 1), ["低保户"])
    assert from_document(_Derived, to_document(record)) == record
