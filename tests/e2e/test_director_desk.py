"""The director's desk: a proposal card opens into its request's candidates, any of whom can be
approved for the place; the card is edited in place as the director moves through the queue."""

from __future__ import annotations

from bot.texts import t

from .chat import db_write, expect, open_queue, opening, plain
from .conftest import DIRECTORS
from .seeding import add_ngo, add_request, add_worker
from .test_placement_cycle import db


async def four_counsellors_for_one_place(sandbox):
    """Four verified counsellors of different experience; one counselling request, matched."""
    s = sandbox.application.bot_data["services"]
    for telegram_id, name, years in ((201, "王芳", 10), (202, "赵磊", 6), (203, "刘敏", 3), (204, "陈静", 1)):
        await add_worker(s, telegram_id, name, years_experience=years)
    ngo = await add_ngo(s, 301, "阳光心理服务中心")
    request_id = await add_request(s, ngo, "社区心理支持")
    await db_write(sandbox, "UPDATE workers SET status = 'verified'")
    await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
    director = sandbox.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/match")
    await expect(director, opening("en", "queue.match_done"), within=2)
    return director, request_id


async def open_candidates(director):
    card = await open_queue(director, "王芳")
    await director.press(t("en", "queue.buttons.others"))
    listing = await director.wait_until(
        lambda chat: any(m.from_bot and m.message_id == card.message_id
                         and opening("en", "queue.candidates_header") in m.text for m in chat),
        "the card to turn into its candidates")
    [edited] = [m for m in listing if m.from_bot and m.message_id == card.message_id]
    return card, edited


