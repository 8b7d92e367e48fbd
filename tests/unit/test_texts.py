"""The message catalogs: the same keys and placeholders in both languages, and valid HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from string import Formatter

import pytest

from bot.texts import LANGUAGES, both, catalog, keys, language_from_code, placeholders, t

ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "code", "pre", "a"})
ENTITY_OR_AMPERSAND = re.compile(r"&(?!(?:lt|gt|amp|quot);)")
COMMAND_MENTION = re.compile(r"(?<![\w/<])/([a-z_]+)\b")
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Texts that read the same in both languages on purpose.
SAME_IN_BOTH = frozenset({"language.buttons.en"})
BUTTON_LABEL_MAX = 40
COMMAND_DESCRIPTION_MAX = 256
ALERT_MAX = 200

ALL_KEYS = sorted(keys())


def sample_params(lang: str, key: str) -> dict[str, str]:
    return {name: f"<{name}>" for name in placeholders(lang, key)}


def visible_words(template: str) -> str:
    """The template without placeholders, tags and entities: what a translator wrote."""
    without_fields = re.sub(r"\{[^{}]*\}", "", template)
    return re.sub(r"<[^>]*>|&\w+;", "", without_fields)


class TagChecker(HTMLParser):
    """Collects the problems Telegram's HTML parser would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}> is not a tag Telegram allows")
        if tag == "a" and not any(name == "href" for name, _ in attrs):
            self.problems.append("<a> without href")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"<{tag}/> self-closing tags are not allowed")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1] if self.open else 'nothing'}")
        else:
            self.open.pop()

    def check(self, text: str) -> list[str]:
        self.feed(text)
        self.close()
        return self.problems + [f"<{tag}> is never closed" for tag in self.open]


def test_both_languages_have_exactly_the_same_keys() -> None:
    english, chinese = set(catalog("en")), set(catalog("zh"))
    assert english - chinese == set(), "keys only in en.toml"
    assert chinese - english == set(), "keys only in zh.toml"


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_text_has_the_same_placeholders_in_both_languages(key: str) -> None:
    assert placeholders("en", key) == placeholders("zh", key)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_placeholder_is_a_plain_name_so_callers_pass_keywords(lang: str, key: str) -> None:
    for _, name, spec, conversion in Formatter().parse(catalog(lang)[key]):
        if name is not None:
            assert name.isidentifier(), f"{{{name}}} is not a keyword name"
            assert conversion is None, f"{{{name}}} carries a conversion"
            assert not spec or re.fullmatch(r"\|[^|{}]+\|[^|{}]+", spec), f"{{{name}}} carries a format spec"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_text_formats_and_is_not_empty(lang: str, key: str) -> None:
    text = t(lang, key, **sample_params(lang, key))
    assert text.strip()
    for name in placeholders(lang, key):
        assert f"<{name}>" in text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_text_is_html_telegram_accepts(lang: str, key: str) -> None:
    template = catalog(lang)[key]
    assert TagChecker().check(template) == []
    assert not ENTITY_OR_AMPERSAND.search(template), "write a literal & as &amp;"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "key",
    [k for k in ALL_KEYS if ".buttons." in k or k.startswith(("commands.", "alerts."))],
)
def test_button_labels_command_descriptions_and_alerts_are_plain_text(lang: str, key: str) -> None:
    template = catalog(lang)[key]
    assert "<" not in template and "&" not in template
    if ".buttons." in key:  # the label's own words; the values put in are shortened where they are made
        assert len(visible_words(template)) <= BUTTON_LABEL_MAX
    if key.startswith("commands."):
        assert 0 < len(template) <= COMMAND_DESCRIPTION_MAX
    if key.startswith("alerts."):
        assert len(template) <= ALERT_MAX


@pytest.mark.parametrize("key", ALL_KEYS)
def test_the_chinese_text_is_a_translation_not_a_copy_of_the_english(key: str) -> None:
    english_words = LATIN_WORD.findall(visible_words(catalog("en")[key]))
    if english_words and key not in SAME_IN_BOTH:
        assert CJK.search(catalog("zh")[key]), f"zh.toml {key} has no Chinese"


def test_the_bot_command_menu_describes_every_command_the_issues_name() -> None:
    wanted = {"start", "help", "profile", "requests", "language", "cancel"}
    wanted |= {"status", "queue", "members", "find", "match", "placements"}
    wanted |= {"stats", "export", "invite", "mydata", "deleteme", "notice", "pause", "resume"}
    assert {key.removeprefix("commands.") for key in ALL_KEYS if key.startswith("commands.")} == wanted


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_a_text_mentions_is_in_the_command_menu(lang: str) -> None:
    commands = {key.removeprefix("commands.") for key in ALL_KEYS if key.startswith("commands.")}
    mentioned = {(key, name) for key, text in catalog(lang).items() for name in COMMAND_MENTION.findall(text)}
    assert {(key, name) for key, name in mentioned if name not in commands} == set()


