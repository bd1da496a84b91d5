"""The result model: small enums and frozen, slotted attrs classes.

A :class:`Verdict` reads like :class:`http.HTTPStatus`: data attributes plus predicates. Static
outcomes are built once when the table loads and shared by every call; only dynamic details
(a ban time, a retry delay, values pulled out of a templated message, raw data) make a new one.
"""

from __future__ import annotations

import enum
from _thread import _local
from collections.abc import Callable, Mapping
from operator import attrgetter
from types import MappingProxyType
from typing import Any

import attrs

__all__ = [
    "EMPTY_VALUES",
    "Execution",
    "Leg",
    "LegResult",
    "Legs",
    "LegsOutcome",
    "Reconcile",
    "Retry",
    "RetryAction",
    "StatusClass",
    "Verdict",
]


class _Enum(enum.Enum):
    """An enum whose members hash as the objects they are (equality is identity for an Enum's
    members): C-level, where ``enum.Enum.__hash__`` is a Python function hashing the name, and a
    dict keyed by a member is read per answer (the execution of a class, the severity of a leg)."""

    __hash__ = object.__hash__


class StatusClass(_Enum):
    """What kind of answer this is."""

    OK = "ok"
    CLIENT_ERROR = "client_error"
    RATE_LIMITED = "rate_limited"
    BANNED = "banned"
    UNKNOWN_EXECUTION = "unknown_execution"
    PARTIAL = "partial"


