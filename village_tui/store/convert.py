"""Converters between domain dataclasses and the plain dicts kept in JSON files.

Dates become ISO strings, nested dataclasses become dicts, and the record's
``id`` is not stored inside the document: the store derives it from the key.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")


_HINTS: dict[tuple[str, str], Any] = {}  # (module, annotation text) -> the type it names


def _hint(owner: type, annotation: Any) -> Any:
    """The type an annotation of a class of ``owner``'s module names (the text evaluated there once)."""
    if not isinstance(annotation, str):
        return annotation
    key = (owner.__module__, annotation)
    hint = _HINTS.get(key)
    if hint is None:
        hint = eval(annotation, vars(sys.modules[owner.__module__]))  # noqa: S307 - the program's own annotations
        _HINTS[key] = type(None) if hint is None else hint
    return _HINTS[key]


@lru_cache(maxsize=None)
def field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    """Each field of a dataclass with its resolved type hint, in order (what is stored and checked).

    The same types as ``typing.get_type_hints`` gives (a test compares every record class), at a
    quarter of its cost: each annotation's text (``"date | None"``) is evaluated once per module,
    in the module of the class that declares the field, and shared by every class using it. The
    first check of a process builds the checks and converters of a dozen classes from these.
    """
    found = []
    for spec in dataclasses.fields(cls):
        owner = next(base for base in cls.__mro__ if spec.name in vars(base).get("__annotations__", {}))
        found.append((spec.name, _hint(owner, spec.type)))
    return tuple(found)


_field_types = field_types


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _encode(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values: returned before the slower checks (an audit digest list has 70,000)
        return value
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
    cls: type = type(obj)
    for name, _ in _field_types(cls):
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
        key_value = typing.get_args(hint)
        decode_value = _decoder(key_value[1] if len(key_value) == 2 else Any)
        return lambda value: None if value is None else {k: decode_value(v) for k, v in value.items()}
    return _identity


def _plain_date(hint: Any) -> bool:
    """``date`` or ``date | None``: decoded inline by :func:`_builder`."""
    if hint is date:
        return True
    args = typing.get_args(hint)
    return typing.get_origin(hint) in (typing.Union, types.UnionType) and set(args) == {date, type(None)}


@lru_cache(maxsize=None)
def _builder(cls: type) -> Any:
    """A function ``build(doc, record_id)`` made once per class from generated source.

    A year holds thousands of records; a call per field (even to an identity
    function) cost more than the values' own work, so plain values are copied
    and dates parsed inline, and only nested values call their decoder.
    """
    env: dict[str, Any] = {"cls": cls, "fromiso": date.fromisoformat}
    lines = ["def build(doc, record_id):", "    kw = {}"]
    for index, (name, hint) in enumerate(_field_types(cls)):
        decode = _decoder(hint)
        key = repr(name)
        lines.append(f"    if {key} in doc:")
        if decode is _identity:
            lines.append(f"        kw[{key}] = doc[{key}]")
        elif _plain_date(hint):
            lines += [f"        v = doc[{key}]", f"        kw[{key}] = None if v is None else fromiso(v)"]
        else:
            env[f"d{index}"] = decode
            lines.append(f"        kw[{key}] = d{index}(doc[{key}])")
    lines += ["    if record_id is not None:", "        kw['id'] = record_id", "    return cls(**kw)"]
    exec("\n".join(lines), env)  # noqa: S102 - source built from the dataclass's own field names
    return env["build"]


def from_document(cls: type[T], doc: dict, record_id: Any = None) -> T:
    """Build a dataclass from a stored dict, ignoring unknown keys.

    Args:
        cls: The dataclass to build.
        doc: The stored dict.
        record_id: The id to set, when the class has an ``id`` field.

    Returns:
        An instance of ``cls``.
    """
    plain: type = cls
    built: T = _builder(plain)(doc, record_id)
    return built
