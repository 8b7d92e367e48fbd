"""A social worker builds a profile in chat, in Chinese and in English, and it is stored."""

from bot.texts import t

from .chat import ACCOUNT, answer, choose, db_rows, draft_answers, expect, plain, tick


def stored_worker(sandbox, telegram_id: int):
    [row] = db_rows(sandbox, f"SELECT * FROM workers WHERE person_id = {ACCOUNT}", telegram_id)
    return row


async def test_a_social_worker_completes_a_profile_in_chinese(sandbox):
    wang = sandbox.user(201, "王芳", lang="zh-hans", phone="+8613912345678")
    await wang.send("/start")
    await expect(wang, plain("zh", "start.ask_role"))
    step1 = await choose(wang, "社工", plain("zh", "worker_form.ask_name"), within=3)
    assert plain("zh", "common.step", n=1, total=12) in step1.text
    phone = await answer(wang, "王芳", plain("zh", "worker_form.ask_phone"))
    assert phone.reply_buttons[0] == t("zh", "common.buttons.share_contact")
    await wang.send_contact()
    await expect(wang, plain("zh", "worker_form.ask_district"), within=2)
    await choose(wang, "市中区", plain("zh", "worker_form.ask_skills"))
    confirm = await answer(wang, "心理咨询、个案工作，老年人照护", plain("zh", "skills.understood"))
    assert "心理咨询" in confirm.text
    await choose(wang, t("zh", "skills.buttons.yes"), plain("zh", "worker_form.ask_fields"))
    await tick(wang, "为老服务", "zh")
    await tick(wang, "心理健康", "zh")
    await choose(wang, t("zh", "common.buttons.done"), plain("zh", "worker_form.ask_languages"))
    await tick(wang, "普通话", "zh")
    await choose(wang, t("zh", "common.buttons.done"), plain("zh", "worker_form.ask_certification"))
    await choose(wang, "社会工作师", plain("zh", "worker_form.ask_years"))
    await answer(wang, "五", plain("zh", "worker_form.ask_hours"))
    await answer(wang, "每周20小时", plain("zh", "worker_form.ask_max_placements"))
    await answer(wang, "2", plain("zh", "worker_form.ask_remote"))
    await choose(wang, "是", plain("zh", "worker_form.ask_introduction"))
    introduction = "做了五年社区社工，擅长老年人个案。"
    summary = await answer(wang, introduction, plain("zh", "worker_form.summary_header"))
    assert "王芳" in summary.text and "市中区" in summary.text
    assert "手机号：+86 139 1234 5678" in summary.text  # spaced for reading, stored as E.164
    await choose(wang, t("zh", "common.buttons.submit"), plain("zh", "worker_form.submitted"))

    row = stored_worker(sandbox, 201)
    assert row["status"] == "pending"
    assert row["name"] == "王芳" and row["phone"] == "+8613912345678"
    assert row["district"] == "shizhong" and row["certification"] == "social_worker"
    assert row["years_experience"] == 5 and row["hours_per_week"] == 20
    assert row["max_placements"] == 2 and row["remote_ok"] == 1
    assert "psychological_counselling" in row["skills"]


async def test_a_social_worker_completes_a_profile_in_english_typing_everything(sandbox):
    tom = sandbox.user(202, "Tom", lang="en")
    await tom.send("/start")
    await expect(tom, "Which of these describes you?")
    await choose(tom, "Social worker", plain("en", "worker_form.ask_name"), within=3)
    await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"))
    await answer(tom, "139-1234-5679", plain("en", "worker_form.ask_district"), within=2)
    await answer(tom, "Lixia district", plain("en", "worker_form.ask_skills"))
    await answer(tom, "counseling, grant writting and project management", plain("en", "skills.understood"))
    await choose(tom, t("en", "skills.buttons.yes"), plain("en", "worker_form.ask_fields"))
    await tick(tom, "Youth")
    await choose(tom, t("en", "common.buttons.done"), plain("en", "worker_form.ask_languages"))
    await tick(tom, "English")
    await choose(tom, t("en", "common.buttons.done"), plain("en", "worker_form.ask_certification"))
    await answer(tom, "assistant social worker", plain("en", "worker_form.ask_years"))
    await answer(tom, "3 years", plain("en", "worker_form.ask_hours"))
    await answer(tom, "7.5", plain("en", "worker_form.ask_max_placements"))
    await answer(tom, "1", plain("en", "worker_form.ask_remote"))
    await answer(tom, "no", plain("en", "worker_form.ask_introduction"))
    await choose(tom, t("en", "common.buttons.skip"), plain("en", "worker_form.summary_header"))
    await choose(tom, t("en", "common.buttons.submit"), plain("en", "worker_form.submitted"))

    row = stored_worker(sandbox, 202)
    assert row["district"] == "lixia" and row["certification"] == "assistant"
    assert row["hours_per_week"] == 7.5 and row["remote_ok"] == 0 and row["introduction"] == ""
    for skill in ("psychological_counselling", "fundraising", "project_management"):
        assert skill in row["skills"]


async def test_a_typed_district_is_echoed_and_one_misread_skill_is_refused_without_retyping(sandbox):
    from .chat import worker_profile_to_district

    tom = sandbox.user(203, "Tom", lang="en")
    await worker_profile_to_district(tom)
    skills_question = await answer(tom, "lixia dist.", plain("en", "worker_form.ask_skills"))
    assert plain("en", "common.understood_choice", label="Lixia") in skills_question.text
    confirm = await answer(tom, "counselling, carving, fundraising", plain("en", "skills.understood"))
    [not_fundraising] = [b for b in confirm.buttons if b.startswith("✗ Grant applications")]
    await tom.press(not_fundraising)
    kept = plain("en", "skills.kept_as_text", text="fundraising")
    await tom.wait_until(lambda chat: any(kept in m.text for m in chat if m.from_bot),
                         "fundraising kept as typed")
    drop_carving = t("en", "skills.buttons.drop", label="carving")
    await tom.press(drop_carving)
    await tom.wait_until(
        lambda chat: any(m.from_bot and kept in m.text and "carving" not in m.text for m in chat),
        "carving dropped")
    await choose(tom, t("en", "skills.buttons.yes"), plain("en", "worker_form.ask_fields"))
    stored = draft_answers(sandbox, 203)["skills"]
    assert stored["ids"] == ["psychological_counselling"] and stored["free"] == ["fundraising"]
