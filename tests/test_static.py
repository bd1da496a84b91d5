"""Static checks run as tests so that the README's test command covers them: mypy strict, ruff check and format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_strict() -> None:
    """The package and the build tools type-check under mypy --strict."""
    result = subprocess.run([sys.executable, "-m", "mypy"], capture_output=True, text=True, cwd=ROOT)
    assert 0 == result.returncode, result.stdout + result.stderr


def test_ruff_clean() -> None:
    """ruff finds nothing in the package, the build tools, tests and benchmarks."""
    paths = [p for p in ("binance_errors", "tools", "tests", "benchmarks", "setup.py") if (ROOT / p).exists()]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *paths],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert 0 == result.returncode, result.stdout + result.stderr


def test_ruff_formatted() -> None:
    """The package, the build tools, tests and benchmarks are as ``ruff format`` writes them."""
    paths = [p for p in ("binance_errors", "tools", "tests", "benchmarks", "setup.py") if (ROOT / p).exists()]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *paths],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert 0 == result.returncode, result.stdout + result.stderr
