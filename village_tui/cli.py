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

from village_tui.cli_text import use_utf8_output

# command name -> (module, one-line Chinese help)
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("village_tui.commands.demo", "生成演示村数据"),
    "check": ("village_tui.commands.check", "按制度检查一个月或一年，可输出 JSON 和年度考核"),
    "import": ("village_tui.commands.import_cmd", "从 Excel/WPS 表格（.xlsx 或 .csv）导入农户、干部和各类台账"),
    "template": ("village_tui.commands.template", "生成空白导入模板（工作簿和 CSV）"),
    "export": ("village_tui.commands.export", "导出数据到U盘上报乡镇（默认遮盖个人信息）并校验"),
    "verify": ("village_tui.commands.verify", "按清单校验U盘上的导出副本，或核对数据文件夹有无程序之外的改动"),
    "review": ("village_tui.commands.review", "乡镇审阅多个村的导出（只读），可汇总到 SQLite"),
    "township": ("village_tui.commands.township", "乡镇民情处理站：接收各村上报的事项、列出、答复、发回复包"),
    "county": ("village_tui.commands.county", "县民情处理中心：接收各乡镇上报县的事项、列出、答复、发回复包"),
    "trust": ("village_tui.commands.trust", "签名密钥：显示本单位的指纹，或在电话核对后接受上下级的新密钥"),
    "report": ("village_tui.commands.report", "生成 Excel 月报或年度考核表"),
    "bundle": ("village_tui.commands.bundle", "生成U盘离线安装包（程序包、安装和启动脚本、说明）"),
}

EXIT_ERROR = 2
GLOBAL_FLAGS = ("--readonly", "--demo")  # global options without a value, taken before or after a command
READ_ONLY_COMMANDS = frozenset({"check", "verify", "review", "report"})  # never write the data folder

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
    """argparse's help with Chinese section headings (``选项：``), wrapped without breaking a word.

    Each line of a description or epilog is wrapped on its own (a ``name  purpose`` line
    hangs under its purpose); option help is wrapped between Chinese characters or at
    spaces, never inside ``review`` or ``./data``.
    """

    def format_help(self) -> str:
        return re.sub(r"^(\S[^\n]*):$", r"\1：", super().format_help(), flags=re.M)

    def _split_lines(self, text: str, width: int) -> list[str]:
        from village_tui.commands.wrap import wrap

        return wrap(text, width) or [""]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        from village_tui.commands.wrap import wrap_block

        return "\n".join(indent + line if line else line
                         for line in wrap_block(text, width - len(indent)).splitlines())


class ChineseRawDescriptionHelpFormatter(ChineseHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """:class:`ChineseHelpFormatter` keeping the description's own line breaks."""


def use_chinese_argparse() -> None:
    """Make argparse say 用法, 选项, 显示帮助并退出 and its errors in Chinese (its gettext strings)."""
    argparse._ = _argparse_text  # type: ignore[attr-defined]  # argparse's private gettext hook, to speak Chinese
    argparse.ngettext = _argparse_plural  # type: ignore[attr-defined]  # as above, for its plurals


def os_reason(error: OSError) -> str:
    """What an OS error means, in Chinese, without the file name (``找不到文件或文件夹``)."""
    from village_tui.domain.error_words import os_reason as reason

    return reason(error)


def error_text(error: BaseException) -> str:
    """An error for the user in Chinese: an OS or library error translated, a domain error as it is."""
    from village_tui.domain.error_words import error_words

    return error_words(error)


def os_error_text(error: OSError) -> str:
    """An OS error in Chinese naming its file: ``找不到文件或文件夹：D:\\桃源村\\a.xlsx``."""
    from village_tui.domain.error_words import os_error_text as text

    return text(error)


def _commands_text() -> str:
    """The top-level help's list of commands, one per line with its purpose."""
    pad = max(len(name) for name in COMMANDS) + 2
    lines = ["命令（village-tui 命令 --help 查看该命令的选项）："]
    lines += [f"  {name.ljust(pad)}{purpose}" for name, (_, purpose) in COMMANDS.items()]
    lines += ["", "--data、--readonly、--demo 写在命令前后都可以，例如 "
                  "village-tui --data 数据文件夹 check --month 2026-10。"]
    return "\n".join(lines)


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="village-tui", formatter_class=ChineseHelpFormatter, usage="village-tui [选项] [命令 ...]",
        description="村干部联系服务群众工作台。不带命令时打开工作台。", epilog=_commands_text(),
    )
    parser.add_argument("--data", default="data", help="数据文件夹（默认 ./data）")
    parser.add_argument("--new", action="store_true", help="--data 指向的文件夹还不存在时，在那里新建数据文件夹")
    parser.add_argument("--readonly", action="store_true", help="只读打开，不保存任何修改")
    parser.add_argument("--demo", action="store_true", help="在内置演示村上打开（首次使用时生成）")
    parser.add_argument("--version", action="version", version=_version_text(), help="显示版本号并退出")
    return parser


