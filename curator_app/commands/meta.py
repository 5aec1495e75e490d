"""`curator meta FILE [--format text|json|html]`: the <head> tags an item produces.

Each tag comes with the key its value came from and the fallback chain that was tried
(see curator_app.core.preview.meta). JSON: {"path", "permalink", "tags": [{kind, name, value,
source, chain}]}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.preview.meta import HeadMeta, resolve_meta
from curator_app.core.site.config import find_site

NAME = "meta"
HELP = "show the resolved <head> meta tags of an item, each with its source key"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a content file")
    parser.add_argument("--format", choices=["text", "json", "html"], default="text")


def _table(meta: HeadMeta) -> str:
    rows = [("TAG", "VALUE", "SOURCE", "CHAIN")]
    for t in meta.tags:
        value = t.value if len(t.value) <= 70 else t.value[:69] + "…"
        rows.append((t.name, value, t.source or "(derived)", " → ".join(t.chain)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip() for r in rows
    )


def run(args: argparse.Namespace) -> int:
    try:
        doc = Document.load(args.file)
        meta = resolve_meta(doc, find_site(args.file))
    except CuratorError as exc:
        print(str(exc.located(args.file)), file=sys.stderr)
        return 2
    if args.format == "json":
        out = {"path": args.file, "permalink": meta.permalink, "tags": meta.to_json()}
        text = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    elif args.format == "html":
        text = meta.to_html()
    else:
        text = _table(meta) + "\n"
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `curator meta … | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
