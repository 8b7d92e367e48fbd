"""What every subcommand shares: the --config option and loading it with a clear failure."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings

DEFAULT_CONFIG = Path("config.toml")
EXIT_USAGE = 2


class CommandFailed(Exception):
    """A subcommand stops with a message for the operator and an exit code (no traceback)."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, default=None, metavar="PATH",
        help="settings file (default: ./config.toml when it exists, else built-in defaults; "
             "see config.example.toml)",
    )


def load_config(args: argparse.Namespace) -> Settings:
    """The settings named by --config; a missing default config.toml means built-in defaults."""
    path: Path | None = args.config
    if path is None and DEFAULT_CONFIG.exists():
        path = DEFAULT_CONFIG
    try:
        return load_settings(path)
    except ConfigError as error:
        raise CommandFailed(str(error)) from None
