"""Checks of stored values and records, derived from the domain dataclasses' type hints.

The field half of :mod:`village_tui.store.shapes`: each check returns None when a
value fits its type hint, else ``(where inside the value, what is wrong)`` in
Chinese. A record class gets a fast test generated from its fields (for files of
thousands of records) and a field-by-field check that words the first problem.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from village_tui.domain.safe_text import inert
from village_tui.store.convert import field_types

# check(value) -> None when the value fits, else (where inside the value, what is wrong)
Check = Callable[[Any], "tuple[str, str] | None"]

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_SHOWN = 24  # characters of a bad value quoted in a message
_TYPE_NAMES = {str: "文字", int: "整数", bool: "是/否（true 或 false）", float: "数字"}


def describe(value: Any) -> str:
    """A short Chinese description of a JSON value, safe to print (``文字「三」``, ``列表``)."""
    if value is None:
        return "空值 null"
    if isinstance(value, bool):
        return "是否值 true" if value else "是否值 false"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        shown = inert(value[:_SHOWN * 4])[:_SHOWN]
        return f"文字「{shown}{'…' if len(value) > len(shown) else ''}」"
    if isinstance(value, list):
        return f"列表（{len(value)} 项）"
    if isinstance(value, dict):
        return "一组字段（对象）"
    return type(value).__name__


def field_label(name: str) -> str:
    """A field or key name as quoted in a message: 「day」."""
    return f"「{inert(name)[:_SHOWN]}」"


def _exact(expected: type) -> Check:
    def check(value: Any) -> tuple[str, str] | None:
        if type(value) is expected:
            return None
        return "", f"应为{_TYPE_NAMES[expected]}，实为{describe(value)}"
    return check


def _number(value: Any) -> tuple[str, str] | None:
    if type(value) in (int, float):
        return None
    return "", f"应为数字，实为{describe(value)}"


def _day(value: Any) -> tuple[str, str] | None:
    if type(value) is str and _DATE.match(value):
        try:
            date.fromisoformat(value)
            return None
        except ValueError:
            pass
    if type(value) is str:
        return "", f"日期{describe(value)[2:]}不是有效日期（应如 2026-11-27）"
    return "", f"应为日期（如 2026-11-27），实为{describe(value)}"


def _anything(value: Any) -> None:
    return None


@lru_cache(maxsize=None)
def value_check(hint: Any) -> Check:
    """The check of one stored value of type ``hint``, built once per type."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        optional = type(None) in args
        inner = [value_check(a) for a in args if a is not type(None)]
        if len(inner) == 1:
            (only,) = inner

            def check_optional(value: Any) -> tuple[str, str] | None:
                return None if value is None and optional else only(value)
            return check_optional

        def check_union(value: Any) -> tuple[str, str] | None:
            if value is None and optional:
                return None
            problems = [c(value) for c in inner]
            return None if any(p is None for p in problems) else problems[0]
        return check_union
    if origin is typing.Literal:
        allowed = typing.get_args(hint)
        return lambda value: None if value in allowed else ("", f"不是可用的值：{describe(value)}")
    if hint in (str, int, bool):
        return _exact(hint)
    if hint is float:
        return _number
    if hint is date:
        return _day
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: record_check(hint)(value)  # looked up when called: a class may nest itself
    if origin in (list, tuple, set, frozenset) or hint in (list, tuple):
        items = [a for a in typing.get_args(hint) if a is not Ellipsis]
        item = value_check(items[0]) if len(items) == 1 or (origin is tuple and len(set(items)) == 1) else _anything
        return _sequence(item)
    if origin is dict or hint is dict:
        args = typing.get_args(hint)
        return _mapping(value_check(args[1]) if len(args) == 2 else _anything)
    return _anything  # Any, object, or a type the converters pass through unchanged


def _sequence(item: Check) -> Check:
    def check(value: Any) -> tuple[str, str] | None:
        if type(value) is not list:
            return "", f"应为列表，实为{describe(value)}"
        if item is _anything:
            return None
        for index, each in enumerate(value, start=1):
            problem = item(each)
            if problem is not None:
                return f"第{index}项{problem[0]}", problem[1]
        return None
    return check


