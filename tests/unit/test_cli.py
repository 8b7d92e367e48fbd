"""The `matchbot` command line: help everywhere, clear failures with exit code 2."""

import sqlite3
import subprocess
import sys

import pytest

from bot.cli import build_parser, main


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return list(action.choices)


def test_help_lists_run_migrate_and_backup(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for name in ("run", "migrate", "backup"):
        assert name in out


@pytest.mark.parametrize("name", subcommands())
def test_every_subcommand_has_help(name, capsys):
    with pytest.raises(SystemExit) as exited:
        main([name, "--help"])
    assert exited.value.code == 0
    assert "usage: matchbot " + name in capsys.readouterr().out


def test_run_without_a_token_explains_botfather_and_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("MATCHBOT_TOKEN", raising=False)
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "db.sqlite3"}"\n', encoding="utf-8")
    assert main(["run", "--config", str(config)]) == 2
    assert "@BotFather" in capsys.readouterr().err


def test_a_bad_config_exits_2_with_every_problem(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text('[association]\ndirectors = ["x"]\n[telegram]\nmode = 1\n', encoding="utf-8")
    assert main(["migrate", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "association.directors[0]" in err and "telegram.mode" in err


def test_migrate_then_backup(tmp_path, capsys):
    db = tmp_path / "db.sqlite3"
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{db}"\n', encoding="utf-8")
    assert main(["migrate", "--config", str(config)]) == 0
    assert main(["migrate", "--config", str(config)]) == 0
    assert "already up to date" in capsys.readouterr().out
    copy = tmp_path / "copy.sqlite3"
    assert main(["backup", str(copy), "--config", str(config)]) == 0
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_the_console_script_is_installed():
    result = subprocess.run([sys.executable, "-m", "bot.cli", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "migrate" in result.stdout


def test_a_sandbox_port_in_use_is_named_with_the_command_that_picks_another(tmp_path, capsys):
    import socket

    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["sandbox", "--port", str(port), "--db", str(tmp_path / "s.sqlite3"),
                     "--config", str(config)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert f"make sandbox PORT={port + 1}" in err and f"matchbot sandbox --port {port + 1}" in err


def test_make_sandbox_passes_port_on():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    shown = subprocess.run(["make", "-n", "-C", str(root), "sandbox", "PORT=8766"], capture_output=True,
                           text=True, check=True).stdout
    assert "matchbot sandbox --port 8766" in shown
    plain = subprocess.run(["make", "-n", "-C", str(root), "sandbox"], capture_output=True, text=True,
                           check=True).stdout
    assert "--port" not in plain
