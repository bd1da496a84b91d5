"""Golden cases: the documented frames and docs/design.md's decision rules, one by one."""

from __future__ import annotations

from typing import Any

import pytest
import ujson

import binance_errors as be
from binance_errors._docparse import parse_page

from .cases import CASES, attribute
from .reference import DATA, product

SEED = DATA / "upstream" / "spot_errors.txt"


@pytest.mark.parametrize(("frame", "status", "headers", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_golden_case(frame: Any, status: Any, headers: Any, expected: dict[str, Any]) -> None:
    """Each documented spot response classifies as the spot documents say (read with the spot table)."""
    verdict = be.classify(frame, status, headers, product="spot")
    assert expected == {key: attribute(verdict, key) for key in expected}


PARSED = [c for c in CASES if isinstance(c[1], dict | list)]


@pytest.mark.parametrize(("frame", "status", "headers"), [c[1:4] for c in PARSED], ids=[c[0] for c in PARSED])
def test_golden_case_from_raw_text(frame: Any, status: Any, headers: Any) -> None:
    """The parsed cases given as raw JSON (str, bytes, bytearray, memoryview) classify the same way."""
    text = ujson.dumps(frame)
    expected = be.classify(frame, status, headers)
    for raw in (text, text.encode(), bytearray(text.encode()), memoryview(text.encode())):
        assert expected == be.classify(raw, status, headers)


def test_every_seed_code_and_message_is_in_the_table() -> None:
    """Every code heading, bullet, engine message and filter of data/upstream/spot_errors.txt is in the table."""
    english, _ = parse_page(SEED.read_text(encoding="utf-8"))
    table = be.load_table("spot")
    for code, doc in english.codes.items():
        assert code in table.codes, code
        texts = {text for text, _, _ in table.codes[code].messages}
        if code not in (-1013, -2021, -2022):  # their bullets describe the code, not messages
            assert set(doc.bullets) <= texts, code
    for messages in english.tables.values():
        for message in messages:
            assert message in {text for text, _, _ in table.codes[-2010].messages}, message
    assert english.table_codes  # the title names the carriers -1010, -2010, -2011, -2038
    carriers = next(codes for codes in english.table_codes.values() if codes)
    assert set(carriers) == {-1010, -2010, -2011, -2038}
    assert set(carriers) <= set(table.codes)


def test_table_counts() -> None:
    """The spot table holds the 103 seed codes plus -1010, -2038 and -2043, each with both languages."""
    table = be.load_table("spot")
    documented = [info for info in table.codes.values() if info.name is not None]
    assert 106 == len(documented)
    assert all(info.en and info.zh for info in documented)
    assert "2026" == table.codes[-2043].since


def test_names_unique_and_codes_inside_their_section() -> None:
    """No NAME is used twice; every code sits inside its section's number block."""
    table = product("spot")
    names = [entry["name"] for entry in table["codes"].values()]
    assert len(names) == len(set(names))
    for code, entry in table["codes"].items():
        assert str(-code).startswith(entry["section"][:2]), code


def test_explain_languages() -> None:
    """explain() gives the English and the Chinese description."""
    assert "-2010 NEW_ORDER_REJECTED: 新订单被拒绝" == be.explain(-2010, lang="zh")
    assert be.explain(-1021).startswith("-1021 INVALID_TIMESTAMP: ")
    verdict = be.classify({"code": -2010, "msg": "Account has insufficient balance for requested action."})
    assert "账户金额不足。" in be.explain(verdict, lang="zh")
    assert "not in the spot table" in be.explain(-9999)
    with pytest.raises(be.BinanceErrorsError, match="expected one of: en, zh"):
        be.explain(-2010, lang="fr")
