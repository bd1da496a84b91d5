"""The drift check: an upstream page against the YAML, with no drift on the pages the tables
come from, and each kind of drift found in edited copies."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from binance_errors import PRODUCTS
from tools.drift import compare, main

from .reference import DATA, product

UPSTREAM = DATA / "upstream"
SPOT_PAGE = UPSTREAM / "spot_errors.txt"
PAGES = {
    "spot": SPOT_PAGE,
    "usdm": UPSTREAM / "usdm_futures_errors.md",
    "coinm": UPSTREAM / "coinm_futures_errors.md",
    "margin": UPSTREAM / "margin_errors.md",
    "options": UPSTREAM / "options_errors.md",
    "portfolio_margin": UPSTREAM / "portfolio_margin_errors.md",
}


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    status = main(argv, out, PRODUCTS)
    return status, out.getvalue()


def _edited(tmp_path: Path, name: str, old: str, new: str) -> str:
    text = PAGES[name].read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"{name}.md"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")  # the English half comes first
    return str(path)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_drift_against_the_source_page(name: str) -> None:
    """Each table matches the page it was built from: exit 0, nothing reported."""
    status, text = _run([str(PAGES[name]), "--product", name])
    assert (0, f"no drift: {PAGES[name]} against {DATA / f'{name}.yaml'}\n") == (status, text)


def test_hand_added_rows_are_not_drift() -> None:
    """-1010/-2038 (named in a table title) and -2043 (added_by_hand) are in the YAML, not page headings."""
    page = PAGES["spot"].read_text(encoding="utf-8")
    assert "### -2043" not in page and "### -1010" not in page and "### -2038" not in page
    assert {-1010, -2038, -2043} <= set(product("spot")["codes"])
    assert not compare(page, product("spot"))


SPOT_EDITS = [
    (
        "codes_added",
        "### -1122 INVALID_SYMBOLSTATUS",
        "### -1124 BRAND_NEW[](x)\n\n  * A brand new message.\n\n### -1122 INVALID_SYMBOLSTATUS",
        [{"code": -1124, "name": "BRAND_NEW"}],
    ),
    ("codes_removed", "### -1121 BAD_SYMBOL[]", "### BAD_SYMBOL[]", [{"code": -1121, "name": "BAD_SYMBOL"}]),
    (
        "names_changed",
        "### -1121 BAD_SYMBOL[]",
        "### -1121 INVALID_SYMBOL[]",
        [{"code": -1121, "yaml": "BAD_SYMBOL", "page": "INVALID_SYMBOL"}],
    ),
    (
        "messages_added",
        "  * Invalid symbol.\n",
        "  * Invalid symbol.\n  * Symbol '%s' was delisted on %s.\n",
        [{"where": "-1121", "message": "Symbol '%s' was delisted on %s."}],
    ),
    (
        "messages_changed",
        "  * Invalid symbol.\n",
        "  * Invalid symbol name.\n",
        [{"where": "-1121", "yaml": "Invalid symbol.", "page": "Invalid symbol name."}],
    ),
    (
        "messages_removed",
        "  * Illegal characters found in parameter '%s'; legal range is '%s'.\n",
        "",
        [{"where": "-1100", "message": "Illegal characters found in parameter '%s'; legal range is '%s'."}],
    ),
    (
        "messages_added",
        '"Filter failure: LOT_SIZE"|',
        '"Filter failure: BRAND_NEW_FILTER"| something new.\n"Filter failure: LOT_SIZE"|',
        [{"where": "Filter failures", "message": "Filter failure: BRAND_NEW_FILTER"}],
    ),
]


@pytest.mark.parametrize(("kind", "old", "new", "expected"), SPOT_EDITS, ids=[e[0] for e in SPOT_EDITS])
def test_each_kind_of_drift_is_found_in_an_edited_spot_page(
    tmp_path: Path, kind: str, old: str, new: str, expected: list[dict[str, Any]]
) -> None:
    """An edited copy of 004_*.txt reports exactly that edit, under its kind, and exits 1."""
    path = _edited(tmp_path, "spot", old, new)
    status, text = _run([path, "--json"])
    record = json.loads(text)
    reported = {key: value for key, value in record.items() if isinstance(value, list) and value}
    assert (1, True, {kind: expected}) == (status, record["drift"], reported)


FUTURES_EDITS = [
    ("names_changed", "### -4183 ISOLATED_REJECT_WITH_JOINT_MARGIN", "### -4183 PRICE_HIGHER_THAN_STOP_MULTIPLIER_UP"),
    ("messages_changed", "- Order would immediately trigger.", "- Order would trigger immediately."),
    (
        "codes_added",
        "### -5043 Existing_Pending_Modification",
        "### -5044 NEW_CODE\n- New.\n\n### -5043 Existing_Pending_Modification",
    ),
    ("messages_added", "- Margin is insufficient.", "- Margin is insufficient.\n- Margin is insufficient for %s."),
]


@pytest.mark.parametrize(("kind", "old", "new"), FUTURES_EDITS, ids=[e[0] for e in FUTURES_EDITS])
def test_futures_reference_format_drift(tmp_path: Path, kind: str, old: str, new: str) -> None:
    """The futures reference format (`### -NNNN NAME`, `- message`) is read too: each edit is found."""
    path = _edited(tmp_path, "usdm", old, new)
    status, text = _run([path, "--product", "usdm", "--json"])
    record = json.loads(text)
    assert (1, [kind]) == (status, [key for key, value in record.items() if isinstance(value, list) and value])


SAPI_EDITS = [
    ("names_changed", "### -20121\n", "### -20121 INVALID_SYMBOL\n",
     {"code": -20121, "yaml": "", "page": "INVALID_SYMBOL"}),
    ("codes_added", "### -3006 EXCEED_MAX_BORROWABLE",
     "### -3099 NEW_ONE\n\n- New.\n\n### -3006 EXCEED_MAX_BORROWABLE", {"code": -3099, "name": "NEW_ONE"}),
    ("messages_added", "- Asset transfer is in pending.\n",
     "- Asset transfer is in pending.\n- Asset transfer is queued.\n",
     {"where": "-5012", "message": "Asset transfer is queued."}),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "old", "new", "expected"), SAPI_EDITS, ids=[e[0] for e in SAPI_EDITS])
def test_margin_page_drift(tmp_path: Path, kind: str, old: str, new: str, expected: dict[str, Any]) -> None:
    """The margin page's codes without a NAME, and its code listed twice (-5012), drift like any other."""
    path = _edited(tmp_path, "margin", old, new)
    status, text = _run([path, "--product", "margin", "--json"])
    record = json.loads(text)
    reported = {key: value for key, value in record.items() if isinstance(value, list) and value}
    assert (1, {kind: [expected]}) == (status, reported)


def test_text_report_and_the_wrong_product() -> None:
    """The text report has one line per finding; the USD-M page against the COIN-M table drifts."""
    status, text = _run([str(PAGES["usdm"]), "--product", "coinm"])
    lines = text.splitlines()
    assert 1 == status
    assert "code added: -4109 INACTIVE_ACCOUNT" in lines
    assert "name changed: -4087 INVALID_PAIR -> REDUCE_ONLY_ORDER_PERMISSION" in lines
    assert lines[-1].startswith("drift: ")


def test_unreadable_page_exits_2(tmp_path: Path) -> None:
    """A page that cannot be read is an error (exit 2), not a report of drift."""
    status, text = _run([str(tmp_path / "missing.md")])
    assert 2 == status
    assert text.startswith("drift: ")


def test_drift_runs_from_the_module_entry_point() -> None:
    """`python -m tools.drift PAGE` runs in a fresh interpreter from the checkout (docs/maintainers.md)."""
    result = subprocess.run(
        [sys.executable, "-m", "tools.drift", str(SPOT_PAGE), "--product", "spot"],
        capture_output=True,
        text=True,
        cwd=DATA.parent,
    )
    assert (0, "") == (result.returncode, result.stderr)
