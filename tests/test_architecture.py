"""The arrows of docs/architecture.md, read from the source: matching/ is pure, SQL and sqlite
stay in the store, Telegram stays in its channel package (and the entry points), the channel
reaches the store only through flows, nothing in the middle imports the edge, the import graph
has no cycle, one clock.

Each rule is a function over a source tree, with imports resolved as Python resolves them
(relative ones, ``from bot import store``). The tests at the bottom plant each violation in a
temporary tree and check that its rule catches it, so a rule cannot quietly stop biting.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The text libraries read Chinese (opencc, pypinyin) and English (snowballstemmer, spellchecker).
MATCHING_MAY_IMPORT = {
    "rapidfuzz", "numpy", "scipy", "opencc", "pypinyin", "snowballstemmer", "spellchecker", "matching", "__future__",
}
# Standard modules matching/ must not use either: loading code by name hides what it depends on.
MATCHING_MAY_NOT_IMPORT = {"importlib", "sqlite3", "socket", "subprocess"}
# The edge: the channel package and the entry points that build or drive it. Only these import
# python-telegram-bot, and nothing else imports them (flows take a plain sender, return plain
# outcomes). A second channel would go under bot/channels/ beside telegram/.
CHANNELS = "bot/channels/"
EDGE = ("bot/app.py", "bot/cli.py", "bot/commands/", "bot/sandbox/", CHANNELS)
EDGE_MODULES = ("bot.app", "bot.cli", "bot.commands", "bot.sandbox", "bot.channels")
SQL_STATEMENT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|BEGIN|COMMIT)\b")
# A piece of a statement handed to the store: a clause keyword, a comparison on an aliased
# column ("p.status = ?", "w.id IN ("), an aliased column's order ("p.id DESC"), or comparisons
# joined by AND / OR ("status = ? AND").
# Docstrings are prose and are not read; the message catalogs are TOML and are not scanned.
SQL_FRAGMENT = re.compile(r"\b(?:WHERE|ORDER BY|GROUP BY|IS (?:NOT )?NULL|(?:LEFT |INNER )?JOIN)\b"
                          r"|\b\w+\.\w+ *(?:=|<>|!=|<=|>=|<|>|IN\b|LIKE\b) *(?:\?|'|\(|\w+\.\w+)"
                          r"|\b\w+\.\w+ (?:ASC|DESC)\b"
                          r"|\b\w+ *(?:=|<>|!=) *(?:\?|'[^']*') +(?:AND|OR)\b")
CLOCK_READS = {"now", "utcnow", "today"}


@dataclass(frozen=True)
class Module:
    path: str   # relative to the tree's root, with "/"
    name: str   # dotted
    tree: ast.Module


def modules(root: Path, *packages: str) -> list[Module]:
    found = []
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            name = relative.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
            found.append(Module(relative, name, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def imported(module: Module) -> set[str]:
    """Every module this one imports, as absolute dotted names (``from a import b`` gives a and a.b)."""
    package = module.name if module.path.endswith("__init__.py") else module.name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def matching_impurities(root: Path) -> set[str]:
    allowed = (set(sys.stdlib_module_names) - MATCHING_MAY_NOT_IMPORT) | MATCHING_MAY_IMPORT
    return {f"{m.path}: {name}" for m in modules(root, "matching") for name in imported(m)
            if name and _top(name) not in allowed}


def sqlite_outside_the_store(root: Path) -> set[str]:
    return {f"{m.path}: {name}" for m in modules(root, "bot") for name in imported(m)
            if _top(name) in ("sqlite3", "aiosqlite") and not m.path.startswith("bot/store/")}


def store_reached_from_the_channel(root: Path) -> set[str]:
    return {f"{m.path}: {name}" for m in modules(root, "bot") if m.path.startswith(CHANNELS)
            for name in imported(m) if _within(name, "bot.store")}


def telegram_beyond_its_edge(root: Path) -> set[str]:
    return {f"{m.path}: {name}" for m in modules(root, "bot") for name in imported(m)
            if _top(name) == "telegram" and not m.path.startswith(EDGE)}


def edge_reached_from_the_middle(root: Path) -> set[str]:
    """Upward arrows: a flow, the store or a shared module importing the channel or an entry point."""
    return {f"{m.path}: {name}" for m in modules(root, "bot") if not m.path.startswith(EDGE)
            for name in imported(m) if any(_within(name, edge) for edge in EDGE_MODULES)}


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the project's modules it imports, anywhere in its body (inside a function or
    under TYPE_CHECKING too: an import hidden there still ties the two modules together)."""
    found = modules(root, "bot", "matching")
    names = {m.name for m in found}

    def module_of(name: str) -> str:
        while name and name not in names:  # ``from a.b import c`` names c, a function or a class
            name = name.rpartition(".")[0]
        return name

    return {m.name: {module_of(name) for name in imported(m)} - {"", m.name} for m in found}


