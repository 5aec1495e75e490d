"""The `curator` command. Subcommands live in curator_app.commands, one module each."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from curator_app import commands


class _Version(argparse.Action):
    """--version, reading the installed version only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from curator_app import __version__

        sys.stdout.write(f"curator {__version__}\n")
        parser.exit()


def _command_names() -> list[str]:
    import pkgutil

    return sorted(info.name for info in pkgutil.iter_modules(commands.__path__)
                  if not info.name.startswith("_"))


def _is_command(word: str) -> bool:
    """Whether `word` (as typed) names a subcommand. Asks the import system for that one
    module instead of listing them all: listing goes through pkgutil, which imports
    inspect (about 20 ms of every run, the editor's start-up included)."""
    name = word.replace("-", "_")
    if not name.isidentifier() or name.startswith("_"):
        return False
    from importlib.util import find_spec

    return find_spec(f"{commands.__name__}.{name}") is not None


def _command_modules(only: str | None = None) -> list:
    """The subcommand modules; with `only` (a command as typed), just that one when it
    exists: each module imports its own part of the core, and a command pays only for its
    own imports (a warm `curator index` is mostly process start)."""
    # Without a known command the help lists them all.
    names = [only.replace("-", "_")] if only and _is_command(only) else _command_names()
    return [importlib.import_module(f"curator_app.commands.{name}") for name in names]


def build_parser(only: str | None = None) -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(prog="curator", description="Curator content editor")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command")
    handlers = {}
    for mod in _command_modules(only):
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        handlers[mod.NAME] = mod.run
    return parser, handlers


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `curator [PATH]` opens the editor (without importing any subcommand: start-up time);
    # anything naming a subcommand goes to it.
    if not argv or (not argv[0].startswith("-") and not _is_command(argv[0])):
        # Start-up allocates for good (modules, classes, Qt's wrappers) and frees little:
        # the cycle collector's passes over it cost about 30 ms before the window shows and
        # paused the first preview. run_gui turns it back on once the preview has painted.
        gc.disable()
        from curator_app.gui.app import run_gui

        return run_gui(argv[0] if argv else None)
    parser, handlers = build_parser(argv[0])
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(handlers[args.command](args))
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
