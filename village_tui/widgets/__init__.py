"""Reusable widgets: one widget per file; widgets post Messages and never touch the store."""
