"""Turn a generated product module into prebuilt verdicts and the lookup dicts of the hot path.

Everything here runs once per product, at import (spot) or on first use (the others); a code's
verdicts are built the first time the code is looked up. The combination of a code's own advice
with each status bucket (docs/design.md section 3, rules 4 and 5) is computed here, so that the hot
path only indexes a tuple.
"""

from __future__ import annotations

import importlib
from _thread import allocate_lock
from collections.abc import Iterable, Mapping
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any

from . import _tables
from ._advice import Bucket, advice_under
from ._errors import UnknownProductError
from ._lookup import Row, normalize_message
from ._model import EMPTY_VALUES, Execution, Reconcile, Retry, RetryAction, StatusClass, Verdict
from ._rows import RowSpec, merge_statuses
from ._verdicts import UNSET, ByCode, build_verdicts, replace

if TYPE_CHECKING:
    from ._codeinfo import CodeInfo

__all__ = ["PRODUCTS", "CodeInfo", "Row", "Table", "load_table"]

# Product name -> generated module under binance_errors/_tables (one per data/<product>.yaml).
PRODUCTS: Mapping[str, str] = MappingProxyType({name: name for name in _tables.PRODUCTS})


def __getattr__(name: str) -> Any:
    """``CodeInfo``: defined in ``_codeinfo.py``, loaded on first use (import time is a benchmark)."""
    if name == "CodeInfo":
        from ._codeinfo import CodeInfo

        return CodeInfo
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_CLASSES = {m.value: m for m in StatusClass}
_RETRIES = {m.value: Retry(m) for m in RetryAction}  # advice without timing: shared
_RECONCILES = {m.value: m for m in Reconcile}


def _advice(spec: Mapping[str, Any]) -> tuple[StatusClass, Retry, Reconcile]:
    return _CLASSES[spec["class"]], _RETRIES[spec["retry"]], _RECONCILES[spec["reconcile"]]


Template = tuple[str, tuple[str, ...], str, tuple[str, ...], Row]
# A template as the index holds it: (prefix, len(prefix), middles, suffix, len(suffix), fields, row),
# with fields () when none is named.
IndexedTemplate = tuple[str, int, tuple[str, ...], str, int, tuple[str, ...], Row]


