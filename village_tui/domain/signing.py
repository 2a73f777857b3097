"""Ed25519 signatures of what a unit sends on the stick, and the short fingerprint read over the phone.

A village, township or county signs its exports and reply packages with the private key kept in
its own data folder (the store reads and writes that file; nothing here touches a file). The
receiver checks the signature against the public key that travels with the package, and that
key against the one it trusted before (:func:`trust_key`): a package resealed after tampering
(the checksums recomputed) no longer matches its signature, and one re-signed with another key
no longer matches the key the receiver knows.

Keys are raw bytes: 32 for the private key (the seed), 32 for the public key, 64 for a signature.
"""

from __future__ import annotations

import hashlib
import re

ALGORITHM = "Ed25519"
KEY_BYTES = 32
LEVELS = ("村", "乡镇", "县")
_FINGERPRINT = re.compile(r"^[0-9A-F]{16}$")


def new_private_key() -> bytes:
    """A new random private key (its 32-byte seed)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key(private: bytes) -> bytes:
    """The public key (32 bytes) of a private key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(private: bytes, data: bytes) -> bytes:
    """The signature (64 bytes) of ``data``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private).sign(data)


def signature_holds(public: bytes, data: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is the signature of ``data`` by the key ``public`` (a malformed key: False)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public: bytes | str) -> str:
    """The short fingerprint of a public key, read over the phone: ``3F2A-9C41-0B7E-D5A8``.

    The first 8 bytes of the key's SHA-256, in four groups of four hexadecimal digits.

    Args:
        public: The public key, as bytes or as its hexadecimal text.
    """
    raw = bytes.fromhex(public) if isinstance(public, str) else public
    digest = hashlib.sha256(raw).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def normalize_fingerprint(typed: str) -> str:
    """A fingerprint as typed (lower case, spaces, dashes or none) in the shown form, or "" if it is not one."""
    bare = re.sub(r"[\s\-－—_:：]", "", typed).upper()
    if not _FINGERPRINT.match(bare):
        return ""
    return "-".join(bare[i:i + 4] for i in range(0, 16, 4))


def unit_key(level: str, name: str) -> str:
    """The trust list's key of a unit: ``村:桃源村``, ``乡镇:均溪镇``, ``县:大田县``."""
    return f"{level}:{name}"


def trust_key(trusted: dict[str, str], level: str, name: str, public_hex: str) -> tuple[str, str]:
    """Judge a package's key against the receiver's trust list.

    Args:
        trusted: The receiver's trust list (unit key → public key in hexadecimal).
        level: The sender's level (村, 乡镇 or 县).
        name: The sender's name.
        public_hex: The key the package was signed with.

    Returns:
        ``("known", "")`` for the key trusted before; ``("new", line)`` for the first key seen from the
        unit (the line asks for a phone call to confirm its fingerprint); ``("changed", reason)`` for
        a key other than the one trusted (the package is refused with that reason).
    """
    known = trusted.get(unit_key(level, name))
    if known == public_hex:
        return "known", ""
    if known is None:
        return "new", (f"首次收到{name}的签名密钥，指纹 {fingerprint(public_hex)}。"
                       f"请打电话与{name}核对这个指纹（对方在导出或发送时看到的指纹）。")
    return "changed", (f"{name}的签名密钥与以前收到的不同（以前的指纹 {fingerprint(known)}，这次 "
                       f"{fingerprint(public_hex)}），可能被人改动过，拒收。若{name}确实换了密钥（重装、换电脑），"
                       f"请打电话核对新指纹后用 village-tui trust 文件夹 --data 数据文件夹 --fingerprint "
                       f"{fingerprint(public_hex)} 接受")
