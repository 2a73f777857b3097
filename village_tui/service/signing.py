"""A unit's signing key and its trust list: what every level (village, township, county) signs and trusts.

The private key lives in the data folder's key file (:mod:`village_tui.store.keys`) and never
leaves the service: callers hand it bytes to sign and get the signature back. Its public half is
kept in the settings, so making a key is a settings change in the audit log. A folder set up
before keys existed gets one on first need, audited the same way.
"""

from __future__ import annotations

from village_tui.domain import signing
from village_tui.domain.models import VillageSettings
from village_tui.service.core import ServiceBase
from village_tui.store.keys import read_signing_key, write_signing_key

KEY_MADE = "生成签名密钥"
KEY_TRUSTED = "信任签名密钥"


class SigningService(ServiceBase):
    """Signing what this unit sends, and judging the keys of what it receives."""

    def _private_key(self) -> bytes:
        """The folder's private key, made (and its public half audited in the settings) when missing.

        In a folder opened read-only (another program holds it) a missing key file is still made (it is
        no data file); the settings name it at the next writable use, audited then.

        Raises:
            DomainError: The key file is unreadable or not a key.
        """
        private = read_signing_key(self.folder)
        settings = self.settings()
        if private is not None and signing.public_key(private).hex() == settings.signing_key:
            return private
        if self.readonly:  # the settings cannot be brought up to date: the file's key signs, recorded next time
            if private is None:
                private = signing.new_private_key()
                write_signing_key(self.folder, private)
            return private
        if private is None:
            note = "设置时生成签名密钥" if not settings.signing_key else (
                f"密钥文件不见了，生成新的签名密钥（原指纹 {signing.fingerprint(settings.signing_key)}）："
                "请打电话把新指纹告诉上级和下级")
            private = signing.new_private_key()
            write_signing_key(self.folder, private)
        else:
            note = "采用数据文件夹中已有的签名密钥文件"
        public = signing.public_key(private).hex()
        settings.signing_key = public
        self.records.save_settings(settings, self.operator_name,
                                   reason=f"{note}，指纹 {signing.fingerprint(public)}", action=KEY_MADE)
        return private

    def set_up_village(self, settings: VillageSettings) -> None:
        """The first-run set-up, with the folder's signing key: its public half is in the first settings saved."""
        self.key_for_set_up(settings)
        super().set_up_village(settings)

    def key_for_set_up(self, settings: VillageSettings) -> None:
        """Give a folder being set up its signing key (kept in its key file), named in ``settings``."""
        if self.readonly or self.records.settings() is not None or settings.signing_key:
            return
        private = read_signing_key(self.folder)
        if private is None:
            private = signing.new_private_key()
            write_signing_key(self.folder, private)
        settings.signing_key = signing.public_key(private).hex()

    def make_signing_key(self) -> str:
        """Make sure the folder has its signing key (at set-up); returns its fingerprint."""
        return signing.fingerprint(signing.public_key(self._private_key()))

    def sign(self, data: bytes) -> tuple[str, bytes]:
        """Sign ``data`` with the folder's key.

        Returns:
            The public key (hexadecimal) and the signature.
        """
        private = self._private_key()
        return signing.public_key(private).hex(), signing.sign(private, data)

    def own_fingerprint(self) -> str:
        """The fingerprint of this folder's key ("" when it has none yet), for the phone call."""
        key = self.settings().signing_key
        return signing.fingerprint(key) if key else ""

    def judge_key(self, level: str, name: str, public_hex: str) -> tuple[str, str]:
        """How a package from ``name`` (of ``level``) signed with ``public_hex`` stands against the trust list.

        Returns:
            See :func:`village_tui.domain.signing.trust_key`.
        """
        return signing.trust_key(self.settings().trusted_keys, level, name, public_hex)

    def trust(self, level: str, name: str, public_hex: str, reason: str) -> None:
        """Put a unit's key on the trust list (its first key, or a new one accepted on purpose), audited.

        Inside a caller's transaction it lands with what the caller writes.
        """
        settings = self.settings()
        key = signing.unit_key(level, name)
        if settings.trusted_keys.get(key) == public_hex:
            return
        settings.trusted_keys = {**settings.trusted_keys, key: public_hex}
        self.records.save_settings(settings, self.operator_name, reason=reason, action=KEY_TRUSTED)
