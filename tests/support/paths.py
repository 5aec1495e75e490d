"""Where the tests find the project and the shared seed and corpus, wherever a test sits."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SHARED = PROJECT.parent / "shared"
SEED = SHARED / "seed" / "curated-content-genome-uk.md"
