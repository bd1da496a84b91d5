"""The library's few exceptions: misuse and table errors only.

A Binance error is data (a :class:`~binance_errors.Verdict`), never an exception raised by
``classify``.
"""

from __future__ import annotations

__all__ = ["BinanceErrorsError", "ConversionError", "ResponseNotReadError", "UnknownProductError"]


class BinanceErrorsError(Exception):
    """Base class of every exception this library raises."""


class UnknownProductError(BinanceErrorsError, ValueError):
    """``product=`` names no table; the message lists the accepted names."""


class ConversionError(BinanceErrorsError, ValueError):
    """``from_dict``/``from_json`` got data that is not a serialized verdict."""


class ResponseNotReadError(BinanceErrorsError, ValueError):
    """``classify_response`` got a streamed response whose body was never read (read it first)."""
