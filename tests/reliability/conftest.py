"""Fixtures for the reliability tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _isolated_settings() -> Iterator[None]:
    """These tests use no Qt settings (see tests/core/conftest.py for why this override)."""
    yield None
