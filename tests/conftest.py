"""Shared fixtures: the bundled articles and the gold files in ../shared/spec."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import analysis

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT.parent / "shared" / "spec"


def read_jsonl(name: str) -> list[dict]:
    path = SPEC / name
    if not path.exists():
        pytest.skip(f"gold file {path} not found (../shared/spec beside the project)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def articles():
    return analysis.load_articles()


@pytest.fixture(scope="session")
def zone_gold():
    return read_jsonl("seed-zones.jsonl")


@pytest.fixture(scope="session")
def attribution_gold():
    return read_jsonl("seed-attributions.jsonl")
