"""A typed forwarding descriptor: the village facade's old method names, each answered by one area.

``save_visit = forward("visits", VisitService.save_visit)`` in the facade's class makes
``service.save_visit(...)`` call ``service.areas.visits.save_visit(...)``, with the area method's
parameters and return type (a ParamSpec), so mypy checks every call made through the facade.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

A = TypeVar("A")
P = ParamSpec("P")
R = TypeVar("R")


class _WithAreas(Protocol):
    """The facade: anything with an ``areas`` attribute holding the areas by name."""

    @property
    def areas(self) -> object: ...


class forward(Generic[A, P, R]):  # noqa: N801 - used like a function in class bodies
    """Forward a facade method to the method of the same name on one area.

    The call is looked up on the area each time, so an area's method replaced in a test is
    the one the facade calls.

    Args:
        area: The attribute of ``facade.areas`` holding the area (``"visits"``).
        method: The area's method (``VisitService.save_visit``), which gives the name and the types.
    """

    def __init__(self, area: str, method: Callable[Concatenate[A, P], R]) -> None:
        self.area = area
        self.name: str = getattr(method, "__name__")
        self.__doc__ = method.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        if name != self.name:
            raise TypeError(f"{owner.__name__}.{name} forwards to {self.area}.{self.name}: the names must match")

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> forward[A, P, R]: ...

    @overload
    def __get__(self, instance: _WithAreas, owner: type | None = None) -> Callable[P, R]: ...

    def __get__(self, instance: _WithAreas | None, owner: type | None = None) -> forward[A, P, R] | Callable[P, R]:
        if instance is None:
            return self
        method: Callable[P, R] = getattr(getattr(instance.areas, self.area), self.name)
        return method
