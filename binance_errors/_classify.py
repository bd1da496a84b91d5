"""The hot path: ``classify`` and the ``Classifier`` behind it.

Rules this module keeps:

1. Every decision comes from the compiled table and ``_decide.py``; no code-specific ``if`` here.
   This is a cache in front of ``_decide.classify_any``: it reads the frame shapes in the order
   ``_decide.classify_mapping`` does and answers only where the prebuilt verdict is that answer.
2. No result object is built here: every return is a prebuilt, shared verdict, or the result
   of the complete procedure in ``_decide.py``.
3. Only the cheapest checks run before the first return: class checks, a few dict subscripts,
   a tuple index (``benchmarks/run.py`` holds them to their ratio targets). ``bytes``/``str`` are
   parsed once with ujson and go the same way. Anything unusual (coerced values, templates,
   data, unknown codes, a missing key: the ``try`` is free until it raises) falls through to
   ``_decide.classify_any``, which decides the same way (a property test checks it).
4. No shared mutable state but the table's build of a code on its first lookup, done once under
   a lock and published complete (``_table.Table``): a classifier can be used from any number of
   threads.
"""

from __future__ import annotations

from types import FunctionType
from typing import Any, Protocol, cast

import ujson

from . import _infer
from ._decide import classify_any, classify_code
from ._model import StatusClass, Verdict
from ._table import Table, load_table
from ._types import Headers, Product
from ._wire.binary import sbe_frame

__all__ = ["Classifier", "ClassifyFunction", "classifier_for", "classify"]


class ClassifyFunction(Protocol):
    """The signature of ``classify`` (``be.classify``, ``Classifier.classify``), as checkers see it.

    At run time it is a plain function compiled per table (``_compile``), with these annotations.
    """

    def __call__(
        self,
        frame: object,
        http_status: int | None = None,
        headers: Headers | None = None,
        product: Product | None = ...,  # the classifier's own; None (``be.classify``): inferred from the answer
        now_ms: int | None = None,
    ) -> Verdict:
        """Classify one Binance response (see ``CLASSIFY_DOC``)."""
        ...


class _AnyProductClassify(Protocol):
    """``classify`` as the package's own modules call it: with a product name read at run time
    (a request URL, a command-line option), so a ``str``; the public name is ``ClassifyFunction``."""

    def __call__(
        self,
        frame: object,
        http_status: int | None = None,
        headers: Headers | None = None,
        product: str | None = ...,
        now_ms: int | None = None,
    ) -> Verdict: ...


TIMED = (StatusClass.RATE_LIMITED, StatusClass.BANNED)  # their timing may come from headers or now_ms
_loads = ujson.loads
ACCEPTS = "classify[accepts frame, http_status, headers, product, now_ms]"

# Keep in sync with docs/usage.md "Inputs".
CLASSIFY_DOC = """Classify one Binance response; never raises on anything the network can deliver.

``classify(frame, http_status=None, headers=None, product=None, now_ms=None) -> Verdict``

``frame`` is a parsed WebSocket API frame or REST body (dict or list), raw text
(``str``/``bytes``/``bytearray``/``memoryview``, parsed with ujson) or ``None``.
``http_status`` and ``headers`` (any mapping, matched case-insensitively) are for REST.
``now_ms`` (epoch ms, the caller's clock) places retry delays and absolute times on one clock and
lets a rate-limited answer with no retry hint wait for the end of its bucket. ``product`` selects
the table; with none, the product is inferred from the answer's (code, message), the most
cautious reading winning where products differ (docs/design.md section 3c). An unknown name
raises :class:`UnknownProductError`, the only exception this function raises.
"""


# The classify function of every table: one code object, run with the globals of its table
# (``_compile``). A global is cheaper than a closure cell here: a closure copies all its cells into
# each call's frame, and LOAD_GLOBAL is specialized to a cached dict read.
# Replaced for each table by `_compile`, in the globals of that table's copy of the function
# (this module's own values are never read by a call).
OWN: str | None = ""  # the table's product (None: the classifier of no named product)
OK: Verdict = cast(Verdict, None)  # its verdict for a WebSocket API success (status 200)
EXACT: dict[int, dict[str, tuple[Verdict, ...]]] = {}  # table.built_exact: a code not built yet raises
BUCKET: dict[int, int] = {}  # status -> bucket index, 100 to 599: a miss raises, not a status
TABLE: Table = cast(Table, None)


