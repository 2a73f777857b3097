"""The form base and its parts: field, save/cancel row, unsaved-changes dialog, read-only banner."""
