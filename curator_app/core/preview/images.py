"""Local image checks for social cards, with Pillow reading only the file header.

Numbers come from ../shared/docs/social-cards.md (X, Facebook, LinkedIn rules). Remote
images cannot be checked offline; only files on disk are probed.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

# Formats every platform accepts (X: JPG, PNG, WEBP, GIF; no SVG).
CARD_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
EXTENSION_FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WEBP",
    ".gif": "GIF",
    ".svg": "SVG",
    ".avif": "AVIF",
    ".bmp": "BMP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
}
MAX_BYTES_X = 5 * 1024 * 1024  # X and LinkedIn
MAX_BYTES_FACEBOOK = 8 * 1024 * 1024
MIN_ANY = (200, 200)  # Facebook's hard minimum
MIN_FB_LARGE = (600, 315)  # below this Facebook shows a small square
MIN_X_LARGE = (300, 157)  # summary_large_image minimum
MIN_X_SUMMARY = (144, 144)
MAX_X = (4096, 4096)
RECOMMENDED = (1200, 630)
# Large cards want 1.91:1 (Facebook/LinkedIn) or 2:1 (X); outside this band they crop badly.
LARGE_ASPECT_RANGE = (1.8, 2.1)


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    format: str | None  # Pillow's name: "JPEG", "PNG", ...; "SVG" by extension; None unknown
    width: int | None
    height: int | None
    file_size: int


@dataclass(frozen=True)
class ImageProblem:
    code: str
    severity: str
    message: str


class ImageReadError(Exception):
    """The file exists but is not an image Pillow can read."""


def probe(path: Path) -> ImageInfo:
    """Format and size from the header only (Image.open is lazy; no pixel decode)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block the open, a device never end
        raise ImageReadError("not a regular file")
    size = st.st_size
    ext_format = EXTENSION_FORMATS.get(path.suffix.lower())
    if ext_format == "SVG":
        return ImageInfo(path, "SVG", None, None, size)
    from PIL import Image, UnidentifiedImageError  # imported late: Pillow costs ~30 ms to load

    try:
        with Image.open(path) as img:
            width, height = img.size
            return ImageInfo(path, img.format, width, height, size)
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ImageReadError(str(exc)) from exc


def is_inside(path: Path, folder: Path, *, real: bool = True) -> bool:
    """Whether `path` lies inside `folder`; real=True follows symlinks (a link inside the
    folder that points out of it is outside), real=False is a lexical check on ".."."""
    norm = os.path.realpath if real else os.path.abspath
    target = norm(path)
    base = norm(folder)
    return target == base or target.startswith(base.rstrip(os.sep) + os.sep)


def check_image(info: ImageInfo, card: str | None) -> list[ImageProblem]:
    """Problems of one local image used for a social card of type `card`."""
    problems: list[ImageProblem] = []
    if info.format not in CARD_FORMATS:
        problems.append(
            ImageProblem(
                "CC503",
                "error",
                f"image format {info.format or 'unknown'} is not accepted by social cards"
                " (use JPEG, PNG, WEBP or GIF)",
            )
        )
    if info.file_size > MAX_BYTES_FACEBOOK:
        problems.append(
            ImageProblem(
                "CC506", "error", f"image is {info.file_size / 1048576:.1f} MB; Facebook refuses over 8 MB"
            )
        )
    elif info.file_size > MAX_BYTES_X:
        problems.append(
            ImageProblem(
                "CC506",
                "error",
                f"image is {info.file_size / 1048576:.1f} MB; X and LinkedIn refuse over 5 MB",
            )
        )
    if info.width is None or info.height is None:
        return problems
    w, h = info.width, info.height
    large = card == "summary_large_image"
    if w < MIN_ANY[0] or h < MIN_ANY[1]:
        problems.append(ImageProblem("CC504", "error", f"image is {w}×{h}; platforms need at least 200×200"))
    elif large and (w < MIN_X_LARGE[0] or h < MIN_X_LARGE[1]):
        problems.append(
            ImageProblem("CC504", "error", f"image is {w}×{h}; summary_large_image needs at least 300×157")
        )
    elif w < MIN_FB_LARGE[0] or h < MIN_FB_LARGE[1]:
        problems.append(
            ImageProblem(
                "CC504",
                "warning",
                f"image is {w}×{h}; Facebook shows a small square below 600×315 (1200×630 recommended)",
            )
        )
    if w > MAX_X[0] or h > MAX_X[1]:
        problems.append(ImageProblem("CC504", "warning", f"image is {w}×{h}; X accepts at most 4096×4096"))
    if large and h:
        ratio = w / h
        lo, hi = LARGE_ASPECT_RANGE
        if not lo <= ratio <= hi:
            problems.append(
                ImageProblem(
                    "CC505",
                    "warning",
                    f"image aspect ratio is {ratio:.2f}:1; summary_large_image wants about 1.91:1 to 2:1"
                    " and will be cropped",
                )
            )
    return problems
