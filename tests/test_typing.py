"""What a user's type checker sees: mypy --strict and basedpyright (strict) on a user script catch
the wrong calls of the one call, and the public interface is typed (basedpyright --verifytypes)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import binance_errors as be
from binance_errors._explain import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent

# A user's script: the lines marked `# mypy: CODE  pyright: RULE` are wrong calls each checker
# must report (with that error code / rule); every other line must check clean: a Verdict whose
# type a checker lost (or an attribute typed Any/Unknown) makes errors there in strict mode.
USER_SCRIPT = """\
import binance_errors as be

frame = {"status": 400, "error": {"code": -2010, "msg": "Account has insufficient balance for requested action."}}
v = be.classify(frame)
status_class: be.StatusClass = v.status_class
retry: be.Retry = v.retry
after: int | None = v.retry_after_ms
legs: be.Legs | None = v.legs
data: object = v.data
same: be.Verdict = be.classifier_for("usdm").classify(b"{}", 400, {"Retry-After": "3"}, now_ms=1)
text: str = be.explain(-2010, lang="zh", product="margin")
product: be.Product = "portfolio_margin"
inferred: be.Verdict = be.classify(frame, product=None)
be.classify(frame, htp_status=400)  # mypy: call-arg  pyright: reportCallIssue
be.classify(frame, http_status="400")  # mypy: arg-type  pyright: reportArgumentType
be.clasify(frame)  # mypy: attr-defined  pyright: reportAttributeAccessIssue
be.classify(frame, 400, None, "spot", None, 1, 2)  # mypy: call-arg  pyright: reportCallIssue
be.classify(frame, product="usd-m")  # mypy: arg-type  pyright: reportArgumentType
be.explain(-2010, lang="fr")  # mypy: arg-type  pyright: reportArgumentType
be.Classifier().classify(frame, htp_status=400)  # mypy: call-arg  pyright: reportCallIssue
be.classifier_for("usdm").classify(frame, http_status="400")  # mypy: arg-type  pyright: reportArgumentType
v.data.get("code")  # mypy: attr-defined  pyright: reportAttributeAccessIssue
"""


def _expected(checker: str) -> set[tuple[int, str]]:
    """(line, error code) of every marked line, for ``checker`` (mypy or pyright)."""
    found = set()
    for number, line in enumerate(USER_SCRIPT.splitlines(), start=1):
        marked = re.search(rf"{checker}: (\w[\w-]*)", line)
        if marked:
            found.add((number, marked.group(1)))
    return found


def test_product_and_lang_literals_name_every_table_and_language() -> None:
    """``be.Product`` names exactly the tables in ``be.PRODUCTS``; ``be.Lang`` the languages of ``explain``."""
    assert sorted(be.PRODUCTS) == sorted(typing.get_args(be.Product))
    assert sorted(LANGUAGES) == sorted(typing.get_args(be.Lang))


def test_the_runtime_signature_is_the_typed_one() -> None:
    """``inspect.signature(be.classify)`` shows the annotations checkers see, not ``Any``."""
    import inspect

    signature = inspect.signature(be.classify)
    assert ["frame", "http_status", "headers", "product", "now_ms"] == list(signature.parameters)
    assert "int | None" == signature.parameters["http_status"].annotation
    assert "Product | None" == signature.parameters["product"].annotation
    assert "Verdict" == signature.return_annotation


def test_dir_lists_only_public_names() -> None:
    """``dir(binance_errors)`` is ``__all__`` and ``__version__``: no private modules, no typing helpers."""
    import binance_errors._adapters  # noqa: F401  (a loaded private module is an attribute of the package)

    assert sorted([*be.__all__, "__version__"]) == dir(be)


def test_mypy_strict_catches_wrong_calls(tmp_path: Path) -> None:
    """mypy --strict on a user script reports each wrong call, and nothing on the right ones."""
    script = tmp_path / "user_script.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(script)],
        capture_output=True,
        text=True,
        cwd=ROOT,  # the checkout's package and its mypy settings
    )
    errors = {(int(n), code) for n, code in re.findall(r"user_script\.py:(\d+): error: .*\[([\w-]+)\]", result.stdout)}
    assert _expected("mypy") == errors, result.stdout + result.stderr


def _basedpyright() -> str:
    found = shutil.which("basedpyright", path=os.path.dirname(sys.executable)) or shutil.which("basedpyright")
    if found is None:
        pytest.fail("basedpyright is not installed (pip install '.[test]')")
    return found


def _pyright_env() -> dict[str, str]:
    # basedpyright finds packages on the interpreter's sys.path; an editable install's import hook
    # is invisible to it, so the checkout goes on PYTHONPATH.
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_basedpyright_strict_catches_wrong_calls(tmp_path: Path) -> None:
    """basedpyright (strict) on the user script reports each wrong call and no unknown types."""
    (tmp_path / "user_script.py").write_text(USER_SCRIPT, encoding="utf-8")
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.11", "reportUnusedCallResult": False}
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    result = subprocess.run(
        [_basedpyright(), "--outputjson", "user_script.py"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_pyright_env(),
    )
    report = json.loads(result.stdout)
    errors = {
        (d["range"]["start"]["line"] + 1, d.get("rule", ""))
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }
    # A misspelt attribute is also of unknown type, a second error on the same lines.
    unknown = {
        (n, "reportUnknownMemberType") for n, rule in _expected("pyright") if rule == "reportAttributeAccessIssue"
    }
    assert _expected("pyright") | unknown == errors, result.stdout


def test_basedpyright_verifytypes_score() -> None:
    """``basedpyright --verifytypes binance_errors``: at least 95% of the public interface has a known type."""
    result = subprocess.run(
        [_basedpyright(), "--verifytypes", "binance_errors", "--outputjson"],
        capture_output=True,
        text=True,
        cwd=ROOT.parent,
        env=_pyright_env(),
    )
    completeness = json.loads(result.stdout)["typeCompleteness"]
    assert str(ROOT / "binance_errors" / "py.typed") == completeness["pyTypedPath"]
    ambiguous = [s["name"] for s in completeness["symbols"] if s["isExported"] and not s["isTypeKnown"]]
    assert completeness["completenessScore"] >= 0.95, ambiguous
