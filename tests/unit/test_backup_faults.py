"""`matchbot backup` against a busy database, a deadline and a stop request: it finishes under
sustained writes, and when stopped it says so and leaves no partial file."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.store import BackupStopped, backup_database

REPO = Path(__file__).resolve().parents[2]


def ballast(path: Path, mib: int) -> Path:
    """A WAL database of about ``mib`` MiB of random rows."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE ballast (id INTEGER PRIMARY KEY, data BLOB)")
        conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                     "INSERT INTO ballast (data) SELECT randomblob(4096) FROM n", (mib * 256,))
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "copy" in p.name)


def test_a_backup_finishes_while_another_process_writes_without_pause(tmp_path):
    source = ballast(tmp_path / "busy.sqlite3", 8)
    stop, commits = threading.Event(), []

    def writer() -> None:
        conn = sqlite3.connect(source, timeout=10, isolation_level=None)
        while not stop.is_set():
            conn.execute("INSERT INTO ballast (data) VALUES (randomblob(512))")
            commits.append(1)
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(commits) < 20:
            time.sleep(0.01)
        started, before = time.monotonic(), len(commits)
        backup_database(source, tmp_path / "copy.sqlite3", timeout_seconds=60)
        took, during = time.monotonic() - started, len(commits) - before
    finally:
        stop.set()
        thread.join()
    assert during > 0 and took < 60  # the writer kept committing, and the copy still finished
    with sqlite3.connect(tmp_path / "copy.sqlite3") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM ballast").fetchone()[0] >= 8 * 256
    assert leftovers(tmp_path) == ["copy.sqlite3"]


def test_a_backup_past_its_deadline_stops_with_a_clear_message_and_leaves_nothing(tmp_path):
    source = ballast(tmp_path / "db.sqlite3", 8)
    (tmp_path / "copy.sqlite3.partial").write_bytes(b"left by a backup killed with -9")
    with pytest.raises(BackupStopped, match=r"did not finish within 0 s; nothing was written. Try again with a larger"):
        backup_database(source, tmp_path / "copy.sqlite3", timeout_seconds=0)
    assert leftovers(tmp_path) == []


def test_a_stop_request_stops_the_copy_and_leaves_nothing(tmp_path):
    source = ballast(tmp_path / "db.sqlite3", 8)
    with pytest.raises(BackupStopped, match="stopped on request"):
        backup_database(source, tmp_path / "copy.sqlite3", stop_requested=lambda: True)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_matchbot_backup_killed_mid_copy_says_so_and_leaves_no_partial_file(tmp_path, signum, code):
    source = ballast(tmp_path / "big.sqlite3", 150)
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{source}"\n', encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "backup", str(tmp_path / "copy.sqlite3"),
                                "--config", str(config)], cwd=REPO, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    assert process.stderr.readline().startswith("backing up")  # the stop signals are caught from here on
    process.send_signal(signum)
    rest = process.stderr.read()
    assert process.wait(timeout=60) == code, rest
    assert "backup stopped on request; nothing was written" in rest and "Traceback" not in rest
    assert leftovers(tmp_path) == []
