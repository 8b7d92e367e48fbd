"""A seeded evaluation set for match quality: messy bilingual text with a known right answer.

Every case is one request and the worker it was written for (``intended``: every requested
skill, the request's field, same district, enough hours), written the way people type:
traditional characters, a pinyin slip, an English typo, British spelling, words reordered,
filler words, Chinese run together, or a district spelt with tones, a former name or a city
prefix. Around them stand the distractors a matcher must see through: a worker with a
look-alike skill that means something else, a worker with one of the skills, a worker with
every skill in another district. The true ids of every text are kept, so an evaluation can
say whether a placement is relevant whatever the matcher made of the text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import opencc
from pypinyin import lazy_pinyin

from matching import Request, Worker, entries

_CJK = re.compile(r"[\u4e00-\u9fa5]")
VARIATIONS = (
    "clean", "traditional", "homophone", "typo", "british", "word_order", "filler", "run_on", "district",
    "mixed",
)  # fmt: skip
# A look-alike for a skill: text a character distance takes for it, that means something else.
LOOK_ALIKES = {
    "elderly_care": "elderly carving", "legal_education": "regal aid", "massage": "message",
    "cooking": "coding", "group_work": "group chat", "paper_cutting": "兼职",
    "general_social_work": "social networking", "community_corrections": "社区教育",
    "case_work": "case law", "fundraising": "fun raising games", "first_aid": "first draft editing",
    "psychological_counselling": "physiological checks", "calligraphy": "calligraphy pens sales",
}  # fmt: skip
FORMER_NAMES = {
    "licheng": "历城县", "changqing": "长清县", "zhangqiu": "章丘市", "jiyang": "济阳县", "laiwu": "莱芜市莱城区",
}  # fmt: skip
TONES = {
    "lixia": "Lìxià Qū", "shizhong": "Shìzhōng Qū", "huaiyin": "Huáiyīn", "tianqiao": "Tiānqiáo Qū",
    "licheng": "Lìchéng", "changqing": "Chángqīng Qū", "zhangqiu": "Zhāngqiū", "jiyang": "Jìyáng Qū",
}  # fmt: skip
BRITISH = ((r"counseling", "counselling"), (r"ization", "isation"), (r"izing", "ising"), (r"program\b", "programme"))
FILLERS_ZH = ("擅长{}", "熟悉{}", "有3年{}经验", "做过{}")
FILLERS_EN = ("experienced in {}", "good at {}", "{} experience", "3 years of {}")


@dataclass
class Case:
    """One request, the worker written for it, and the true ids behind every text."""

    request: Request
    intended: str | None  # None: nobody in the district has the skills
    variation: str
    truth: dict[str, tuple[frozenset[str], str]] = field(default_factory=dict)  # id -> (skills, district)


@dataclass
class QualitySet:
    workers: list[Worker]
    cases: list[Case]


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.to_traditional = opencc.OpenCC("s2t")
        self.skills = {term.id: term for term in entries("skill")}
        self.homophones = _homophone_table(
            {char for term in entries("skill") for form in term.forms for char in form}
        )

    def skill(self, skill_id: str, variation: str) -> str:
        term = self.skills[skill_id]
        chinese = self.rng.random() < 0.5
        text = self.rng.choice([form for form in term.forms[1:] if bool(_CJK.search(form)) == chinese] or [term.en])
        if variation == "mixed":  # two slips at once, as on a phone in a hurry
            if chinese:
                return self.to_traditional.convert(self.rng.choice(FILLERS_ZH).format(self._slip(term.zh)))
            reordered = " ".join(reversed(_british(text.lower()).split()))
            return _typo(self.rng.choice(FILLERS_EN).format(reordered), self.rng)
        if variation == "traditional":
            return self.to_traditional.convert(term.zh)
        if variation == "homophone":
            return self._slip(term.zh)
        if variation == "typo":
            return _typo(text if not chinese else term.en, self.rng)
        if variation == "british":
            return _british(term.en.lower())
        if variation == "word_order" and " " in term.en:
            return " ".join(reversed(term.en.lower().split()))
        if variation == "filler":
            return self.rng.choice(FILLERS_ZH if chinese else FILLERS_EN).format(text)
        return text

    def skills_line(self, skill_ids: list[str], variation: str) -> tuple[str, ...]:
        if variation == "run_on":
            return ("".join(self.skills[s].zh for s in skill_ids),)
        return tuple(self.skill(s, variation) for s in skill_ids)

    def district(self, district_id: str, variation: str) -> str:
        term = next(t for t in entries("district") if t.id == district_id)
        if variation != "district":
            return self.rng.choice((term.zh, term.en))
        written = [f"济南市{term.zh}", self.to_traditional.convert(term.zh), term.en.replace(" District", "")]
        written += [w for w in (FORMER_NAMES.get(district_id), TONES.get(district_id)) if w]
        return self.rng.choice(written)

    def _slip(self, chinese: str) -> str:
        """One character swapped for a homophone, as a pinyin input method lets slip."""
        spots = [i for i, char in enumerate(chinese) if self.homophones.get(char)]
        if not spots:
            return chinese
        i = self.rng.choice(spots)
        return chinese[:i] + self.rng.choice(self.homophones[chinese[i]]) + chinese[i + 1 :]


def _homophone_table(chars: set[str]) -> dict[str, list[str]]:
    by_sound: dict[str, list[str]] = {}
    for code in range(0x4E00, 0x9FA6):
        by_sound.setdefault(lazy_pinyin(chr(code))[0], []).append(chr(code))
    return {
        char: [other for other in by_sound.get(lazy_pinyin(char)[0], []) if other != char][:8]
        for char in chars
        if re.match(r"[\u4e00-\u9fa5]", char)
    }


def _typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word, at = words[i], rng.randrange(1, len(words[i]) - 1)
    how = rng.choice(("drop", "swap", "double"))
    if how == "drop":
        word = word[:at] + word[at + 1 :]
    elif how == "swap":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        word = word[:at] + word[at] + word[at:]
    words[i] = word
    return " ".join(words)


def _british(text: str) -> str:
    for american, british in BRITISH:
        text = re.sub(american, british, text)
    return text


def build(cases: int = 600, seed: int = 20261201, crowd_per_case: int = 4) -> QualitySet:
    """``cases`` requests with their intended workers and distractors (2 to 4 workers each),
    among a crowd of ``crowd_per_case`` other workers per request."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    skill_ids = list(writer.skills)
    districts = [t.id for t in entries("district")]
    fields = [t.id for t in entries("field")]
    workers: list[Worker] = []
    built: list[Case] = []
    for n in range(cases):
        variation = VARIATIONS[n % len(VARIATIONS)]
        wanted = rng.sample(skill_ids, rng.choice((1, 2, 2, 3)))
        district, elsewhere = rng.sample(districts, 2)
        field_id = rng.choice(fields)
        # Directors write messily half the time; workers always do.
        request_writing = variation if rng.random() < 0.5 else "clean"
        request = Request(
            id=f"r{n}", ngo_id=f"n{n}", skills=writer.skills_line(wanted, request_writing), field=field_id,
            district=writer.district(district, request_writing), remote_ok=False, hours_per_week=6,
            headcount=1, min_certification="none", languages=(),
        )  # fmt: skip
        # One request in four has nobody with its skills in its district: the right answer is
        # to leave it open, not to place the look-alike or the unrelated worker next door.
        scarce = rng.random() < 0.25
        case = Case(request, None if scarce else f"w{n}", variation)
        others = [s for s in skill_ids if s not in wanted]
        people = [
            (f"w{n}y", wanted, elsewhere, (field_id,), 5),
            (f"w{n}z", rng.sample(others, 1), district, (field_id,), 5),
        ]
        if not scarce:
            people += [(f"w{n}", wanted, district, (field_id,), 5), (f"w{n}x", [wanted[0]], district, (), 2)]
        for worker_id, true_skills, true_district, worked_in, years in people:
            text = writer.skills_line(true_skills, variation)
            if worker_id.endswith("z") and wanted[0] in LOOK_ALIKES:
                text = (*text, LOOK_ALIKES[wanted[0]])
            workers.append(
                Worker(
                    id=worker_id, name=worker_id, skills=text, fields=worked_in,
                    district=writer.district(true_district, variation), languages=("mandarin",),
                    hours_per_week=10, certification="assistant", max_placements=1, remote_ok=False,
                    years_experience=years,
                )
            )
            case.truth[worker_id] = (frozenset(true_skills), true_district)
        case.truth[request.id] = (frozenset(wanted), district)
        built.append(case)
    crowd = _crowd(writer, skill_ids, districts, fields, size=crowd_per_case * cases)
    built[0].truth.update({worker.id: truth for worker, truth in crowd})
    return QualitySet(workers + [worker for worker, _ in crowd], built)


def _crowd(
    writer: _Writer, skill_ids: list[str], districts: list[str], fields: list[str], size: int
) -> list[tuple[Worker, tuple[frozenset[str], str]]]:
    """Everyone else: one to three skills each, written any way, less experienced than the
    intended workers, so they compete for every place and fill it when nobody better can."""
    rng, crowd = writer.rng, []
    for n in range(size):
        variation = rng.choice(VARIATIONS)
        skills, district = rng.sample(skill_ids, rng.randint(1, 3)), rng.choice(districts)
        worker = Worker(
            id=f"c{n}", name=f"c{n}", skills=writer.skills_line(skills, variation),
            fields=(rng.choice(fields),), district=writer.district(district, variation),
            languages=("mandarin",), hours_per_week=10, certification="assistant", max_placements=1,
            remote_ok=False, years_experience=rng.randint(0, 4),
        )  # fmt: skip
        crowd.append((worker, (frozenset(skills), district)))
    return crowd