def _mapping(item: Check) -> Check:
    def check(value: Any) -> tuple[str, str] | None:
        if type(value) is not dict:
            return "", f"应为一组字段（对象），实为{describe(value)}"
        if item is _anything:
            return None
        for key, each in value.items():
            problem = item(each)
            if problem is not None:
                return f"{field_label(key)}{problem[0]}", problem[1]
        return None
    return check


@lru_cache(maxsize=None)
def record_check(cls: type) -> Check:
    """The check of one stored record of dataclass ``cls``, derived from its fields.

    The ``id`` field is left out: the store derives it from the record's key.
    """
    explain = _explaining_check(cls)
    fast = table_scan(cls, None)

    def check(doc: Any) -> tuple[str, str] | None:
        if fast({"1": doc}) is None:
            return None
        return explain(doc) or ("", "不符合要求")
    return check


def _required(spec: dataclasses.Field) -> bool:
    return spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING


def _doc_tests(cls: type, env: dict[str, Any], tag: str) -> tuple[list[str], list[str]]:
    """Generated source testing one stored record of ``cls`` held in ``doc`` (with ``get = doc.get``).

    Returns:
        Expressions each True when its field does not fit, and statements run after them (the
        dates' calendar check) with ``{fail}`` where the record is refused. ``tag`` keeps the
        names of nested checks in ``env`` apart.
    """
    hints = dict(field_types(cls))
    tests: list[str] = []  # each is True when its field does not fit
    after: list[str] = []
    for index, spec in enumerate(dataclasses.fields(cls)):
        if spec.name == "id":
            continue
        hint, key, required = hints[spec.name], repr(spec.name), _required(spec)
        optional = False
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            optional = len(args) < len(typing.get_args(hint))
            hint = args[0] if len(args) == 1 else hint
        var = f"v{index}"
        if hint in (str, int, bool) and not optional:
            # an absent optional field reads as its type's own zero value, a required one as None
            absent = "None" if required else repr(hint())
            tests.append(f"type(get({key}, {absent})) is not {hint.__name__}")
            continue
        if hint is date and not optional and required:
            tests.append(f"type({var} := get({key})) is not str or len({var}) != 10 or {var}[4] != '-' "
                         f"or {var}[7] != '-'")
            after += [f"try: fromiso({var})", "except ValueError: {fail}"]
            continue
        if hint in (str, int, bool) and not required:
            tests.append(f"(type({var} := get({key})) is not {hint.__name__} and {var} is not None)")
            continue
        fits_absent = "False" if required else "True"
        if hint in (str, int, bool):
            test = f"type({var}) is not {hint.__name__}"
        elif hint is date:
            # the shape here, the calendar after the tests (a str of ten characters by then, unless absent or null)
            test = f"(type({var}) is not str or len({var}) != 10 or {var}[4] != '-' or {var}[7] != '-')"
            after += [f"if type({var}) is str:", f" try: fromiso({var})", " except ValueError: {fail}"]
        elif typing.get_origin(hint) is list and typing.get_args(hint) and typing.get_args(hint)[0] in (str, int):
            item = typing.get_args(hint)[0].__name__
            env[f"only_{item}"] = {typing.get_args(hint)[0]}  # the items' types, gathered in C
            test = f"(type({var}) is not list or ({var} and set(map(type, {var})) != only_{item}))"
        elif (typing.get_origin(hint) is list and len(typing.get_args(hint)) == 1
              and dataclasses.is_dataclass(typing.get_args(hint)[0]) and typing.get_args(hint)[0] not in _BUILDING):
            env[f"{tag}l{index}"] = _items_fit(typing.get_args(hint)[0])
            test = f"(type({var}) is not list or ({var} and not {tag}l{index}({var})))"
        else:
            env[f"{tag}c{index}"] = value_check(hints[spec.name])
            test = f"{tag}c{index}({var}) is not None"
        none_ok = f"{var} is not None and " if optional else ""
        tests.append(f"(({var} := get({key}, MISSING)) is MISSING and not {fits_absent} "
                     f"or {var} is not MISSING and {none_ok}{test})")
    return tests, after


