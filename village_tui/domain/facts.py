"""Changing the dated facts of households and cadres from a given day.

A form or an import hands over the record as it should be now; the functions
here compare it with the stored one and turn every changed dated fact into an
entry from the day given, so the days before keep the facts then in force.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from village_tui.domain.dated import DatedFlag, DatedTags, DatedText, Term, latest, with_change
from village_tui.domain.models import Cadre, GroupMove, Household

# Facts of a household that are dated, as the forms and the 农户变动 sheet name them.
HOUSEHOLD_FACTS = ("away", "needs", "group")
CADRE_FACTS = ("role", "groups", "can_mentor")
# A new term_start this much later than the old one starts a new term; a smaller change corrects the date.
NEW_TERM_DAYS = 365


def group_entries(household: Household) -> list[DatedText]:
    """A household's groups as dated entries (its ``group_history`` keeps them as earlier groups with ``until``)."""
    moves = sorted(household.group_history, key=lambda m: m.until)
    if not moves:
        return []
    entries = [DatedText(None, moves[0].group)]
    for move, following in zip(moves, [*moves[1:], None]):
        entries.append(DatedText(move.until, following.group if following else household.group))
    return entries


def _set_groups(household: Household, entries: list[DatedText]) -> None:
    household.group_history = [GroupMove(until=later.since, group=earlier.value)
                               for earlier, later in zip(entries, entries[1:]) if later.since is not None]
    household.group = entries[-1].value if entries else household.group


def household_changed_facts(before: Household, after: Household) -> list[str]:
    """The dated facts whose current value differs between two versions of a household."""
    return [name for name in HOUSEHOLD_FACTS if getattr(before, name) != getattr(after, name)]


def cadre_changed_facts(before: Cadre, after: Cadre) -> list[str]:
    """The dated facts whose current value differs between two versions of a cadre."""
    return [name for name in CADRE_FACTS if getattr(before, name) != getattr(after, name)]


def set_household_fact(household: Household, fact: str, since: date, value) -> Household:
    """Record that ``fact`` of a household holds ``value`` from ``since`` on (in place).

    Args:
        household: The household (its histories are updated).
        fact: ``"away"`` (bool), ``"needs"`` (list of categories), ``"group"`` (a group)
            or ``"left"`` (moved out: ``value`` is ignored).
        since: The first day the value holds.
        value: The new value.

    Returns:
        The same household. Its plain field is the latest value afterwards.
    """
    if fact == "left":
        household.left_on = since if household.left_on is None else min(household.left_on, since)
        return household
    origin = household.registered_on
    if fact == "away":
        household.away_history = with_change(household.away_history, since, bool(value), household.away, origin)
        household.away = latest(household.away_history, household.away)
    elif fact == "needs":
        household.needs_history = with_change(household.needs_history, since, list(value), household.needs, origin)
        household.needs = latest(household.needs_history, household.needs)
    elif fact == "group":
        _set_groups(household, with_change(group_entries(household), since, str(value), household.group))
    else:
        raise ValueError(f"not a dated fact of a household: {fact}")
    return household


def set_household_initial(household: Household, fact: str, value) -> Household:
    """Set the value a dated fact of a household had from the start, keeping its later changes (in place).

    The start is its registration, or "since always" for a household there before every
    record. Used by the import, whose 农户 sheet gives the facts before the changes its
    农户变动 sheet lists.

    Args:
        household: The household.
        fact: ``"away"``, ``"needs"`` or ``"group"``.
        value: The first value.

    Returns:
        The same household; its plain field is the latest value afterwards.
    """
    if fact == "away":
        first = household.away_history[1:]
        household.away_history = [DatedFlag(None, bool(value)), *first]
        household.away = latest(household.away_history, household.away)
    elif fact == "needs":
        household.needs_history = [DatedTags(None, list(value)), *household.needs_history[1:]]
        household.needs = latest(household.needs_history, household.needs)
    elif fact == "group":
        entries = group_entries(household) or [DatedText(None, household.group)]
        _set_groups(household, [DatedText(None, str(value)), *entries[1:]])
    else:
        raise ValueError(f"not a dated fact of a household: {fact}")
    return household


