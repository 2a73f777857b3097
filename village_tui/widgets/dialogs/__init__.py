"""Dialogs shared by every area: confirm (yes/no) and reason."""