def import_cycles(root: Path) -> set[str]:
    """Every group of modules that import each other, directly or round a loop (Tarjan's
    strongly connected components), as "a -> b -> ... " sorted names."""
    graph = import_graph(root)
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    cycles: set[str] = set()

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for target in graph.get(module, ()):
            if target not in index:
                visit(target)
                lowest[module] = min(lowest[module], lowest[target])
            elif target in stack:
                lowest[module] = min(lowest[module], index[target])
        if lowest[module] == index[module]:
            group = stack[stack.index(module):]
            del stack[stack.index(module):]
            if len(group) > 1:
                cycles.add(" <-> ".join(sorted(group)))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring constants of a module, its classes and its functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _is_sql(text: str) -> bool:
    return bool(SQL_STATEMENT.match(text) or SQL_FRAGMENT.search(text))


def sql_outside_the_store(root: Path) -> set[str]:
    """Statements, and fragments of them (WHERE / ORDER BY clauses, column comparisons), in
    any string outside bot/store/, f-strings' literal parts included."""
    found = set()
    for m in modules(root, "bot"):
        if m.path.startswith("bot/store/"):
            continue
        prose = _docstrings(m.tree)
        found |= {f"{m.path}:{node.lineno}" for node in ast.walk(m.tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
                  and _is_sql(node.value)}
    return found


def clock_reads_outside_the_clock(root: Path) -> set[str]:
    """datetime.now(), date.today(), time.time()... under any alias, anywhere but bot/clock.py."""
    found = set()
    for m in modules(root, "bot", "matching"):
        if m.path == "bot/clock.py":
            continue
        classes, datetime_modules, time_functions, time_modules = set(), set(), set(), set()
        for node in ast.walk(m.tree):
            if isinstance(node, ast.ImportFrom) and node.module == "datetime":
                classes |= {a.asname or a.name for a in node.names if a.name in ("datetime", "date")}
            elif isinstance(node, ast.ImportFrom) and node.module == "time":
                time_functions |= {a.asname or a.name for a in node.names if a.name == "time"}
            elif isinstance(node, ast.Import):
                datetime_modules |= {a.asname or a.name for a in node.names if a.name == "datetime"}
                time_modules |= {a.asname or a.name for a in node.names if a.name == "time"}
        for node in ast.walk(m.tree):
            if not isinstance(node, ast.Call):
                continue
            called = node.func
            reads = (
                isinstance(called, ast.Attribute) and called.attr in CLOCK_READS and (
                    (isinstance(called.value, ast.Name) and called.value.id in classes)
                    or (isinstance(called.value, ast.Attribute) and called.value.attr in ("datetime", "date")
                        and isinstance(called.value.value, ast.Name) and called.value.value.id in datetime_modules))
            ) or (
                isinstance(called, ast.Attribute) and called.attr == "time"
                and isinstance(called.value, ast.Name) and called.value.id in time_modules
            ) or (isinstance(called, ast.Name) and called.id in time_functions)
            if reads:
                found.add(f"{m.path}:{node.lineno}")
    return found


# Where a Telegram id may be named: the channel and the sandbox speak Telegram; the people module
# maps accounts to people, the store keeps the accounts, the settings name the directors.
TELEGRAM_IDS_KNOWN = (CHANNELS, "bot/sandbox/", "bot/people.py", "bot/config.py", "bot/store/users.py")


def telegram_ids_beyond_the_accounts(root: Path) -> set[str]:
    """A name (variable, argument, attribute, keyword, function) holding ``telegram_id``: flows
    know people by person id, whatever channel they write from."""
    found = set()
    for m in modules(root, "bot"):
        if m.path.startswith(TELEGRAM_IDS_KNOWN):
            continue
        for node in ast.walk(m.tree):
            name = (node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute)
                    else node.arg if isinstance(node, ast.arg | ast.keyword)
                    else node.name if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None)
            if name and "telegram_id" in name:
                found.add(f"{m.path}:{node.lineno}")
    return found


RULES = {
    "matching imports only the standard library, its numeric and text libraries and itself": matching_impurities,
    "only the store imports sqlite3 or aiosqlite": sqlite_outside_the_store,
    "the channel never reaches the store": store_reached_from_the_channel,
    "python-telegram-bot is imported only at the edge": telegram_beyond_its_edge,
    "nothing in the middle imports the channel or an entry point": edge_reached_from_the_middle,
    "the import graph has no cycle": import_cycles,
    "SQL statements are written only in the store": sql_outside_the_store,
    "only the clock reads the wall clock": clock_reads_outside_the_clock,
    "flows know people by person id, not by Telegram id": telegram_ids_beyond_the_accounts,
}