async def test_a_director_approves_the_third_candidate_of_a_request_from_its_card(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    _, listing = await open_candidates(director)
    assert [line.split(". ", 1)[1].split(" — ")[0] for line in listing.text.splitlines()[1:]] == [
        "王芳", "赵磊", "刘敏", "陈静"]  # best first: the most experienced
    [third] = [label for label in listing.buttons if label.startswith("✅ 3. 刘敏")]
    await director.press(third)
    await expect(director, plain("en", "queue.approved_done", worker="刘敏", ngo="阳光心理服务中心"), within=3)
    liu = cycle.user(203, "刘敏", lang="zh")
    await expect(liu, "社区心理支持")
    statuses = {row["name"]: row["status"] for row in db(
        cycle, "SELECT w.name, p.status FROM placements p JOIN workers w ON w.id = p.worker_id")}
    assert statuses["刘敏"] == "offered" and statuses["王芳"] == "withdrawn"
    [why] = db(cycle, "SELECT detail FROM audit_log WHERE action = 'withdrawn'")
    assert why["detail"] == "a director chose another candidate"


async def test_back_returns_to_the_card_and_next_edits_the_same_message(cycle):
    s = cycle.application.bot_data["services"]
    director, _ = await four_counsellors_for_one_place(cycle)
    [ngo] = [row["id"] for row in db(cycle, "SELECT id FROM ngos")]
    await add_request(s, ngo, "周末心理热线")
    await director.send("/match")
    await expect(director, opening("en", "queue.match_done"), within=3)
    card, _ = await open_candidates(director)
    await director.press(t("en", "queue.buttons.back_to_card"))
    await director.wait_until(
        lambda chat: any(m.from_bot and m.message_id == card.message_id
                         and t("en", "queue.buttons.approve") in m.buttons for m in chat),
        "the card back in place")
    sent = len([m for m in director.transcript() if m.from_bot])
    press = await director.press(t("en", "queue.buttons.next"))
    await director.callback_answer(press.query_id)
    await director.wait_until(
        lambda chat: any(m.from_bot and m.message_id == card.message_id and "2 of 2" in m.text for m in chat),
        "the second card in the same message")
    assert len([m for m in director.transcript() if m.from_bot]) == sent  # edited, none sent anew


async def test_a_forged_pick_of_a_worker_who_is_no_candidate_changes_nothing(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    s = cycle.application.bot_data["services"]
    stranger = await add_worker(s, 209, "孙强", skills=["手语翻译"])
    await db_write(cycle, "UPDATE workers SET status = 'verified'")
    [proposal] = db(cycle, "SELECT id FROM placements WHERE status = 'proposed'")
    answer = await director.callback_answer(await director.forge_callback(f"q:pick:{proposal['id']}:{stranger}"))
    assert answer.answer_text == t("en", "queue.pick_gone")
    assert [row["status"] for row in db(cycle, "SELECT status FROM placements")] == ["proposed"]
    mallory = cycle.user(666, "Mallory", lang="en")
    await mallory.send("/start")
    await mallory.next_message()
    refused = await mallory.callback_answer(await mallory.forge_callback(f"q:pick:{proposal['id']}:{stranger}"))
    assert refused.answer_text == t("en", "alerts.not_allowed")


async def test_directors_read_a_member_by_the_name_in_their_profile_not_their_telegram_name(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    [proposal] = db(cycle, "SELECT id FROM placements WHERE status = 'proposed'")
    await director.callback_answer(await director.forge_callback(f"q:ok:{proposal['id']}"))
    newcomer = cycle.user(201, "新用户1", lang="zh")  # 王芳 in her profile
    await expect(newcomer, "社区心理支持")
    await newcomer.press(t("zh", "offer.buttons.decline"))
    ngo = db(cycle, "SELECT name FROM ngos")[0]["name"]
    told = plain("en", "offer.declined_notice", who="王芳", title="社区心理支持", worker="王芳", ngo=ngo)
    await director.wait_until(lambda chat: any(m.from_bot and told in m.text for m in chat), "the decline notice")
    assert not any("新用户1" in m.text for m in director.transcript())


async def test_members_wait_in_their_own_paged_card_whose_count_matches_the_queue_summary(cycle):
    s = cycle.application.bot_data["services"]
    names = ("王芳", "赵磊", "刘敏", "陈静", "钱多多", "孙强")
    for telegram_id, name in enumerate(names, start=201):
        await add_worker(s, telegram_id, name)  # pending: nobody verified them yet
    director = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/queue")
    await expect(director, plain("en", "queue.summary", members=6, proposals=0))
    await director.send("/members")
    card = await expect(director, plain("en", "members.header", position=1, count=6))
    assert "王芳" in card.text
    await director.press(t("en", "members.buttons.previous"))  # wraps round to the newest
    await director.wait_until(
        lambda chat: any(m.message_id == card.message_id and "6 of 6" in m.text and "孙强" in m.text for m in chat),
        "the last member in the same message")
    await director.press(t("en", "members.buttons.next"))
    await director.wait_until(
        lambda chat: any(m.message_id == card.message_id and "1 of 6" in m.text for m in chat), "back to the first")
    await director.press(next(d for d in card.callback_data if d.startswith("v:ok:")))
    await expect(director, plain("en", "verify.verified_done", name="王芳"), within=2)
    following = await expect(director, plain("en", "members.header", position=1, count=5), within=2)
    assert "赵磊" in following.text
    mallory = cycle.user(666, "Mallory", lang="en")
    await mallory.send("/members")
    await expect(mallory, "/members is for the association's directors", within=2)


async def test_find_and_typed_text_open_a_members_card_with_where_they_stand(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    await director.send("/find 王芳")
    found = await expect(director, plain("en", "search.found", count=1, query="王芳"), within=2)
    [button] = found.buttons
    assert button.startswith("👤 王芳")
    await director.press(button)
    card = await expect(director, plain("en", "search.worker_header", name="王芳",
                                        status=t("en", "member_status.verified")), within=2)
    assert "社区心理支持" in card.text and t("en", "placement_status.proposed") in card.text
    await director.send("赵磊的资料")  # typed, in no form: searched
    await expect(director, plain("en", "search.found", count=1, query="赵磊的资料"), within=2)
    await director.send("/find counselling, shizhong")
    listing = await expect(director, opening("en", "search.found"), within=2)
    assert len(listing.buttons) == 5  # the four counsellors and the request, all in Shizhong
    await director.send("/find astrology")
    await expect(director, plain("en", "search.none", query="astrology"), within=2)


async def test_only_directors_can_search_or_open_cards(cycle):
    await four_counsellors_for_one_place(cycle)
    mallory = cycle.user(666, "Mallory", lang="en")
    await mallory.send("/find 王芳")
    await expect(mallory, "/find is for the association's directors", within=2)
    refused = await mallory.callback_answer(await mallory.forge_callback("fd:w:1"))
    assert refused.answer_text == t("en", "alerts.not_allowed")


async def test_the_queue_lists_requests_best_first_and_a_request_opens_into_its_card_and_back(cycle):
    s = cycle.application.bot_data["services"]
    await add_worker(s, 201, "王芳", years_experience=10)
    await add_worker(s, 202, "手语林", skills=["sign_language_interpreting"], years_experience=1)
    ngo = await add_ngo(s, 301, "阳光心理服务中心")
    await add_request(s, ngo, "手语陪同", skills=["sign_language_interpreting"])
    await add_request(s, ngo, "社区心理支持")
    await db_write(cycle, "UPDATE workers SET status = 'verified'")
    await db_write(cycle, "UPDATE ngos SET status = 'verified'")
    director = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/match")
    await expect(director, opening("en", "queue.match_done"), within=2)
    await director.send("/queue")
    listing = await expect(director, plain("en", "queue.requests_header", requests=2, proposals=2), within=3)
    first, second = listing.buttons  # one page: no paging buttons
    assert "社区心理支持" in first and "手语陪同" in second  # the better proposal's request first
    assert "1 place left" in first and "today" in first
    await director.press(second)
    await director.wait_until(lambda chat: any(m.message_id == listing.message_id and "手语林" in m.text
                                               for m in chat), "the sign-language request's card")
    await director.press(t("en", "queue.buttons.all_requests"))
    await director.wait_until(lambda chat: any(m.message_id == listing.message_id
                                               and opening("en", "queue.requests_header") in m.text for m in chat),
                              "the list again, in the same message")
