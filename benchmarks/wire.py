"""FIX tag=value figures (issue 19): a ``Reject <3>`` and a rejected ``ExecutionReport <8>`` through
``classify`` against a hand-written ``split`` + dict floor, target <= 3x.

    python benchmarks/wire.py           # the FIX figures alone (``run.py`` prints them with the rest)

The floor splits the message on SOH, makes a dict of the fields and looks (ErrorCode, Text) up in a
dict: no framing check (BodyLength, CheckSum, repeated tags, ASCII), no table, no verdict. Timed
as ``run.py`` times (interleaved rounds, median of the per-round ratios), in the same run.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

import binance_errors as be  # noqa: E402
from benchmarks.run import Row, compare, loop1, repeat  # noqa: E402

SOH = "\x01"
HEADER = ("49=SPOT", "56=TRADER1", "34=7", "52=20240612-08:52:21.636837")
REJECT_TEXT = "Too many new orders; current limit is 50 orders per 10 SECOND."
BALANCE_TEXT = "Account has insufficient balance for requested action."


def fix_message(msg_type: str, *fields: str) -> bytes:
    """One FIX 4.4 message, BodyLength and CheckSum computed."""
    body = SOH.join((f"35={msg_type}", *HEADER, *fields)) + SOH
    head = f"8=FIX.4.4{SOH}9={len(body)}{SOH}{body}".encode()
    return head + b"10=%03d\x01" % (sum(head) % 256)


REJECT = fix_message("3", "45=6", "372=D", "25016=-1015", f"58={REJECT_TEXT}")
EXACT_TEXT = "Illegal characters found in a parameter."
EXACT_REJECT = fix_message("3", "45=7", "371=38", "372=D", "373=5", "25016=-1100", f"58={EXACT_TEXT}")
EXECUTION_REPORT = fix_message(
    "8",
    "11=1718096506197867067",
    "37=76",
    "38=5.00000000",
    "40=2",
    "44=10.00000000",
    "54=1",
    "55=LTCBNB",
    "59=4",
    "150=8",
    "14=0.00000000",
    "32=0.00000000",
    "39=8",
    "25016=-2010",
    f"58={BALANCE_TEXT}",
)
KNOWN = {
    (b"-1015", REJECT_TEXT.encode()): "rate_limited",
    (b"-1100", EXACT_TEXT.encode()): "client_error",
    (b"-2010", BALANCE_TEXT.encode()): "client_error",
}


def split_floor(raw: bytes, known: dict[tuple[bytes, bytes], str] = KNOWN) -> Any:
    """The floor: split on SOH, a dict of the fields, one (ErrorCode, Text) lookup."""
    fields = dict(part.split(b"=", 1) for part in raw.split(b"\x01")[:-1])
    return known.get((fields[b"25016"], fields[b"58"]))


def check() -> None:
    """Both messages classify as the FIX page and the error page say, before anything is timed."""
    reject, report, exact = be.classify(REJECT), be.classify(EXECUTION_REPORT), be.classify(EXACT_REJECT)
    assert ("rate_limited", -1015, "3") == (reject.status_class.value, reject.code, reject.data["MsgType"])
    assert ("client_error", "ILLEGAL_CHARS", "7") == (exact.status_class.value, exact.reason, exact.data["RefSeqNum"])
    assert ("client_error", "INSUFFICIENT_BALANCE", "1718096506197867067") == (
        report.status_class.value,
        report.reason,
        report.data["ClOrdID"],
    )
    assert split_floor(REJECT) == "rate_limited" and split_floor(EXECUTION_REPORT) == "client_error"
    assert split_floor(EXACT_REJECT) == "client_error"


def fix_figures(rounds: int) -> list[Row]:
    check()
    classify: Callable[[Any], Any] = be.classify
    rows: list[Row] = []
    for label, raw in (
        ("FIX Reject <3> (-1015, templated limit)", REJECT),
        ("FIX Reject <3> (-1100, exact message)", EXACT_REJECT),
        ("FIX rejected ExecutionReport <8> (-2010)", EXECUTION_REPORT),
    ):
        items = repeat([raw], 20_000)
        base, ours, ratio = compare(
            rounds,
            len(items),
            lambda items=items: loop1(split_floor, items),
            lambda items=items: loop1(classify, items),
        )
        rows.append((f"{label} vs split + dict", ours, base, ratio, "<= 3.0x", ratio <= 3.0))
    return rows


def main() -> int:
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        rows = fix_figures(15)
    finally:
        gc.enable()
        gc.unfreeze()
    for label, ours, base, ratio, target, ok in rows:
        print(f"{label:<58} {ours:>8.1f}ns {base:>8.1f}ns {ratio:>7.2f}x  {target:<10} {'ok' if ok else 'MISSED'}")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