@pytest.mark.parametrize("rule", RULES, ids=list(RULES))
def test_the_tree_keeps_the_rule(rule: str):
    assert RULES[rule](ROOT) == set()


# One planted violation per rule: (rule, file, source). Each must be caught.
PLANTED = (
    ("the channel never reaches the store", "bot/channels/telegram/planted.py", "from ...store import members\n"),
    ("the channel never reaches the store", "bot/channels/telegram/planted.py", "from bot import store\n"),
    ("the channel never reaches the store", "bot/channels/telegram/planted.py", "import bot.store.members as m\n"),
    ("python-telegram-bot is imported only at the edge", "bot/planted_flow.py", "from telegram import Bot\n"),
    ("python-telegram-bot is imported only at the edge", "bot/store/planted.py", "import telegram.ext\n"),
    ("nothing in the middle imports the channel or an entry point", "bot/planted_flow.py",
     "from bot.channels.telegram import reply\n"),
    ("nothing in the middle imports the channel or an entry point", "bot/store/planted.py",
     "def later():\n    from ..channels.telegram.reply import deliver\n"),
    ("nothing in the middle imports the channel or an entry point", "bot/planted_flow.py", "from bot import app\n"),
    ("the import graph has no cycle", "bot/store/members.py", "from bot import planted_flow\n"),
    ("the import graph has no cycle", "bot/store/members.py",
     "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from bot.planted_flow import x\n"),
    ("only the clock reads the wall clock", "bot/planted.py", "from datetime import datetime as dt\nx = dt.now()\n"),
    ("only the clock reads the wall clock", "bot/planted.py", "import datetime as d\nx = d.date.today()\n"),
    ("only the clock reads the wall clock", "bot/planted.py", "from time import time as clock\nx = clock()\n"),
    ("SQL statements are written only in the store", "bot/planted.py", 'Q = "SELECT id FROM workers"\n'),
    ("SQL statements are written only in the store", "bot/planted_flow.py",
     "async def f(tx):\n    return await members.details(tx, \"p.status = 'proposed'\")\n"),
    ("SQL statements are written only in the store", "bot/planted_flow.py",
     'async def f(tx, w):\n    return await members.details(tx, "p.worker_id = ?", (w,))\n'),
    ("SQL statements are written only in the store", "bot/planted_flow.py",
     'async def f(tx):\n    return await members.details(tx, "1", order="p.updated_at DESC")\n'),
    ("SQL statements are written only in the store", "bot/planted_flow.py",
     'def where(n):\n    return f"status IN ({n}) AND (w.telegram_id = ? OR n.director_telegram_id = ?)"\n'),
    ("SQL statements are written only in the store", "bot/planted_flow.py",
     'def where(column):\n    return f" WHERE {column} = ?"\n'),
    ("SQL statements are written only in the store", "bot/planted_flow.py", 'Q = "shown_at IS NULL"\n'),
    ("SQL statements are written only in the store", "bot/planted_flow.py", 'Q = "status = ? AND id = ?"\n'),
    ("only the store imports sqlite3 or aiosqlite", "bot/planted.py", "import sqlite3\n"),
    ("flows know people by person id, not by Telegram id", "bot/planted_flow.py",
     "def f(user):\n    return user.telegram_id\n"),
    ("flows know people by person id, not by Telegram id", "bot/store/planted.py",
     "async def f(tx, worker_telegram_id):\n    pass\n"),
    ("matching imports only the standard library, its numeric and text libraries and itself",
     "matching/planted.py", "import importlib\n"),
    ("matching imports only the standard library, its numeric and text libraries and itself",
     "matching/planted.py", "from bot import store\n"),
)


@pytest.mark.parametrize(("rule", "file", "source"), PLANTED, ids=[f"{r} <- {s.strip()}" for r, _, s in PLANTED])
def test_a_planted_violation_is_caught(tmp_path: Path, rule: str, file: str, source: str):
    for package in ("bot", "bot/channels", "bot/channels/telegram", "bot/store", "matching"):
        (tmp_path / package).mkdir(parents=True, exist_ok=True)
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "bot/store/members.py").write_text("", encoding="utf-8")
    # A flow that uses the store, and a channel module that calls the flow: the allowed arrows.
    (tmp_path / "bot/planted_flow.py").write_text("from bot.store import members\nx = 1\n", encoding="utf-8")
    (tmp_path / "bot/channels/telegram/reply.py").write_text("from bot import planted_flow\n", encoding="utf-8")
    (tmp_path / "bot/app.py").write_text("from bot.channels.telegram import reply\n", encoding="utf-8")
    assert RULES[rule](tmp_path) == set()  # the clean tree passes
    (tmp_path / file).write_text(source, encoding="utf-8")
    assert RULES[rule](tmp_path) != set()