_BUILDING: set[type] = set()  # classes whose item test is being generated (a class nesting itself is checked by value_check)


@lru_cache(maxsize=None)
def _items_fit(cls: type) -> Callable[[list], bool]:
    """``fit(items) -> bool``: whether every item of a stored list of nested ``cls`` records fits.

    The same tests as :func:`table_scan` makes of a record, generated once per class and run
    inline over the list (a household's dated facts, a duty day's sign-ins: one call per list,
    not one per item).
    """
    _BUILDING.add(cls)
    try:
        env: dict[str, Any] = {"fromiso": date.fromisoformat, "MISSING": dataclasses.MISSING}
        tests, after = _doc_tests(cls, env, "n")
    finally:
        _BUILDING.discard(cls)
    lines = ["def fit(items):", "  for doc in items:", "    if type(doc) is not dict: return False",
             "    get = doc.get"]
    if tests:
        lines.append("    if (" + "\n        or ".join(tests) + "): return False")
    lines += ["    " + line.format(fail="return False") for line in after]
    lines.append("  return True")
    exec("\n".join(lines), env)  # noqa: S102 - source built from the dataclass's own field names and types
    return env["fit"]


@lru_cache(maxsize=None)
def table_scan(cls: type, year_field: tuple[str, str] | None) -> Callable[[dict], str | None]:
    """``scan(docs) -> key | None``: the key of the first record of a table that does not fit, or None.

    Generated once per class from its fields' types (plain types and dates compared
    inline, as :func:`village_tui.store.convert._builder` decodes them, lists of nested
    records by one generated loop each): a year holds thousands of records and a function
    call per field would cost more than parsing the file. A record it rejects is then
    explained by :func:`_explaining_check`.

    Args:
        cls: The record class.
        year_field: For a yearly file, the date field and the ``"2026-"`` it must start with.
    """
    env: dict[str, Any] = {"fromiso": date.fromisoformat, "MISSING": dataclasses.MISSING,
                           "isdigit": str.isdigit, "isascii": str.isascii}
    tests, after = _doc_tests(cls, env, "")
    # The keys are tested together first (in C); a table with a bad one is tested record by record,
    # so the first bad record or key is the one named.
    lines = ["def scan(docs):",
             "  keys_fit = all(map(isdigit, docs)) and all(map(isascii, docs)) and max(map(len, docs), default=0) <= 9",
             "  for key, doc in docs.items():",
             "    if type(doc) is not dict or not keys_fit and (not key.isdigit() or not key.isascii() or len(key) > 9):",
             "      return key",
             "    get = doc.get"]
    if tests:
        lines.append("    if (" + "\n        or ".join(tests) + "): return key")
    lines += ["    " + line.format(fail="return key") for line in after]
    if year_field is not None:
        lines.append(f"    if not get({year_field[0]!r}).startswith({year_field[1]!r}): return key")
    lines.append("  return None")
    exec("\n".join(lines), env)  # noqa: S102 - source built from the dataclass's own field names and types
    return env["scan"]


@lru_cache(maxsize=None)
def _explaining_check(cls: type) -> Check:
    """The field-by-field check of one record that words what is wrong."""
    plain: list[tuple[str, type, bool]] = []
    other: list[tuple[str, Check, bool]] = []
    for spec in dataclasses.fields(cls):
        if spec.name == "id":
            continue
        hint = dict(field_types(cls))[spec.name]
        required = _required(spec)
        if hint in (str, int, bool):
            plain.append((spec.name, hint, required))
        else:
            other.append((spec.name, value_check(hint), required))

    def check(doc: Any) -> tuple[str, str] | None:
        if type(doc) is not dict:
            return "", f"不是一条记录，而是{describe(doc)}"
        for name, expected, required in plain:
            if name in doc:
                if type(doc[name]) is not expected:
                    return field_label(name), f"应为{_TYPE_NAMES[expected]}，实为{describe(doc[name])}"
            elif required:
                return "", f"缺少{field_label(name)}"
        for name, each, required in other:
            if name in doc:
                problem = each(doc[name])
                if problem is not None:
                    return field_label(name) + problem[0], problem[1]
            elif required:
                return "", f"缺少{field_label(name)}"
        return None
    return check
