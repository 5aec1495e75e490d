"""`curator set FILE KEY=VALUE... [--linked] [--create]`: minimal-diff edits from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from curator_app.commands._paths import error
from curator_app.core.algebra.keypath import KeyPath, format_key, with_indexes
from curator_app.core.document.document import Document, parse_dotted
from curator_app.core.document.folder_lock import folder_locked
from curator_app.core.document.yaml_nodes import compose, to_value
from curator_app.core.errors import CuratorError, EditError

NAME = "set"
HELP = "set front-matter values with a minimal diff; KEY is dotted (\\. for a literal dot), VALUE is YAML"

# The only spellings that mean "no value"; anything else that YAML reads as null (a
# comment such as `#1 Hospital`) is the text the user typed.
NULLS = {"null", "Null", "NULL", "~"}
_TEXT_WIDGETS = {"text", "longtext", "url", "image", "enum"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("assignments", nargs="+", metavar="KEY=VALUE")
    parser.add_argument(
        "--linked", action="store_true", help="also update linked copies that held the same value; lists them"
    )
    parser.add_argument(
        "--create", action="store_true", help="allow adding a key that neither the item nor its schema has"
    )


class BadValueError(CuratorError):
    """A VALUE on the command line that is not what the user meant to write."""


def parse_value(text: str) -> Any:
    """A YAML value as written on the command line; `[a, b]` and `{k: v}` give a list or map.

    Text that only parses as a mapping or list by accident (`New: title`, `- x`), or only
    thanks to a comment (`#1 Hospital`, `Top 10 #tips`), stays the string typed. A value
    that starts like a list, map or quoted string but is malformed is an error.
    """
    stripped = text.strip()
    if not stripped:
        return ""
    try:
        node = compose(text, "<value>", 1)
        value = to_value(node, "<value>", 1)
    except (CuratorError, yaml.YAMLError) as exc:
        if stripped[0] in "[{\"'":
            detail = exc.message if isinstance(exc, CuratorError) else str(exc)
            detail = detail.removeprefix("invalid YAML: ").split(" while ")[0].removeprefix("while ")
            raise BadValueError(
                f"'{text}' is not valid YAML ({detail}); quote the whole value to write it as text"
            ) from None
        return text
    if value is None:
        return None if stripped in NULLS else text
    if isinstance(node, ScalarNode) and node.end_mark.index < len(text.rstrip()):
        return text  # a comment followed the value: keep what was typed
    if isinstance(value, dict) and not stripped.startswith("{"):
        return text
    if isinstance(value, list) and not stripped.startswith("["):
        return text
    return value


def check_value(doc: Document, key: KeyPath, value: Any, raw: str, create: bool) -> Any:
    """The value to write for ``key``: refused when the key is unknown (without --create) or
    the value does not fit the schema field's type; a number or date typed for a text
    field (or where the item holds text) is written as the text typed."""
    from curator_app.core.schema.infer import schema_for

    schema = schema_for(doc)
    field = schema.field(tuple(k for k in key if not isinstance(k, int)) or key)
    if not doc.has(key) and field is None and not create:
        raise EditError(
            f"'{format_key(key)}' is not in this item or its schema; add --create to add it", doc.path
        )
    current = doc.get(key)
    # Only a declared schema has types to hold a value to; one inferred from this very item
    # would forbid every change of type.
    declared = not schema.stats
    widget = field.widget if declared and field is not None and not any(isinstance(k, int) for k in key) else None
    typed_scalar = not isinstance(value, (dict, list, str, bool)) and value is not None
    holds_text = isinstance(current, str) and widget in {None, "date", "datetime"}
    if typed_scalar and (widget in _TEXT_WIDGETS or holds_text):
        value = raw.strip()
    if value is None or widget is None:
        return value
    expect = {
        "date": "a date (YYYY-MM-DD)",
        "datetime": "a date and time (YYYY-MM-DDThh:mm:ssZ)",
        "int": "a whole number",
        "bool": "true or false",
        "strings": "a list ([a, b])",
        "map": "a mapping ({key: value})",
    }.get(widget)
    if expect is None or _fits(widget, value):
        return value
    line, column = doc.position(key) or (None, None)
    raise EditError(f"'{format_key(key)}' takes {expect}; '{raw}' is not that", doc.path, line, column)


def _fits(widget: str, value: Any) -> bool:
    if widget in ("date", "datetime"):
        if isinstance(value, dt.date):
            return True
        try:
            dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            return False
        return True
    if widget == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if widget == "bool":
        return isinstance(value, bool)
    if widget == "strings":
        return isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)
    return isinstance(value, dict)


def run(args: argparse.Namespace) -> int:
    edits: list[tuple[KeyPath, Any, str]] = []
    for item in args.assignments:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            error(f"{args.file}: expected KEY=VALUE, got '{item}'")
            return 2
        try:
            edits.append((parse_dotted(key), parse_value(raw), raw))
        except ValueError as exc:
            error(f"{args.file}: {exc}")
            return 2
        except CuratorError as exc:
            error(f"{args.file}: {key}: {exc.message}")
            return 2
    changed: list[KeyPath] = []
    try:
        # Held from reading to writing: another `curator set` on the same file waits for
        # this one instead of losing its edit or failing with a conflict.
        with folder_locked(Path(os.path.realpath(args.file)).parent):
            doc = Document.load(args.file)
            for dotted, value, raw in edits:
                key = with_indexes(doc.data, dotted)  # `tags.0` addresses a list item
                value = check_value(doc, key, value, raw, args.create)
                if args.linked:
                    from curator_app.core.schema.linked import update_linked

                    changed += [k for k in update_linked(doc, key, value) if k not in changed]
                else:
                    doc.set(key, value)
            doc.save()
    except CuratorError as exc:
        error(exc)
        return 2
    if args.linked:
        print(f"changed {len(changed)} key{'s' if len(changed) != 1 else ''}" + "".join(
            f"\n  {format_key(k)}" for k in changed
        ))
    return 0
