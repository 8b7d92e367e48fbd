"""An NGO director registers the NGO and posts, lists, edits and closes talent requests."""

from datetime import timedelta

from bot.texts import t

from .chat import ACCOUNT, USCC, db_rows, db_write, expect, plain, post_request, register_ngo
from .seeding import add_ngo, add_request


async def test_an_ngo_registers_and_posts_two_requests(sandbox, clock):
    li = sandbox.user(301, "李主任", lang="zh")
    await register_ngo(li)
    [ngo] = db_rows(sandbox, "SELECT * FROM ngos")
    assert ngo["registration_number"] == USCC and ngo["district"] == "lixia" and ngo["status"] == "pending"
    assert ngo["director_phone"] == "+8653188886666"

    tomorrow = (clock.now() + timedelta(days=1)).date().isoformat()
    await post_request(li, "周末助老活动组织者", "明天")
    await post_request(li, "社区心理支持志愿者", tomorrow)
    posted = db_rows(sandbox, "SELECT * FROM requests ORDER BY id")
    assert [r["title"] for r in posted] == ["周末助老活动组织者", "社区心理支持志愿者"]
    assert all(r["start_date"] == tomorrow and r["headcount"] == 2 and r["status"] == "open" for r in posted)
    assert posted[0]["min_certification"] == "assistant" and posted[0]["languages"] == "[]"

    await li.send("/requests")
    listing = await expect(li, plain("zh", "requests.header"))
    assert "周末助老活动组织者" in listing.text and "社区心理支持志愿者" in listing.text


async def test_a_request_is_closed_after_confirmation_and_cannot_be_closed_twice(sandbox):
    li = sandbox.user(302, "李主任", lang="zh")
    await register_ngo(li)
    await post_request(li, "周末助老活动组织者", "明天")
    [request] = db_rows(sandbox, "SELECT id FROM requests")
    await li.send("/requests")
    await expect(li, plain("zh", "requests.header"))
    await li.press(t("zh", "requests.buttons.close"))
    await expect(li, "周末助老活动组织者")
    closed = plain("zh", "requests.closed", title="周末助老活动组织者")
    await li.press(t("zh", "requests.buttons.confirm_close"))
    await expect(li, closed)
    assert db_rows(sandbox, "SELECT status FROM requests")[0]["status"] == "closed"
    replay = await li.forge_callback(f"rq:yes:{request['id']}")
    await li.callback_answer(replay)
    await expect(li, plain("zh", "requests.already_closed", title="周末助老活动组织者"))


async def test_someone_else_cannot_close_or_edit_an_ngos_request(sandbox):
    li = sandbox.user(303, "李主任", lang="zh")
    await register_ngo(li)
    await post_request(li, "周末助老活动组织者", "明天")
    [request] = db_rows(sandbox, "SELECT id FROM requests")
    mallory = sandbox.user(304, "Mallory", lang="en")
    await register_ngo(mallory, lang="en")
    for data in (f"rq:yes:{request['id']}", f"rq:edit:{request['id']}"):
        pressed = await mallory.forge_callback(data)
        answered = await mallory.callback_answer(pressed)
        assert answered.answer_text == t("en", "alerts.not_allowed")
    assert db_rows(sandbox, "SELECT status FROM requests")[0]["status"] == "open"


async def test_the_list_has_no_blank_gap_says_an_unverified_ngo_waits_and_cuts_labels_at_a_word(sandbox):
    services = sandbox.application.bot_data["services"]
    ngo_id = await add_ngo(services, 311, "Sunrise Family Centre")
    await add_request(services, ngo_id, "Weekend counselling sessions for families")
    await db_write(sandbox, f"UPDATE people SET language = 'en' WHERE id = {ACCOUNT}", 311)
    anna = sandbox.user(311, "Anna", lang="en")
    await anna.send("/requests")
    listing = await expect(anna, plain("en", "requests.header"))
    assert "\n\n\n" not in listing.text
    assert plain("en", "requests.stage.ngo_unverified") in listing.text
    assert plain("en", "requests.stage.waiting") not in listing.text
    edit_label = next(label for label in listing.buttons if label.startswith(t("en", "requests.buttons.edit")))
    assert edit_label == f"{t('en', 'requests.buttons.edit')} · Weekend counselling…"

    await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
    await anna.send("/requests")
    listing = await expect(anna, plain("en", "requests.header"))
    assert plain("en", "requests.stage.waiting") in listing.text
