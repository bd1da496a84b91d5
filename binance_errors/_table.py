"""Turn a generated product module into prebuilt verdicts and the lookup dicts of the hot path.

Everything here runs once per product, at import (spot) or on first use (the others). The
combination of a code's own advice with each status bucket (DESIGN.md section 3, rules 4 and 5)
is computed here, so that the hot path only indexes a tuple.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import MappingProxyType, ModuleType
from typing import Any

import attrs

from ._errors import UnknownProductError
from ._model import EMPTY_VALUES, Execution, Reconcile, Retry, RetryAction, StatusClass, Verdict

__all__ = ["PRODUCTS", "CodeInfo", "Table", "load_table", "normalize_message"]

# Product name -> generated module under binance_errors/_tables.
PRODUCTS: Mapping[str, str] = MappingProxyType(
    {"spot": "spot", "usdm": "usdm", "coinm": "coinm", "openapi": "openapi"}
)

# A row of prebuilt verdicts, one per status bucket: index 0 is "no decisive status" (none, 2xx,
# 1xx/3xx, unreadable), then the buckets of rules.yaml `statuses`, in their order.
Row = tuple[Verdict, ...]
NORMALIZE_LIMIT = 1024  # longer messages are never compared loosely (no documented one is)


def normalize_message(text: str) -> str:
    """The loose form of a message: case, surrounding space and a final period ignored."""
    return " ".join(text.split()).rstrip(".").casefold()


@attrs.frozen(slots=True)
class CodeInfo:
    """What the table knows about one code (for ``explain`` and the CLI)."""

    code: int
    name: str | None
    section: str
    en: str
    zh: str | None  # None for a product whose source has no Chinese half
    since: str | None
    removed: str | None
    messages: tuple[tuple[str, str | None, str | None], ...]  # (text, en, zh)
    verdict: Verdict  # the code's own verdict when no status decides


_CLASSES = {m.value: m for m in StatusClass}
_RETRIES = {m.value: Retry(m) for m in RetryAction}  # advice without timing: shared
_RECONCILES = {m.value: m for m in Reconcile}


def _advice(spec: Mapping[str, Any]) -> tuple[StatusClass, Retry, Reconcile]:
    return _CLASSES[spec["class"]], _RETRIES[spec["retry"]], _RECONCILES[spec["reconcile"]]


class Table:
    """One product's compiled table: prebuilt verdicts and the dicts that find them."""

    def __init__(self, module: ModuleType) -> None:
        self.product: str = module.PRODUCT
        self.title: str = module.TITLE
        self._execution = {StatusClass(k): Execution(v) for k, v in module.EXECUTION.items()}
        self.buckets: tuple[Mapping[str, Any], ...] = tuple(module.STATUSES.values())
        self.bucket_names: tuple[str, ...] = tuple(module.STATUSES)
        self.status_bucket: dict[int, int] = {}
        for status in range(100, 600):
            for index, spec in enumerate(self.buckets, start=1):
                listed = spec["statuses"]
                hit = status // 100 == int(listed[0]) if isinstance(listed, str) else status in listed
                if hit:
                    self.status_bucket[status] = index
                    break
        codes = module.CODES
        self.rows: tuple[Row, ...] = tuple(self._row(spec, codes) for spec in module.ROWS)
        self.defaults: dict[int, Row] = {code: self.rows[info["row"]] for code, info in codes.items()}
        self.exact: dict[int, dict[str, Row]] = {
            code: {text: self.rows[index] for text, index in messages.items()}
            for code, messages in module.EXACT.items()
        }
        self.normalized: dict[int, dict[str, Row]] = {
            code: {normalize_message(text): row for text, row in messages.items()}
            for code, messages in self.exact.items()
        }
        self.templates: dict[int, tuple[tuple[str, tuple[str, ...], str, tuple[str, ...], Row], ...]] = {
            code: tuple((p, m, s, f, self.rows[i]) for p, m, s, f, i in items)
            for code, items in module.TEMPLATES.items()
        }
        # Messages that arrive with no code at all (futures 503 bodies): text -> row.
        self.codeless: dict[str, Row] = {text: self.rows[index] for text, index in module.CODELESS.items()}
        self.legs_codes = frozenset(code for code, info in codes.items() if info["legs"])
        self.codes: dict[int, CodeInfo] = {
            code: CodeInfo(
                code,
                info["name"],
                info["section"],
                info["en"],
                info["zh"],
                info["since"],
                info["removed"],
                tuple((m["text"], m["en"], m["zh"]) for m in info["messages"]),
                self.defaults[code][0],
            )
            for code, info in codes.items()
        }
        self.message_info: dict[tuple[int, str], tuple[str | None, str | None]] = {
            (code, m["text"]): (m["en"], m["zh"]) for code, info in codes.items() for m in info["messages"]
        }
        self.unknown_blocks = tuple(
            (low, high, self._row((None, cls, retry, rec, reason, False, {}, None, {}), {}), en)
            for low, high, cls, retry, rec, reason, en in module.UNKNOWN_CODES
        )
        self.unknown_filter: dict[int | None, Row] = {}
        self._unknown_filter_spec = module.UNKNOWN_FILTER
        plain = module.PLAIN
        self.descriptions: dict[str, str] = {spec["reason"]: spec["en"] for spec in plain.values()}
        self.descriptions.update({spec["reason"]: spec["en"] for spec in self.buckets})
        self.descriptions[module.UNKNOWN_FILTER["reason"]] = module.UNKNOWN_FILTER["en"]
        self.descriptions.update(module.DESCRIPTIONS)
        # Bodies with no error code, and unreadable bodies: one verdict per status.
        self.no_error: dict[int | None, Verdict] = {None: self._plain(plain["ok"])}
        self.malformed: dict[int | None, Verdict] = {None: self._plain(plain["malformed"])}
        self.empty: dict[int | None, Verdict] = {None: self._plain(plain["empty"])}
        self.unexpected = self._plain(plain["unexpected"])
        unsuccessful = plain["unsuccessful"]
        self.unsuccessful: Row = self._row(
            (
                None,
                unsuccessful["class"],
                unsuccessful["retry"],
                unsuccessful["reconcile"],
                unsuccessful["reason"],
                False,
                {},
                None,
                {},
            ),
            {},
        )
        for status in range(100, 600):
            bucket = self.status_bucket.get(status)
            if bucket is not None:
                shared = self._plain(self.buckets[bucket - 1])
                self.no_error[status] = self.malformed[status] = self.empty[status] = shared
            elif 200 <= status < 300:
                self.no_error[status] = self.no_error[None]
                self.malformed[status] = self.malformed[None]
                self.empty[status] = self.empty[None]
            else:
                self.no_error[status] = self.unexpected
                self.malformed[status] = self.malformed[None]
                self.empty[status] = self.empty[None]

    # -- building ---------------------------------------------------------------------------

    def _verdict(self, cls: StatusClass, retry: Retry, reconcile: Reconcile, reason: str, **kw: Any) -> Verdict:
        return Verdict(cls, self._execution[cls], retry, reconcile, reason, product=self.product, **kw)

    def _plain(self, spec: Mapping[str, Any]) -> Verdict:
        cls, retry, reconcile = _advice(spec)
        return self._verdict(cls, retry, reconcile, spec["reason"], code=None, name=None, message=None, known=True)

    def _row(self, spec: tuple[Any, ...], codes: Mapping[int, Any]) -> Row:
        code, cls_name, retry_name, rec_name, reason, beats, values, message, on_status = spec
        name = codes[code]["name"] if code in codes else None
        known = code is not None or message is not None  # a code, or a known codeless message
        own = _advice({"class": cls_name, "retry": retry_name, "reconcile": rec_name})
        frozen_values = MappingProxyType(dict(values)) if values else EMPTY_VALUES
        verdicts = []
        for bucket_name, bucket in zip((None, *self.bucket_names), (None, *self.buckets), strict=True):
            cls, retry, reconcile = own
            if bucket is not None and not beats and bucket["class"] != cls_name:
                cls, retry, reconcile = _advice(bucket)
            override = on_status.get(bucket_name) if bucket_name is not None else None
            if override:  # the row's own advice under this status (YAML `on_status`)
                cls = _CLASSES[override["class"]] if "class" in override else cls
                retry = _RETRIES[override["retry"]] if "retry" in override else retry
                reconcile = _RECONCILES[override["reconcile"]] if "reconcile" in override else reconcile
            verdicts.append(
                self._verdict(
                    cls,
                    retry,
                    reconcile,
                    override.get("reason", reason) if override else reason,
                    code=code,
                    name=name,
                    message=message,
                    known=known,
                    values=frozen_values,
                )
            )
        return tuple(verdicts)

    def unknown_code_row(self, code: int) -> Row:
        """The conservative row for a code the table lacks (rule 6)."""
        for low, high, row, _ in self.unknown_blocks:
            if (low is None or low <= code) and (high is None or code <= high):
                return row
        return self.unknown_blocks[-1][2]

    def unknown_filter_row(self, code: int) -> Row:
        """The row for ``Filter failure: <X>`` when X is not listed for ``code``."""
        row = self.unknown_filter.get(code)
        if row is None:
            spec = self._unknown_filter_spec
            names = {code: {"name": self.codes[code].name}} if code in self.codes else {}
            row = self._row(
                (code, spec["class"], spec["retry"], spec["reconcile"], spec["reason"], False, {}, None, {}), names
            )
            if code not in self.codes:
                row = tuple(attrs.evolve(v, known=False) for v in row)
            row = self.unknown_filter.setdefault(code, row) if code in self.codes else row
        return row

    def execution_of(self, status_class: StatusClass) -> Execution:
        """The execution a class implies (rules.yaml `execution`)."""
        return self._execution[status_class]

    def bucket_of(self, status: int | None) -> int:
        """The index of a status's bucket in a row (0 when no status decides)."""
        return 0 if status is None else self.status_bucket.get(status, 0)


_TABLES: dict[str, Table] = {}


def load_table(product: str = "spot") -> Table:
    """The compiled table of ``product`` (loaded once, then shared)."""
    table = _TABLES.get(product) if isinstance(product, str) else None  # a list is not hashable
    if table is None:
        module_name = PRODUCTS.get(product) if isinstance(product, str) else None
        if module_name is None:
            raise UnknownProductError(f"unknown product {product!r}; expected one of: {', '.join(sorted(PRODUCTS))}")
        module = importlib.import_module(f"binance_errors._tables.{module_name}")
        table = _TABLES.setdefault(product, Table(module))
    return table
