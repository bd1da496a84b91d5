"""Types of the public signatures: the product and language names a checker can hold callers to.

``Product`` names every table in ``PRODUCTS`` (``tests/test_typing.py`` checks that they are the
same names: a new ``data/<product>.yaml`` adds its name here too). At run time a ``str`` from a
configuration file works as well: an unknown name raises :class:`UnknownProductError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, TypeAlias

__all__ = ["Headers", "Lang", "Product"]

Product: TypeAlias = Literal[
    "coinm", "fix", "margin", "openapi", "options", "portfolio_margin", "spot", "streams", "usdm"
]
"""A product table's name (``be.PRODUCTS``): ``"spot"``, the Binance futures ``"usdm"`` and
``"coinm"``, ``"margin"`` (sapi), ``"options"`` (eapi), ``"portfolio_margin"`` (papi), and
``"openapi"``, the second venue's Open API envelope; ``"fix"`` (FIX session and order-entry
rejections) and ``"streams"`` (WebSocket Streams control answers and lifecycle events)."""

Lang: TypeAlias = Literal["en", "zh"]
"""A description language: English or Chinese."""

Headers: TypeAlias = Mapping[str, object] | Mapping[bytes, object] | Iterable[tuple[str | bytes, object]]
"""REST response headers: any mapping (a ``dict``, the headers of requests, httpx or aiohttp) or a
list of ``(name, value)`` pairs; names are matched case-insensitively, bytes read as latin-1."""
