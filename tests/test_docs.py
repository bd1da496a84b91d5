"""The Python examples of the README and of every page under docs/ run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import binance_errors as be

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


def test_readme_first_screen_shows_install_and_the_call() -> None:
    """Within its first 25 lines the README says what it does, how to install it and shows the one
    call; the two set-up commands (install and run, install and test) come right after."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    first = "\n".join(lines[:25])
    assert "pip install binance-errors" in first and "be.classify(" in first
    setup = lines.index("## Set-up")
    commands = [line for line in lines[setup : setup + 20] if line.startswith("pip install")]
    assert setup < 30 and ["pip install . && binance-errors", "pip install '.[test]' && python -m pytest"] == commands


def _source_url() -> str:
    import tomllib

    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    return str(urls["Source"]).rstrip("/")


def test_readme_links_are_absolute_and_exist() -> None:
    """Every README link works on a package index page: absolute, under the project's Source URL,
    naming a file or directory the repository has."""
    links = re.findall(r"\]\(([^)]+)\)", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(links) >= 8
    source = _source_url()
    for link in links:
        assert link.startswith(f"{source}/blob/main/") or link.startswith(f"{source}/tree/main/"), link
        assert (ROOT / link.split("/main/", 1)[1]).exists(), link


def test_docs_cite_only_files_the_repository_has() -> None:
    """User docs name no file outside the repository (no design brief or style guide of another tree),
    and their relative links resolve."""
    pages = [
        *PAGES,
        ROOT / "data" / "README.md",
        ROOT / "data" / "upstream" / "README.md",
        ROOT / "benchmarks" / "README.md",
    ]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert [] == re.findall(r"DESIGN\.md|STYLE\.md|\.\./shared", text), page
        for link in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if not link.startswith(("http://", "https://")):
                assert (page.parent / link).exists(), (page, link)


def test_readme_semantics_table_names_every_retry_of_each_class() -> None:
    """Each class's row of the README's semantics table names every retry action the tables give that
    class (codes, their messages, the status buckets), e.g. `after_delay` for a busy margin service."""
    from binance_errors._lookup import lookup

    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## Semantics", 1)[1]
    rows = {m[0]: m[1] for m in re.findall(r"^\| `(\w+)` \| `\w+` \| (.*?) \|", text, re.MULTILINE)}
    assert {c.value for c in be.StatusClass} == set(rows)
    used: set[tuple[str, str]] = set()
    for product in be.PRODUCTS:
        table = be.load_table(product)
        used |= {(spec["class"], spec["retry"]) for spec in table.buckets}
        for code, info in table.codes.items():
            used.add((info.verdict.status_class.value, info.verdict.retry.action.value))
            for message, _, _ in info.messages:
                row = lookup(table, code, message)[0][0]
                used.add((row.status_class.value, row.retry.action.value))
    assert ("client_error", "after_delay") in used
    assert [] == sorted((c, r) for c, r in used if f"`{r}`" not in rows[c])
