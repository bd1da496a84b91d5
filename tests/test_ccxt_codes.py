"""Coverage against CCXT: every numeric code in CCXT's Binance `exceptions` maps (exact and broad, all
products) that a published page we copied lists is known here, and the union of our codes is at least
CCXT's count. Run it as a script for the figures: `python tests/test_ccxt_codes.py`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import binance_errors as be

UPSTREAM = Path(__file__).resolve().parent.parent / "data" / "upstream"
# CCXT codes that no page in data/upstream lists (ccxt 4.5.90, checked 2026-12-03). CCXT itself marks the
# -4091..-4149 entries of its spot and option maps "override commons" (placeholders for the futures numbers,
# not codes those APIs send) and most others "undocumented" (a body seen in the wild). None is added to a
# table: they classify by their number block (`known` False). A new CCXT code outside this set fails the
# test below, so it gets looked at.
NOT_ON_A_PAGE = frozenset(
    {
        *range(-4149, -4090),  # the "override commons" block; only those listed by CCXT count
        -32603, -11008, -5047, -5013, -4531, -4408, -2008, 400002, 100001003, 200003903,
    }
)  # fmt: skip


def ccxt_codes() -> set[int]:
    """The distinct numeric codes of CCXT's Binance `exceptions` maps, every product, exact and broad."""
    ccxt = pytest.importorskip("ccxt")
    found: set[int] = set()

    def walk(mapping: dict[str, Any]) -> None:
        for key, value in mapping.items():
            if isinstance(value, dict):
                walk(value)
            elif re.fullmatch(r"-?\d+", key):
                found.add(int(key))

    walk(ccxt.binance().describe()["exceptions"])
    return found


def our_codes() -> set[int]:
    """Every code some Binance product table knows (a fallback product's rows included; the second venue's
    `openapi` table is not Binance and does not count)."""
    return {code for name in be.PRODUCTS if name != "openapi" for code in be.load_table(name).codes}


def page_codes() -> set[int]:
    """Every `### <code>` heading of every upstream page copy."""
    codes: set[int] = set()
    for path in UPSTREAM.iterdir():
        if not path.is_file():  # upstream/fix/: the FIX page and dictionaries (no code headings)
            continue
        codes |= {int(code) for code in re.findall(r"^### (-?\d+)", path.read_text(encoding="utf-8"), re.MULTILINE)}
    return codes


def test_every_ccxt_code_on_a_published_page_is_known() -> None:
    """A CCXT code that a page we copied lists is in a table; the rest are the reviewed NOT_ON_A_PAGE codes."""
    ccxt = ccxt_codes()
    ours = our_codes()
    assert set() == (ccxt & page_codes()) - ours
    assert set() == (ccxt - ours) - NOT_ON_A_PAGE
    assert set() == (ccxt - ours) & page_codes()


def test_our_union_is_at_least_ccxts_count() -> None:
    """The union of known codes across products is at least CCXT's number of distinct codes (422)."""
    ccxt = ccxt_codes()
    assert len(our_codes()) >= len(ccxt) >= 422


if __name__ == "__main__":
    ccxt, ours = ccxt_codes(), our_codes()
    missing = sorted(ccxt - ours)
    print(f"CCXT distinct codes: {len(ccxt)}; ours (union over the Binance products): {len(ours)}")
    print(f"CCXT codes known here: {len(ccxt & ours)}; not known: {len(missing)}")
    print("not known, and on no page in data/upstream:", missing)
