"""``village-tui verify DIR``: check an export against its manifest and its audit chain.

Never writes anything (works on a write-protected stick). Exit code 0 when the
copy is whole, 1 when a file is missing or differs or the audit chain is broken.
"""

from __future__ import annotations

import argparse

EXIT_OK, EXIT_BAD_COPY = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui verify``."""
    parser.add_argument("folder", metavar="DIR", help="导出的文件夹（含 manifest.json）")


def run(args: argparse.Namespace) -> int:
    """Verify the copy and print every problem."""
    from village_tui.exchange.verify import verify_copy

    result = verify_copy(args.folder)
    print("\n".join(result.lines()))
    return EXIT_OK if result.ok else EXIT_BAD_COPY