def apply_household_changes(before: Household, after: Household, since: date) -> Household:
    """The household to save: ``after`` with each changed dated fact recorded from ``since``.

    ``after`` carries the new current values (as a form or import row gives
    them) and possibly stale histories; the stored histories of ``before`` are
    the ones extended.
    """
    saved = dataclasses.replace(after, away=before.away, needs=list(before.needs), group=before.group,
                                group_history=list(before.group_history),
                                away_history=list(before.away_history), needs_history=list(before.needs_history))
    for fact in household_changed_facts(before, after):
        set_household_fact(saved, fact, since, getattr(after, fact))
    return saved


def set_cadre_fact(cadre: Cadre, fact: str, since: date, value) -> Cadre:
    """Record that ``fact`` of a cadre (role, groups, can_mentor) holds ``value`` from ``since`` (in place)."""
    origin = cadre.term_start
    if fact == "role":
        cadre.role_history = with_change(cadre.role_history, since, str(value), cadre.role, origin)
        cadre.role = latest(cadre.role_history, cadre.role)
    elif fact == "groups":
        cadre.groups_history = with_change(cadre.groups_history, since, list(value), cadre.groups, origin)
        cadre.groups = latest(cadre.groups_history, cadre.groups)
    elif fact == "can_mentor":
        cadre.mentor_history = with_change(cadre.mentor_history, since, bool(value), cadre.can_mentor, origin)
        cadre.can_mentor = latest(cadre.mentor_history, cadre.can_mentor)
    else:
        raise ValueError(f"not a dated fact of a cadre: {fact}")
    return cadre


def apply_cadre_changes(before: Cadre, after: Cadre, since: date) -> Cadre:
    """The cadre to save: ``after`` with each changed dated fact recorded from ``since``.

    A ``term_start`` at least :data:`NEW_TERM_DAYS` later than the stored one
    starts a new term: the old term is kept in ``past_terms`` (ending the day
    before the new one, or on its own last day). A smaller change corrects
    the date of the current term.
    """
    saved = dataclasses.replace(after, role=before.role, groups=list(before.groups), can_mentor=before.can_mentor,
                                role_history=list(before.role_history), groups_history=list(before.groups_history),
                                mentor_history=list(before.mentor_history), past_terms=list(before.past_terms))
    if (after.term_start - before.term_start).days >= NEW_TERM_DAYS:
        end = after.term_start - timedelta(days=1)
        if before.term_end is not None:
            end = min(end, before.term_end)
        saved.past_terms.append(Term(before.term_start, end))
        since = max(since, after.term_start)  # what the form changed with a new term holds from its start
    for fact in cadre_changed_facts(before, after):
        set_cadre_fact(saved, fact, since, getattr(after, fact))
    return saved


def household_changes_text(household: Household) -> list[str]:
    """A household's dated changes in words, oldest first (registration, 外出, categories, group, moving out)."""
    from village_tui.domain.dates import format_cn

    found: list[tuple[date, str]] = []
    if household.registered_on is not None:
        found.append((household.registered_on, f"{format_cn(household.registered_on)}登记"))
    for earlier, later in zip(household.away_history, household.away_history[1:]):
        if later.since is not None:
            found.append((later.since, f"{format_cn(later.since)}起{'外出务工/经商' if later.value else '不再外出'}"))
    for needs in household.needs_history[1:]:
        if needs.since is not None:
            found.append((needs.since, f"{format_cn(needs.since)}起困难类别：{'、'.join(needs.value) or '无'}"))
    entries = group_entries(household)
    for before, move in zip(entries, entries[1:]):
        if move.since is not None:
            found.append((move.since, f"{format_cn(move.since)}起由{before.value}迁到{move.value}"))
    if household.left_on is not None:
        found.append((household.left_on, f"{format_cn(household.left_on)}起不在本村（迁出或归档）"))
    return [text for _, text in sorted(found, key=lambda pair: pair[0])]


__all__ = [
    "household_changes_text",
    "CADRE_FACTS",
    "HOUSEHOLD_FACTS",
    "NEW_TERM_DAYS",
    "apply_cadre_changes",
    "apply_household_changes",
    "cadre_changed_facts",
    "group_entries",
    "household_changed_facts",
    "set_cadre_fact",
    "set_household_fact",
    "set_household_initial",
]
