"""Make a synthetic Hugo site of N curated-content items shaped like the seed item.

Every item is composed from word lists with a seeded random generator, so titles, dates,
tags, categories, brands and bodies vary from item to item while the front matter keeps
the seed's shape (same keys, nesting, `>-` folded strings, linked copies).

    python benchmarks/generate.py OUT_DIR --count 10000 [--seed 1]

OUT_DIR gets a `hugo.toml` and `content/news/<uuid>.md`, so `hugo list all` can run there.
"""

from __future__ import annotations

import argparse
import random
import textwrap
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

_NAMESPACE = uuid.UUID("6f1c2b52-3c5e-4f0e-9a57-0d1f5a8c2e11")

_WORDS = ["health", "data", "patient", "hospital", "clinical", "digital", "care", "genome", "trial", "study", "research", "system", "network", "model", "record", "cloud", "privacy", "security", "platform", "insurance", "payer", "provider", "nurse", "physician", "pharmacy", "drug", "therapy", "imaging", "radiology", "oncology", "cancer", "cardiology", "diabetes", "telehealth", "remote", "monitoring", "device", "wearable", "sensor", "analytics", "machine", "learning", "algorithm", "outcome", "quality", "cost", "value", "policy", "regulation", "federal", "state", "budget", "funding", "grant", "startup", "merger", "acquisition", "partnership", "launch", "pilot", "program", "rural", "urban", "community", "population", "screening", "vaccine", "outbreak", "public", "interoperability", "exchange", "standard", "api", "portal", "workflow", "burnout", "staffing", "shortage", "survey", "report", "ranking", "award", "leader", "strategy", "plan", "roadmap", "investment", "revenue"]

_VERBS = ["launches", "expands", "unveils", "reports", "funds", "acquires", "tests", "pilots", "adopts", "improves", "reduces", "boosts", "delays", "targets", "rolls-out", "announces", "secures", "partners-with", "cuts"]

_BRANDS = (
    "healthcareitnews.com", "fiercehealthcare.com", "statnews.com", "modernhealthcare.com",
    "beckershospitalreview.com", "mobihealthnews.com", "healthitanalytics.com",
    "medcitynews.com", "kff.org", "nature.com", "bmj.com", "thelancet.com",
)

_SITE_NAMES = {
    "healthcareitnews.com": "Healthcare IT News", "statnews.com": "STAT",
    "fiercehealthcare.com": "Fierce Healthcare", "modernhealthcare.com": "Modern Healthcare",
}

_TOPICS = (
    "Genomics", "Telehealth", "Artificial Intelligence", "Cybersecurity", "Oncology",
    "Interoperability", "Value-Based Care", "Mental Health", "Public Health", "Pharma",
    "Medical Devices", "Health Policy", "Patient Experience", "Population Health",
    "Clinical Trials", "Wearables", "Revenue Cycle", "Nursing", "Rural Health", "EHR",
)

_TAGS = (
    "News", "Research", "Funding", "Policy", "Startups", "AI", "Privacy", "COVID-19",
    "Hospitals", "Payers", "Pharma", "Devices", "Data", "Cloud", "Workforce", "Europe",
    "UK", "US", "Asia", "Telemedicine", "Security", "Regulation", "Mergers", "Interviews",
)

_AUTHORS = (
    "Radhika Narayanan", "Sam Okafor", "Lena Fischer", "Diego Morales", "Mei Chen",
    "Aisha Rahman", "Tom Gallagher", "Priya Patel", "Jonas Berg", "Chloe Martin",
)


def _sentence(rng: random.Random, lo: int = 8, hi: int = 22) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _title(rng: random.Random) -> str:
    words = [rng.choice(_WORDS).capitalize() for _ in range(rng.randint(2, 4))]
    rest = [rng.choice(_WORDS).capitalize() for _ in range(rng.randint(2, 5))]
    title = " ".join([*words, rng.choice(_VERBS).replace("-", " ").capitalize(), *rest])
    if rng.random() < 0.08:  # the seed's own defect: a double space in the title
        title = title.replace(" ", "  ", 1)
    return title


