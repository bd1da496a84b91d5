"""binance-errors: classify Binance API responses into what a trading client must do next.

>>> import binance_errors as be
>>> error = {"code": -2010, "msg": "Account has insufficient balance for requested action."}
>>> v = be.classify({"status": 400, "error": error})
>>> v.status_class.value, v.execution.value, v.reason, v.reconcile.value
('client_error', 'no', 'INSUFFICIENT_BALANCE', 'check_balance')
"""

from __future__ import annotations

from ._api import cancel_replace_legs
from ._classify import Classifier, classifier_for, classify
from ._errors import BinanceErrorsError, UnknownProductError
from ._explain import explain
from ._model import (
    Execution,
    Leg,
    LegResult,
    Legs,
    Reconcile,
    Retry,
    RetryAction,
    StatusClass,
    Verdict,
)
from ._ratelimits import Headroom, Limiter, Usage, rate_limits
from ._table import PRODUCTS, CodeInfo, Table, load_table

__all__ = [
    "PRODUCTS",
    "BinanceErrorsError",
    "Classifier",
    "CodeInfo",
    "Execution",
    "Headroom",
    "Leg",
    "LegResult",
    "Legs",
    "Limiter",
    "Reconcile",
    "Retry",
    "RetryAction",
    "StatusClass",
    "Table",
    "UnknownProductError",
    "Usage",
    "Verdict",
    "cancel_replace_legs",
    "classifier_for",
    "classify",
    "explain",
    "load_table",
    "rate_limits",
]

__version__ = "0.1.0"
