"""The generated tables: fresh, self-describing, and the generator rejects bad data."""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import binance_errors as be

from .reference import DATA, product, rules

ROOT = DATA.parent
GENERATOR = ROOT / "tools" / "generator.py"


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("_be_generator_test", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_tables_are_fresh() -> None:
    """`tools/generator.py --check` passes: the checked-in tables match data/*.yaml."""
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert (0, "") == (result.returncode, result.stdout)


def test_generated_module_names_its_sources_and_hashes() -> None:
    """The generated module says it is generated, and from which files with which SHA-256."""
    head = (ROOT / "binance_errors" / "_tables" / "spot.py").read_text(encoding="utf-8")[:1500]
    assert "DO NOT EDIT" in head
    for name in ("rules.yaml", "spot.yaml"):
        digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        assert f"data/{name}  sha256={digest}" in head


def test_check_mode_fails_on_a_stale_table(tmp_path: Path) -> None:
    """`--check` exits 1 and names the tables after a YAML edit (a spot edit stales fix and margin too: they fall
    back to spot; and each product's rows module with it), writes nothing, and passes once regenerated."""
    data, out = tmp_path / "data", tmp_path / "_tables"
    shutil.copytree(DATA, data)
    shutil.copytree(ROOT / "binance_errors" / "_tables", out, ignore=shutil.ignore_patterns("__pycache__"))
    argv = [sys.executable, str(GENERATOR), "--data", str(data), "--out", str(out)]
    assert 0 == subprocess.run([*argv, "--check"], capture_output=True).returncode
    spot = data / "spot.yaml"
    spot.write_text(spot.read_text(encoding="utf-8").replace("Invalid symbol.", "Bad symbol."), encoding="utf-8")
    before = (out / "spot.py").read_text(encoding="utf-8")
    stale = subprocess.run([*argv, "--check"], capture_output=True, text=True)
    expected = "".join(
        f"stale: {name}\n"
        for name in ("fix.py", "fix_rows.py", "margin.py", "margin_rows.py", "spot.py", "spot_rows.py")
    )
    assert (1, expected) == (stale.returncode, stale.stdout)
    assert before == (out / "spot.py").read_text(encoding="utf-8")
    assert 0 == subprocess.run(argv, capture_output=True).returncode
    assert "'Bad symbol.'" in (out / "spot.py").read_text(encoding="utf-8")
    assert 0 == subprocess.run([*argv, "--check"], capture_output=True).returncode


def test_a_new_yaml_is_a_new_product(tmp_path: Path) -> None:
    """The product registry is generated: a new data/<product>.yaml appears in PRODUCTS."""
    gen = _generator()
    tables = {
        "coinm": "product: coinm\nurl_prefix: dapi\ninferred_order: 2\n",
        "spot": "product: spot\nurl_prefix: api\ninferred_order: 0\n",
        "zeta": "product: zeta\n",  # no URL of its own, never inferred
    }
    for name, text in tables.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    text = gen.render_registry(sorted(tmp_path.glob("*.yaml")))
    namespace: dict[str, Any] = {}
    exec(text, namespace)
    assert ("coinm", "spot", "zeta") == namespace["PRODUCTS"]
    assert {"api": "spot", "dapi": "coinm"} == namespace["URL_PREFIXES"]
    assert ("spot", "coinm") == namespace["INFERRED"]
    assert tuple(sorted(be.PRODUCTS)) == tuple(p.stem for p in gen.product_files())
    (tmp_path / "zeta.yaml").write_text("product: zeta\ninferred_order: 2\n", encoding="utf-8")
    with pytest.raises(gen.TableError, match="share a place"):
        gen.render_registry(sorted(tmp_path.glob("*.yaml")))


@pytest.mark.parametrize(
    ("path", "value", "error"),
    [
        (("codes", -1121, "class"), "fatal", "class='fatal' is not one of"),
        (("codes", -1121, "reconcile"), "pray", "reconcile='pray'"),
        (("codes", -1006, "retry"), "now", "needs retry after_reconcile"),
        (("codes", -1121, "section"), "20xx", "outside its section"),
        (("codes", -1121, "name"), "ILLEGAL_CHARS", "is also used by"),
        (("codes", -2010, "on_status"), {"server": {"reason": "X"}}, "takes no beats_status/on_status"),
        (("codes", -2010, "message_sets"), ["engine", "nope"], "no such message set"),
        (("message_sets", "engine", "class"), "fatal", "class='fatal' is not one of"),
        (("codes", -2008, "seen"), [], "takes `seen`"),
        (("codes", -2008, "source"), "rumour", "takes `seen`"),
        (("codes", -2008, "seen"), ["a forum post"], "takes `seen`"),
    ],
)
def test_generator_rejects_inconsistent_rows(path: tuple[Any, ...], value: Any, error: str) -> None:
    """A row with an unknown enum value, unsafe advice, a wrong section or a reused NAME is refused."""
    gen = _generator()
    table = copy.deepcopy(product("spot"))
    target = table
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(gen.TableError, match=error):
        gen.compile_product(rules(), table)


def test_fallback_merges_the_codes_the_product_does_not_define() -> None:
    """with_fallback adds the fallback's rows for missing codes only (origin noted, sets and clashing sections
    renamed), follows a fallback's fallback, and refuses a cycle."""
    gen = _generator()
    tables = {
        "a": {"product": "a", "fallback": "b", "sections": {"10xx": {"en": "mine", "from": -1099, "to": -1000}},
              "codes": {-1000: {"name": "MINE", "section": "10xx"}}},
        "b": {"product": "b", "fallback": "c", "sections": {"10xx": {"en": "b's"}},
              "message_sets": {"engine": {"messages": []}},
              "codes": {-1000: {"name": "THEIRS", "section": "10xx"},
                        -1001: {"name": "B", "section": "10xx", "message_sets": ["engine"]}}},
        "c": {"product": "c", "sections": {"20xx": {"en": "c's"}}, "codes": {-2000: {"name": "C", "section": "20xx"}}},
    }  # fmt: skip
    merged = gen.with_fallback(tables["a"], tables.__getitem__)
    assert {-1000: "MINE", -1001: "B", -2000: "C"} == {code: row["name"] for code, row in merged["codes"].items()}
    assert ("b", "c") == (merged["codes"][-1001]["fallback_from"], merged["codes"][-2000]["fallback_from"])
    assert "fallback_from" not in merged["codes"][-1000]
    assert (["b.engine"], "b.10xx", "20xx") == (
        merged["codes"][-1001]["message_sets"],
        merged["codes"][-1001]["section"],
        merged["codes"][-2000]["section"],
    )
    assert {"b.engine"} == set(merged["message_sets"]) and "b.10xx" in merged["sections"]
    tables["c"]["fallback"] = "a"
    with pytest.raises(gen.TableError, match="fallback cycle a -> b -> c -> a"):
        gen.with_fallback(tables["a"], tables.__getitem__)


def test_fallback_must_be_a_product(tmp_path: Path) -> None:
    """A fallback that names no data/<product>.yaml is refused when the table is rendered."""
    gen = _generator()
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    options = data / "options.yaml"
    options.write_text(
        options.read_text(encoding="utf-8").replace("success_codes:", "fallback: futures\nsuccess_codes:", 1)
    )
    with pytest.raises(gen.TableError, match="fallback 'futures' is not a product"):
        gen.render(options, data)


def test_template_field_count_must_match() -> None:
    """A template whose field list does not match its placeholders is refused."""
    gen = _generator()
    table = copy.deepcopy(product("spot"))
    table["codes"][-1015]["messages"][1]["fields"] = ["limit"]
    with pytest.raises(gen.TableError, match="1 fields for 2 placeholders"):
        gen.compile_product(rules(), table)


def test_template_field_names_are_unique() -> None:
    """A template naming a field twice is refused (a value is read by its name's one place)."""
    gen = _generator()
    table = copy.deepcopy(product("spot"))
    table["codes"][-1015]["messages"][1]["fields"] = ["limit", "limit"]
    with pytest.raises(gen.TableError, match="a field name repeats"):
        gen.compile_product(rules(), table)


def test_runtime_never_imports_yaml() -> None:
    """Importing and using the package loads no YAML parser (and no cattrs)."""
    code = (
        "import sys, binance_errors as be; be.classify({'code': -1121}); "
        "print('yaml' in sys.modules, 'cattrs' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "False False" == result.stdout.strip()


def test_message_sets_and_rules_are_written_once() -> None:
    """A message set shared by several codes is one block of the generated module; the rules are one module."""
    spot = (ROOT / "binance_errors" / "_tables" / "spot.py").read_text(encoding="utf-8")
    rows = (ROOT / "binance_errors" / "_tables" / "spot_rows.py").read_text(encoding="utf-8")  # read on first lookup
    # its row, its description, its lookup entry: once each, not once per code naming the set (five)
    assert 3 == (spot + rows).count("'Account has insufficient balance for requested action.'")
    assert "\nSTATUSES: Any" not in spot + rows and "\nOWN_STATUSES: Any" in spot
    rules_module = (ROOT / "binance_errors" / "_tables" / "_rules.py").read_text(encoding="utf-8")
    assert "\nSTATUSES: Any" in rules_module
    table = be.load_table("spot")
    for code in (-1010, -1013, -2010, -2011, -2038):  # every code naming the set gets its own verdict
        verdict = table.exact[code]["Account has insufficient balance for requested action."][0]
        assert (code, "INSUFFICIENT_BALANCE") == (verdict.code, verdict.reason)


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (lambda r: r["message_rules"][0].update(contains="Banned Until"), "must be non-empty lower case"),
        (lambda r: r["message_rules"][1].update({"class": "fatal"}), "class='fatal' is not one of"),
        (lambda r: r["batch"]["partial"].update(retry="now"), "needs retry after_reconcile"),
        (lambda r: r["message_only"].update(reconcile="pray"), "reconcile='pray'"),
    ],
)
def test_generator_rejects_bad_rules(edit: Any, error: str) -> None:
    """Message rules, the message-only and batch verdicts are checked like any row."""
    gen = _generator()
    changed = copy.deepcopy(rules())
    edit(changed)
    with pytest.raises(gen.TableError, match=error):
        gen.compile_rules(changed)
