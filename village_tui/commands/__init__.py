"""One module per command of ``village-tui COMMAND``: ``add_arguments(parser)`` and ``run(args) -> int``."""
