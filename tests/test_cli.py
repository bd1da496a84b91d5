"""The command line: samples, arguments, stdin, JSON output, explain."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from binance_errors._cli import COMMANDS, main
from binance_errors._display import CUT_NOTE
from binance_errors._samples import SAMPLES


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    status = main(argv, out)
    return status, out.getvalue()


def test_no_input_classifies_the_samples() -> None:
    """With no input the CLI prints one verdict (two lines: decision, detail) per bundled sample."""
    status, text = _run([])
    lines = text.splitlines()
    assert 0 == status
    assert 1 + 2 * len(SAMPLES) == len(lines)
    assert ["input", "class", "execution", "retry", "reconcile"] == lines[0].split()
    assert [label for label, *_ in SAMPLES] == [
        line[: len(label)] for line, (label, *_) in zip(lines[1::2], SAMPLES, strict=True)
    ]
    assert "IP_BANNED_UNTIL" in text and "CANCEL_REPLACE_PARTIAL" in text and "WAF" in text


def test_json_output_round_trips() -> None:
    """--json prints one parseable object per input with the verdict's keys."""
    status, text = _run(["--json", '{"code": -1021, "msg": "x"}', "--status", "400"])
    record = json.loads(text)
    assert (0, "resync_clock", "arg1") == (status, record["reconcile"], record["input"])


def test_stdin_lines_and_envelopes(monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON lines from stdin: frames, {http_status, headers, body} objects, and unreadable lines (kept)."""
    lines = [
        '{"http_status": 429, "headers": {"retry-after": "3"}, "body": {"code": -1015, "msg": "Too many new orders."}}',
        "not json at all",
        '{"status": 200, "result": {}}',
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    _, text = _run(["--json", "-"])
    records = [json.loads(line) for line in text.splitlines()]
    assert ["rate_limited", "unknown_execution", "ok"] == [r["status_class"] for r in records]
    assert 3000 == records[0]["retry"]["after_ms"]
    assert "not json at all" == records[1]["raw_text"]


def test_explain_command() -> None:
    """`explain -2010 --lang zh` prints the name, description, advice and messages."""
    status, text = _run(["explain", "-2010", "--lang", "zh"])
    assert 0 == status
    assert text.startswith("-2010 NEW_ORDER_REJECTED: 新订单被拒绝")
    assert "Account has insufficient balance for requested action.  (账户金额不足。)" in text


def test_module_entry_point_runs() -> None:
    """`python -m binance_errors` runs in a fresh interpreter and exits 0."""
    result = subprocess.run([sys.executable, "-m", "binance_errors"], capture_output=True, text=True)
    assert 0 == result.returncode, result.stderr
    assert "insufficient" not in result.stderr


# -- streaming, bad lines, the same answer as triage ----------------------------------------

ROWS = [
    '{"status_code": 429, "headers": {"Retry-After": "3"}, "body": {"code": -1015, "msg": "Too many new orders."}}',
    '{"status": 418, "body": null}',
    '{"http_status": 400, "body": {"code": -2010, "msg": "Account has insufficient balance for requested action."}}',
    'WARN 2026-12-03 {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."} (resync)',
    '{"id": 1, "status": 200, "result": {}}',
    "[" * 5000 + "]" * 5000,
    "no json here",
]


def test_cli_and_triage_give_the_same_answer_per_line(tmp_path: Path) -> None:
    """Each line alone: the CLI's class is triage's class (status_code/status envelopes, JSON in text)."""
    from binance_errors._triage import triage

    log = tmp_path / "log.jsonl"
    log.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    _, text = _run(["--file", str(log), "--json"])
    cli = [json.loads(line)["status_class"] for line in text.splitlines()]
    by_triage = []
    for row in ROWS:
        summary = triage([row])
        by_triage.append(next(iter(summary.by_class)) if summary.responses else "unreadable")
    assert ["rate_limited", "banned", "client_error", "client_error", "ok"] == cli[:5]
    assert cli[:5] == by_triage[:5]
    assert ["unreadable", "unreadable"] == by_triage[5:] and ["unknown_execution"] * 2 == cli[5:]
    assert 3000 == json.loads(text.splitlines()[0])["retry"]["after_ms"]


def test_no_line_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Invalid UTF-8, a lone surrogate, data nested 2000 deep, an over-long line: every line gets its answer."""
    from binance_errors import _jsonl

    monkeypatch.setattr(_jsonl, "LINE_LIMIT", 64)
    deep = '{"code": -2010, "msg": "x", "data": ' + "[" * 2000 + "]" * 2000 + "}"
    lines = [
        b'{"code": -2010, "msg": "bad \xff byte"}',
        b'{"code": -2010, "msg": "lone \\ud800 surrogate"}',
        deep.encode(),
        b'{"code": -2010, "msg": "' + b"x" * 200 + b'"}',
        b'{"id": 1, "status": 200, "result": {}}',
    ]
    log = tmp_path / "bad.jsonl"
    log.write_bytes(b"\n".join(lines) + b"\n")
    status, text = _run(["--file", str(log), "--json"])
    records = [json.loads(line) for line in text.splitlines()]
    assert (0, 5) == (status, len(records))
    assert "bad \ufffd byte" == records[0]["message"]
    assert [f"{log}:{n}" for n in range(1, 6)] == [r["input"] for r in records]
    assert _jsonl.TOO_LONG == records[3]["raw_text"] and "ok" == records[4]["status_class"]
    status, table = _run(["--file", str(log)])
    rows = [line for line in table.splitlines()[1:] if line != CUT_NOTE]  # the header, maybe the note
    assert (0, 2 * 5) == (status, len(rows))


class _Failing(io.BytesIO):
    """A stdin whose read fails after its first lines: what was printed before shows streaming."""

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        if not line:
            raise OSError("the pipe broke")
        return line


def test_file_input_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each verdict is written as its line is read: nothing waits for the end of the input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(_Failing(b'{"code": -1015}\n' * 3)))
    out = io.StringIO()
    with pytest.raises(OSError):
        main(["--file", "-", "--json"], out)
    assert 3 == len(out.getvalue().splitlines())


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty", [True, False])
def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tty: bool) -> None:
    """A long file gets a progress bar on stderr when stderr is a terminal, and nothing otherwise."""
    from binance_errors import _jsonl

    monkeypatch.setattr(_jsonl, "LONG_BYTES", 1000)
    err = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    log = tmp_path / "long.jsonl"
    log.write_text('{"id": 1, "status": 200, "result": {}}\n' * 3000, encoding="utf-8")
    for argv in (["--file", str(log), "--json"], ["triage", str(log), "--json"]):
        assert 0 == _run(argv)[0]
    shown = err.getvalue()
    if tty:
        assert "\r" in shown and "100%" in shown and "3,000 lines" in shown
    else:
        assert "" == shown


