"""Screens of the app: one screen per file; areas are registered in :mod:`village_tui.screens.areas`."""
