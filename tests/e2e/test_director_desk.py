"""The director's desk: a proposal card opens into its request's candidates, any of whom can be
approved for the place; the card is edited in place as the director moves through the queue."""

from __future__ import annotations

from bot.texts import t

from .chat import ACCOUNT, db_write, expect, matching_settled, open_queue, opening, person_id_of, plain
from .conftest import DIRECTORS
from .followups_kit import until
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
    await expect(director, opening("en", "queue.match_done"), within=5)
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
    await expect(director, plain("en", "queue.approved_done", worker="刘敏", ngo="阳光心理服务中心"), within=5)
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
    await expect(director, opening("en", "queue.match_done"), within=5)
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
    told = plain("en", "offer.declined_notice", who="王芳", title="社区心理支持", worker="王芳", ngo="阳光心理服务中心")
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
    await expect(director, plain("en", "verify.verified_done", name="王芳"), within=5)
    following = await expect(director, plain("en", "members.header", position=1, count=5), within=5)
    assert "赵磊" in following.text
    mallory = cycle.user(666, "Mallory", lang="en")
    await mallory.send("/members")
    await expect(mallory, "/members is for the association's directors", within=5)


async def test_find_and_typed_text_open_a_members_card_with_where_they_stand(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    await director.send("/find 王芳")
    found = await expect(director, plain("en", "search.found", count=1, query="王芳"), within=5)
    [button] = found.buttons
    assert button.startswith("👤 王芳")
    await director.press(button)
    card = await expect(director, plain("en", "search.worker_header", name="王芳",
                                        status=t("en", "member_status.verified")), within=5)
    assert "社区心理支持" in card.text and t("en", "placement_status.proposed") in card.text
    await director.send("赵磊的资料")  # typed, in no form: searched
    await expect(director, plain("en", "search.found", count=1, query="赵磊的资料"), within=5)
    await director.send("/find counselling, shizhong")
    listing = await expect(director, plain("en", "search.found", count=5, query="counselling, shizhong"), within=5)
    assert len(listing.buttons) == 5  # the four counsellors and the request, all in Shizhong
    await director.send("/find astrology")
    await expect(director, plain("en", "search.none", query="astrology"), within=5)


async def test_only_directors_can_search_or_open_cards(cycle):
    await four_counsellors_for_one_place(cycle)
    mallory = cycle.user(666, "Mallory", lang="en")
    await mallory.send("/find 王芳")
    await expect(mallory, "/find is for the association's directors", within=5)
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
    await expect(director, opening("en", "queue.match_done"), within=5)
    await director.send("/queue")
    listing = await expect(director, plain("en", "queue.requests_header", requests=2, proposals=2), within=5)
    first, second = listing.buttons  # one page: no paging buttons
    assert first == "1. 社区心理支持" and second == "2. 手语陪同"  # the better proposal's request first
    assert "1. 阳光心理服务中心 · 社区心理支持 — 1 place left · best" in listing.text and "today" in listing.text
    await director.press(second)
    await director.wait_until(lambda chat: any(m.message_id == listing.message_id and "手语林" in m.text
                                               for m in chat), "the sign-language request's card")
    await director.press(t("en", "queue.buttons.all_requests"))
    await director.wait_until(lambda chat: any(m.message_id == listing.message_id
                                               and opening("en", "queue.requests_header") in m.text for m in chat),
                              "the list again, in the same message")


async def approve_first_proposal(cycle, director):
    [proposal] = db(cycle, "SELECT id FROM placements WHERE status = 'proposed'")
    await director.callback_answer(await director.forge_callback(f"q:ok:{proposal['id']}"))
    done = await expect(director, opening("en", "queue.approved_done"), within=5)
    assert t("en", "queue.buttons.undo") in done.buttons
    return proposal["id"], done


async def test_undo_within_the_minute_puts_an_approved_proposal_back_and_withdraws_the_offer_sent(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    placement_id, done = await approve_first_proposal(cycle, director)
    wang, sun = cycle.user(201, "王芳", lang="zh"), cycle.user(301, "孙主任", lang="zh")
    await expect(wang, "社区心理支持")  # the offer went out at once
    await director.press(t("en", "queue.buttons.undo"))
    await director.wait_until(lambda chat: any(m.message_id == done.message_id and "\n\n↩️" in m.text
                                               for m in chat), "the confirmation turned into the undo")
    [row] = db(cycle, "SELECT status, decided_by, offered_at FROM placements WHERE id = ?", placement_id)
    assert (row["status"], row["decided_by"], row["offered_at"]) == ("proposed", None, None)
    for side in (wang, sun):  # whoever was sent the offer is told it is withdrawn
        await expect(side, plain("zh", "offer.withdrawn", title="社区心理支持"), within=5)
    pending = db(cycle, "SELECT count(*) AS n FROM followups WHERE placement_id = ? AND status = 'pending'",
                 placement_id)
    assert pending[0]["n"] == 0  # no reminder, no expiry left
    [audit] = db(cycle, "SELECT old_state, new_state FROM audit_log WHERE action = 'undone'")
    assert (audit["old_state"], audit["new_state"]) == ("offered", "proposed")
    late = await wang.callback_answer(await wang.forge_callback(f"o:acc:{placement_id}"))
    assert late.answer_text != t("zh", "offer.accepted_waiting")
    assert db(cycle, "SELECT status FROM placements WHERE id = ?", placement_id)[0]["status"] == "proposed"


async def test_an_undo_racing_a_second_directors_undo_has_exactly_one_outcome(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    placement_id, done = await approve_first_proposal(cycle, director)
    second = cycle.user(DIRECTORS[1], "Director Ma", lang="en")
    await second.send("/start")
    await second.next_message()
    presses = [await director.forge_callback(f"q:undo:{placement_id}", done.message_id),
               await second.forge_callback(f"q:undo:{placement_id}")]
    answers = [await director.callback_answer(presses[0]), await second.callback_answer(presses[1])]
    refused = [a.answer_text for a in answers if a.answer_text]
    assert refused == [t("en", "queue.undo_already")]
    assert len(db(cycle, "SELECT id FROM audit_log WHERE action = 'undone'")) == 1


async def test_undo_is_refused_once_a_side_has_answered_or_the_minute_has_passed(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    placement_id, done = await approve_first_proposal(cycle, director)
    wang = cycle.user(201, "王芳", lang="zh")
    await expect(wang, "社区心理支持")
    await wang.press(t("zh", "offer.buttons.accept"))
    await expect(wang, plain("zh", "offer.accepted_waiting"))
    answer = await director.callback_answer(await director.forge_callback(f"q:undo:{placement_id}", done.message_id))
    assert answer.answer_text == t("en", "queue.undo_too_late")
    assert db(cycle, "SELECT status FROM placements WHERE id = ?", placement_id)[0]["status"] == "offered"


async def test_a_rejection_is_undone_to_the_open_proposal_with_its_reason_forgotten(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    [proposal] = db(cycle, "SELECT id FROM placements WHERE status = 'proposed'")
    await director.callback_answer(await director.forge_callback(f"q:no:{proposal['id']}"))
    await expect(director, plain("en", "queue.ask_reject_reason"), within=5)
    await director.press(t("en", "queue.reject_reasons.experience"))
    await expect(director, plain("en", "queue.ask_reject_note"))
    await director.press(t("en", "common.buttons.skip"))
    await expect(director, plain("en", "queue.rejected_done"), within=5)
    await director.press(t("en", "queue.buttons.undo"))
    await director.wait_until(lambda chat: any("\n\n↩️" in m.text for m in chat), "the undo")
    await matching_settled(cycle)
    rows = db(cycle, "SELECT id, status, reject_reason FROM placements ORDER BY id")
    assert (rows[0]["id"], rows[0]["status"], rows[0]["reject_reason"]) == (proposal["id"], "proposed", None)
    assert [r["status"] for r in rows[1:]] in ([], ["withdrawn"])  # the place has room for one
    await db_write(cycle, "UPDATE placements SET status = 'rejected', decided_at = '2020-01-01T00:00:00Z'")
    late = await director.callback_answer(await director.forge_callback(f"q:undo:{proposal['id']}"))
    assert late.answer_text == t("en", "queue.undo_too_late")


async def test_a_director_closes_any_ngos_request_and_the_offer_holders_and_the_ngo_are_told(cycle):
    director, request_id = await four_counsellors_for_one_place(cycle)
    await approve_first_proposal(cycle, director)
    wang, sun = cycle.user(201, "王芳", lang="zh"), cycle.user(301, "孙主任", lang="zh")
    await expect(wang, "社区心理支持")
    await director.callback_answer(await director.forge_callback(f"fd:r:{request_id}"))
    card = await expect(director, "📋 ", within=5)
    await director.press(next(d for d in card.callback_data if d == f"rc:close:{request_id}"))
    await expect(director, plain("en", "requests.close_confirm", title="社区心理支持"), within=5)
    await director.press(f"rc:yes:{request_id}")
    await expect(director, plain("en", "requests.closed", title="社区心理支持"), within=5)
    await expect(wang, plain("zh", "offer.withdrawn", title="社区心理支持"), within=5)
    await sun.wait_until(lambda chat: any(plain("zh", "requests.closed_by_association", title="社区心理支持") in m.text
                                          for m in chat), "the NGO director told")
    assert db(cycle, "SELECT status FROM requests WHERE id = ?", request_id)[0]["status"] == "closed"
    [audit] = db(cycle, "SELECT actor, old_state FROM audit_log WHERE action = 'closed'")
    assert (audit["actor"], audit["old_state"]) == (person_id_of(cycle, DIRECTORS[0]), "open")
    again = await director.callback_answer(await director.forge_callback(f"rc:yes:{request_id}"))
    assert again.answer_text is None  # answered with a message, not a pop-up
    already = plain("en", "requests.already_closed", title="社区心理支持")  # notices may come first
    await director.wait_until(lambda chat: any(already in m.text for m in chat), "already closed")
    refused = await wang.callback_answer(await wang.forge_callback(f"rc:yes:{request_id}"))
    assert refused.answer_text == t("zh", "alerts.not_allowed")


async def test_an_ngo_director_can_close_a_filled_request(cycle):
    _, request_id = await four_counsellors_for_one_place(cycle)
    await db_write(cycle, "UPDATE requests SET status = 'filled'")
    sun = cycle.user(301, "孙主任", lang="zh")
    await sun.send("/requests")
    listing = await expect(sun, plain("zh", "requests.header"), within=5)
    assert f"rq:close:{request_id}" in listing.callback_data and f"rq:edit:{request_id}" not in listing.callback_data
    await sun.press(f"rq:close:{request_id}")
    await expect(sun, plain("zh", "requests.close_confirm", title="社区心理支持"), within=5)
    await sun.press(f"rq:yes:{request_id}")
    await expect(sun, plain("zh", "requests.closed", title="社区心理支持"), within=5)
    assert db(cycle, "SELECT status FROM requests WHERE id = ?", request_id)[0]["status"] == "closed"


async def test_an_internal_note_shows_on_the_card_for_directors_and_never_reaches_the_member(cycle):
    from .test_datatools_chat import file_bytes

    director, _ = await four_counsellors_for_one_place(cycle)
    [wang_row] = db(cycle, f"SELECT id FROM workers WHERE person_id = {ACCOUNT}", 201)
    await director.callback_answer(await director.forge_callback(f"fd:w:{wang_row['id']}"))
    card = await expect(director, "👤 ", within=5)
    await director.press(f"fn:w:{wang_row['id']}")
    await expect(director, plain("en", "notes.ask", name="王芳"), within=5)
    await director.send("面谈时很紧张，下次安排老社工陪同")
    await expect(director, plain("en", "notes.saved", name="王芳"), within=5)
    await director.callback_answer(await director.forge_callback(f"fd:w:{wang_row['id']}", card.message_id))
    again = await expect(director, "👤 ", within=5)
    assert "面谈时很紧张" in again.text and plain("en", "notes.header") in again.text
    wang = cycle.user(201, "王芳", lang="zh")
    await wang.send("/mydata")
    sent = await expect(wang, "", within=5)
    assert "面谈时很紧张" not in file_bytes(cycle, sent.document).decode("utf-8")
    assert not any("面谈时很紧张" in m.text for m in wang.transcript())
    refused = await wang.callback_answer(await wang.forge_callback(f"fn:w:{wang_row['id']}"))
    assert refused.answer_text == t("zh", "alerts.not_allowed")


async def test_a_director_edits_a_members_profile_on_their_behalf_and_the_member_is_told(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    [wang_row] = db(cycle, f"SELECT id FROM workers WHERE person_id = {ACCOUNT}", 201)
    await director.callback_answer(await director.forge_callback(f"fe:w:{wang_row['id']}"))
    await expect(director, plain("en", "member_edit.summary_header").split("\n")[0], within=5)
    await director.press(t("en", "common.buttons.edit_field", label=t("en", "labels.hours_per_week")))
    await expect(director, plain("en", "worker_form.ask_hours").split("\n")[0], within=5)
    await director.send("12")
    await expect(director, plain("en", "member_edit.summary_header").split("\n")[0], within=5)
    await director.press(t("en", "common.buttons.submit"))
    await expect(director, opening("en", "member_edit.saved"), within=5)
    [row] = db(cycle, "SELECT hours_per_week, status FROM workers WHERE id = ?", wang_row["id"])
    assert (row["hours_per_week"], row["status"]) == (12, "verified")  # the status is kept
    [audit] = db(cycle, "SELECT actor, detail FROM audit_log WHERE action = 'edited_by_director'")
    assert (audit["actor"], audit["detail"]) == (person_id_of(cycle, DIRECTORS[0]), "hours_per_week")
    wang = cycle.user(201, "王芳", lang="zh")
    await expect(wang, plain("zh", "member_edit.told", fields=t("zh", "labels.hours_per_week")), within=5)
    refused = await wang.callback_answer(await wang.forge_callback(f"fe:w:{wang_row['id']}"))
    assert refused.answer_text == t("zh", "alerts.not_allowed")


async def test_ending_a_placement_can_be_undone_within_the_minute(cycle):
    director, request_id = await four_counsellors_for_one_place(cycle)
    placement_id, _ = await approve_first_proposal(cycle, director)
    wang, sun = cycle.user(201, "王芳", lang="zh"), cycle.user(301, "孙主任", lang="zh")
    for side in (wang, sun):
        await expect(side, "社区心理支持", within=5)
        await side.press(t("zh", "offer.buttons.accept"))
    await until(lambda: db(cycle, "SELECT status FROM placements WHERE id = ?", placement_id)[0]["status"] == "active",
                "the placement to start")
    checkins = "SELECT count(*) AS n FROM followups WHERE placement_id = ? AND kind = 'checkin' AND status = 'pending'"
    scheduled = db(cycle, checkins, placement_id)[0]["n"]
    assert scheduled > 0
    await director.callback_answer(await director.forge_callback(f"pl:end:{placement_id}"))
    await expect(director, plain("en", "placement.ask_end", title="社区心理支持").split("\n")[0], within=5)
    await director.press(t("en", "placement.buttons.cancelled"))
    await expect(director, plain("en", "placement.ask_end_reason").split("\n")[0], within=5)
    await director.press(t("en", "common.buttons.skip"))
    ended = await expect(director, opening("en", "placement.ended"), within=5)
    assert db(cycle, "SELECT status FROM requests WHERE id = ?", request_id)[0]["status"] == "open"
    await director.press(next(d for d in ended.callback_data if d == f"pl:undo:{placement_id}"))
    await director.wait_until(lambda chat: any(m.message_id == ended.message_id and "\n\n↩️" in m.text
                                               for m in chat), "the end undone")
    assert db(cycle, "SELECT status FROM placements WHERE id = ?", placement_id)[0]["status"] == "active"
    assert db(cycle, "SELECT status FROM requests WHERE id = ?", request_id)[0]["status"] == "filled"
    assert db(cycle, checkins, placement_id)[0]["n"] == scheduled  # the check-ins are due again
    await matching_settled(cycle)
    assert not db(cycle, "SELECT id FROM placements WHERE status = 'proposed'")  # no replacement left waiting
    again = await director.callback_answer(await director.forge_callback(f"pl:undo:{placement_id}"))
    assert again.answer_text == t("en", "queue.undo_already")


async def test_a_director_proposes_someone_outside_the_candidates_by_name(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    s = cycle.application.bot_data["services"]
    sun_qiang = await add_worker(s, 209, "孙强", skills=["sign_language_interpreting"])
    await db_write(cycle, "UPDATE workers SET status = 'verified'")
    await open_candidates(director)
    await director.press(t("en", "queue.buttons.by_name"))
    await expect(director, plain("en", "queue.ask_by_name", title="社区心理支持").split("?")[0], within=5)
    await director.send("孙")
    found = await expect(director, plain("en", "queue.by_hand_found", name="孙"), within=5)
    assert found.buttons == ("孙强",)
    await director.press("孙强")
    await expect(director, plain("en", "queue.approved_done", worker="孙强", ngo="阳光心理服务中心"), within=5)
    [row] = db(cycle, "SELECT status, score, reasons FROM placements WHERE worker_id = ?", sun_qiang)
    assert row["status"] == "offered" and row["score"] == 0 and "by hand" in row["reasons"]
    await director.send("/queue")  # nothing for that place any more
    await expect(director, plain("en", "queue.empty"), within=5)


async def test_a_director_pauses_and_resumes_matching_for_a_request_and_edits_it_for_the_ngo(cycle):
    director, request_id = await four_counsellors_for_one_place(cycle)
    sun = cycle.user(301, "孙主任", lang="zh")
    await director.callback_answer(await director.forge_callback(f"rd:pause:{request_id}"))
    await expect(director, plain("en", "request_desk.paused", title="社区心理支持"), within=5)
    await matching_settled(cycle)
    assert not db(cycle, "SELECT id FROM placements WHERE status = 'proposed'")  # withdrawn while paused
    await sun.wait_until(lambda chat: any(plain("zh", "request_desk.paused_notice", title="社区心理支持") in m.text
                                          for m in chat), "the NGO told of the pause")
    again = await director.callback_answer(await director.forge_callback(f"rd:pause:{request_id}"))
    assert again.answer_text == t("en", "alerts.old_button")
    await director.callback_answer(await director.forge_callback(f"rd:resume:{request_id}"))
    await expect(director, plain("en", "request_desk.resumed", title="社区心理支持"), within=5)
    await matching_settled(cycle)
    assert len(db(cycle, "SELECT id FROM placements WHERE status = 'proposed'")) == 1  # matched again

    await director.callback_answer(await director.forge_callback(f"rd:edit:{request_id}"))
    await expect(director, plain("en", "member_edit.summary_header").split("\n")[0], within=5)
    await director.press(t("en", "common.buttons.edit_field", label=t("en", "labels.hours_per_week")))
    await director.send("9")
    await expect(director, plain("en", "member_edit.summary_header").split("\n")[0], within=5)
    await director.press(t("en", "common.buttons.submit"))
    await expect(director, opening("en", "request_desk.edited"), within=5)
    assert db(cycle, "SELECT hours_per_week FROM requests WHERE id = ?", request_id)[0]["hours_per_week"] == 9
    await sun.wait_until(lambda chat: any(opening("zh", "request_desk.edited_notice") in m.text for m in chat),
                         "the NGO told of the edit")
    refused = await sun.callback_answer(await sun.forge_callback(f"rd:pause:{request_id}"))
    assert refused.answer_text == t("zh", "alerts.not_allowed")


async def test_a_members_card_pauses_a_worker_until_a_date_through_pause(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    [zhao] = db(cycle, f"SELECT id FROM workers WHERE person_id = {ACCOUNT}", 202)
    await director.callback_answer(await director.forge_callback(f"fd:w:{zhao['id']}"))
    card = await expect(director, "👤 ", within=5)
    pause = f"ps:pause:w:{zhao['id']}:-"
    assert pause in card.callback_data
    await director.press(pause)
    await expect(director, plain("en", "pause.ask_until_member", name="赵磊", example="").split(",")[0][:20], within=5)
    await director.press(t("en", "common.buttons.skip"))
    await until(lambda: db(cycle, "SELECT status FROM workers WHERE id = ?", zhao["id"])[0]["status"] == "paused",
                "赵磊 paused")
