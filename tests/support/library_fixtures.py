"""Fixtures for the library tests (core and GUI): generated folders (benchmarks/generate.py) and the seed."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from support import paths

PROJECT = paths.PROJECT


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("curator_bench_generate", PROJECT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generator() -> ModuleType:
    return _generator()


@pytest.fixture
def gen_folder(tmp_path: Path, generator: ModuleType) -> Path:
    """A content folder of 40 generated items (content/news/*.md)."""
    return generator.generate(tmp_path / "site", 40, seed=7)


@pytest.fixture
def seed_folder(tmp_path: Path, seed_path: Path) -> Path:
    """A folder holding a copy of the seed item (to edit)."""
    folder = tmp_path / "seedsite" / "content"
    folder.mkdir(parents=True)
    shutil.copyfile(seed_path, folder / "genome-uk.md")  # the shared seed is read-only (0444)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "library.sqlite3"