def _slugify(text: str) -> str:
    out = []
    for ch in text.lower():
        out.append(ch if ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


def _folded(key: str, value: str, indent: int) -> str:
    """A `>-` folded scalar at width 80, the style the seed uses for long strings."""
    pad = " " * indent
    head = f"{pad}{key}: "
    if len(head) + len(value) <= 80 and "'" not in value and ": " not in value:
        return f"{head}{value}\n"
    body = textwrap.wrap(value, width=80 - indent - 2, break_long_words=False)
    return f"{pad}{key}: >-\n" + "".join(f"{pad}  {line}\n" for line in body)


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _body(rng: random.Random, url: str) -> str:
    parts = []
    for i in range(rng.randint(3, 9)):
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
        if i == 1:
            anchor = " ".join(rng.choice(_WORDS) for _ in range(3))
            para += f' See <a href="{url}">{anchor}</a>.'
        parts.append(f"<p>{para}</p>")
        if rng.random() < 0.25:
            items = "".join(f"<li>{_sentence(rng, 5, 12)}</li>" for _ in range(rng.randint(2, 5)))
            parts.append(f"<ul>{items}</ul>")
    return "".join(parts) + "\n"


def make_item(index: int, rng: random.Random) -> tuple[str, str]:
    """Return (file name, text) of item number `index`."""
    uid = str(uuid.uuid5(_NAMESPACE, str(index)))
    brand = rng.choice(_BRANDS)
    title = _title(rng)
    lower_title = title.replace("  ", " ").lower().capitalize()
    slug = _slugify(brand.split(".")[0] + " " + title)
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3650))
    stamp = datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60))
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%S-04:00")
    topics = rng.sample(_TOPICS, rng.choice((1, 1, 1, 2)))
    prefix = rng.choice(("Symplur", "Medigy", "HC"))
    categories = [f"{prefix}: {t}" for t in topics]
    tags = rng.sample(_TAGS, rng.randint(1, 4))
    url = f"https://www.{brand}/news/{rng.choice(('emea', 'us', 'asia', 'policy'))}/{slug}"
    image = f"https://www.{brand}/files/{_slugify(rng.choice(_WORDS))}_{index}.jpg"
    desc_full = " ".join(_sentence(rng) for _ in range(rng.randint(2, 3)))
    desc = desc_full[:200] if rng.random() > 0.05 else ""
    og_desc = desc_full
    site_name = _SITE_NAMES.get(brand, brand.split(".")[0].capitalize())
    wp = 1000 + index
    draft = rng.random() < 0.1
    status = rng.choice(("", "", "", "published", "review"))

    lines = [
        "---\n",
        f"aliases: /news/{_slugify(title)}\n",
        "archetype: curated-content\n",
        "author:\n",
        f"  - {rng.choice(_AUTHORS)}\n",
        "basePath: /news/\n",
        "breadcrumbLinks:\n  - /\n  - /news/\n  - ''\n",
        f"breadcrumbs:\n  - Home\n  - News\n  - {title}\n",
        "categories:\n" + "".join(f"  - {_quoted(c)}\n" for c in categories),
        "categorySlug:\n" + "".join(f"  - {_quoted(c.lower())}\n" for c in categories),
        "categoryUrl:\n" + "".join(f"  - topic/{_slugify(c)}\n" for c in categories),
        "categoryLabel:\n" + "".join(f"  - {t}\n" for t in topics),
        "contentCategories: netspective-medigy-news-curated-content\n",
        "institution: null\noffering: null\nlayOut: single\n",
        f"date: '{day.isoformat()}'\n",
        _folded("description", desc, 0) if desc else "description: ''\n",
        f"draft: {'true' if draft else 'false'}\n",
        "favIconImage: null\n",
        "featuredImage:\n",
        f"  alt: {title}\n",
        "  format: JPEG\n",
        f"  href: {uid}-featuredImage.jpeg\n",
        f"  size:\n    - {rng.choice((640, 800, 1200))}\n    - {rng.choice((360, 480, 960))}\n",
        "  valid: true\n",
        f"  workPackage: {wp}\n",
        "  wpAttachment:\n    fileName: Curated_Featured_Image.jpg\n",
        f"    link: /api/v3/attachments/{wp + 7000}/content\n",
        "featuredPdf: null\n",
        "htmlMetaData:\n",
        "  author: null\n",
        _folded("description", og_desc, 2),
        f"  articlemodified_time: '{iso}'\n",
        f"  articlepublished_time: '{iso}'\n",
        f"  msvalidate.01: {uid.replace('-', '').upper()[:32]}\n",
        _folded("ogdescription", og_desc, 2),
        f"  ogimage: {_quoted(image)}\n",
        f"  ogsite_name: {site_name}\n",
        f"  ogtitle: {lower_title}\n",
        "  ogtype: article\n",
        _folded("ogurl", url, 2),
        "  robots: null\n  keywords: null\n",
        f"id: {wp}\n",
        "identifier: News\n",
        f"lastMod: '{stamp.strftime('%Y-%m-%dT%H:%M:%S')}.000000Z'\n",
        "link:\n",
        f"  brand: {brand}\n",
        _folded("href", url, 2),
        _folded("original", url, 2),
        _folded("href", url, 0),
        _folded("original", url, 0),
        "mastHead: NEWS\n",
        f"mdName: {uid}.md\n",
        "openGraphMetaData:\n",
        _folded("ogdescription", og_desc, 2),
        f"  ogtitle: {lower_title}\n",
        _folded("ogurl", url, 2),
        f"  ogimage: {_quoted(image)}\n",
        f"  ogsite_name: {site_name}\n",
        "  ogtype: article\n",
        "openProjectCustomFields:\n",
        _folded("cleanUrl", url, 2),
        "  medigyTopics:\n" + "".join(f"    - {_quoted(c)}\n" for c in categories),
        _folded("sourceUrl", url, 2),
        "openProjectWorkPackageType: Curated Content\n",
        "searchCategory: News\n",
        f"slug: {slug}\n",
        "source: open-project-curations\n",
        f"status: {_quoted(status)}\n",
        "sub: brief\n",
        "tags:\n" + "".join(f"  - {t}\n" for t in tags),
        f"title: {title}\n",
        "via: ' '\n",
        "twitterMetaData:\n",
        "  twittercard: summary_large_image\n",
        _folded("twitterdescription", og_desc, 2),
        f"  twittertitle: {lower_title}\n",
        f"  twitterimage: {_quoted(image)}\n",
        _folded("twitterurl", url, 2),
        "---\n",
        _body(rng, url),
    ]
    return f"{uid}.md", "".join(lines)


HUGO_TOML = """\
baseURL = "https://example.org/"
title = "Curator benchmark site"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  tag = "tags"
  category = "categories"
"""


def generate(out_dir: Path, count: int, seed: int = 1) -> Path:
    """Write a Hugo site with `count` items under out_dir; returns the content folder."""
    content = out_dir / "content" / "news"
    content.mkdir(parents=True, exist_ok=True)
    (out_dir / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    rng = random.Random(seed)
    for index in range(count):
        name, text = make_item(index, rng)
        (content / name).write_text(text, encoding="utf-8", newline="\n")
    return out_dir / "content"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    content = generate(args.out_dir, args.count, args.seed)
    print(f"{args.count} items in {content}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