# -- the documented commands, --help, --version, the error paths -----------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _documented_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``command`` in bash, with this interpreter's ``binance-errors`` first on PATH."""
    scripts = Path(sys.executable).parent
    assert (scripts / "binance-errors").exists(), "install the package: pip install '.[test]'"
    env = {**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "100"}
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=cwd, env=env)


def test_documented_commands_run_as_written(tmp_path: Path) -> None:
    """Each command of docs/cli.md runs in an empty directory, in order: exit 0, no stderr, output
    (tables and summaries within 100 columns)."""
    commands = _documented_commands()
    assert commands[0].startswith("binance-errors sample-log > app.log")
    assert any("triage app.log" in command for command in commands)
    for command in commands:
        result = _shell(command, tmp_path)
        assert (0, "") == (result.returncode, result.stderr), command
        assert result.stdout or (tmp_path / "app.log").stat().st_size > 0, command
        if "--json" not in command and " explain " not in command:  # explain: a reference, one line per message
            assert [] == [line for line in result.stdout.splitlines() if len(line) > 100], command


def test_sample_log_is_bundled_and_varied(tmp_path: Path) -> None:
    """The sample log (package data) has every kind of line triage reports: bans, rate limits, empty, unreadable."""
    status, text = _run(["sample-log"])
    (tmp_path / "app.log").write_text(text, encoding="utf-8")
    _, summary_text = _run(["triage", str(tmp_path / "app.log"), "--json"])
    summary = json.loads(summary_text)
    assert (0, len(text.splitlines())) == (status, summary["lines"])
    assert summary["empty"] > 0 and summary["unreadable"]["count"] > 0 and summary["rate_limit_peaks"]
    assert {"ok", "client_error", "rate_limited", "banned", "unknown_execution", "partial"} == set(summary["by_class"])
    assert 2 == len(summary["ban_windows"])  # a ban with its end time, a WAF block without one