class Table:
    """One product's compiled table: prebuilt verdicts and the dicts that find them.

    The verdicts of a code are built the first time the code is looked up (at most once,
    under a lock), and shared from then on: importing the package builds none of the ~2,500
    error verdicts. Classifying a code for the first time costs about 0.1 ms once; the first
    codes of a product up to a few ms (its rows module and the shared constructors load then).
    ``materialize()`` builds them all up front (about 10 ms for spot), for a client that would
    rather pay at start than on its first error.
    """

    # The types of the attributes ``__init__`` infers, declared for the public interface's readers
    # (``basedpyright --verifytypes``: an inferred type may differ between checkers).
    legs_codes: frozenset[int]
    unknown_blocks: tuple[tuple[int, int, Row, str], ...]  # (low, high, row, description)
    unexpected: Verdict
    batch_partial: Verdict
    batch_failed: Verdict
    dropped: Verdict
    rule_phrases: tuple[tuple[int, str, str | None], ...]
    ban_phrases: tuple[tuple[int, str, str | None], ...]

    def __init__(self, module: ModuleType, rules: ModuleType | None = None) -> None:
        """``module``: a generated product module; ``rules``: the shared rules (``_tables/_rules``)."""
        if rules is None:
            rules = importlib.import_module("binance_errors._tables._rules")
        self.product: str = module.PRODUCT
        self.title: str = module.TITLE
        self._module = module
        self._execution = {StatusClass(k): Execution(v) for k, v in rules.EXECUTION.items()}
        self._execution_by_name = {k: Execution(v) for k, v in rules.EXECUTION.items()}
        statuses = merge_statuses(rules.STATUSES, module.OWN_STATUSES)
        self.buckets: tuple[Mapping[str, Any], ...] = tuple(statuses.values())
        self.bucket_names: tuple[str, ...] = tuple(statuses)
        # Per row index: None for "no decisive status", else the bucket (see _decide.advice_under).
        self._bucket_advice: tuple[Bucket | None, ...] = (
            None,
            *(
                (
                    name,
                    (spec["class"], spec["retry"], spec["reconcile"]),
                    bool(spec.get("beats_rows")),
                    frozenset(spec.get("keeps_classes", ())),
                )
                for name, spec in statuses.items()
            ),
        )
        self.status_bucket: dict[int | None, int] = {}  # None is never a key: .get(None, 0) is 0
        for index, spec in enumerate(self.buckets, start=1):
            listed = spec["statuses"]
            hundreds = int(listed[0]) * 100 if isinstance(listed, str) else None
            for status in range(hundreds, hundreds + 100) if hundreds is not None else listed:
                self.status_bucket.setdefault(status, index)
        codes = module.CODES
        self.codes_spec: Mapping[int, Any] = codes  # code -> its generated entry (read-only use)
        # The exact messages the classifier of no named product keeps on its hot path (``_infer``).
        self.inferring_exact: dict[int, dict[str, Row]] = {}
        self._built: set[int] = set()
        self._lock = allocate_lock()
        self._row_cache: dict[int, Row] = {}
        self.defaults: ByCode[Row] = ByCode(self._build_code, self.materialize)
        self.exact: ByCode[dict[str, Row]] = ByCode(self._build_code, self.materialize)
        self.normalized: ByCode[dict[str, Row]] = ByCode(self._build_code, self.materialize)
        self.templates: ByCode[tuple[Template, ...]] = ByCode(self._build_code, self.materialize)
        # The templates of the codes built so far, by code, in table order (at most a few per
        # code: one dict lookup by an int finds them, with their prefix and suffix lengths).
        self.template_index: dict[int, tuple[IndexedTemplate, ...]] = {}
        # The exact messages of the codes built so far, as a plain dict (the hot path's lookup;
        # a miss there goes the complete way, through `exact`, which builds the code).
        self.built_exact: dict[int, dict[str, Row]] = {}
        # Messages that arrive with no code at all (futures 503 bodies): text -> row (few; built now).
        codeless = module.CODELESS
        self.codeless: dict[str, Row] = dict(
            zip(codeless, self._rows([RowSpec._make(module.ROWS[i]) for i in codeless.values()], codes), strict=True)
        )
        self.legs_codes = frozenset(code for code, info in codes.items() if info["legs"])
        self.unknown_blocks = tuple(
            (low, high, self._row(RowSpec(None, cls, retry, rec, reason, False, {}, None, {}), {}), en)
            for low, high, cls, retry, rec, reason, en in (*module.OWN_UNKNOWN_CODES, *rules.UNKNOWN_CODES)
        )
        self.unknown_filter: dict[int | None, Row] = {}
        self._unknown_filter_spec = rules.UNKNOWN_FILTER
        plain = rules.PLAIN
        self.descriptions: dict[str, str] = {spec["reason"]: spec["en"] for spec in plain.values()}
        self.descriptions.update({spec["reason"]: spec["en"] for spec in self.buckets})
        self.descriptions[rules.UNKNOWN_FILTER["reason"]] = rules.UNKNOWN_FILTER["en"]
        self.descriptions.update(module.DESCRIPTIONS)
        # Bodies with no error code, and unreadable bodies: one verdict per status.
        self.no_error: dict[int | None, Verdict] = {None: self._plain(plain["ok"])}
        self.malformed: dict[int | None, Verdict] = {None: self._plain(plain["malformed"])}
        self.empty: dict[int | None, Verdict] = {None: self._plain(plain["empty"])}
        self.dropped = self._plain(plain["dropped"])  # a body a client library threw away
        self.unexpected = self._plain(plain["unexpected"])
        self.unsuccessful: Row = self._row(_rule_spec(None, plain["unsuccessful"]), {})
        self.message_only: Row = self._row(_rule_spec(None, plain["message_only"]), {})
        self.batch_partial = self._plain(plain["batch_partial"])  # list answers (rule 8)
        self.batch_failed = self._plain(plain["batch_failed"])
        # Phrases that decide a message no row knows (rules.yaml `message_rules`): (phrase, ban,
        # field, spec); their rows are made per code on first use (message_rule_row).
        self.message_rules: tuple[tuple[str, bool, str | None, Mapping[str, Any]], ...] = tuple(
            (rule["contains"], rule["ban"], rule["field"], rule) for rule in rules.MESSAGE_RULES
        )
        # (index, phrase, field) of every rule, and of the ban rules alone (searched in every message)
        self.rule_phrases = tuple((i, phrase, field) for i, (phrase, _, field, _) in enumerate(self.message_rules))
        self.ban_phrases = tuple(
            entry for entry, rule in zip(self.rule_phrases, self.message_rules, strict=True) if rule[1]
        )
        self.message_rules_window: int = rules.MESSAGE_RULES_WINDOW
        self._message_rule_rows: dict[tuple[int, int | None], Row] = {}
        self.descriptions.update({rule["reason"]: rule["en"] for rule in rules.MESSAGE_RULES})
        bucket_verdicts = [self._plain(spec) for spec in self.buckets]
        for status in range(100, 600):
            bucket = self.status_bucket.get(status)
            if bucket is not None:
                shared = bucket_verdicts[bucket - 1]
                self.no_error[status] = self.malformed[status] = self.empty[status] = shared
            else:
                self.no_error[status] = self.no_error[None] if 200 <= status < 300 else self.unexpected
                self.malformed[status] = self.malformed[None]
                self.empty[status] = self.empty[None]

    # -- explain data: built on first use -----------------------------------------------------

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every row: each code's own and its message sets', then the code-less messages' (builds them all)."""
        self.materialize()
        found: dict[int, Row] = {}
        for code in self.codes_spec:
            templates = (item[4] for item in self.templates.get(code, ()))
            for row in (self.defaults[code], *self.exact[code].values(), *templates):
                found.setdefault(id(row), row)
        for row in self.codeless.values():
            found.setdefault(id(row), row)
        return tuple(found.values())

    @property
    def codes(self) -> dict[int, CodeInfo]:
        """What the table knows about each code (built on first use, then shared)."""
        found: dict[int, CodeInfo] | None = self.__dict__.get("_codes")
        if found is None:
            from ._codeinfo import CodeInfo

            found = {
                code: CodeInfo(
                    code,
                    info["name"],
                    info["section"],
                    info["en"],
                    info["zh"],
                    info["since"],
                    info["removed"],
                    tuple((m["text"], m["en"], m["zh"]) for m in self._messages_of(info)),
                    self.defaults[code][0],
                )
                for code, info in self.codes_spec.items()
            }
            found = self.__dict__.setdefault("_codes", found)
        return found

    @property
    def message_info(self) -> dict[tuple[int, str], tuple[str | None, str | None]]:
        """(code, message) -> its (en, zh) description (built on first use, then shared)."""
        found: dict[tuple[int, str], tuple[str | None, str | None]] | None = self.__dict__.get("_message_info")
        if found is None:
            found = {
                (code, m["text"]): (m["en"], m["zh"])
                for code, info in self.codes_spec.items()
                for m in self._messages_of(info)
            }
            found = self.__dict__.setdefault("_message_info", found)
        return found

    def _messages_of(self, info: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        """A code's messages: its own, then those of the message sets it names."""
        sets = self._module.MESSAGE_SETS
        return [*info["messages"], *(m for name in info.get("message_sets", ()) for m in sets[name]["messages"])]

    # -- building ---------------------------------------------------------------------------
    # Import time is a benchmark (docs/design.md section 7). A code's rows are built on its first
    # lookup; Verdict is filled slot by slot in C loops (build_verdicts), once per distinct
    # advice of a row, and the rest is shared (in a row, every bucket that leaves the code's own
    # advice, or gives the same advice as another bucket, holds the same object).

    def materialize(self) -> None:
        """Build every code's verdicts now (they are otherwise built on first use)."""
        if len(self._built) < len(self.codes_spec):
            for code in self.codes_spec:
                self._build_code(code)

    def _build_code(self, code: Any) -> bool:
        """Build and publish the rows of ``code``; False when the table has no such code."""
        if code in self._built:
            return True
        if code.__class__ is not int or code not in self.codes_spec:
            return False
        with self._lock:
            if code in self._built:
                return True
            module, info = self._module, self.codes_spec[code]
            own_messages = module.EXACT.get(code, {})
            own_templates = module.TEMPLATES.get(code, ())
            wanted = {info["row"], *own_messages.values(), *(item[4] for item in own_templates)}
            missing = sorted(index for index in wanted if index not in self._row_cache)
            built = self._rows([RowSpec._make(module.ROWS[index]) for index in missing], self.codes_spec)
            self._row_cache.update(zip(missing, built, strict=True))
            rows = {index: self._row_cache[index] for index in wanted}
            # The message sets a code names are written once; their rows are made for this code.
            sets = [module.MESSAGE_SETS[name] for name in info.get("message_sets", ())]
            shared = sorted({i for one in sets for i in (*one["exact"].values(), *(t[4] for t in one["templates"]))})
            specs = [RowSpec._make(module.ROWS[index])._replace(code=code) for index in shared]
            rows.update(zip(shared, self._rows(specs, self.codes_spec), strict=True))
            dict.__setitem__(self.defaults, code, rows[info["row"]])
            templates = (*own_templates, *(item for one in sets for item in one["templates"]))
            if templates:
                made = tuple((p, m, s, f, rows[i]) for p, m, s, f, i in templates)
                self.template_index.update(_index_templates(code, made))
                dict.__setitem__(self.templates, code, made)
            messages = dict(own_messages)
            for one in sets:
                messages.update(one["exact"])
            exact = {text: rows[index] for text, index in messages.items()}
            loose = {normalize_message(text): row for text, row in exact.items()}
            dict.__setitem__(self.normalized, code, loose)
            dict.__setitem__(self.exact, code, exact)
            self.built_exact[code] = exact
            self._built.add(code)  # last: a reader that sees it sees every entry above
        return True

    def _verdict(self, cls: StatusClass, retry: Retry, reconcile: Reconcile, reason: str, **kw: Any) -> Verdict:
        return Verdict(cls, self._execution[cls], retry, reconcile, reason, product=self.product, **kw)

    def _plain(self, spec: Mapping[str, Any]) -> Verdict:
        cls, retry, reconcile = _advice(spec)
        return self._verdict(cls, retry, reconcile, spec["reason"], code=None, name=None, message=None, known=True)

    def _row(self, spec: RowSpec, codes: Mapping[int, Any]) -> Row:
        return self._rows((spec,), codes)[0]

    def _rows(self, specs: Iterable[RowSpec], codes: Mapping[int, Any]) -> tuple[Row, ...]:
        """The rows of ``specs`` (generated ``ROWS`` entries): one verdict per distinct advice."""
        product = self.product
        execution = self._execution_by_name
        fields: list[tuple[Any, ...]] = []  # Verdict arguments, in attrs field order
        layouts: list[tuple[int, ...]] = []  # per row, per bucket: an index into `fields`
        for spec in specs:
            code, message = spec.code, spec.message
            name = codes[code]["name"] if code is not None and code in codes else None
            known = code is not None or message is not None  # a code, or a known codeless message
            frozen_values = MappingProxyType(dict(spec.values)) if spec.values else EMPTY_VALUES
            made: dict[tuple[str, ...], int] = {}
            layout = []
            for bucket in self._bucket_advice:
                key = advice_under(spec, bucket)  # the decision; here only its verdicts are made
                index = made.get(key)
                if index is None:
                    index = made[key] = len(fields)
                    cls = key[0]
                    head = (_CLASSES[cls], execution[cls], _RETRIES[key[1]], _RECONCILES[key[2]], key[3])
                    fields.append((*head, code, name, message, known, product, frozen_values, *UNSET))
                layout.append(index)
            layouts.append(tuple(layout))
        verdicts = build_verdicts(fields)
        pick = verdicts.__getitem__  # (itemgetter would return a bare verdict for a one-bucket row)
        return tuple(tuple(map(pick, layout)) for layout in layouts)

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
            known = code in self.codes_spec
            names = {code: {"name": self.codes_spec[code]["name"]}} if known else {}
            row = self._row(_rule_spec(code, spec), names)
            if not known:
                row = tuple(replace(v, known=False) for v in row)
            row = self.unknown_filter.setdefault(code, row) if known else row
        return row

    def message_rule_row(self, index: int, code: int | None) -> Row:
        """The row of message rule ``index`` for ``code`` (None: a body without a code)."""
        row = self._message_rule_rows.get((index, code))
        if row is None:
            known = code is not None and code in self.codes_spec
            names = {code: {"name": self.codes_spec[code]["name"]}} if code is not None and known else {}
            row = self._row(_rule_spec(code, self.message_rules[index][3]), names)
            if code is not None and not known:
                return tuple(replace(v, known=False) for v in row)  # not kept: unknown codes are unbounded
            row = self._message_rule_rows.setdefault((index, code), row)
        return row

    def execution_of(self, status_class: StatusClass) -> Execution:
        """The execution a class implies (rules.yaml `execution`)."""
        return self._execution[status_class]

    def bucket_of(self, status: int | None) -> int:
        """The index of a status's bucket in a row (0 when no status decides)."""
        return 0 if status is None else self.status_bucket.get(status, 0)


def _rule_spec(code: int | None, spec: Mapping[str, Any]) -> RowSpec:
    """The row of a rules.yaml rule (no message, no values of its own) for ``code``."""
    beats = bool(spec.get("beats_status", False))
    return RowSpec(code, spec["class"], spec["retry"], spec["reconcile"], spec["reason"], beats, {}, None, {})


def _index_templates(code: int, templates: tuple[Template, ...]) -> dict[int, tuple[IndexedTemplate, ...]]:
    """The template index entry of one code (see ``Table.template_index``): its templates in table
    order, each with its literal prefix and suffix lengths made once."""
    # `fields` becomes () when every field is skipped ("_"): such a template has no values.
    return {
        code: tuple(
            (p, len(p), m, s, len(s), f if any(n != "_" for n in f) else (), row) for p, m, s, f, row in templates
        )
    }


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
