"""`curator cards FILE --out DIR`: a PNG of each preview card, rendered offscreen.

Writes site.png, article.png, x.png, facebook.png, linkedin.png, slack.png and search.png,
the same pages the preview pane shows, so a reviewer can check a batch of items without
opening the app. Remote images stay placeholders unless --remote-images is given.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from curator_app.core.errors import CuratorError

NAME = "cards"
HELP = "render each preview card of an item to PNG (offscreen)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a content file")
    parser.add_argument("--out", metavar="DIR", required=True, help="folder for the PNG files")
    parser.add_argument(
        "--content-root",
        metavar="DIR",
        help="folder local images must stay inside (default: the site's content folder, "
        "else the item's folder)",
    )
    parser.add_argument(
        "--remote-images", action="store_true", help="download remote images (cached on disk)"
    )


def _content_root(file: Path, explicit: str | None) -> Path:
    if explicit:
        return Path(explicit).resolve()
    from curator_app.core.site.config import find_site

    site = find_site(file)
    if site is not None and site.content_dir is not None:
        content = site.content_dir.resolve()
        if file.resolve().is_relative_to(content):
            return content
    return file.resolve().parent


def run(args: argparse.Namespace) -> int:
    from curator_app.core.document.document import Document
    from curator_app.core.preview.page import build_preview

    file = Path(args.file)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"{args.out}: not a folder", file=sys.stderr)
        return 2
    try:
        doc = Document.load(file)
        root = _content_root(file, args.content_root)
        preview = build_preview(doc, root, allow_remote=args.remote_images)
    except CuratorError as exc:
        print(str(exc.located(args.file)), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2

    # A batch command never needs a screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from curator_app.gui.preview.schemes import register_schemes

    register_schemes()
    from curator_app.gui.app import create_application
    from curator_app.gui.preview.snapshot import CardSnapshotter

    create_application()
    shooter = CardSnapshotter(root, allow_remote=args.remote_images)
    try:
        written = shooter.save_all(preview, out)
    except OSError as exc:
        print(f"{args.out}: {exc}", file=sys.stderr)
        return 2
    finally:
        shooter.close()
    for path in written:
        print(path)
    return 0