@pytest.mark.parametrize(
    ("code", "lang"),
    [
        ("zh", "zh"),
        ("zh-hans", "zh"),
        ("zh-TW", "zh"),
        ("ZH", "zh"),
        ("en", "en"),
        ("en-US", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_telegram_language_code_picks_chinese_only_for_zh_codes(code: str | None, lang: str) -> None:
    assert language_from_code(code) == lang


def test_a_text_is_rendered_with_its_parameters() -> None:
    assert t("en", "errors.too_long", max=100, length=120) == (
        "That is too long: 120 characters, and at most 100 fit. Please shorten it."
    )
    assert "120" in t("zh", "errors.too_long", max=100, length=120)


def test_a_missing_key_is_a_key_error_that_names_the_key() -> None:
    with pytest.raises(KeyError, match=r"worker_form\.ask_nmae"):
        t("en", "worker_form.ask_nmae")


def test_a_missing_parameter_is_a_key_error_that_names_the_parameter() -> None:
    with pytest.raises(KeyError, match=r"'length'"):
        t("zh", "errors.too_long", max=100)


def test_a_table_name_is_not_a_text() -> None:
    with pytest.raises(KeyError):
        t("en", "worker_form")


def test_extra_parameters_are_ignored_so_one_dict_can_fill_several_texts() -> None:
    assert t("en", "errors.empty", unused="x") == t("en", "errors.empty")


def test_both_languages_of_a_short_text_share_one_line() -> None:
    assert both("start.buttons.worker") == "Social worker / 社工"


def test_both_languages_of_a_long_text_are_separated_by_a_blank_line() -> None:
    english, chinese = t("en", "help.newcomer"), t("zh", "help.newcomer")
    assert both("help.newcomer") == f"{english}\n\n{chinese}"


def test_a_text_identical_in_both_languages_is_given_once() -> None:
    assert both("language.buttons.en") == "English"


def test_keys_lists_the_dotted_key_of_every_text() -> None:
    assert "worker_form.ask_name" in keys()
    assert "errors.out_of_range" in keys()
    assert "worker_form" not in keys()


# English nouns that follow a count somewhere in the catalog: after "1" each must be singular.
PLURAL_AFTER_ONE = re.compile(
    r"\b1 (?:new |scheduled |check-in )?(?:weeks|years|days|minutes|people|proposals|members|placements"
    r"|answers|NGOs|requests|workers|social workers|messages|rows|problems|skills)\b")


@pytest.mark.parametrize("key", ALL_KEYS)
def test_an_english_count_of_one_reads_in_the_singular(key: str) -> None:
    rendered = t("en", key, **{name: 1 for name in placeholders("en", key)})
    assert "(s)" not in rendered
    assert not PLURAL_AFTER_ONE.search(rendered), rendered


def test_the_plural_spec_picks_the_noun_for_the_count() -> None:
    assert t("en", "queue.proposals_waiting", new=1, count=1) == (
        "1 new proposal; 1 proposal is waiting for you in /queue")
    assert t("en", "queue.proposals_waiting", new=2, count=18) == (
        "2 new proposals; 18 proposals are waiting for you in /queue")
    assert t("en", "common.weeks_value", n=0) == "0 weeks"
    assert t("en", "stats.days", days="1") == "1 day"  # a count already formatted as text
    assert t("en", "stats.days", days="1.5") == "1.5 days"
    assert t("zh", "common.weeks_value", n=1) == "1 周"


def _shingles(text: str, lang: str) -> set[str]:
    """Runs of 4 words (English) or 5 characters (Chinese) of a text, for finding repetition."""
    words = visible_words(text)
    if lang == "en":
        tokens = re.findall(r"[a-z']+", words.lower())
        return {" ".join(tokens[i:i + 4]) for i in range(len(tokens) - 3)}
    chars = re.sub(r"\W", "", words)
    return {chars[i:i + 5] for i in range(len(chars) - 4)}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("first", "then"), [("start.role_chosen_ngo", "ngo_form.intro"),
                                             ("start.role_chosen_worker", "worker_form.intro")])
def test_two_messages_sent_one_after_the_other_do_not_say_the_same_thing(lang: str, first: str, then: str) -> None:
    assert _shingles(catalog(lang)[first], lang) & _shingles(catalog(lang)[then], lang) == set()


def test_a_prompt_that_names_the_done_button_does_not_echo_its_word_around_it() -> None:
    # "选好后点选好了" read badly: the button's word must appear only as the button's name.
    label = re.sub(r"[^\w]", "", t("zh", "common.buttons.done"))
    naming = {key: text for key, text in catalog("zh").items() if f"<b>{label}</b>" in text}
    assert naming, "no prompt names the Done button"
    for key, text in naming.items():
        assert label[:2] not in text.replace(f"<b>{label}</b>", ""), key
