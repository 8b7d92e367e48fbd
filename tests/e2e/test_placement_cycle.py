"""The whole placement cycle from chat: verify, match, approve, accept, contacts, decline, end.

Two NGOs, three social workers, two association directors, all through the emulator and the
real Application; the database is checked after each step.
"""

from __future__ import annotations

import sqlite3

from bot.texts import t

from .chat import expect, matching_settled, open_queue, opening, plain
from .driver import Sandbox
from .seeding import add_ngo, add_request, add_worker


def db(sandbox: Sandbox, sql: str, *params) -> list[sqlite3.Row]:
    path = sandbox.application.bot_data["services"].settings.database.path
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, params).fetchall()


def services(sandbox: Sandbox):
    return sandbox.application.bot_data["services"]


async def seeded(sandbox: Sandbox) -> dict[str, int]:
    """Three workers and two NGOs, pending; one counselling request and one elderly-care request."""
    s = services(sandbox)
    ids = {
        "wang": await add_worker(s, 201, "王芳", username="wangfang"),
        "zhao": await add_worker(s, 202, "赵磊", certification="assistant", years_experience=1),
        "liu": await add_worker(s, 203, "刘敏", district="lixia", skills=["elderly_care"],
                                skills_text="养老服务", fields=["elderly_services"]),
        "sun": await add_ngo(s, 301, "阳光心理服务中心", username="sunshine_ngo"),
        "he": await add_ngo(s, 302, "和美助老服务社", district="lixia", fields=["elderly_services"]),
    }
    ids["counselling"] = await add_request(s, ids["sun"], "社区心理支持")
    ids["elderly"] = await add_request(s, ids["he"], "周末助老活动", district="lixia", skills=["elderly_care"],
                                       skills_text="养老服务", field="elderly_services")
    return ids


async def verify_everyone(director, count: int) -> None:
    """/queue counts the members waiting; /members shows them one card at a time, and verifying
    one brings the next."""
    await director.send("/queue")
    await expect(director, plain("en", "queue.summary", members=count, proposals=0))
    await director.send("/members")
    card = await expect(director, plain("en", "members.header", position=1, count=count))
    # the director reads about the member, not "Your profile"
    assert opening("en", "profile.worker_header") not in card.text
    assert opening("en", "profile.ngo_header") not in card.text
    for left in range(count - 1, -1, -1):
        verify_data = next(d for d in card.callback_data if d and d.startswith("v:ok:"))
        await director.press(verify_data)
        await expect(director, "verified", within=2)
        if left:
            card = await expect(director, plain("en", "members.header", position=1, count=left))


