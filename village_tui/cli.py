"""Command line: ``village-tui`` opens the app; ``village-tui COMMAND`` runs one job.

Each command lives in ``village_tui/commands/<name>.py`` with ``add_arguments(parser)``
and ``run(args) -> int``, imported only when that command runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys

from village_tui.domain.os_errors import os_error_text, os_reason  # noqa: F401  (re-exported for the commands)

# command name -> (module, one-line Chinese help)
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("village_tui.commands.demo", "生成演示村数据"),
    "check": ("village_tui.commands.check", "按制度检查一个月或一年，可输出 JSON 和年度考核"),
    "import": ("village_tui.commands.import_cmd", "从 Excel/WPS 表格（.xlsx 或 .csv）导入农户、干部和各类台账"),
    "template": ("village_tui.commands.template", "生成空白导入模板（工作簿和 CSV）"),
    "export": ("village_tui.commands.export", "导出数据到U盘上报乡镇（默认遮盖个人信息）并校验"),
    "verify": ("village_tui.commands.verify", "按清单校验U盘上的导出副本，或核对数据文件夹有无程序之外的改动"),
    "review": ("village_tui.commands.review", "乡镇审阅多个村的导出（只读），可汇总到 SQLite"),
    "report": ("village_tui.commands.report", "生成 Excel 月报或年度考核表"),
    "bundle": ("village_tui.commands.bundle", "生成U盘离线安装包（程序包、安装和启动脚本、说明）"),
}

EXIT_ERROR = 2

# argparse's own words (usage, options, its error messages), as its gettext would give them in Chinese.
_ARGPARSE_ZH: dict[str, str] = {
    "usage: ": "用法：",
    "options": "选项",
    "optional arguments": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "expected one argument": "后面需要一个值",
    "expected at most one argument": "后面最多一个值",
    "expected at least one argument": "后面至少需要一个值",
    "expected %s argument": "后面需要 %s 个值",
    "expected %s arguments": "后面需要 %s 个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可以是 %(matches)s",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "打不开“%(filename)s”：%(error)s",
}


def _argparse_text(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message)


def _argparse_plural(singular: str, plural: str, n: int) -> str:
    return _argparse_text(singular if n == 1 else plural)


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help with Chinese section headings ending in a full-width colon (``选项：``)."""

    def format_help(self) -> str:
        return re.sub(r"^(\S[^\n]*):$", r"\1：", super().format_help(), flags=re.M)


class ChineseRawDescriptionHelpFormatter(ChineseHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """:class:`ChineseHelpFormatter` keeping the description's own line breaks."""


def use_chinese_argparse() -> None:
    """Make argparse say 用法, 选项, 显示帮助并退出 and its errors in Chinese (its gettext strings)."""
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_plural  # type: ignore[attr-defined]


def error_text(error: Exception) -> str:
    """An error for the user: an OS error translated by :func:`os_error_text`, a domain error as it is."""
    return os_error_text(error) if isinstance(error, OSError) else str(error)


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="village-tui", formatter_class=ChineseHelpFormatter,
        description="村干部联系服务群众工作台。不带命令时打开工作台；命令：" + "、".join(COMMANDS),
    )
    parser.add_argument("--data", default="data", help="数据文件夹（默认 ./data）")
    parser.add_argument("--readonly", action="store_true", help="只读打开，不保存任何修改")
    parser.add_argument("--demo", action="store_true", help="在内置演示村上打开（首次使用时生成）")
    return parser


def _command_parser(name: str, module) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"village-tui {name}", description=COMMANDS[name][1],
                                     formatter_class=ChineseHelpFormatter)
    module.add_arguments(parser)
    if parser.formatter_class is argparse.RawDescriptionHelpFormatter:
        parser.formatter_class = ChineseRawDescriptionHelpFormatter
    return parser


def use_utf8_output() -> None:
    """Make stdout and stderr write UTF-8 when they do not already (a Windows pipe or file in GBK, say).

    On a Windows console Python writes Unicode itself; redirected output and
    old code pages would otherwise fail on Chinese text or turn it into '?'.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``village-tui`` console script and of ``python -m village_tui``.

    Returns:
        The exit code: 0 success, 1 a check or verification found problems, 2 an error.
    """
    from village_tui.domain.errors import DomainError

    use_utf8_output()
    use_chinese_argparse()
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # The reader stopped early (``village-tui check ... | head``): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (OSError, DomainError) as error:
        # A data file found broken or of the wrong shape only while a command ran (an old year's
        # file), or a file the system refused: a Chinese sentence naming it, never a traceback.
        from village_tui.commands.inert_stream import terminal_safe

        print(terminal_safe(f"错误：{error_text(error)}"), file=sys.stderr)
        return EXIT_ERROR


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        from village_tui.commands.inert_stream import inert_output

        name = argv.pop(0)
        module = importlib.import_module(COMMANDS[name][0])
        args = _command_parser(name, module).parse_args(argv)
        with inert_output():  # names and notes from data files never reach the terminal as escapes
            return int(module.run(args) or 0)
    args = _app_parser().parse_args(argv)
    from village_tui.launch import launch_app

    return launch_app(args)


if __name__ == "__main__":
    sys.exit(main())