def test_help_names_every_command() -> None:
    """`binance-errors --help` lists the subcommands, each with its summary."""
    result = subprocess.run([sys.executable, "-m", "binance_errors", "--help"], capture_output=True, text=True)
    assert 0 == result.returncode
    listed = result.stdout.split("commands (binance-errors COMMAND --help for each):\n", 1)[1]
    assert {"classify", "explain", "triage", "sample-log"} <= set(COMMANDS)
    for name, (_, summary) in COMMANDS.items():
        assert re.search(rf"^  {re.escape(name)} +{re.escape(summary)}$", listed, re.MULTILINE), name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_runs(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each registered command resolves to its function, which parses its own `--help` (exit 0)."""
    with pytest.raises(SystemExit) as exited:
        main([name, "--help"], io.StringIO())
    assert 0 == exited.value.code
    assert capsys.readouterr().out.startswith(f"usage: binance-errors{'' if name == 'classify' else ' ' + name}")


def test_version() -> None:
    """`binance-errors --version` prints the package's version."""
    import binance_errors

    result = subprocess.run([sys.executable, "-m", "binance_errors", "--version"], capture_output=True, text=True)
    assert (0, f"binance-errors {binance_errors.__version__}\n") == (result.returncode, result.stdout)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--file", "missing.jsonl"], "binance-errors: cannot read missing.jsonl: No such file or directory"),
        (["triage", "app.log"], "binance-errors triage: cannot read app.log: No such file or directory"),
        (["triage", "/"], "binance-errors triage: cannot read /: Is a directory"),
        (["--file", "/"], "binance-errors: cannot read /: Is a directory"),
        (["classify", "--file", "nope/x.log"], "binance-errors: cannot read nope/x.log: No such file or directory"),
    ],
)
def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path, argv: list[str], expected: str) -> None:
    """A missing file or a directory: one line naming it and the reason on stderr, exit 2, no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "binance_errors", *argv], capture_output=True, text=True, cwd=tmp_path
    )
    assert (2, "", expected + "\n") == (result.returncode, result.stdout, result.stderr)


def test_argument_that_is_not_json(capsys: pytest.CaptureFixture[str]) -> None:
    """A shell argument with no JSON is reported as not JSON (exit 2), not classified as an exchange answer."""
    status, text = _run(['{"code": -1021, "msg": "x"}', "hello"])
    err = capsys.readouterr().err
    assert (2, "") == (status, text)
    assert err.startswith("binance-errors: argument 2 is not JSON: 'hello'") and len(err.splitlines()) == 1


def test_explain_suggests_the_negative_code() -> None:
    """`explain 2010` (the shell user left out the minus): not in the table, did you mean -2010; exit 1."""
    status, text = _run(["explain", "2010"])
    assert (1, "did you mean -2010? (binance-errors explain -2010)") == (status, text.splitlines()[-1])
    status, text = _run(["explain", "424242"])
    assert 1 == status and "did you mean" not in text


@pytest.mark.parametrize(
    ("ms", "expected"),
    [
        (0, "0ms"),
        (850, "850ms"),
        (2_500, "2.5s"),
        (3_000, "3s"),
        (27_000, "27s"),
        (3_492_469, "58m 12s"),
        (11_100_000, "3h 5m"),
        (259_199_000, "2d 23h"),
        (-5_000, "-5s"),
    ],
)
def test_delays_for_people(ms: int, expected: str) -> None:
    """Delays read as a person says them: whole units cut down, two at most."""
    from binance_errors._display import human_ms

    assert expected == human_ms(ms)


def test_ban_row_shows_delay_and_end_time() -> None:
    """The 418 ban sample: `after_delay 58m 12s` and the end time as ISO, not `3492469ms`."""
    _, text = _run([])
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("WS API 418 IP ban"))
    assert "after_delay 58m 12s" in lines[at] and "ms" not in lines[at]
    assert lines[at + 1].endswith("retry at 2022-07-30T02:00:00Z")


def test_tables_fit_100_columns_and_say_where_they_cut(tmp_path: Path) -> None:
    """A long file name and a long message: every line within 100 columns, cut with … and a note."""
    log = tmp_path / ("a-very-long-directory-name-" * 4) / "responses.jsonl"
    log.parent.mkdir()
    message = "Filter failure: " + "X" * 300
    log.write_text(json.dumps({"http_status": 400, "body": {"code": -1013, "msg": message}}) + "\n", encoding="utf-8")
    for argv in (["--file", str(log)], ["triage", str(log)]):
        _, text = _run(argv)
        lines = text.splitlines()
        assert [] == [line for line in lines if len(line) > 100], argv
        assert CUT_NOTE == lines[-1] and any("…" in line for line in lines[:-1]), argv
    _, text = _run(["--file", str(log)])
    assert text.splitlines()[1].startswith("…") and "responses.jsonl:1" in text  # the location keeps its end
    _, text = _run(["--file", str(log), "--json"])
    assert message == json.loads(text)["message"]  # --json is not cut
