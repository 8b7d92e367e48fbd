"""Skills read back for confirmation: the person's language first, the confidence for directors."""

from __future__ import annotations

from bot.forms.skills import confirmation
from bot.store.drafts import Draft

UNDERSTOOD = {"text": "counselling", "items": [
    {"id": "psychological_counselling", "source": "counselling", "confidence": 98,
     "en": "Psychological counselling", "zh": "心理咨询"}]}
DRAFT = Draft(1, "worker", None)


def test_a_chinese_speaker_reads_chinese_first_and_a_director_also_sees_the_confidence():
    assert "• 心理咨询 · Psychological counselling\n" in confirmation(UNDERSTOOD, DRAFT, "zh", 80).text
    assert "%" not in confirmation(UNDERSTOOD, DRAFT, "zh", 80).text
    assert "（把握 98%）" in confirmation(UNDERSTOOD, DRAFT, "zh", 80, show_confidence=True).text
