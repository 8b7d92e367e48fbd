"""The arrows of DESIGN.md, read from the imports: matching/ is pure, SQL stays in the store."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The text libraries read Chinese (opencc, pypinyin) and English (snowballstemmer, spellchecker).
MATCHING_MAY_IMPORT = {
    "rapidfuzz", "numpy", "scipy", "opencc", "pypinyin", "snowballstemmer", "spellchecker", "matching", "__future__",
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def top(name: str) -> str:
    return name.split(".")[0]


def python_files(*parts: str) -> list[Path]:
    return sorted(ROOT.joinpath(*parts).rglob("*.py"))


def test_matching_imports_only_the_standard_library_its_numeric_and_text_libraries_and_itself():
    import sys

    stdlib = set(sys.stdlib_module_names)
    offenders = {
        (path.relative_to(ROOT).as_posix(), name)
        for path in python_files("matching")
        for name in imports_of(path)
        if top(name) not in stdlib | MATCHING_MAY_IMPORT
    }
    assert offenders == set()


def test_only_the_store_imports_aiosqlite():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in python_files("bot")
        if "aiosqlite" in {top(n) for n in imports_of(path)}
        and not path.relative_to(ROOT).as_posix().startswith("bot/store/")
    ]
    assert offenders == []


def test_handlers_never_import_the_store():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in python_files("bot", "handlers")
        if any(n == "bot.store" or n.startswith("bot.store.") for n in imports_of(path))
    ]
    assert offenders == []


def test_only_the_clock_reads_the_wall_clock():
    banned = ("datetime.now", "datetime.utcnow", "date.today", "time.time(")
    offenders = []
    for path in python_files("bot") + python_files("matching"):
        if path.name == "clock.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}: {b}" for b in banned if b in text]
    assert offenders == []
