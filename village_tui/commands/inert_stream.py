"""Command output that a terminal cannot interpret: every line the commands print goes through here.

Names, notes and village names come from data files, and another village's export is
hostile until checked. Rather than trusting each ``print`` of each command, the command
line wraps stdout and stderr while a command runs: escape sequences, control characters
(but newline, tab and the carriage return of progress bars) and bidi overrides are removed
from everything written, with :func:`village_tui.domain.safe_text.inert`'s rules.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from village_tui.domain.normalize import strip_escapes

# C0/C1 controls but tab, newline and carriage return; bidi, zero-width and BOM characters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]")


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences, controls (but ``\\n``, ``\\t``, ``\\r``) or bidi characters."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub("", strip_escapes(text))


class InertStream:
    """A text stream that writes everything through :func:`terminal_safe` into another stream."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        """Write ``text`` made inert; returns the length given, as callers of ``write`` expect."""
        self._inner.write(terminal_safe(text))
        return len(text)

    def writelines(self, lines) -> None:
        """Write each line made inert."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextmanager
def inert_output() -> Iterator[None]:
    """While the block runs, stdout and stderr write inert text only."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(out), InertStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
