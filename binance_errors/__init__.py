"""binance-errors: classify Binance API responses into what a trading client must do next.

>>> import binance_errors as be
>>> error = {"code": -2010, "msg": "Account has insufficient balance for requested action."}
>>> v = be.classify({"status": 400, "error": error})
>>> v.status_class.value, v.execution.value, v.reason, v.reconcile.value
('client_error', 'no', 'INSUFFICIENT_BALANCE', 'check_balance')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._classify import Classifier, classifier_for
from ._errors import BinanceErrorsError, ConversionError, ResponseNotReadError, UnknownProductError
from ._model import (
    Execution,
    Leg,
    LegResult,
    Legs,
    LegsOutcome,
    Reconcile,
    Retry,
    RetryAction,
    StatusClass,
    Verdict,
)
from ._ratelimits import rate_limits
from ._table import PRODUCTS, Table, load_table
from ._types import Lang, Product

if TYPE_CHECKING:
    from ._classify import ClassifyFunction

    classify: ClassifyFunction  # the object below, with the product names a checker can hold callers to
else:
    from ._classify import classify

if TYPE_CHECKING:
    from ._adapters import BODY_DROPPED, classify_exception, classify_response
    from ._api import cancel_replace_legs
    from ._codeinfo import CodeInfo
    from ._convert import from_dict, from_json
    from ._explain import explain
    from ._hooks import backoff_ms, next_delay_ms, should_retry, stamina_on, tenacity_retry, tenacity_wait
    from ._plan import Plan, PlanAction, Step, plan
    from ._resolve import Resolution, resolve
    from ._usage import Headroom, Limiter, Usage

__all__ = [
    "BODY_DROPPED",
    "PRODUCTS",
    "BinanceErrorsError",
    "Classifier",
    "CodeInfo",
    "ConversionError",
    "Execution",
    "Headroom",
    "Lang",
    "Leg",
    "LegResult",
    "Legs",
    "LegsOutcome",
    "Limiter",
    "Plan",
    "PlanAction",
    "Product",
    "Reconcile",
    "Resolution",
    "ResponseNotReadError",
    "Retry",
    "RetryAction",
    "StatusClass",
    "Step",
    "Table",
    "UnknownProductError",
    "Usage",
    "Verdict",
    "backoff_ms",
    "cancel_replace_legs",
    "classifier_for",
    "classify",
    "classify_exception",
    "classify_response",
    "explain",
    "from_dict",
    "from_json",
    "load_table",
    "next_delay_ms",
    "plan",
    "rate_limits",
    "resolve",
    "should_retry",
    "stamina_on",
    "tenacity_retry",
    "tenacity_wait",
]

__version__ = "0.1.0"

# Public names whose module is loaded on first access (import time is a benchmark, docs/design.md
# section 7): name -> the module that defines it. Classifying needs none of them.
_LAZY = {
    "BODY_DROPPED": "_adapters",
    "classify_exception": "_adapters",
    "classify_response": "_adapters",
    "cancel_replace_legs": "_api",
    "CodeInfo": "_codeinfo",
    "from_dict": "_convert",
    "from_json": "_convert",
    "explain": "_explain",
    "backoff_ms": "_hooks",
    "next_delay_ms": "_hooks",
    "should_retry": "_hooks",
    "stamina_on": "_hooks",
    "tenacity_retry": "_hooks",
    "tenacity_wait": "_hooks",
    "Plan": "_plan",
    "PlanAction": "_plan",
    "Step": "_plan",
    "plan": "_plan",
    "Resolution": "_resolve",
    "resolve": "_resolve",
    "Headroom": "_usage",
    "Limiter": "_usage",
    "Usage": "_usage",
}


if not TYPE_CHECKING:  # checkers see the names above; a misspelt name is an error, not Any

    def __getattr__(name: str) -> object:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{module}"), name)
        globals()[name] = value  # later lookups find it directly
        return value


def __dir__() -> list[str]:
    """The public names only (not the private modules, nor ``TYPE_CHECKING``)."""
    return sorted([*__all__, "__version__"])
