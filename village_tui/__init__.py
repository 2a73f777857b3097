"""village_tui: 村干部联系服务群众工作台, a terminal workbench for village cadres."""

# The one version number: pyproject.toml reads it, `village-tui --version` prints it, the bundle's wheel
# carries it. Raise it with each release, so a newer bundle installs over an older one.
__version__ = "0.2.0"
