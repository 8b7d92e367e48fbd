"""The config loader: every problem reported at once, with its key path and what to write."""

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, default_settings, load_settings

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, env: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env=env or {})
    return caught.value.problems


def test_the_example_config_loads_and_equals_the_defaults():
    settings = load_settings(REPO / "config.example.toml", env={})
    defaults = Settings()
    assert settings.association == defaults.association
    assert settings.followups == defaults.followups
    assert settings.matching == defaults.matching
    assert settings.telegram == defaults.telegram


def test_a_missing_file_says_how_to_make_one(tmp_path):
    [problem] = problems_of(tmp_path / "nope.toml")
    assert "no such file" in problem and "config.example.toml" in problem


def test_invalid_toml_names_the_line(tmp_path):
    path = write(tmp_path, '[telegram]\nmode = "polling"\nbroken = \n')
    [problem] = problems_of(path)
    assert "not valid TOML" in problem and "line 3" in problem


def test_a_wrong_list_item_is_named_with_its_index(tmp_path):
    path = write(tmp_path, '[association]\ndirectors = [1001, "abc"]\n')
    [problem] = problems_of(path)
    assert problem == (
        f'{path}: association.directors[1]: expected a Telegram user id (integer), got "abc"'
    )


def test_every_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path, """
[telegram]
mode = "carrier-pigeon"
webhook_port = 70000
colour = "blue"

[association]
timezone = "Mars/Olympus"
default_language = 5

[followups]
checkin_days = [7, 0]
digest_time = "9am"

[matching]
skill_weight = -1
fuzzy_cutoff = 120

[nonsense]
""")
    problems = problems_of(path)
    joined = "\n".join(problems)
    assert len(problems) == 10, joined
    for fragment in (
        'telegram.mode: expected one of "polling", "webhook", got "carrier-pigeon"',
        "telegram.webhook_port: expected a number from 1 to 65535, got 70000",
        "telegram.colour: unknown key",
        'association.timezone: expected an IANA time zone name, e.g. "Asia/Shanghai", got "Mars/Olympus"',
        "association.default_language: expected a string, got 5",
        "followups.checkin_days: expected distinct whole numbers from 1 to 3650, got [7, 0]",
        'followups.digest_time: expected a time of day as "HH:MM"',
        "matching.skill_weight: expected a number >= 0, got -1",  # as the matcher words it
        "matching.fuzzy_cutoff: expected a number from 0 to 100, got 120",
        "nonsense: unknown section",
    ):
        assert fragment in joined


def test_booleans_are_not_numbers(tmp_path):
    path = write(tmp_path, "[followups]\noffer_expiry_days = true\n")
    [problem] = problems_of(path)
    assert "followups.offer_expiry_days: expected a whole number, got true" in problem


def test_a_section_that_is_not_a_table_is_reported(tmp_path):
    path = write(tmp_path, 'database = "x.db"\n')
    [problem] = problems_of(path)
    assert "database: expected a table [database]" in problem


def test_webhook_mode_needs_a_url(tmp_path):
    path = write(tmp_path, '[telegram]\nmode = "webhook"\n')
    [problem] = problems_of(path)
    assert "telegram.webhook_url" in problem


def test_a_mistyped_token_is_never_echoed(tmp_path):
    path = write(tmp_path, "[telegram]\ntoken = 123456789\n")
    [problem] = problems_of(path)
    assert "123456789" not in problem and "telegram.token" in problem


def test_the_token_comes_from_the_environment_when_set(tmp_path):
    path = write(tmp_path, '[telegram]\ntoken = "111:file"\n')
    assert load_settings(path, env={}).telegram.token == "111:file"
    assert load_settings(path, env={"MATCHBOT_TOKEN": "222:env"}).telegram.token == "222:env"


def test_the_token_is_not_in_the_settings_repr():
    settings = default_settings(telegram={"token": "999:SECRET"})
    assert "SECRET" not in repr(settings)


def test_a_relative_database_path_is_relative_to_the_config_file(tmp_path):
    path = write(tmp_path, '[database]\npath = "db/bot.sqlite3"\n')
    assert load_settings(path, env={}).database.path == tmp_path / "db" / "bot.sqlite3"


def test_integers_are_accepted_where_numbers_are_expected(tmp_path):
    path = write(tmp_path, "[followups]\ndispatch_interval_seconds = 2\n")
    assert load_settings(path, env={}).followups.dispatch_interval_seconds == 2.0
