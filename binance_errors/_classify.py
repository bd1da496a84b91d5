"""The hot path: ``classify`` and the ``Classifier`` behind it.

Rules this module keeps:

1. Every decision comes from the compiled table; no code-specific ``if`` here.
2. No result object is built here: every return is a prebuilt, shared verdict, or the result
   of the complete procedure in ``_slow.py``.
3. Only the cheapest checks run before the first return: a type check, two or three dict
   lookups, a tuple index. Anything unusual (raw text, coerced values, templates, data,
   unknown codes) falls through to ``_slow.classify_any``, which decides the same way.
4. No shared mutable state: a classifier can be used from any number of threads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._model import StatusClass, Verdict
from ._slow import classify_any
from ._table import Table, load_table

__all__ = ["Classifier", "ClassifyFunction", "classifier_for", "classify"]

ClassifyFunction = Callable[..., Verdict]
TIMED = (StatusClass.RATE_LIMITED, StatusClass.BANNED)

# Keep in sync with README.md "Usage".
CLASSIFY_DOC = """Classify one Binance response; never raises on anything the network can deliver.

``classify(frame, http_status=None, headers=None, product="spot", now_ms=None) -> Verdict``

``frame`` is a parsed WebSocket API frame or REST body (dict or list), raw text
(``str``/``bytes``/``bytearray``/``memoryview``, parsed with ujson) or ``None``.
``http_status`` and ``headers`` (any mapping, matched case-insensitively) are for REST.
``now_ms`` (epoch ms, the caller's clock) lets a rate-limited answer with no retry hint take its
retry time from the end of the exhausted rate-limit bucket. ``product`` selects the table
(``"spot"`` by default); an unknown name raises
:class:`UnknownProductError`, the only exception this function raises.
"""


def _compile(table: Table) -> ClassifyFunction:
    """Build the classify function of ``table``: a closure over its lookup dicts."""
    own = table.product
    ok = table.no_error[200]
    exact_get = table.exact.get
    bucket_get = table.status_bucket.get
    timed = TIMED  # classes whose retry timing may come from the headers

    def classify(
        frame: Any, http_status: Any = None, headers: Any = None, product: str = own, now_ms: Any = None
    ) -> Verdict:
        if product is not own and product != own:
            return classifier_for(product).classify(frame, http_status, headers, now_ms=now_ms)
        if frame.__class__ is dict:
            if "error" in frame:  # WebSocket API error frame
                error = frame["error"]
                status = frame.get("status") if http_status is None else http_status
                if error.__class__ is dict and status.__class__ is int and "data" not in error:
                    code = error.get("code")
                    msg = error.get("msg")
                    if code.__class__ is int and msg.__class__ is str:
                        messages = exact_get(code)
                        if messages is not None:
                            row = messages.get(msg)
                            if row is not None:
                                verdict = row[bucket_get(status, 0)]
                                if verdict.status_class not in timed or (headers is None and now_ms is None):
                                    return verdict
            elif http_status is None:
                if frame.get("status") == 200 and "code" not in frame and "result" in frame:
                    return ok
            elif http_status.__class__ is int:  # REST body with its HTTP status
                code = frame.get("code")
                msg = frame.get("msg")
                if code.__class__ is int and msg.__class__ is str and "data" not in frame:
                    messages = exact_get(code)
                    if messages is not None:
                        row = messages.get(msg)
                        if row is not None:
                            verdict = row[bucket_get(http_status, 0)]
                            if verdict.status_class not in timed or (headers is None and now_ms is None):
                                return verdict
        return classify_any(table, frame, http_status, headers, now_ms)

    classify.__doc__ = CLASSIFY_DOC
    classify.__qualname__ = "classify"  # a wrong keyword reads "classify() got an unexpected keyword ..."
    return classify


class Classifier:
    """A classifier bound to one product table (injectable: ``Classifier(load_table("spot"))``).

    ``Classifier(table).classify(frame, http_status=None, headers=None, product=...)`` behaves
    like the module-level :func:`binance_errors.classify`; ``product=`` switches to another
    product's default classifier.
    """

    __slots__ = ("classify", "table")

    def __init__(self, table: Table | None = None) -> None:
        self.table: Table = table if table is not None else load_table("spot")
        self.classify: ClassifyFunction = _compile(self.table)

    def __repr__(self) -> str:
        return f"Classifier(product={self.table.product!r})"


_CLASSIFIERS: dict[str, Classifier] = {}


def classifier_for(product: str) -> Classifier:
    """The shared default classifier of ``product`` (raises UnknownProductError for a bad name)."""
    found = _CLASSIFIERS.get(product) if isinstance(product, str) else None
    if found is None:
        found = _CLASSIFIERS.setdefault(product, Classifier(load_table(product)))
    return found


classify: ClassifyFunction = classifier_for("spot").classify
