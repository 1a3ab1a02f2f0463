"""pyproject.toml, environment.yml and requirements.lock name the same packages at one version."""
from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:                                   # Python 3.10: tomllib arrived in 3.11
    tomllib = None

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_packages() -> set[str]:
    if tomllib is None:
        pytest.skip("tomllib needs Python 3.11")
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = data["project"]["dependencies"] + sum(data["project"]["optional-dependencies"].values(), [])
    return {norm(NAME.match(d).group(1)) for d in deps}


def environment_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s+-\s+([A-Za-z0-9._-]+)==([^\s#]+)", line)
        if m:
            pins[norm(m.group(1))] = m.group(2)
    return pins


def lock_pins(python="3.11") -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        m = re.match(r'^([A-Za-z0-9._-]+)==([^\s;]+)\s*(?:;\s*python_version\s*(>=|<)\s*"([\d.]+)")?', line)
        if not m:
            continue
        name, version, op, bound = m.groups()
        if op:
            applies = (tuple(map(int, python.split("."))) >= tuple(map(int, bound.split("."))))
            if (op == ">=") != applies:
                continue
        pins[norm(name)] = version
    return pins


def test_environment_yml_names_the_same_packages_as_pyproject():
    assert set(environment_pins()) == pyproject_packages()


def test_environment_yml_versions_are_the_lock_versions():
    lock = lock_pins("3.11")
    for name, version in environment_pins().items():
        assert lock.get(name) == version, f"{name}: environment.yml {version}, lock {lock.get(name)}"


def test_every_dependency_is_locked_for_both_pythons():
    for python in ("3.10", "3.11"):
        assert pyproject_packages() <= set(lock_pins(python)), python


def test_installed_versions_match_the_lock():
    from importlib.metadata import PackageNotFoundError, version

    py = f"{sys.version_info.major}.{sys.version_info.minor}"
    lock = lock_pins("3.10" if py == "3.10" else "3.11")
    for name in pyproject_packages():
        try:
            assert version(name) == lock[name], name
        except PackageNotFoundError:
            pytest.fail(f"{name} is not installed")


def test_nothing_needs_the_nltk_downloader():
    for path in (ROOT / "src").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "nltk.download" not in text and "nltk_data" not in text, path
