"""`curator set FILE KEY=VALUE... [--linked]`: minimal-diff edits from the command line."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import yaml

from curator_app.commands._paths import error
from curator_app.core.algebra.keypath import KeyPath, with_indexes
from curator_app.core.document.document import Document, parse_dotted
from curator_app.core.document.folder_lock import folder_locked
from curator_app.core.document.yaml_nodes import compose, to_value
from curator_app.core.errors import CuratorError

NAME = "set"
HELP = "set front-matter values with a minimal diff; KEY is dotted (\\. for a literal dot), VALUE is YAML"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("assignments", nargs="+", metavar="KEY=VALUE")
    parser.add_argument(
        "--linked", action="store_true", help="also update linked copies that held the same value"
    )
    parser.add_argument("--create", action="store_true", help="allow adding keys the item and its schema do not have")


def parse_value(text: str) -> Any:
    """A YAML scalar as written on the command line; `[a, b]` and `{k: v}` give a list or map.

    Text that only parses as a mapping by accident (`New: title`) stays a string.
    """
    try:
        value = to_value(compose(text, "<value>", 1), "<value>", 1) if text.strip() else ""
    except (CuratorError, yaml.YAMLError):
        return text
    if isinstance(value, dict) and not text.lstrip().startswith("{"):
        return text
    if isinstance(value, list) and not text.lstrip().startswith("["):
        return text
    return value


def run(args: argparse.Namespace) -> int:
    edits: list[tuple[KeyPath, Any]] = []
    for item in args.assignments:
        key, sep, value = item.partition("=")
        if not sep or not key:
            error(f"{args.file}: expected KEY=VALUE, got '{item}'")
            return 2
        try:
            edits.append((parse_dotted(key), parse_value(value)))
        except ValueError as exc:
            error(f"{args.file}: {exc}")
            return 2
    try:
        # Held from reading to writing: another `curator set` on the same file waits for
        # this one instead of losing its edit or failing with a conflict.
        with folder_locked(Path(os.path.realpath(args.file)).parent):
            doc = Document.load(args.file)
            for dotted, value in edits:
                key = with_indexes(doc.data, dotted)  # `tags.0` addresses a list item
                if args.linked:
                    from curator_app.core.schema.linked import update_linked

                    update_linked(doc, key, value)
                else:
                    doc.set(key, value)
            doc.save()
    except CuratorError as exc:
        error(exc)
        return 2
    return 0
