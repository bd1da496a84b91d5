"""The performance contract's structural side (docs/design.md section 7), never timed: prebuilt
verdicts are real Verdicts built once and shared, the raw-text fast path decides like the
complete procedure, import builds no error verdicts. Timings live in benchmarks/run.py."""

from __future__ import annotations

import ast
import gc
import importlib
import subprocess
import sys
import threading
from types import SimpleNamespace
from typing import Any

import attrs
import pytest
import ujson
from hypothesis import given

import binance_errors as be
from binance_errors._infer import classify_any  # the complete procedure of be.classify (no product named)
from binance_errors._table import Table
from binance_errors._verdicts import TemplateValues, build_verdicts

from .cases import CASES
from .strategies import frames, statuses

SPOT = importlib.import_module("binance_errors._tables.spot")
Verdict = be.Verdict


def _fresh() -> tuple[Table, be.Classifier]:
    table = Table(SPOT)
    return table, be.Classifier(table)


def _count(kind: type) -> int:
    return sum(1 for o in gc.get_objects() if o.__class__ is kind)


def _count_instances(kind: type) -> int:
    """Instances of ``kind`` or a subclass (a DynamicVerdict is a Verdict)."""
    return sum(1 for o in gc.get_objects() if isinstance(o, kind))


def test_built_verdicts_equal_attrs_init() -> None:
    """Every prebuilt verdict equals the one attrs' __init__ makes from the same fields, and is frozen."""
    table, _ = _fresh()
    verdicts = {id(v): v for row in table.rows for v in row}
    assert len(verdicts) > 2000
    for verdict in verdicts.values():
        rebuilt = attrs.evolve(verdict)
        assert (rebuilt, repr(rebuilt), Verdict) == (verdict, repr(verdict), verdict.__class__)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            verdict.reason = "changed"  # type: ignore[misc]


def test_build_verdicts_fills_every_field_in_order() -> None:
    """build_verdicts gives what Verdict(*fields) gives, for any field values, and nothing for no fields."""
    fields = [tuple(f"{name}-{i}" for name in attrs.fields_dict(Verdict)) for i in range(3)]
    assert [Verdict(*f) for f in fields] == build_verdicts(fields)
    assert [] == build_verdicts([])


def test_rows_share_verdicts_with_the_same_advice() -> None:
    """Within a row, buckets that give the code's own advice, or the same advice, hold one object."""
    table = be.load_table("spot")
    row = table.exact[-2010]["Account has insufficient balance for requested action."]
    client = table.bucket_of(400)
    assert row[0] is row[client]
    assert row[table.bucket_of(403)] is row[table.bucket_of(418)]
    assert row[0] is not row[table.bucket_of(503)]


