"""The repository keeps its promises: files the README names exist, and the package metadata
installs without deprecation warnings."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPOSITORY_PATH = re.compile(r"`((?:scripts|docs|migrations|benchmarks)/[\w./-]+)`")
PATTERNS = frozenset({"migrations/NNNN_name.sql"})  # a naming pattern, not a file


def test_every_script_and_document_the_readme_names_exists() -> None:
    named = set(REPOSITORY_PATH.findall((ROOT / "README.md").read_text(encoding="utf-8"))) - PATTERNS
    assert named, "the README names no scripts or documents: the pattern is out of date"
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []


def test_the_license_is_an_spdx_string_as_setuptools_wants() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    assert "setuptools>=77" in project["build-system"]["requires"]
