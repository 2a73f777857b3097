"""The domain: records, validation, pinyin and the rulebook as plain functions.

Nothing here imports Textual or TinyDB.
"""
