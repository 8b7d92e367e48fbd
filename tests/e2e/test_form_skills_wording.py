"""The skills a member typed, read back in the member's language first, without the matcher's
confidence (that is for association directors)."""

from __future__ import annotations

from .chat import answer, plain, worker_profile_to_skills


async def test_an_english_speaker_reads_the_english_name_first_and_no_percentage(sandbox):
    tom = sandbox.user(601, "Tom", lang="en")
    await worker_profile_to_skills(tom)
    shown = await answer(tom, "counselling, elderly care", plain("en", "skills.understood"))
    assert "• Psychological counselling · 心理咨询" in shown.text
    assert "%" not in shown.text
