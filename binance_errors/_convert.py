"""Structured output: one cattrs converter, built on first use (``import binance_errors``
never imports cattrs).

Keys are the attribute names of :class:`Verdict`; enums become their values, ``retry`` a nested
object. Keep in sync with README.md "Structured output".
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ._model import Verdict

__all__ = ["converter", "to_dict", "to_json"]


@cache
def converter() -> Any:
    """The shared ujson-flavoured cattrs converter."""
    from cattrs.preconf.ujson import make_converter

    return make_converter()


def to_dict(verdict: Verdict) -> dict[str, Any]:
    """The verdict as plain JSON-ready data."""
    result: dict[str, Any] = converter().unstructure(verdict)
    return result


def to_json(verdict: Verdict) -> str:
    """The verdict as one line of JSON."""
    text: str = converter().dumps(verdict, escape_forward_slashes=False, ensure_ascii=False)
    return text
