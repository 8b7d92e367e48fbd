"""Social workers filling the profile form all at once, against the local Bot API emulator.

``social_workers(count, seed)`` gives each person a seeded script: /start, "Social worker",
then the twelve questions answered the ways people answer them (typed or tapped, the phone
typed or shared, one to three skills confirmed, boxes ticked, the introduction written or
skipped), then Submit. ``play_crowd`` runs every script concurrently and times each action
from the moment its update is queued to the moment the reply the person waits for is in
their chat.
"""

from __future__ import annotations

import asyncio
import html
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.sandbox.change_signal import ChangeSignal
from bot.sandbox.emulator import Emulator
from bot.sandbox.model import Chat, StoredMessage
from bot.sandbox.people import PersonActions
from bot.sandbox.state import EmulatorState
from bot.texts import t
from matching.vocabulary import Term, entries

FIRST_TELEGRAM_ID = 100_000

_ZH_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
_ZH_GIVEN = ("芳", "伟", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰", "娟", "涛", "明", "超", "霞", "平")
_EN_FIRST = ("Tom", "Anna", "Li", "Grace", "Mei", "David", "Lucy", "Chen", "Sarah", "Wei")
_EN_LAST = ("Li", "Wang", "Zhang", "Smith", "Liu", "Zhao", "Brown", "Sun", "Hu", "Ma")
_INTRODUCTIONS = {
    "zh": ("做了五年社区社工，擅长老年人个案。", "在街道社工站工作，周末有空。", "喜欢青少年小组活动，会做项目评估。"),
    "en": ("Five years in community work.", "I run youth groups and can help on weekends.",
           "Case worker in Lixia, free on weekday evenings."),
}


@dataclass(frozen=True)
class Step:
    """One action and what the person then waits for.

    ``action`` is "text" (type ``value``), "press" (tap the button labelled ``value``) or
    "tick" (tap a multi-select box ``value`` and wait until it shows ticked). For "text" and
    "press" the person waits for a bot message containing ``reply``.
    """

    action: str
    value: str
    reply: str = ""


@dataclass(frozen=True)
class SocialWorker:
    """A simulated person, the script they follow, and what their stored profile must say."""

    telegram_id: int
    first_name: str
    lang: str
    name: str
    district: str
    steps: tuple[Step, ...]

    @property
    def language_code(self) -> str:
        """What their Telegram app tells the bot."""
        return "zh-hans" if self.lang == "zh" else "en"


@dataclass(frozen=True)
class CrowdResult:
    """What one concurrent run did: per-action latencies (seconds), wall time, failures."""

    actions: int
    wall_seconds: float
    latencies: tuple[float, ...]
    failures: tuple[str, ...]


def plain(lang: str, key: str) -> str:
    """A catalog text as the chat shows it (HTML tags gone, entities unescaped)."""
    return html.unescape(re.sub(r"<[^>]+>", "", t(lang, key)))  # type: ignore[arg-type]


def social_workers(count: int, seed: int) -> tuple[SocialWorker, ...]:
    """``count`` seeded people, seven in ten writing Chinese, the rest English."""
    rng = random.Random(seed)
    return tuple(_social_worker(rng, FIRST_TELEGRAM_ID + index) for index in range(count))


def _social_worker(rng: random.Random, telegram_id: int) -> SocialWorker:
    lang = "zh" if rng.random() < 0.7 else "en"
    if lang == "zh":
        name = rng.choice(_ZH_SURNAMES) + "".join(rng.sample(_ZH_GIVEN, rng.randint(1, 2)))
        first_name = name
    else:
        first_name = rng.choice(_EN_FIRST)
        name = f"{first_name} {rng.choice(_EN_LAST)}"
    district = rng.choice(entries("district"))
    steps = (
        Step("text", "/start", plain(lang, "start.ask_role")),
        Step("press", t(lang, "start.buttons.worker"), plain(lang, "worker_form.ask_name")),
        Step("text", name, plain(lang, "worker_form.ask_phone")),
        _phone_step(rng, lang),
        _choose_or_type(rng, lang, district, plain(lang, "worker_form.ask_skills")),
        *_skill_steps(rng, lang),
        *_tick_steps(rng, lang, "field", rng.randint(1, 3), plain(lang, "worker_form.ask_languages")),
        *_tick_steps(rng, lang, "language", rng.randint(1, 2), plain(lang, "worker_form.ask_certification")),
        _choose_or_type(rng, lang, rng.choice(entries("certification")), plain(lang, "worker_form.ask_years")),
        Step("text", str(rng.randint(0, 20)), plain(lang, "worker_form.ask_hours")),
        Step("text", str(rng.choice((4, 6, 8, 10, 12, 16, 20))), plain(lang, "worker_form.ask_max_placements")),
        Step("text", str(rng.randint(1, 3)), plain(lang, "worker_form.ask_remote")),
        Step("press", t(lang, rng.choice(("common.yes", "common.no"))), plain(lang, "worker_form.ask_introduction")),
        _introduction_step(rng, lang),
        Step("press", t(lang, "common.buttons.submit"), plain(lang, "worker_form.submitted")),
    )
    return SocialWorker(telegram_id, first_name, lang, name, district.id, steps)


def _phone_step(rng: random.Random, lang: str) -> Step:
    if rng.random() < 0.5:
        return Step("press", t(lang, "common.buttons.share_contact"), plain(lang, "worker_form.ask_district"))
    number = f"139 {rng.randint(0, 9999):04d} {rng.randint(0, 9999):04d}"
    return Step("text", number, plain(lang, "worker_form.ask_district"))


def _choose_or_type(rng: random.Random, lang: str, term: Term, reply: str) -> Step:
    """Most people tap the button; some type its name."""
    return Step("press" if rng.random() < 0.8 else "text", term.label(lang), reply)


def _skill_steps(rng: random.Random, lang: str) -> tuple[Step, ...]:
    skills = rng.sample(entries("skill"), rng.randint(1, 3))
    text = ("、" if lang == "zh" else ", ").join(skill.label(lang) for skill in skills)
    return (Step("text", text, plain(lang, "skills.understood")),
            Step("press", t(lang, "skills.buttons.yes"), plain(lang, "worker_form.ask_fields")))


def _tick_steps(rng: random.Random, lang: str, kind: str, count: int, reply: str) -> tuple[Step, ...]:
    ticks = tuple(Step("tick", term.label(lang)) for term in rng.sample(entries(kind), count))
    return (*ticks, Step("press", t(lang, "common.buttons.done"), reply))


def _introduction_step(rng: random.Random, lang: str) -> Step:
    reply = plain(lang, "worker_form.summary_header")
    if rng.random() < 0.3:
        return Step("press", t(lang, "common.buttons.skip"), reply)
    return Step("text", rng.choice(_INTRODUCTIONS[lang]), reply)


class ReplyWatcher:
    """Tells each waiting person when their reply is in the chat.

    One task checks every waiting person after each change of the emulator's state, instead of
    every person waking on every change, so the people's own cost stays small at 200 of them.
    """

    def __init__(self, state: EmulatorState) -> None:
        self._state = state
        self._waiting: dict[int, tuple[Callable[[], bool], asyncio.Future[float]]] = {}

    async def wait(self, person_id: int, arrived: Callable[[], bool], timeout: float) -> float:
        """The ``time.perf_counter()`` at which ``arrived()`` first held; TimeoutError after ``timeout``."""
        if arrived():
            return time.perf_counter()
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting[person_id] = (arrived, future)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self._waiting.pop(person_id, None)

    async def run(self) -> None:
        """Check the waiting people after every change, until cancelled."""
        signal = self._state.signal
        while True:
            await signal.wait_for(_changed_since(signal, signal.version), 3600)
            now = time.perf_counter()
            for arrived, future in list(self._waiting.values()):
                if not future.done() and arrived():
                    future.set_result(now)


def _changed_since(signal: ChangeSignal, version: int) -> Callable[[], bool]:
    return lambda: signal.version != version


@dataclass
class _Chatting:
    """One person's side while the script plays: the chat and the last bot message read."""

    person: SocialWorker
    actions: PersonActions
    chat: Chat
    read_up_to: int = 0
    latencies: list[float] = field(default_factory=list)


async def play_crowd(emulator: Emulator, people: tuple[SocialWorker, ...], timeout: float,
                     think: tuple[float, float] | None = None, seed: int = 0) -> CrowdResult:
    """Every person's script at once; a reply missing after ``timeout`` seconds is a failure.

    With ``think`` = (shortest, longest) seconds, each person pauses that long (uniformly drawn,
    seeded) after each reply before the next action, as people do; without it, nobody pauses."""
    watcher = ReplyWatcher(emulator.state)
    watching = asyncio.create_task(watcher.run())
    chatting = [_register(emulator, person) for person in people]
    started = time.perf_counter()
    try:
        outcomes = await asyncio.gather(
            *(_play(watcher, one, timeout, think, random.Random(seed + one.person.telegram_id))
              for one in chatting), return_exceptions=True
        )
    finally:
        watching.cancel()
    wall = time.perf_counter() - started
    failures = tuple(f"{one.person.telegram_id}: {outcome!r}" for one, outcome in zip(chatting, outcomes, strict=True)
                     if isinstance(outcome, BaseException))
    latencies = tuple(latency for one in chatting for latency in one.latencies)
    return CrowdResult(len(latencies), wall, latencies, failures)


def _register(emulator: Emulator, person: SocialWorker) -> _Chatting:
    actions = emulator.person(person.telegram_id, person.first_name, language_code=person.language_code)
    return _Chatting(person, actions, emulator.state.chat(person.telegram_id))


async def _play(watcher: ReplyWatcher, one: _Chatting, timeout: float, think: tuple[float, float] | None,
                rng: random.Random) -> None:
    for step in one.person.steps:
        if think is not None:
            await asyncio.sleep(rng.uniform(*think))
        ticked = _tick_shows(one, step.value) if step.action == "tick" else None
        sent_at = time.perf_counter()
        if step.action == "text":
            one.actions.send_text(step.value)
            arrived = _reply_arrives(one, step.reply)
        else:
            press = one.actions.press(step.value)
            pressed = one.actions.callback_answer(press.query_id).message_id if press.query_id else None
            arrived = ticked or _reply_arrives(one, step.reply, pressed)
        try:
            seen_at = await watcher.wait(one.person.telegram_id, arrived, timeout)
        except TimeoutError:
            raise TimeoutError(f"no reply to {step.action} {step.value!r} within {timeout:g}s") from None
        one.latencies.append(seen_at - sent_at)


def _reply_arrives(one: _Chatting, fragment: str, pressed: int | None = None) -> Callable[[], bool]:
    """True once a bot message newer than the last one read contains ``fragment``, or the
    pressed message was edited into one that does (the bot answers a press in its place)."""
    messages = one.chat.messages
    before = messages[pressed].text if pressed is not None else None

    def arrived() -> bool:
        if pressed is not None and messages[pressed].text != before and fragment in (messages[pressed].text or ""):
            return True
        newest = next(reversed(messages))
        for message_id in range(one.read_up_to + 1, newest + 1):
            message = messages.get(message_id)
            if message is not None and message.from_bot and fragment in (message.text or ""):
                one.read_up_to = message_id
                return True
        return False
    return arrived


def _tick_shows(one: _Chatting, label: str) -> Callable[[], bool]:
    """True once the multi-select keyboard carrying ``label`` shows it ticked."""
    keyboard = _newest_with_button(one.chat, label)
    ticked = t(one.person.lang, "common.selected", label=label)  # type: ignore[arg-type]

    def arrived() -> bool:
        markup = keyboard.inline_markup
        return markup is not None and markup.find(ticked) is not None
    return arrived


def _newest_with_button(chat: Chat, label: str) -> StoredMessage:
    for message in reversed(list(chat.messages.values())):
        markup = message.inline_markup
        if message.from_bot and not message.deleted and markup is not None and markup.find(label) is not None:
            return message
    raise LookupError(f"no button {label!r} in chat {chat.person.id}")
