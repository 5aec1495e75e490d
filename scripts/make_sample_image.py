"""Draw the sample content's local images with Pillow.

Writes two 1200x630 JPEGs (the size Facebook and LinkedIn recommend for link cards):
- the featured image of the virtual-nursing item, next to that item, and
- the site-wide fallback card named by ``params.images`` in ``content/hugo.toml``.

The drawing is deterministic, so re-running the script gives the same pictures.
Usage: python scripts/make_sample_image.py [CONTENT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
ROOT = Path(__file__).resolve().parents[1]
FEATURED = "content/news/44321e2f-9ba2-5c2a-a382-120a9582f499-featuredImage.jpeg"
SITE_CARD = "static/images/news-default-card.jpg"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _gradient(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    return img


def featured_image() -> Image.Image:
    """A nurse-station monitor: a screen with a video tile and a vital-signs trace."""
    img = _gradient((18, 74, 110), (10, 32, 54))
    draw = ImageDraw.Draw(img)
    # monitor frame and stand
    draw.rounded_rectangle((250, 90, 950, 500), radius=28, fill=(32, 40, 52), outline=(200, 214, 228), width=6)
    draw.rectangle((560, 500, 640, 560), fill=(70, 84, 100))
    draw.rounded_rectangle((470, 555, 730, 580), radius=10, fill=(70, 84, 100))
    # video tile: a stylised patient silhouette
    draw.rounded_rectangle((290, 130, 640, 460), radius=16, fill=(226, 236, 244))
    draw.ellipse((420, 180, 510, 270), fill=(92, 138, 170))
    draw.pieslice((370, 270, 560, 480), 180, 360, fill=(92, 138, 170))
    # vital-signs trace on the right
    draw.rounded_rectangle((665, 130, 915, 460), radius=16, fill=(14, 22, 30))
    trace = [(675, 300), (715, 300), (730, 250), (745, 350), (760, 300), (800, 300),
             (815, 240), (830, 360), (845, 300), (905, 300)]
    draw.line(trace, fill=(80, 220, 140), width=5, joint="curve")
    draw.text((690, 390), "HR 72", font=_font(34), fill=(80, 220, 140))
    draw.text((60, 40), "Virtual nursing", font=_font(40), fill=(236, 244, 250))
    return img


def site_card() -> Image.Image:
    img = _gradient((236, 242, 247), (196, 214, 230))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 24, HEIGHT), fill=(18, 74, 110))
    draw.text((90, 220), "Health Tech News", font=_font(84), fill=(18, 50, 80))
    draw.text((94, 340), "Curated digital health stories", font=_font(40), fill=(60, 90, 120))
    return img


def main(argv: list[str]) -> int:
    content = Path(argv[1]) if len(argv) > 1 else ROOT / "content"
    for rel, make in ((FEATURED, featured_image), (SITE_CARD, site_card)):
        out = content / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        make().save(out, "JPEG", quality=85, optimize=True)
        print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