def _classify(
    frame: Any, http_status: Any = None, headers: Any = None, product: Any = OWN, now_ms: Any = None
) -> Verdict:
    if product is not OWN and product != OWN:
        return classifier_for(product).classify(frame, http_status, headers, now_ms=now_ms)
    # Few local names too (a frame clears each one on entry and exit): names are reused.
    if frame.__class__ is not dict:
        if frame.__class__ is not bytes and frame.__class__ is not str:
            return classify_any(TABLE, frame, http_status, headers, now_ms)
        try:  # raw text: the parse of the complete procedure, which also reads what fails here
            error = _loads(frame)
        except Exception:
            error = sbe_frame(frame)  # not JSON: a spot SBE answer (by its header) is its JSON-shaped frame
            if error is None:
                return classify_any(TABLE, frame, http_status, headers, now_ms)
        if error.__class__ is not dict:
            return classify_any(TABLE, frame, http_status, headers, now_ms)
        frame = error
    try:  # a missing key or an odd value raises here: the complete procedure decides then
        # The shapes in the order of _decide.classify_mapping: error, result, REST body.
        if "error" in frame:  # WebSocket API error
            error = frame["error"]
            if error.__class__ is dict:
                status = frame["status"] if http_status is None else http_status
                code = error["code"]
                msg = error["msg"]
                if status.__class__ is int and code.__class__ is int and msg.__class__ is str:
                    if "data" not in error:
                        row = EXACT[code].get(msg)
                        if row is not None:
                            verdict = row[BUCKET[status]]
                            if (headers is None and now_ms is None) or verdict.status_class not in TIMED:
                                return verdict
                        elif 100 <= status <= 599:  # not exactly known: the complete procedure's next step
                            return classify_code(TABLE, code, msg, status, None, headers, frame, now_ms)
                    elif 100 <= status <= 599:
                        return classify_code(TABLE, code, msg, status, error["data"], headers, frame, now_ms)
        elif "result" in frame:  # WebSocket API success, unless a body code or its leg results beat it
            if http_status is None and frame["status"] == 200 and "code" not in frame:
                error = frame["result"]
                if error.__class__ is not dict or ("cancelResult" not in error and "newOrderResult" not in error):
                    return OK
        elif http_status.__class__ is int:  # REST body with its HTTP status
            if "code" not in frame:  # a success body, unless it has a message or data to keep
                if (
                    "msg" not in frame
                    and "message" not in frame
                    and "data" not in frame
                    and "cancelResult" not in frame
                    and "newOrderResult" not in frame
                ):
                    verdict = TABLE.no_error.get(http_status, TABLE.unexpected)
                    if frame.get("success") is not False and (headers is None or verdict.status_class not in TIMED):
                        return verdict
            else:
                code = frame["code"]
                msg = frame["msg"]
                if code.__class__ is int and msg.__class__ is str:
                    if "data" not in frame:
                        row = EXACT[code].get(msg)  # a templated message raises nothing
                        if row is not None:
                            verdict = row[BUCKET[http_status]]
                            if (headers is None and now_ms is None) or verdict.status_class not in TIMED:
                                return verdict
                        elif 100 <= http_status <= 599:
                            return classify_code(TABLE, code, msg, http_status, None, headers, frame, now_ms)
                    elif 100 <= http_status <= 599:
                        return classify_code(TABLE, code, msg, http_status, frame["data"], headers, frame, now_ms)
    except Exception:
        pass
    return classify_any(TABLE, frame, http_status, headers, now_ms)


def _compile(table: Table, infer: bool = False) -> ClassifyFunction:
    """The classify function of ``table``: ``_classify``'s code with the table's lookups as its globals.

    ``infer``: the classifier of no named product (``_infer``): spot's table, with the exact pairs
    another product reads otherwise left to ``_infer``'s complete procedure.
    """
    namespace = dict(globals())
    namespace.update(
        OWN=None if infer else table.product,
        OK=table.no_error[200],
        EXACT=table.inferring_exact if infer else table.built_exact,
        BUCKET=_infer.BUCKETS if infer else {status: table.bucket_of(status) for status in range(100, 600)},
        TABLE=table,
    )
    if infer:
        namespace.update(classify_any=_infer.classify_any, classify_code=_infer.classify_code)
    own = None if infer else table.product
    classify = FunctionType(_classify.__code__, namespace, "classify", (None, None, own, None))
    classify.__doc__ = CLASSIFY_DOC
    classify.__module__ = __name__
    # Python names a function by its qualname in a wrong-keyword TypeError, so the message also
    # says what is accepted, at no cost per call (a **kwargs check would cost every call):
    # "classify[accepts frame, http_status, headers, product, now_ms]() got an unexpected keyword ..."
    classify.__qualname__ = ACCEPTS
    classify.__annotations__ = dict(ClassifyFunction.__call__.__annotations__)  # what checkers see
    return cast(ClassifyFunction, classify)


class Classifier:
    """A classifier bound to one product table (injectable: ``Classifier(load_table("spot"))``).

    ``Classifier(table).classify(frame, http_status=None, headers=None, product=...)`` behaves
    like the module-level :func:`binance_errors.classify`; ``product=`` switches to another
    product's default classifier.
    """

    __slots__ = ("classify", "inferring", "table")

    inferring: bool  # (declared for the public interface's readers: basedpyright --verifytypes)

    def __init__(self, table: Table | None = None) -> None:
        self.inferring = table is None  # no product named: inferred from each answer (``_infer``)
        self.table: Table = table if table is not None else load_table("spot")
        self.classify: ClassifyFunction = _compile(self.table, self.inferring)

    def __repr__(self) -> str:
        return "Classifier(product=None)" if self.inferring else f"Classifier(product={self.table.product!r})"


_CLASSIFIERS: dict[str, Classifier] = {}


def classifier_for(product: Product | None) -> Classifier:
    """The shared default classifier of ``product`` (raises UnknownProductError for a bad name);
    None: the classifier of no named product, which infers it from each answer."""
    if product is None:
        return _INFERRING
    found = _CLASSIFIERS.get(product) if isinstance(product, str) else None
    if found is None:
        found = _CLASSIFIERS.setdefault(product, Classifier(load_table(product)))
    return found


_INFERRING = Classifier()
# The package's modules call this name with a ``str`` product; ``binance_errors.classify`` is the
# same object, declared ``ClassifyFunction`` for users' checkers (``__init__.py``).
classify = cast(_AnyProductClassify, _INFERRING.classify)
