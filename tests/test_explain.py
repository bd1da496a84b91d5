"""`binance-errors explain CODE`: name, description, advice and every known message, in en and zh."""

from __future__ import annotations

import io

import pytest

import binance_errors as be
from binance_errors._cli import main


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(argv, out), out.getvalue()


def test_explain_lists_every_known_message() -> None:
    """Every message the table knows for -2010 is printed, after the name, description and advice."""
    info = be.load_table("spot").codes[-2010]
    status, text = _run(["explain", "-2010", "--product", "spot"])
    lines = text.splitlines()
    assert 0 == status
    assert f"-2010 NEW_ORDER_REJECTED: {info.en}" == lines[0]
    assert (
        "class: client_error  execution: no  retry: no  reconcile: fix_request  reason: NEW_ORDER_REJECTED" == lines[1]
    )
    assert [] == [m for m, _, _ in info.messages if f"  - {m}" not in text]


def test_explain_gives_each_message_its_own_advice() -> None:
    """A message whose advice differs from the code's own is followed by that advice."""
    _, text = _run(["explain", "-2010"])
    after = text.split("  - Unknown order sent.", 1)[1].splitlines()[1]
    assert "      class: client_error  execution: no  retry: no  reconcile: query_order  reason: UNKNOWN_ORDER" == after
    _, ban = _run(["explain", "-1003"])
    assert "class: banned  execution: no  retry: after_delay  reconcile: reduce_rate  reason: IP_BANNED_UNTIL" in ban


def test_explain_in_chinese() -> None:
    """--lang zh prints the Chinese descriptions of the code and of its messages."""
    info = be.load_table("spot").codes[-1021]
    status, text = _run(["explain", "-1021", "--lang", "zh"])
    assert 0 == status
    assert f"-1021 INVALID_TIMESTAMP: {info.zh}" == text.splitlines()[0]
    assert [] == [zh for _, _, zh in info.messages if zh and zh not in text]


def test_explain_unknown_code_exits_1() -> None:
    """A code the table lacks says so, with the conservative reason, and exits 1."""
    status, text = _run(["explain", "-9999"])
    assert (1, "-9999: not in the spot table") == (status, text.split(" (")[0])


def test_explain_rejects_unknown_product_and_language() -> None:
    """--product and --lang accept only the table names and en/zh."""
    for argv in (["explain", "-2010", "--product", "nope"], ["explain", "-2010", "--lang", "fr"]):
        with pytest.raises(SystemExit):
            _run(argv)
