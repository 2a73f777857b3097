"""village_tui: 村干部联系服务群众工作台, a terminal workbench for village cadres."""

__version__ = "0.1.0"
