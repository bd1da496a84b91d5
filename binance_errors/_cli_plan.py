"""``binance-errors plan``: the follow-up of one request, from the request and its answer as JSON.

    binance-errors plan REQUEST RESPONSE [--status N] [--headers JSON] [--product P]
                        [--answer JSON [--answer-status N] [--now-ms N]]

REQUEST and RESPONSE are JSON text, ``@file`` for a file's content, or ``-`` for stdin (one of
them). A FIX request may be given as its tag=value text. RESPONSE ``null`` is a lost answer (pair
it with ``--status``). With ``--answer`` (the answer to the plan's one step) the resolution follows.
Prints one JSON object: ``verdict``, ``plan`` and, with ``--answer``, ``resolution``.
Keep in sync with docs/reconcile.md "Command line".
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

import ujson

from ._classify import classify
from ._plan import plan
from ._resolve import resolve
from ._table import PRODUCTS

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="binance-errors plan",
        description="The follow-up requests that settle what a request did, from the request and its answer.",
    )
    parser.add_argument("request", help="the request sent (REST mapping, WebSocket API frame, FIX message)")
    parser.add_argument("response", help="its answer as JSON (null when lost)")
    parser.add_argument("--status", type=int, help="the answer's HTTP status (REST)")
    parser.add_argument("--headers", help="the answer's HTTP headers as a JSON object")
    parser.add_argument("--product", default="spot", choices=sorted(PRODUCTS), help="product table (default spot)")
    parser.add_argument("--answer", help="the answer to the plan's step, to resolve it")
    parser.add_argument("--answer-status", type=int, help="that answer's HTTP status")
    parser.add_argument(
        "--now-ms", type=int, help="when the query was sent (epoch ms, the clock that signed the request)"
    )
    return parser


def _read(text: str, stdin: TextIO) -> Any:
    if text == "-":
        text = stdin.read()
    elif text.startswith("@"):
        with open(text[1:], encoding="utf-8") as handle:
            text = handle.read()
    try:
        return ujson.loads(text)
    except ValueError:
        if "35=" in text:
            return text.strip()  # a FIX message as tag=value text
        raise


def main(argv: list[str], out: TextIO, stdin: TextIO | None = None) -> int:
    """Run ``binance-errors plan``; 2 when an input is not JSON."""
    args = _parser().parse_args(argv)
    stdin = stdin or sys.stdin
    try:
        request = _read(args.request, stdin)
        response = _read(args.response, stdin)
        headers = _read(args.headers, stdin) if args.headers else None
        answer = _read(args.answer, stdin) if args.answer else None
    except (ValueError, OSError) as exc:
        sys.stderr.write(f"binance-errors plan: {exc}\n")
        return 2
    verdict = classify(response, args.status, headers, product=args.product)
    made = plan(verdict, request)
    result: dict[str, Any] = {"verdict": verdict.to_dict(), "plan": made.to_dict()}
    if args.answer is not None:
        result["resolution"] = resolve(made, answer, http_status=args.answer_status, now_ms=args.now_ms).to_dict()
    out.write(ujson.dumps(result, indent=2, escape_forward_slashes=False, default=str) + "\n")
    return 0
