"""The built artifacts: the wheel carries what runs (and its license), the sdist what the build and
the tests need, and the sdist's own tests pass (slow: a build and a second run of the suite)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import binance_errors

ROOT = Path(__file__).resolve().parent.parent
NAME = f"binance_errors-{binance_errors.__version__}"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it (``python -m build`` builds the wheel from the sdist)."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert 0 == result.returncode, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def _wheel_names(dist: Path) -> set[str]:
    with zipfile.ZipFile(dist / f"{NAME}-py3-none-any.whl") as wheel:
        return set(wheel.namelist())


def _sdist_names(dist: Path) -> set[str]:
    with tarfile.open(dist / f"{NAME}.tar.gz") as sdist:
        return {name.removeprefix(f"{NAME}/") for name in sdist.getnames()}


def test_wheel_carries_what_runs(dist: Path) -> None:
    """The wheel: the package, its tables, py.typed, the sample log and the license; no build tools, no tests."""
    names = _wheel_names(dist)
    expected = {
        "binance_errors/__init__.py",
        "binance_errors/_classify.py",
        "binance_errors/_tables/spot.py",
        "binance_errors/_tables/spot_rows.py",
        "binance_errors/py.typed",
        "binance_errors/sample.log",
        f"{NAME}.dist-info/licenses/LICENSE",
    }
    assert set() == expected - names
    unwanted = {"_generator.py", "_drift.py", "_docparse.py", "yaml"}
    assert [] == [n for n in names if not n.startswith(("binance_errors/", f"{NAME}.dist-info/"))]
    assert [] == [n for n in names if any(part in n for part in unwanted)]
    with zipfile.ZipFile(dist / f"{NAME}-py3-none-any.whl") as wheel:
        metadata = wheel.read(f"{NAME}.dist-info/METADATA").decode()
    assert f"Version: {binance_errors.__version__}" in metadata and "License-Expression: MIT" in metadata
    assert "Project-URL: Source, " in metadata and "Classifier: Programming Language :: Python :: 3.11" in metadata


def test_sdist_carries_what_the_build_and_tests_need(dist: Path) -> None:
    """The sdist: every tracked file the build and the tests read (git's list, less CI and git files)."""
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout (an unpacked sdist): nothing to compare with")
    wanted = {n for n in tracked.stdout.splitlines() if not n.startswith((".ci/", ".git"))}
    names = _sdist_names(dist)
    assert set() == wanted - names
    for needed in ("tests/__init__.py", "tests/cases.py", "tests/conftest.py", "tools/generator.py", "LICENSE"):
        assert needed in names


def test_sdist_tests_pass(dist: Path, tmp_path: Path) -> None:
    """The unpacked sdist's own tests pass, against the sdist's own package (first on the path)."""
    with tarfile.open(dist / f"{NAME}.tar.gz") as sdist:
        sdist.extractall(tmp_path, filter="data")
    root = tmp_path / NAME
    env = {**os.environ, "PYTHONPATH": str(root)}
    where = subprocess.run(
        [sys.executable, "-c", "import binance_errors; print(binance_errors.__file__)"],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
    )
    assert str(root / "binance_errors" / "__init__.py") == where.stdout.strip()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--ignore=tests/test_packaging.py"],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
    )
    assert 0 == result.returncode, result.stdout[-5000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1] and "failed" not in result.stdout.splitlines()[-1]
