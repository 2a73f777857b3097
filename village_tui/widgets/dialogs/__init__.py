"""Dialogs shared by every area: confirm (yes/no), reason, archive, and the keys every dialog shows."""
