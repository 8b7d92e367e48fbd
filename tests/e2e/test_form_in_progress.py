"""Starting another form never throws away the answers of the one in progress."""

from bot.texts import t

from .chat import ACCOUNT, answer, choose, db_rows, expect, plain, post_request, register_ngo


async def test_an_ngo_director_editing_another_request_mid_form_is_asked_to_finish_first(sandbox):
    li = sandbox.user(320, "李主任", lang="zh")
    await register_ngo(li)
    await post_request(li, "周末助老活动组织者", "明天")
    [posted] = db_rows(sandbox, "SELECT id FROM requests")
    await li.send("/requests")
    await expect(li, plain("zh", "requests.header"))
    await choose(li, t("zh", "requests.buttons.new"), plain("zh", "request_form.ask_title"), within=2)
    await answer(li, "社区心理支持志愿者", plain("zh", "request_form.ask_description"))
    await li.callback_answer(await li.forge_callback(f"rq:edit:{posted['id']}"))
    await expect(li, plain("zh", "errors.finish_form_first"), within=2)
    again = await expect(li, plain("zh", "request_form.ask_description"), within=1)
    assert again
    [draft] = db_rows(sandbox, f"SELECT form, target_id, answers FROM drafts WHERE person_id = {ACCOUNT}", 320)
    assert draft["form"] == "request" and draft["target_id"] is None and "社区心理支持志愿者" in draft["answers"]
