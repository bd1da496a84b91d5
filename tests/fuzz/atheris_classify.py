#!/usr/bin/env python3
"""Coverage-guided fuzz target for ``binance_errors.classify`` (atheris / libFuzzer).

Not a test dependency: install it beside the test extras, then run for a bounded time::

    pip install -e '.[test]' atheris
    python tests/fuzz/atheris_classify.py -max_total_time=300 -artifact_prefix=tests/fuzz/crashes/ \\
        /tmp/fuzz-new tests/fuzz/corpus

libFuzzer writes new coverage-increasing inputs to the first directory (``/tmp/fuzz-new``) and
crashing inputs to ``tests/fuzz/crashes/``. Fold the new inputs into the checked-in corpus with
``tests/fuzz/atheris_classify.py -merge=1 /tmp/fuzz-merged tests/fuzz/corpus /tmp/fuzz-new`` then
copy ``/tmp/fuzz-merged/*`` into ``tests/fuzz/corpus`` (keeps only inputs that add coverage; the
merge re-executes this file by path, so run it from an activated virtualenv). Every file
in ``corpus/`` and ``crashes/`` is replayed by tests/test_fuzz.py::test_corpus_replay. Seed
files are written by ``python tests/fuzz/atheris_classify.py --seed``.

Each input is decoded by ``tests.invariants.fuzz_one`` (byte 0: status, byte 1: headers, rest:
the body, classified as bytes, as text and, when it is JSON, as parsed frames), and every
verdict is checked against the invariants there (a failed check is a crash).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CORPUS = Path(__file__).resolve().parent / "corpus"
HOSTILE_SEEDS = [
    b'\x08\x01{"code":-1015,"msg":"Too many new orders; current limit is 50 orders per 10 SECOND."}',
    b'\x00\x00{"id":1,"status":418,"error":{"code":-1003,"msg":"x","data":{"serverTime":NaN,"retryAfter":1e999}}}',
    b'\x06\x00{"code":-2021,"msg":"Order cancel-replace partially failed.","data":{"cancelResult":"SUCCESS"',
    b'\x02\x00{"code":"-2010","msg":["Account has insufficient balance for requested action."]}',
    b'\x01\x00{"status":true,"error":"boom","result":null}',
    b'\x01\x00\xef\xbb\xbf{"code":-1013,"msg":"Filter failure: \xff\xfe"}',
    b'\x0b\x02{"code":-1021,"msg":"Timestamp for this request was 99999999999999999999999ms ahead of the server'
    b"'s time.\"}",
    b"\x00\x00" + b"[" * 2000,
    b'\x00\x00"\\ud800"',
]


def write_seeds() -> int:
    """Write the golden cases and bundled samples as seed inputs (named by content hash)."""
    import json

    from tests.cases import CASES

    CORPUS.mkdir(exist_ok=True)
    statuses = {None: 0, 200: 1, 400: 2, 403: 4, 409: 6, 418: 7, 429: 8, 500: 9, 503: 11}
    seeds = list(HOSTILE_SEEDS)
    for _, frame, status, headers, _ in CASES:
        if isinstance(frame, bytes | str):
            body = frame.encode() if isinstance(frame, str) else frame
        else:
            try:
                body = json.dumps(frame).encode()
            except (TypeError, ValueError):
                continue
        head = bytes([statuses.get(status if isinstance(status, int) else None, 0), 1 if headers else 0])
        seeds.append(head + body)
    for data in seeds:
        (CORPUS / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return len(seeds)


def main() -> None:
    if sys.argv[1:] == ["--seed"]:
        print(f"wrote {write_seeds()} seed inputs to {CORPUS}")
        return
    import atheris

    with atheris.instrument_imports(include=["binance_errors"]):
        import binance_errors
        import binance_errors._decide
        import binance_errors._legs
        import binance_errors._parse  # noqa: F401
    from tests.invariants import fuzz_one

    atheris.Setup(sys.argv, fuzz_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
