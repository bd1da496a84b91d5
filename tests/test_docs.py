"""The Python examples of the README and of every page under docs/ run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCKS = [
    (page, n, block)
    for page in PAGES
    for n, block in enumerate(re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL))
]


def test_readme_has_a_websocket_and_a_rest_example() -> None:
    """The README shows a WebSocket API frame and a REST body being classified."""
    readme = [block for page, _, block in BLOCKS if page.name == "README.md"]
    assert any('"status": 400' in block and '"error"' in block for block in readme)
    assert any("http_status=" in block for block in readme)


def test_readme_is_short() -> None:
    """The README stays an overview (about 150 lines); the details live in docs/."""
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 160


@pytest.mark.parametrize(
    ("page", "block"),
    [(page, block) for page, _, block in BLOCKS],
    ids=[f"{page.relative_to(ROOT)}-{n}" for page, n, _ in BLOCKS],
)
def test_example_runs(page: Path, block: str) -> None:
    """Each example runs without error (its asserts are the test)."""
    exec(compile(block, str(page), "exec"), {})
