"""The director's data tools and a person's own data, through the emulator and the real Application:
/stats with its chart, /export as a document, /invite and the invite link, /mydata and /deleteme."""

from __future__ import annotations

import io
import json
import re

from openpyxl import load_workbook

from bot.sandbox.transcript import SentFile
from bot.store import roster
from bot.texts import t

from .chat import ACCOUNT, db_rows, db_write, every_text_value, expect, plain
from .conftest import DIRECTOR_ID
from .driver import Sandbox
from .seeding import add_ngo, add_request, add_worker, worker_values

WANG_PHONE = "+8613955550001"


def services(sandbox: Sandbox):
    return sandbox.application.bot_data["services"]


def file_bytes(sandbox: Sandbox, sent: SentFile) -> bytes:
    stored = sandbox.emulator.state.files.by_path(sent.url_path.split("/", 3)[3])
    assert stored is not None
    return stored.content


async def import_worker(sandbox: Sandbox, key: str, name: str) -> int:
    async with services(sandbox).database.transaction() as tx:
        worker_id, _ = await roster.upsert_roster_worker(tx, key, worker_values(name), "2026-11-01T00:00:00Z")
    return worker_id


async def test_a_director_gets_the_figures_and_a_chart_labelled_in_their_language(sandbox):
    s = services(sandbox)
    ngo = await add_ngo(s, 301, "阳光心理服务中心")
    await add_request(s, ngo, "社区心理支持")
    director = sandbox.user(DIRECTOR_ID, "Director", lang="zh")
    await director.send("/stats")
    report = await expect(director, plain("zh", "stats.header"))
    assert "用人需求：招募中 1" in report.text
    chart = await director.next_message()
    assert chart.photo is not None and chart.text == t("zh", "stats.chart_caption")
    assert file_bytes(sandbox, chart.photo).startswith(b"\x89PNG")


async def test_stats_and_export_are_refused_to_anyone_but_a_director(sandbox):
    await add_worker(services(sandbox), 201, "王芳")
    member = sandbox.user(201, "Wang", lang="zh")
    for command in ("/stats", "/export", "/invite SW-1"):
        await member.send(command)
        refusal = await member.next_message()
        name = command.split()[0].lstrip("/")
        assert refusal.text.startswith(plain("zh", "guidance.wrong_role", command=name,
                                             who=t("zh", "guidance.who.director"),
                                             does=t("zh", f"guidance.does.{name}")))
        assert plain("zh", "help.worker") in refusal.text and refusal.document is None


async def test_the_export_arrives_as_a_workbook_that_reopens(sandbox):
    s = services(sandbox)
    await add_worker(s, 201, "王芳")
    director = sandbox.user(DIRECTOR_ID, "Director", lang="en")
    await director.send("/export")
    sent = await director.next_message()
    assert sent.document is not None and sent.document.file_name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(file_bytes(sandbox, sent.document)))
    assert book.sheetnames[0] == "Social workers"
    assert [row[2] for row in book["Social workers"].iter_rows(min_row=2, values_only=True)] == ["王芳"]
    await director.send("/export pdf")
    assert (await director.next_message()).text == plain("en", "export.usage", given="pdf")


async def test_an_invite_made_in_chat_links_the_person_who_opens_it_once(sandbox):
    worker_id = await import_worker(sandbox, "SW-7", "周洁")
    director = sandbox.user(DIRECTOR_ID, "Director", lang="en")
    await director.send("/invite SW-7")
    made = await expect(director, "周洁")
    bot_username = sandbox.application.bot.username
    code = re.search(rf"https://t\.me/{bot_username}\?start=([A-Za-z0-9_-]+)", made.text).group(1)

    zhou = sandbox.user(701, "Zhou", lang="zh")
    await zhou.send(f"/start {code}")
    assert (await zhou.next_message()).text == plain("zh", "invite.linked", name="周洁")
    assert db_rows(sandbox, "SELECT a.external_id FROM workers w JOIN accounts a ON a.person_id = w.person_id "
                           "WHERE w.id = ?", worker_id)[0][0] == 701

    stranger = sandbox.user(702, "Stranger", lang="en")
    await stranger.send(f"/start {code}")
    assert (await stranger.next_message()).text == plain("en", "invite.used")
    await stranger.send("/start notARealCodeButLongEnough")
    assert (await stranger.next_message()).text == plain("en", "invite.invalid")


async def test_invite_alone_offers_a_button_per_unlinked_worker_and_checks_each_press(sandbox):
    worker_id = await import_worker(sandbox, "SW-8", "吴敏")
    director = sandbox.user(DIRECTOR_ID, "Director", lang="en")
    await director.send("/invite")
    choice = await expect(director, plain("en", "invite.choose"))
    assert choice.callback_data == (f"inv:{worker_id}",)
    await director.press(f"inv:{worker_id}")
    assert "https://t.me/" in (await expect(director, "吴敏")).text
    forged = await director.forge_callback("inv:99999")
    assert (await director.callback_answer(forged)).answer_text == t("en", "alerts.old_button")
    member = sandbox.user(201, "Wang", lang="en")
    await member.send("/help")
    await member.next_message()
    pressed = await member.forge_callback(f"inv:{worker_id}")
    assert (await member.callback_answer(pressed)).answer_text == t("en", "alerts.not_allowed")


