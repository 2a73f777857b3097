"""The demo village 桃源村 (均溪镇, 大田县): realistic, deterministic data for trying the program."""

from village_tui.demo.generate import DemoRefused, generate_demo, holds_village

__all__ = ["DemoRefused", "generate_demo", "holds_village"]
