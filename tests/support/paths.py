"""Where the tests find the project and the shared seed and corpus, wherever a test sits."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SHARED = PROJECT.parent / "shared"
SEED = SHARED / "seed" / "curated-content-genome-uk.md"


def seed() -> Path:
    """The seed item; the calling test skips, saying where it looked, when ../shared is absent."""
    if not SEED.is_file():
        import pytest

        pytest.skip(f"seed item not found at {SEED} (the shared test inputs sit next to the project)")
    return SEED