class Execution(_Enum):
    """Whether the request executed on the exchange."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"
    PARTLY = "partly"


class RetryAction(_Enum):
    """Whether and when resending the same request is safe."""

    NO = "no"  # do not resend it as it is: it will fail the same way
    NOW = "now"  # nothing executed and the cause was transient: resend
    AFTER_DELAY = "after_delay"  # wait `after_ms` / until `at_ms` (back off when neither is known)
    AFTER_FIX = "after_fix"  # do the reconcile action (resync the clock, reconnect), then resend
    AFTER_RECONCILE = "after_reconcile"  # find out whether it executed first; never resend blindly


class Reconcile(_Enum):
    """What to check before trusting local state, most important first."""

    NONE = "none"
    FIX_REQUEST = "fix_request"
    QUERY_ORDER = "query_order"
    INSPECT_LEGS = "inspect_legs"
    INSPECT_ITEMS = "inspect_items"  # a batch answer: some items failed; `Verdict.items` says which
    RESYNC_CLOCK = "resync_clock"
    REFRESH_EXCHANGE_INFO = "refresh_exchange_info"
    CHECK_BALANCE = "check_balance"
    CHECK_OPEN_ORDERS = "check_open_orders"
    CHECK_CREDENTIALS = "check_credentials"
    CONTACT_SUPPORT = "contact_support"
    RECONNECT = "reconnect"
    REDUCE_RATE = "reduce_rate"


class LegsOutcome(_Enum):
    """What a cancel/replace changed on the exchange, read from both legs."""

    REPLACED = "replaced"  # both legs succeeded
    CANCELED_NOT_REPLACED = "canceled_not_replaced"  # the old order is gone, no new one
    PLACED_NOT_CANCELED = "placed_not_canceled"  # both orders may be live
    NOTHING_CHANGED = "nothing_changed"  # both legs failed or the new one was not attempted
    UNCLEAR = "unclear"  # a leg's result is missing or unreadable: query the orders


class LegResult(_Enum):
    """The result of one leg of a cancel/replace, as the exchange reports it."""

    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"
    NOT_ATTEMPTED = "NOT_ATTEMPTED"
    MISSING = "MISSING"  # the response did not say (absent or unreadable)


EMPTY_VALUES: Mapping[str, Any] = MappingProxyType({})

_repr_context = _local()  # the objects being printed, per thread (a Verdict may hold itself in `data`)


_CONTAINERS = (dict, list, tuple, set, frozenset, MappingProxyType)
_REPR_DEPTH = 20  # levels of raw response data a repr shows (then "...")
_REPR_ITEMS = 100  # items shown per container


def _shown(value: Any) -> str:
    """``repr(value)``, bounded for raw response data (depth and items): never a RecursionError."""
    if value.__class__ in _CONTAINERS:
        import reprlib  # on first use: import time is a benchmark

        bounded = reprlib.Repr()
        bounded.maxlevel, bounded.maxdict, bounded.maxlist, bounded.maxtuple = _REPR_DEPTH, *(_REPR_ITEMS,) * 3
        bounded.maxstring = bounded.maxother = 10_000
        return bounded.repr(value)
    return repr(value)


def _equal(mine: Any, theirs: Any) -> Any:
    """``mine == theirs``, compared level by level without recursion when it is too deep for ``==``."""
    try:
        return mine == theirs
    except RecursionError:
        pass
    pending = [(mine, theirs)]
    while pending:
        a, b = pending.pop()
        if a is b:
            continue
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            if a.keys() != b.keys():
                return False
            pending.extend((a[key], b[key]) for key in a)
        elif isinstance(a, list | tuple) and isinstance(b, list | tuple):
            if a.__class__ is not b.__class__ or len(a) != len(b):
                return False
            pending.extend(zip(a, b, strict=True))
        elif isinstance(a, Mapping | list | tuple) or isinstance(b, Mapping | list | tuple) or a != b:
            return False
    return True


def _hashable(value: Any) -> Any:
    """A field as it enters the hash: itself, or its type for unhashable raw data (equal values, equal hashes)."""
    try:
        hash(value)
    except Exception:
        return value.__class__
    return value


def _dunders(cls: type) -> type:  # (a class decorator: the class keeps its type)
    """Give ``cls`` the ``__repr__``, ``__eq__`` and ``__hash__`` attrs would generate, for
    ``@attrs.frozen`` to keep (it does not generate a method the class defines).

    Import time is a benchmark (docs/design.md section 7): attrs writes these as source for each class
    and compiles it at import, most of the cost of making the class; these are plain closures over
    the field names (the class's annotations, in attrs' field order; a test checks it) that do what
    attrs' do: ``ClassName(field=repr, ...)`` with ``...`` for an object already being printed;
    ``==`` only between instances of the very same class, comparing field by field with ``==``
    and stopping at the first false result, which it returns, as attrs' ``a == b and c == d``
    does; the hash of a tuple of a per-class seed and the fields.
    """
    names = tuple(cls.__annotations__)  # two or more: attrgetter of one name returns no tuple
    fields: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    seed = hash(f"binance_errors._model.{cls.__qualname__}")

    def __repr__(self: Any) -> str:
        try:
            printing: set[int] = _repr_context.printing
        except AttributeError:
            printing = _repr_context.printing = {id(self)}
        else:
            if id(self) in printing:
                return "..."
            printing.add(id(self))
        try:
            shown = ", ".join([f"{name}={_shown(value)}" for name, value in zip(names, fields(self), strict=True)])
            return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({shown})"
        finally:
            printing.remove(id(self))

    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        result: Any = True
        for mine, theirs in zip(fields(self), fields(other), strict=True):
            result = _equal(mine, theirs)
            if not result:
                return result
        return result

    def __hash__(self: Any) -> int:
        return hash((seed, *map(_hashable, fields(self))))

    for method in (__repr__, __eq__, __hash__):
        method.__module__ = cls.__module__
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls


@attrs.frozen(slots=True)
@_dunders
class Retry:
    """Retry advice: the action, and the timing when the response gave one.

    ``after_ms`` is a delay relative to the response, ``at_ms`` an absolute epoch-ms time on the
    server's clock; ``source`` names where the timing came from (``server_retry_after``,
    ``retry_after_header``, ``ban_message``, ``rate_limit_bucket``). Nothing is clamped: a
    negative ``after_ms`` means the source named a time already past.
    """

    action: RetryAction
    after_ms: int | None = None
    at_ms: int | None = None
    source: str | None = None


@attrs.frozen(slots=True)
@_dunders
class Leg:
    """One leg of a cancel/replace: its result, its own verdict when it failed, its order."""

    result: LegResult
    verdict: Verdict | None
    order: Mapping[str, Any] | None


@attrs.frozen(slots=True)
@_dunders
class Legs:
    """Both legs of a cancel/replace answer and what changed.

    ``outcome`` says what changed (:class:`LegsOutcome`); ``summary`` says it in a sentence.
    """

    cancel: Leg
    new_order: Leg
    outcome: LegsOutcome
    summary: str


@attrs.frozen(slots=True)
@_dunders
class Verdict:
    """The classification of one response.

    Keep the attribute list in sync with docs/usage.md "The result".
    """

    status_class: StatusClass
    execution: Execution
    retry: Retry
    reconcile: Reconcile
    reason: str
    code: int | None
    name: str | None
    message: str | None
    known: bool
    product: str
    values: Mapping[str, Any] = EMPTY_VALUES
    data: Any = None
    raw_code: Any = None
    raw_message: Any = None
    raw_text: str | None = None
    legs: Legs | None = None
    items: tuple[Verdict, ...] | None = None

    @property
    def retry_after_ms(self) -> int | None:
        """Delay before resending, in ms, when the response said."""
        return self.retry.after_ms

    @property
    def retry_at_ms(self) -> int | None:
        """Absolute epoch-ms time (server clock) from which resending is allowed, when known."""
        return self.retry.at_ms

    @property
    def filter(self) -> str | None:
        """The failed filter's name for a filter failure (``LOT_SIZE``), else ``None``."""
        value = self.values.get("filter")
        return value if isinstance(value, str) else None

    @property
    def is_ok(self) -> bool:
        """True when the request succeeded."""
        return self.status_class is StatusClass.OK

    @property
    def is_retryable(self) -> bool:
        """True when resending the same request is safe now or after the advised delay."""
        return self.retry.action is RetryAction.NOW or self.retry.action is RetryAction.AFTER_DELAY

    @property
    def may_have_executed(self) -> bool:
        """True unless the exchange definitely did not act on the request."""
        return self.execution is not Execution.NO

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (stable keys; see docs/usage.md "Structured output")."""
        from ._convert import to_dict

        return to_dict(self)

    def to_json(self) -> str:
        """One line of JSON."""
        from ._convert import to_json

        return to_json(self)

    def __str__(self) -> str:
        parts = [self.status_class.value, f"execution={self.execution.value}"]
        if self.code is not None:
            parts.append(f"code={self.code}")
        if self.name:
            parts.append(self.name)
        parts.append(f"reason={self.reason}")
        retry = f"retry={self.retry.action.value}"
        if self.retry.after_ms is not None:
            retry += f"({self.retry.after_ms}ms)"
        parts.append(retry)
        parts.append(f"reconcile={self.reconcile.value}")
        if self.message:
            parts.append(repr(self.message[:120]))
        return " ".join(parts)
