"""Converters between domain dataclasses and the plain dicts kept in JSON files.

Dates become ISO strings, nested dataclasses become dicts, and the record's
``id`` is not stored inside the document: the store derives it from the key.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")


@lru_cache(maxsize=None)
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return to_document(value, keep_id=True)
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def to_document(obj: Any, keep_id: bool = False) -> dict:
    """Turn a dataclass into a JSON-ready dict.

    Args:
        obj: A domain dataclass instance.
        keep_id: Keep the ``id`` field (for nested records and exports).

    Returns:
        A dict of plain JSON values.
    """
    out = {}
    for name, _ in _field_types(type(obj)):
        if name == "id" and not keep_id:
            continue
        out[name] = _encode(getattr(obj, name))
    return out


def _identity(value: Any) -> Any:
    return value


@lru_cache(maxsize=None)
def _decoder(hint: Any) -> Any:
    """A function turning a stored value into ``hint``'s type, built once per type.

    Loading a year means decoding tens of thousands of fields; working out what to
    do from the type hint on every value cost more than the decoding itself.
    """
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _decoder(args[0]) if len(args) == 1 else _identity
        return lambda value: None if value is None else inner(value)
    if hint is date:
        return lambda value: None if value is None else date.fromisoformat(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: None if value is None else from_document(hint, value)
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        decode_item = _decoder(item)
        if decode_item is _identity:
            return lambda value: None if value is None else list(value)
        return lambda value: None if value is None else [decode_item(v) for v in value]
    if origin is dict:
        args = typing.get_args(hint)
        decode_value = _decoder(args[1] if len(args) == 2 else Any)
        return lambda value: None if value is None else {k: decode_value(v) for k, v in value.items()}
    return _identity


@lru_cache(maxsize=None)
def _field_decoders(cls: type) -> tuple[tuple[str, Any], ...]:
    return tuple((name, _decoder(hint)) for name, hint in _field_types(cls))


def from_document(cls: type[T], doc: dict, record_id: Any = None) -> T:
    """Build a dataclass from a stored dict, ignoring unknown keys.

    Args:
        cls: The dataclass to build.
        doc: The stored dict.
        record_id: The id to set, when the class has an ``id`` field.

    Returns:
        An instance of ``cls``.
    """
    kwargs = {}
    for name, decode in _field_decoders(cls):
        if name in doc:
            kwargs[name] = decode(doc[name])
    if record_id is not None:
        kwargs["id"] = record_id
    return cls(**kwargs)
