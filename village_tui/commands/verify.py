"""``village-tui verify DIR``: check an export copy or a data folder for changes made outside the program.

An export (``DIR/manifest.json``) is checked against its manifest and its
audit chain, and, when unmasked, every record against the audit log. A data
folder (``schema.json`` or ``reference.json``, no manifest) gets the audit
chain and the record check. Never writes anything (works on a write-protected
stick). Exit code 0 when all is well, 1 on any problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_BAD_COPY = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui verify``."""
    parser.add_argument("folder", metavar="DIR", help="导出的文件夹（含 manifest.json），或数据文件夹")


def is_data_folder(folder: Path) -> bool:
    """A data folder: its schema or reference file, and no manifest."""
    from village_tui.exchange.manifest import MANIFEST_NAME
    from village_tui.store.api import REFERENCE_NAME, SCHEMA_NAME

    return not (folder / MANIFEST_NAME).exists() and any(
        (folder / name).is_file() for name in (SCHEMA_NAME, REFERENCE_NAME))


def run(args: argparse.Namespace) -> int:
    """Verify the copy or the data folder and print every problem."""
    from village_tui.exchange.verify import verify_copy, verify_data_folder

    from village_tui.exchange.township.package import is_package, read_package
    from village_tui.exchange.township.upward import is_forward_package

    folder = Path(args.folder)
    if not folder.exists():
        # Not a copy that changed: nothing is there (a mistyped path, or the stick is not in).
        from village_tui.domain.error_words import missing_path

        print(missing_path(folder), file=sys.stderr)
        return EXIT_BAD_COPY
    if is_forward_package(folder):
        return _verify_forward_package(folder)
    if is_package(folder):
        package = read_package(folder)
        print("\n".join(package.lines()))
        return EXIT_OK if package.ok else EXIT_BAD_COPY
    result = verify_data_folder(folder) if is_data_folder(folder) else verify_copy(folder, records=True)
    print("\n".join(result.lines()))
    return EXIT_OK if result.ok else EXIT_BAD_COPY


def _verify_forward_package(folder: Path) -> int:
    """Check a township's forwarding package (上报-乡镇-县-…): its signature and every file's checksum."""
    import json

    from village_tui.exchange.township.upward import HEADER, read_forward_package

    county = json.loads((folder / HEADER).read_bytes().decode("utf-8")).get("to", "")
    package = read_forward_package(folder, str(county))
    print(f"检查：{folder}")
    if package.refusal:
        print(f"错误：{package.refusal}")
        return EXIT_BAD_COPY
    print(f"校验通过：{package.sender}报给{county}的上报包（第 {package.header['sequence']} 号），"
          f"{len(package.items)} 个事项，每个文件都与校验值一致。")
    print(f"签名有效：{package.sender}的签名密钥指纹 {package.signature.fingerprint}（可打电话核对）。")
    return EXIT_OK