async def test_mydata_holds_the_persons_rows_and_nobody_elses(sandbox):
    s = services(sandbox)
    await add_worker(s, 201, "王芳", phone=WANG_PHONE)
    await add_worker(s, 202, "赵磊", phone="+8613955550002")
    wang = sandbox.user(201, "Wang", lang="zh")
    await wang.send("/mydata")
    sent = await wang.next_message()
    assert sent.document is not None and sent.document.file_name.endswith(".json")
    content = file_bytes(sandbox, sent.document).decode("utf-8")
    document = json.loads(content)
    assert document["worker_profile"][0]["name"] == "王芳" and document["worker_profile"][0]["phone"] == WANG_PHONE
    assert document["accounts"] == [{"channel": "telegram", "external_id": 201}]
    assert "赵磊" not in content and "+8613955550002" not in content and "202" not in re.findall(r"\d+", content)


async def seeded_placement(sandbox: Sandbox) -> dict[str, int]:
    s = services(sandbox)
    ids = {"wang": await add_worker(s, 201, "王芳", phone=WANG_PHONE, introduction="我是王芳，电话 13955550001"),
           "ngo": await add_ngo(s, 301, "阳光心理服务中心")}
    ids["request"] = await add_request(s, ids["ngo"], "社区心理支持")
    await db_write(sandbox, "UPDATE workers SET status = 'verified'")
    await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
    await db_write(sandbox, "INSERT INTO placements (request_id, worker_id, status, score, started_at, end_reason, "
                      "created_at, updated_at) VALUES (?, ?, 'active', 0.9, ?, NULL, ?, ?)",
             ids["request"], ids["wang"], "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z")
    await db_write(sandbox, "INSERT INTO followups (kind, recipient, placement_id, payload, due_at, created_at) "
                      f"VALUES ('checkin', {ACCOUNT}, 1, ?, '2026-12-01T00:00:00Z', '2026-11-01T00:00:00Z')", 201,
             json.dumps({"side": "worker", "day": 30, "message": {"text": "王芳，您好"}}, ensure_ascii=False))
    return ids


async def test_after_deleteme_no_table_holds_the_persons_name_or_phone(sandbox):
    await seeded_placement(sandbox)
    wang = sandbox.user(201, "Wang", lang="zh")
    await wang.send("/deleteme")
    question = await expect(wang, plain("zh", "deleteme.ask", minutes=10).split("\n")[0])
    await wang.press(t("zh", "deleteme.buttons.yes"))
    await wang.wait_until(lambda chat: any(m.text == plain("zh", "deleteme.done") for m in chat),
                          "the deletion to be confirmed")
    ngo = sandbox.user(301, "NGO", lang="zh")
    assert (await ngo.next_message()).text == plain("zh", "deleteme.other_side_left", title="社区心理支持")
    leftovers = [(table, column) for table, column, value in every_text_value(sandbox)
                 if "王芳" in value or "13955550001" in value or "Wang" in value]
    assert leftovers == []
    assert db_rows(sandbox, "SELECT status, end_reason FROM placements")[0][:] == ("cancelled", "member_deleted")
    assert tuple(db_rows(sandbox, "SELECT status, recipient, payload FROM followups WHERE kind = 'checkin'")[0]) == (
        "cancelled", 0, '{"side":"worker","day":30}')
    assert db_rows(sandbox, "SELECT status FROM requests")[0][0] == "open"
    assert db_rows(sandbox, "SELECT count(*) FROM accounts WHERE external_id = 201")[0][0] == 0
    assert question.callback_data[0].startswith("del:yes:")


async def test_a_stale_or_forged_deletion_press_deletes_nothing(sandbox):
    await seeded_placement(sandbox)
    wang = sandbox.user(201, "Wang", lang="zh")
    await wang.send("/deleteme")
    first = await expect(wang, "删除您的数据？")
    await wang.send("/deleteme")
    await expect(wang, "删除您的数据？")
    stale = await wang.forge_callback(first.callback_data[0], first.message_id)
    assert (await wang.callback_answer(stale)).answer_text == t("zh", "alerts.old_button")
    other = sandbox.user(202, "Zhao", lang="en")
    await other.send("/help")
    await other.next_message()
    nonce = first.callback_data[0]
    forged = await other.forge_callback(nonce)
    assert (await other.callback_answer(forged)).answer_text == t("en", "alerts.old_button")
    assert db_rows(sandbox, "SELECT name FROM workers")[0][0] == "王芳"
    await wang.press(t("zh", "deleteme.buttons.no"))
    await wang.wait_until(lambda chat: any(m.text == plain("zh", "deleteme.kept") for m in chat), "kept")
    assert db_rows(sandbox, "SELECT count(*) FROM deletion_requests")[0][0] == 0