def test_import_builds_no_error_verdicts() -> None:
    """Importing the package builds only the handful of status verdicts, none of a code's."""
    code = (
        "import gc, binance_errors as be\n"
        "print(sum(1 for o in gc.get_objects() if o.__class__ is be.Verdict and o.code is not None))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "0" == out.stdout.strip()


def test_import_loads_only_what_classify_needs() -> None:
    """Importing the package loads neither the adapters, hooks, explain, conversion and rate-limit result
    modules nor any product's rows (`_tables/<product>_rows.py`): their names load them on first use."""
    code = (
        "import sys, binance_errors as be\n"
        "print(sorted(m for m in sys.modules if m.startswith('binance_errors')))\n"
        "be.classify({'code': -1121, 'msg': 'Invalid symbol.'}, 400)\n"
        "print(sorted(m for m in sys.modules if m.startswith('binance_errors')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, after_lookup = (set(ast.literal_eval(line)) for line in out.stdout.splitlines())
    for lazy in ("_adapters", "_api", "_codeinfo", "_convert", "_explain", "_hooks", "_usage", "_tables.spot_rows"):
        assert f"binance_errors.{lazy}" not in imported
    # The first lookup of a code reads spot's rows, and those of the other products that list the
    # code (the classifier of no named product compares their readings, binance_errors/_infer.py).
    loaded = after_lookup - imported
    assert "binance_errors._tables.spot_rows" in loaded
    assert all(name.startswith("binance_errors._tables.") for name in loaded), loaded
    assert set(be.__all__) <= set(dir(be))
    for name in be.__all__:
        assert getattr(be, name) is not None
    assert be.CodeInfo is be._table.CodeInfo and be.Usage is be._ratelimits.Usage


def test_code_built_once_across_threads() -> None:
    """Threads racing on a code's first use all get the same prebuilt verdict."""
    _, classifier = _fresh()
    frame = {"id": 1, "status": 400, "error": {"code": -2010, "msg": "Market is closed."}}
    barrier = threading.Barrier(8)
    seen: list[be.Verdict] = []

    def work() -> None:
        barrier.wait()
        seen.extend(classifier.classify(frame) for _ in range(200))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (1600, 1) == (len(seen), len({id(v) for v in seen}))
    assert (-2010, "MARKET_CLOSED") == (seen[0].code, seen[0].reason)


def test_by_code_views_build_every_code() -> None:
    """Iterating a lazily built table sees every code; lookups of absent or odd keys find nothing."""
    table, _ = _fresh()
    assert (-2010 in table.exact, -9999 in table.exact) == (True, False)
    assert (None, None) == (table.exact.get(-9999), table.exact.get([1]))
    assert len(SPOT.CODES) == len(table.exact) == len(list(table.defaults)) == len(table.normalized.items())
    assert set(SPOT.TEMPLATES) == set(table.templates.keys())


def test_static_frames_make_no_result_objects() -> None:
    """10,000 classifications of static frames, parsed or raw, create no Verdict (dynamic ones included),
    Retry, Leg, Legs or template values."""
    static = [case[1:4] for case in CASES if isinstance(case[1], dict)]
    raw = [(ujson.dumps(frame).encode(), status, headers) for frame, status, headers in static]
    inputs = [args for args in static + raw if be.classify(*args) is be.classify(*args)]
    assert len(inputs) >= 2 * 20
    kinds = (be.Verdict, be.Retry, be.Leg, be.Legs, TemplateValues)
    gc.collect()
    before = [_count_instances(kind) for kind in kinds]
    for i in range(10_000):
        be.classify(*inputs[i % len(inputs)])
    gc.collect()
    assert before == [_count_instances(kind) for kind in kinds]


@given(frames(), statuses)
def test_raw_text_fast_path_equals_slow_path(frame: Any, status: Any) -> None:
    """A frame sent as JSON bytes or str classifies as the complete procedure says."""
    try:
        raw = ujson.dumps(frame)
    except (OverflowError, ValueError, TypeError):
        return
    table = be.load_table("spot")  # repr: each parse makes its own NaN, and NaN != NaN
    assert repr(classify_any(table, raw, status, None)) == repr(be.classify(raw, status))
    assert repr(classify_any(table, raw.encode(), status, None)) == repr(be.classify(raw.encode(), status))


def test_rows_are_tuples_without_status_buckets() -> None:
    """A product with no status buckets still gets rows of verdicts (one per bucket, here one)."""
    rules = importlib.import_module("binance_errors._tables._rules")
    no_buckets = SimpleNamespace(**{name: getattr(rules, name) for name in dir(rules) if name.isupper()})
    no_buckets.STATUSES = {}
    table = Table(SPOT, no_buckets)  # type: ignore[arg-type]
    row = table.exact[-2010]["Market is closed."]
    assert (tuple, 1, "MARKET_CLOSED") == (row.__class__, len(row), row[0].reason)


@pytest.mark.parametrize("cls", [be.Retry, be.Leg, be.Legs, be.Verdict])
def test_model_methods_do_what_attrs_would(cls: type) -> None:
    """The model's own __repr__/__eq__/__hash__ (made without compiling source: import time) behave
    like those attrs generates for the same fields: same text, same answers, NaN unequal to itself."""
    names = [field.name for field in attrs.fields(cls)]
    assert names == list(cls.__annotations__)  # _model._dunders reads the fields from the annotations
    assert {"__repr__", "__eq__", "__hash__"} <= set(vars(cls))
    twin = attrs.make_class(cls.__name__, dict.fromkeys(names, attrs.field()), frozen=True, slots=True)
    nan = float("nan")
    width = len(names)
    samples = [
        tuple(names),
        tuple(range(width)),
        (*range(width - 1), -1),
        (nan,) * width,
        (0, *(nan,) * (width - 1)),
        (1.0, *range(1, width)),  # equal to range(width) field by field
    ]
    for one in samples:
        assert repr(twin(*one)) == repr(cls(*one))
        assert (hash(cls(*one)) == hash(cls(*one))) is True
        for other in samples:
            assert (twin(*one) == twin(*other)) == (cls(*one) == cls(*other))
            assert (twin(*one) != twin(*other)) == (cls(*one) != cls(*other))
    assert NotImplemented == cls(*samples[0]).__eq__(twin(*samples[0]))
    # Unlike attrs', the hash never raises: raw response data (a list, a dict) enters it by its type,
    # so equal objects hash equal and a verdict can be a dict key or a set member.
    assert hash(cls(*([[]] * width))) == hash(cls(*([[]] * width)))
    assert hash(cls(*([[1]] * width))) == hash(cls(*([[2]] * width)))
    loop, twin_loop = cls(*([[]] + [None] * (width - 1))), twin(*([[]] + [None] * (width - 1)))
    getattr(loop, names[0]).append(loop)
    getattr(twin_loop, names[0]).append(twin_loop)
    assert repr(twin_loop) == repr(loop)
    assert "..." in repr(loop)
