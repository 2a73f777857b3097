"""The signature beside a package's manifest: who signed it, and whether the manifest is as signed.

An export's ``manifest.json`` and a reply package's ``checksums.json`` list the SHA-256 of every
other file; ``signature.json`` beside them holds the Ed25519 signature of that file's bytes and
the public key that made it::

    {"algorithm": "Ed25519", "signed": "manifest.json", "public_key": "…64 hex…", "signature": "…128 hex…"}

Checksums alone say a copy is whole, not who made it: anyone can change a file and recompute
them ("reseal"). A resealed manifest no longer matches its signature; one signed again with
another key no longer matches the key the receiver trusted (see
:func:`village_tui.domain.signing.trust_key`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from village_tui.domain import signing
from village_tui.domain.error_words import error_words
from village_tui.store.api import atomic_write_bytes

SIGNATURE_NAME = "signature.json"
_HEX = set("0123456789abcdef")


@dataclass
class SignatureCheck:
    """The outcome of checking a folder's signature.

    Attributes:
        public_key: The key it was signed with (hexadecimal; "" when unreadable).
        problem: Why it does not hold, in Chinese ("" when it does).
    """

    public_key: str = ""
    problem: str = ""

    @property
    def ok(self) -> bool:
        """True when the signed file is exactly as its key signed it."""
        return not self.problem

    @property
    def fingerprint(self) -> str:
        """The signing key's short fingerprint ("" when unknown)."""
        return signing.fingerprint(self.public_key) if self.public_key else ""


def write_signature(folder: Path, signed_name: str, public_hex: str, signature: bytes) -> None:
    """Write ``signature.json`` for the file ``signed_name`` of ``folder`` (durably)."""
    body = {"algorithm": signing.ALGORITHM, "signed": signed_name, "public_key": public_hex,
            "signature": signature.hex()}
    atomic_write_bytes(folder / SIGNATURE_NAME, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))


def _hex(value, length: int) -> str:
    return value if isinstance(value, str) and len(value) == length and set(value) <= _HEX else ""


def check_signature(folder: Path, signed_name: str, signed: bytes | None = None) -> SignatureCheck:
    """Check that ``signed_name`` in ``folder`` is exactly what the key in ``signature.json`` signed.

    Args:
        folder: The export folder.
        signed_name: The signed file's name.
        signed: Its bytes as the caller read them (checked as read, not read again), or None to read it here.
    """
    path = folder / SIGNATURE_NAME
    if not path.is_file():
        return SignatureCheck(problem=f"没有签名文件 {SIGNATURE_NAME}：无法确认是谁发出的（旧版程序导出的请用新版重新导出）")
    try:
        body = json.loads(path.read_bytes().decode("utf-8"))
        data = (folder / signed_name).read_bytes() if signed is None else signed
    except (OSError, ValueError) as error:
        return SignatureCheck(problem=f"签名文件读不出来：{error_words(error)}")
    if not isinstance(body, dict):
        return SignatureCheck(problem="签名文件格式不对")
    public, signature = _hex(body.get("public_key"), 64), _hex(body.get("signature"), 128)
    if body.get("algorithm") != signing.ALGORITHM or body.get("signed") != signed_name or not public or not signature:
        return SignatureCheck(public, "签名文件格式不对")
    if not signing.signature_holds(bytes.fromhex(public), data, bytes.fromhex(signature)):
        return SignatureCheck(public, f"签名不符：{signed_name} 在签名之后被改动过（或签名被换过）")
    return SignatureCheck(public)
