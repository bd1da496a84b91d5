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
# CCXT codes that no page in data/upstream lists and no table has (ccxt 4.5.90, checked 2026-12-04). CCXT marks
# the -4091..-4149 entries of its spot and option maps "override commons" (placeholders for the futures numbers,
# not evidence that those APIs send them; -4106 is on the wallet page since 2026-04-28 and in `margin`). Of
# CCXT's "undocumented" codes, those an issue thread or pull request shows Binance sending are in a table
# with `source: observed` (-2008 spot, -4408 portfolio_margin, 100001003 margin: OBSERVED below); for these
# no public answer was found beyond CCXT's own comments, so they classify by their number block (`known`
# False): -32603, -11008, -5047, -5013, -4531, 400002, 200003903. A new CCXT code outside this set fails the
# test below, so it gets looked at.
NOT_ON_A_PAGE = frozenset(
    {
        *(code for code in range(-4149, -4090) if code != -4106),  # "override commons"
        -32603, -11008, -5047, -5013, -4531, 400002, 200003903,
    }
)  # fmt: skip
# (product, code, message seen) -> (class, reconcile, reason): the rows added from answers seen in the wild.
OBSERVED = {
    ("spot", -2008, "Invalid Api-Key ID."): ("client_error", "check_credentials", "INVALID_API_KEY_ID"),
    ("margin", -2008, "Invalid Api-Key ID."): ("client_error", "check_credentials", "INVALID_API_KEY_ID"),
    (
        "portfolio_margin",
        -4408,
        "This symbol is in reduce only mode due to regulation requirements. Please upgrade to Binance Credits "
        "Trading Mode.",
    ): ("client_error", "fix_request", "REDUCE_ONLY_BY_REGULATION"),
    ("margin", 100001003, "Verification failed"): ("client_error", "fix_request", "VERIFICATION_FAILED"),
}


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
        if not path.is_file():  # upstream/fix/ and sbe/: dictionaries and schemas (no code headings)
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


@pytest.mark.parametrize(("product", "code", "msg"), sorted(OBSERVED), ids=lambda x: str(x)[:20])
def test_codes_seen_in_the_wild_are_known(product: str, code: int, msg: str) -> None:
    """Each code added from an answer seen in the wild classifies as that answer means, known, not executed."""
    verdict = be.classify({"code": code, "msg": msg}, 400, product=product)
    assert (*OBSERVED[(product, code, msg)], "no", True) == (
        verdict.status_class.value,
        verdict.reconcile.value,
        verdict.reason,
        verdict.execution.value,
        verdict.known,
    )


def test_every_observed_row_says_where_it_was_seen() -> None:
    """A `source: observed` row in any YAML lists the https addresses of the answers seen, and is on no page."""
    import yaml

    found = 0
    for path in sorted(UPSTREAM.parent.glob("*.yaml")):
        for code, entry in (yaml.safe_load(path.read_text(encoding="utf-8")).get("codes") or {}).items():
            if entry.get("source") is None:
                continue
            found += 1
            assert "observed" == entry["source"], (path.name, code)
            assert entry["seen"] and all(url.startswith("https://") for url in entry["seen"]), (path.name, code)
            assert code not in page_codes(), (path.name, code)
    assert len({(p, c) for p, c, _ in OBSERVED}) - 1 == found  # margin's -2008 is spot's row


def test_the_sapi_codes_added_after_the_january_copies() -> None:
    """-4106 (wallet page, 2026-04-28) and -21015 (Portfolio Margin Pro) are margin rows, rejections."""
    tag = be.classify(
        {
            "code": -4106,
            "msg": "This network does not support memo/tag. Please remove the addressTag field and try again.",
        },
        400,
        product="margin",
    )
    gone = be.classify({"code": -21015, "msg": "The endpoint has been deprecated and removed"}, 400, product="margin")
    assert ("TAG_NOT_SUPPORTED_FOR_NETWORK", "client_error", "fix_request") == (
        tag.name,
        tag.status_class.value,
        tag.reconcile.value,
    )
    assert ("ENDPOINT_GONE", "client_error", "no") == (gone.name, gone.status_class.value, gone.retry.action.value)
