"""What to say when a message is not what the bot expected: free text outside a form, a command
that does not exist, or one meant for someone else.

Each answer says what the person can do now (their /help menu, or the question of the form they
are filling in) and, when the words suggest what they want, which command does it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable

from bot.forms import engine
from bot.forms.model import Outcome, Reply
from bot.people import Sender, remember
from bot.services import Services
from bot.store import Tx
from bot.store.users import User
from bot.texts import Lang, t

# Who may use a command; a command not listed is for everyone.
COMMAND_ROLES: dict[str, str] = {
    "requests": "ngo",
    "queue": "director",
    "members": "director",
    "find": "director",
    "match": "director",
    "stats": "director",
    "export": "director",
    "invite": "director",
    "notice": "director",
    "pause": "director",
    "resume": "director",
}

# (what the person seems to want, who it is for, words that say so). The first match wins.
_WISHES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("delete", ("worker", "ngo"), ("删除", "注销", "删掉", "delete", "erase", "remove my")),
    ("pause", ("worker",), ("暂停", "休息", "没空", "没时间", "很忙", "太忙", "不想接", "pause", "break",
                            "busy", "no time", "away", "holiday")),
    ("close_request", ("ngo",), ("关闭", "招满", "不需要", "不招", "close", "filled", "no longer need")),
    ("request", ("ngo",), ("需求", "岗位", "招募", "招人", "发布", "找人", "找社工", "找个", "需要人", "request",
                           "post", "role", "vacancy", "find", "looking for", "volunteer", "need someone", "need a")),
    ("offers", ("worker", "ngo"), ("邀请", "进展", "结果", "推荐", "匹配", "offer", "status", "match",
                                  "invitation", "progress")),
    ("profile", ("worker", "ngo"), ("资料", "电话", "手机", "修改", "信息", "profile", "phone", "edit",
                                   "change", "update")),
    ("language", ("newcomer", "worker", "ngo", "director"), ("英文", "中文", "英语", "语言", "english",
                                                            "chinese", "language")),
    ("queue", ("director",), ("审核", "推荐", "待办", "queue", "verify", "approve", "proposal")),
    ("export", ("director",), ("导出", "表格", "excel", "export", "csv", "spreadsheet")),
    ("stats", ("director",), ("统计", "数据", "图表", "stats", "statistics", "chart", "numbers")),
    ("join", ("newcomer",), ("注册", "登记", "加入", "社工", "机构", "你好", "您好", "在吗", "register", "join",
                             "sign up", "ngo", "social worker", "hello", "hi")),
)


def role_of(services: Services, user: User) -> str:
    """director (from the config), worker, ngo, or newcomer (no role chosen yet)."""
    if services.is_director(user.person_id):
        return "director"
    return user.role or "newcomer"


def wish_of(text: str, role: str) -> str | None:
    """What the words seem to ask for that this person can do, if anything."""
    words = unicodedata.normalize("NFKC", text).lower()
    for wish, roles, cues in _WISHES:
        if role in roles and any(_says(words, cue) for cue in cues):
            return wish
    return None


async def free_text(services: Services, tx: Tx, user: User, text: str) -> Outcome:
    """Typed text outside any form: the command for what it seems to ask, then the menu."""
    lang, role = user.language, role_of(services, user)
    wish = wish_of(text, role)
    said = t(lang, f"guidance.wish.{wish}") if wish else t(lang, "guidance.not_understood")
    return Outcome(replies=(Reply(f"{said}\n\n{t(lang, f'help.{role}')}"),))


async def unknown_command(services: Services, sender: Sender, command: str) -> Outcome:
    """A command the bot does not have: say so, then the form's question or the menu."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        said = t(user.language, "guidance.unknown_command", command=_shown_command(command))
        return await _then_carry_on(services, tx, user, said)


def for_roles(name: str, flow: Callable[..., Awaitable[Outcome]]) -> Callable[..., Awaitable[Outcome]]:
    """``flow`` for the people the command is for; anyone else is told who it is for and what
    it does, then sees the question of their form or their menu."""
    role = COMMAND_ROLES.get(name)

    async def gated(services: Services, sender: Sender, *args: str) -> Outcome:
        if role is not None:
            async with services.database.transaction() as tx:
                user = await remember(services, tx, sender)
                if role_of(services, user) != role:
                    return await _wrong_role(services, tx, user, name, role)
        return await flow(services, sender, *args)
    gated.__name__ = flow.__name__
    return gated


async def _wrong_role(services: Services, tx: Tx, user: User, name: str, role: str) -> Outcome:
    lang = user.language
    said = t(lang, "guidance.wrong_role", command=name, who=t(lang, f"guidance.who.{role}"),
             does=t(lang, f"guidance.does.{name}"))
    return await _then_carry_on(services, tx, user, said)


async def _then_carry_on(services: Services, tx: Tx, user: User, said: str) -> Outcome:
    """``said``, then the question of the form in progress, or else the person's menu."""
    lang: Lang = user.language  # type: ignore[assignment]
    resumed = await engine.resume(services, tx, user)
    if resumed is not None:
        return Outcome(replies=(Reply(f"{said}\n\n{t(lang, 'guidance.back_to_form')}"), *resumed.replies))
    return Outcome(replies=(Reply(f"{said}\n\n{t(lang, f'help.{role_of(services, user)}')}"),))


def _says(words: str, cue: str) -> bool:
    if re.search(r"[a-z]", cue):
        return re.search(rf"(?<![a-z]){re.escape(cue)}(?![a-z])", words) is not None
    return cue in words


def _shown_command(command: str) -> str:
    """The command as typed, without its @botname, and short and plain enough to echo."""
    name = command.lstrip("/").split("@", 1)[0]
    return re.sub(r"[^\w]", "", name)[:32] or "?"