async def test_the_whole_cycle_from_verification_to_an_ended_placement(cycle):
    ids = await seeded(cycle)
    director, other_director = cycle.user(9001, "Director Chen", lang="en"), cycle.user(9002, "Director Ma")
    wang = cycle.user(201, "王芳", lang="zh", username="wangfang")
    zhao, liu = cycle.user(202, "赵磊", lang="zh"), cycle.user(203, "刘敏", lang="zh")
    sun, he = cycle.user(301, "孙主任", lang="zh", username="sunshine_ngo"), cycle.user(302, "何主任", lang="zh")

    # People have ids of their own, none their Telegram id: the flows below reach every chat
    # through the accounts (offers, contacts, notices to the directors).
    person = {r["external_id"]: r["person_id"] for r in db(cycle, "SELECT external_id, person_id FROM accounts")}
    assert set(person) == {9001, 9002, 201, 202, 203, 301, 302}
    assert not set(person) & set(person.values())
    assert db(cycle, "SELECT person_id FROM workers WHERE id = ?", ids["wang"])[0][0] == person[201]

    await verify_everyone(director, 5)
    assert {r["status"] for r in db(cycle, "SELECT status FROM workers UNION SELECT status FROM ngos")} == {"verified"}
    await expect(wang, plain("zh", "verify.member_verified_worker"))
    await matching_settled(cycle)
    proposals = db(cycle, "SELECT * FROM placements WHERE status = 'proposed' ORDER BY request_id")
    assert [(p["request_id"], p["worker_id"]) for p in proposals] == [
        (ids["counselling"], ids["wang"]), (ids["elderly"], ids["liu"])]

    # Approve the counselling proposal: offers go to 王芳 and to the NGO director.
    card = await open_queue(director, plain("en", "queue.reasons_header"))
    assert "王芳" in card.text and "社区心理支持" in card.text
    await director.press(f"q:ok:{proposals[0]['id']}")
    await expect(director, "Approved", within=2)
    assert db(cycle, "SELECT decided_by FROM placements WHERE id = ?", proposals[0]["id"])[0][0] == person[9001]
    offer = await expect(wang, "社区心理支持")
    assert "o:acc:" in offer.callback_data[0]
    await expect(sun, "王芳")
    await sun.send("/requests")  # the NGO director sees where the request stands
    listing = await expect(sun, plain("zh", "requests.header"))
    assert plain("zh", "requests.stage.offer_out") in listing.text

    # A second director pressing Approve on the decided card is told who decided and when.
    press = await other_director.forge_callback(f"q:ok:{proposals[0]['id']}")
    answer = await other_director.callback_answer(press)
    assert answer.answer_text.startswith("Already decided by Director Chen")

    # Someone else pressing 王芳's Accept is refused.
    forged = await zhao.forge_callback(f"o:acc:{proposals[0]['id']}")
    assert (await zhao.callback_answer(forged)).answer_text == t("zh", "alerts.not_allowed")

    # Both accept: active, and only the two sides see each other's contacts.
    await wang.press(t("zh", "offer.buttons.accept"))
    await expect(wang, plain("zh", "offer.accepted_waiting"))
    await sun.press(t("zh", "offer.buttons.accept"))
    contacts_for_ngo = await expect(sun, "+86 139 1234 0000")
    assert "@wangfang" in contacts_for_ngo.text
    contacts_for_worker = await expect(wang, "+86 531 8888 6666")
    assert "@sunshine_ngo" in contacts_for_worker.text
    verification_cards = (plain("en", "verify.worker_header"), plain("en", "verify.ngo_header"))
    for outsider in (zhao, liu, he, director):  # the director saw phones only on the cards to verify
        assert not any("8888 6666" in m.text or "1234 0000" in m.text for m in outsider.transcript()
                       if not any(header in m.text for header in verification_cards))
    assert db(cycle, "SELECT status FROM placements WHERE id = ?", proposals[0]["id"])[0]["status"] == "active"
    assert db(cycle, "SELECT status FROM requests WHERE id = ?", ids["counselling"])[0]["status"] == "filled"
    await sun.send("/requests")
    assert plain("zh", "requests.stage.filled") in (await expect(sun, plain("zh", "requests.header"))).text
    await wang.send("/status")  # and the social worker sees theirs
    status = await expect(wang, plain("zh", "status.worker_header"))
    assert "社区心理支持" in status.text and t("zh", "placement_status.active") in status.text

    # The elderly-care proposal: approved, then the worker declines; the director is told.
    await director.press(f"q:ok:{proposals[1]['id']}")
    await expect(liu, "周末助老活动")
    await liu.press(t("zh", "offer.buttons.decline"))
    await expect(liu, plain("zh", "offer.declined_ack"))
    await expect(he, plain("zh", "offer.other_declined", title="周末助老活动"), within=3)  # the other side
    await expect(director, plain("en", "offer.declined_notice", who="刘敏", title="周末助老活动",
                                 worker="刘敏", ngo="和美助老服务社"), within=8)  # who, what, for whom
    assert db(cycle, "SELECT status FROM placements WHERE id = ?", proposals[1]["id"])[0]["status"] == "declined"

    # The NGO director ends the active placement: 王芳's place is free again.
    await sun.send("/placements")
    await expect(sun, plain("zh", "placements.header"))
    await sun.press(f"pl:end:{proposals[0]['id']}")
    await expect(sun, plain("zh", "placement.ask_end", title="社区心理支持"))
    await sun.press(t("zh", "placement.buttons.completed"))
    await expect(sun, plain("zh", "placement.ask_end_reason"))
    await sun.send("三个月的小组顺利结束")
    await expect(sun, plain("zh", "placement.ended", title="社区心理支持",
                            outcome=t("zh", "placement.buttons.completed")))
    await expect(wang, plain("zh", "placement.ended_notice", title="社区心理支持",
                             outcome=t("zh", "placement.buttons.completed")))
    ended = db(cycle, "SELECT * FROM placements WHERE id = ?", proposals[0]["id"])[0]
    assert ended["status"] == "completed" and ended["end_reason"] == "三个月的小组顺利结束"

    decisions = db(cycle, "SELECT action, count(*) AS n FROM audit_log WHERE entity = 'placement' "
                          "AND action IN ('approved', 'accepted', 'declined', 'ended') GROUP BY action")
    assert {r["action"]: r["n"] for r in decisions} == {"approved": 2, "accepted": 2, "declined": 1, "ended": 1}
