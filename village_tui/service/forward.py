"""A typed forwarding descriptor: the village facade's old method names, each answered by one area.

``save_visit = forward("visits", lambda: VisitService.save_visit)`` in the facade's class makes
``service.save_visit(...)`` call ``service.areas.visits.save_visit(...)``, with the area method's
parameters and return type (a ParamSpec), so mypy checks every call made through the facade.

The method is given behind a ``lambda`` that is never called at run time: mypy reads the types
from it, while the facade's module imports the area classes for the type checker only. So the
facade imports no area at start-up; ``service.areas`` imports and builds each area the first time
it is asked for (the sign-in needs only the registry and the duty roster).
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
        method: A ``lambda`` naming the area's method (``lambda: VisitService.save_visit``); only the
            type checker reads it, for the parameters and the return type. The facade attribute must
            have the method's name (checked when the facade's class is made).
    """

    def __init__(self, area: str, method: Callable[[], Callable[Concatenate[A, P], R]]) -> None:
        self.area = area
        # The names the lambda reads, e.g. ("VisitService", "save_visit"): read, never looked up.
        names = method.__code__.co_names
        self.area_class: str = names[0] if names else ""
        self.name: str = names[-1] if names else ""

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
