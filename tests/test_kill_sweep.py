"""Kill sweeps (issue 25 item 1): every command killed just before its renames and fsyncs loses nothing.

The sweep itself is in ``kill_sweep.py``. Here each command is killed at five kill
points spread over it (among them, for a new folder's first import and first set-up,
points inside the first compaction, where a kill used to brick the folder);
``VILLAGE_TUI_FULL_SWEEP=1`` runs every point of every command (about a minute and a
half on a slow disk). After each kill the folder opens
writable, ``verify`` raises no alarm, no acknowledged save is lost and nothing is half applied.
"""

from __future__ import annotations

import os
import sys

import pytest

from kill_sweep import COMMANDS, sweep

FULL = bool(os.environ.get("VILLAGE_TUI_FULL_SWEEP"))
SAMPLE = 5
EVERY_POINT = {"restore"}  # cheap, and its old gap (a year file missing) lay between two of its points

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL and fork are POSIX")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_kill_before_any_rename_or_fsync_leaves_a_writable_folder_and_loses_nothing(name, tmp_path):
    figures = sweep(name, tmp_path, None if FULL or name in EVERY_POINT else SAMPLE)
    assert figures.kills >= min(SAMPLE, figures.points) and figures.points > 3
    assert figures.details == [], "\n".join(figures.details)
