"""The library's few exceptions: misuse and table errors only.

A Binance error is data (a :class:`~binance_errors.Verdict`), never an exception raised by
``classify``.
"""

from __future__ import annotations

__all__ = ["BinanceErrorsError", "UnknownProductError"]


class BinanceErrorsError(Exception):
    """Base class of every exception this library raises."""


class UnknownProductError(BinanceErrorsError, ValueError):
    """``product=`` names no table; the message lists the accepted names."""
