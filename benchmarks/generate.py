"""Realistic random instances for the matching benchmark (seeded, so every run is the same).

Skill text is drawn from the vocabulary's own written forms in both languages, several per
line, with typos in some and niche free text in others, as people really write them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from matching import Request, Worker, entries

FREE_TEXT = [
    "sand tray therapy", "沙盘游戏", "art therapy", "绘本阅读", "horticultural therapy", "园艺疗愈",
    "ukulele", "尤克里里", "tai chi", "太极拳", "chess club", "象棋", "knitting", "剪辑短视频",
    "直播带货", "legal document drafting", "pet therapy", "storytelling", "讲故事", "茶艺",
    "flower arranging", "插花", "baking", "烘焙", "photography walks", "reading club",
]  # fmt: skip
DISTRICT_WEIGHTS = {
    "lixia": 14, "shizhong": 12, "huaiyin": 9, "tianqiao": 9, "licheng": 14, "changqing": 5,
    "zhangqiu": 7, "jiyang": 4, "laiwu": 6, "gangcheng": 2, "pingyin": 3, "shanghe": 3,
    "high_tech_zone": 8, "start_up_area": 2, "southern_mountains": 2,
}  # fmt: skip
LEVELS = ("none", "assistant", "social_worker", "senior")


def _forms(kind: str) -> list[list[str]]:
    return [[term.en, term.zh, *term.synonyms] for term in entries(kind)]


class _Writer:
    """Writes skill, field, district and language text the way people type it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.skills, self.fields = _forms("skill"), _forms("field")
        self.districts = {term.id: [term.en, term.zh, *term.synonyms] for term in entries("district")}
        self.languages = {term.id: [term.en, term.zh, *term.synonyms] for term in entries("language")}

    def typo(self, text: str) -> str:
        if len(text) < 5:
            return text
        i = self.rng.randrange(1, len(text) - 1)
        kind = self.rng.random()
        if kind < 0.4:
            return text[:i] + text[i + 1 :]
        if kind < 0.7:
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        return text[:i] + text[i] + text[i:]

    def term(self, forms: list[list[str]]) -> str:
        roll = self.rng.random()
        if roll < 0.06:
            return self.rng.choice(FREE_TEXT)
        text = self.rng.choice(self.rng.choice(forms))
        return self.typo(text) if roll < 0.14 else text

    def skill_lines(self, count: int) -> tuple[str, ...]:
        items = [self.term(self.skills) for _ in range(count)]
        if count > 1 and self.rng.random() < 0.3:  # everything on one line
            return (self.rng.choice(["、", ", ", "，", "; "]).join(items),)
        return tuple(items)

    def district(self) -> str:
        district = self.rng.choices(list(DISTRICT_WEIGHTS), weights=list(DISTRICT_WEIGHTS.values()))[0]
        return self.rng.choice(self.districts[district])

    def language(self, language: str) -> str:
        return self.rng.choice(self.languages[language])


def workers(count: int, seed: int = 1) -> list[Worker]:
    """``count`` social workers."""
    rng = random.Random(seed)
    write = _Writer(rng)
    result = []
    for i in range(count):
        languages = [write.language("mandarin")]
        for language, share in (("jinan_dialect", 0.3), ("english", 0.08), ("sign_language", 0.02)):
            if rng.random() < share:
                languages.append(write.language(language))
        result.append(
            Worker(
                id=f"w{i}",
                name=f"worker {i}",
                skills=write.skill_lines(rng.randint(1, 4)),
                fields=tuple(write.term(write.fields) for _ in range(rng.randint(0, 2))),
                district=write.district(),
                languages=tuple(languages),
                hours_per_week=rng.choice([4, 6, 8, 10, 12, 16, 20, 30, 40]),
                certification=rng.choices(LEVELS, weights=[30, 35, 25, 10])[0],
                max_placements=rng.randint(1, 3),
                remote_ok=rng.random() < 0.3,
                years_experience=rng.randint(0, 20),
                live_placements=rng.choice([0, 0, 0, 1]),
            )
        )
    return result


def requests(count: int, seed: int = 2) -> list[Request]:
    """``count`` NGO talent requests, headcount 1-3."""
    rng = random.Random(seed)
    write = _Writer(rng)
    result = []
    for i in range(count):
        result.append(
            Request(
                id=f"r{i}",
                ngo_id=f"n{i // 3}",
                skills=write.skill_lines(rng.randint(1, 4)),
                field=write.term(write.fields),
                district=write.district(),
                remote_ok=rng.random() < 0.25,
                hours_per_week=rng.choice([4, 6, 8, 10, 12, 16]),
                headcount=rng.randint(1, 3),
                min_certification=rng.choices(LEVELS, weights=[40, 40, 15, 5])[0],
                languages=_request_languages(rng, write),
            )
        )
    return result


def _request_languages(rng: random.Random, write: _Writer) -> tuple[str, ...]:
    roll = rng.random()
    wanted: Sequence[str] = ()
    if roll < 0.45:
        wanted = ("mandarin",)
    elif roll < 0.55:
        wanted = ("mandarin", "jinan_dialect")
    elif roll < 0.58:
        wanted = ("sign_language",)
    elif roll < 0.60:
        wanted = ("english",)
    return tuple(write.language(language) for language in wanted)