def _version_text() -> str:
    from village_tui import __version__

    return f"village-tui {__version__}"


def split_command(argv: list[str]) -> tuple[list[str], str | None, list[str]]:
    """``argv`` as (global options, the command or None, the command's own arguments).

    The value of ``--data`` is never taken for a command (a folder may be called ``check``).
    ``--readonly`` and ``--demo`` after the command count as global options too; ``--data``
    after it is the command's own.
    """
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":
            break
        if token in COMMANDS:
            rest = argv[index + 1:]
            end = rest.index("--") if "--" in rest else len(rest)
            flags = [t for t in rest[:end] if t in GLOBAL_FLAGS]
            own = [t for t in rest[:end] if t not in GLOBAL_FLAGS] + rest[end:]
            return argv[:index] + flags, token, own
        index += 2 if token == "--data" else 1
    return argv, None, []


def _global_options_for(name: str, before: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """The global options written before command ``name``, as that command's own arguments.

    ``--demo`` names the demo village's folder (``--data`` of it). An option the command has
    no use for is refused in Chinese by the command's parser.
    """
    given = _app_parser().parse_args(before)
    moved: list[str] = []
    if given.demo:
        from village_tui.launch import DEMO_FOLDER

        moved += ["--data", str(DEMO_FOLDER)]
    elif any(t == "--data" or t.startswith("--data=") for t in before):
        moved += ["--data", given.data]
    if given.readonly and name not in READ_ONLY_COMMANDS:
        moved.append("--readonly")
    known = parser._option_string_actions  # noqa: SLF001 - argparse keeps no public list of options
    for option in {m for m in moved if m.startswith("--")}:
        if option not in known:
            shown = "--demo" if option == "--data" and given.demo else option
            parser.error(f"{shown} 不能用于 {name} 命令（用 village-tui {name} --help 查看它的选项）")
    return moved


def _command_parser(name: str, module) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"village-tui {name}", description=COMMANDS[name][1],
                                     formatter_class=ChineseHelpFormatter)
    module.add_arguments(parser)
    if parser.formatter_class is argparse.RawDescriptionHelpFormatter:
        parser.formatter_class = ChineseRawDescriptionHelpFormatter
    return parser


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
    before, name, after = split_command(argv)
    if "--version" in before or "--version" in after:
        print(_version_text())
        return 0
    if name is not None and not {"-h", "--help"} & set(before):
        from village_tui.commands.inert_stream import inert_output

        module = importlib.import_module(COMMANDS[name][0])
        parser = _command_parser(name, module)
        args = parser.parse_args([*_global_options_for(name, before, parser), *after])
        with inert_output():  # names and notes from data files never reach the terminal as escapes
            return int(module.run(args) or 0)
    args = _app_parser().parse_args(argv)
    from village_tui.launch import launch_app

    return launch_app(args)


if __name__ == "__main__":
    sys.exit(main())
