"""Properties of ``match`` on random small instances, checked against independent oracles.

The oracles use only the scalar rules and score (``rules.py``, ``scoring.py``): a plain
Ford-Fulkerson max-flow for the most slots that can be filled, and exhaustive search for the
best total score.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import (
    MatchSettings,
    Request,
    Worker,
    entries,
    match,
    normalise,
    normalise_requests,
    normalise_workers,
)
from matching.rules import is_eligible
from matching.scoring import SCORE_STEPS, score_pair

# Canonical ids, free text that normalises to them, and free text that stays free.
SKILLS = ["case_work", "group_work", "心理咨询", "psychological counseling", "case wrk",
          "sand tray therapy", "sandtray therapy", "calligraphy club"]  # fmt: skip
FIELDS = ["", "elderly_services", "养老", "youth", "art therapy"]
DISTRICTS = ["lixia", "历下区", "Lixia District", "Licheng", "Dongjia town", "dongjia town"]
LANGUAGES = ["mandarin", "普通话", "Mandarin", "济南话", "sign language", "Uyghur", "Uighur"]
LEVELS = ["none", "assistant", "social_worker", "senior"]
CANONICAL_SKILLS = ["case_work", "group_work", "psychological_counselling", "elderly_care"]

workers_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "skills": st.lists(st.sampled_from(SKILLS), max_size=3).map(tuple),
            "fields": st.lists(st.sampled_from(FIELDS[1:]), max_size=2).map(tuple),
            "district": st.sampled_from(DISTRICTS),
            "languages": st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3).map(tuple),
            "hours_per_week": st.sampled_from([4, 12.5, 20, 20]),
            "certification": st.sampled_from(LEVELS),
            "max_placements": st.integers(0, 3),
            "live_placements": st.integers(0, 2),
            "remote_ok": st.booleans() | st.just(True),
            "verified": st.booleans() | st.just(True),
            "years_experience": st.integers(0, 15),
        }
    ),
    max_size=6,
)
requests_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "skills": st.lists(st.sampled_from(SKILLS), max_size=3).map(tuple),
            "field": st.sampled_from(FIELDS),
            "district": st.sampled_from(DISTRICTS),
            "remote_ok": st.booleans() | st.just(True),
            "hours_per_week": st.sampled_from([4, 8, 12.5]),
            "headcount": st.integers(1, 3),
            "filled": st.integers(0, 2),
            "min_certification": st.sampled_from(LEVELS[:3]),
            "languages": st.lists(st.sampled_from(LANGUAGES), max_size=1).map(tuple),
        }
    ),
    max_size=4,
)


@st.composite
def instances(draw, workers=workers_strategy, requests=requests_strategy):
    people = [Worker(id=f"w{i}", name=f"w{i}", **w) for i, w in enumerate(draw(workers))]
    posts = [Request(id=f"r{i}", ngo_id="n", **r) for i, r in enumerate(draw(requests))]
    all_pairs = [(r.id, w.id) for r in posts for w in people]
    excluded = frozenset(draw(st.lists(st.sampled_from(all_pairs), max_size=3))) if all_pairs else frozenset()
    options = MatchSettings(
        candidate_depth=draw(st.integers(1, 2)),
        top_n=draw(st.integers(1, 8)),
        min_score=draw(st.sampled_from([0.0, 0.0, 0.3])),
        min_skill_coverage=draw(st.integers(0, 2)),
    )
    return people, posts, excluded, options


def eligible_pairs(people, posts, excluded, options) -> dict[tuple[int, int], int]:
    """(request, worker) -> score steps, from the scalar rules and score only."""
    cutoff = options.fuzzy_cutoff
    people, posts = normalise_workers(people, cutoff), normalise_requests(posts, cutoff)
    found = {}
    for (r, post), (w, person) in product(enumerate(posts), enumerate(people)):
        if (post.id, person.id) in excluded or not is_eligible(person, post, options):
            continue
        score = score_pair(person, post, options).score
        if score >= options.min_score:
            found[r, w] = round(score * SCORE_STEPS)
    return found


def max_flow(pairs, slots, capacity) -> int:
    """Ford-Fulkerson with depth-first augmenting paths on the slot/capacity network."""
    residual: dict[object, Counter] = {}

    def link(a, b, amount):
        residual.setdefault(a, Counter())[b] += amount
        residual.setdefault(b, Counter())

    for r, count in enumerate(slots):
        link("source", ("r", r), count)
    for w, count in enumerate(capacity):
        link(("w", w), "sink", count)
    for r, w in pairs:
        link(("r", r), ("w", w), 1)

    def push(node, seen):
        if node == "sink":
            return True
        seen.add(node)
        for nxt, amount in list(residual[node].items()):
            if amount > 0 and nxt not in seen and push(nxt, seen):
                residual[node][nxt] -= 1
                residual[nxt][node] += 1
                return True
        return False

    flow = 0
    while "source" in residual and push("source", set()):
        flow += 1
    return flow


def best_by_search(pairs, slots, capacity) -> tuple[int, int]:
    """(most slots, best total steps) over every subset of eligible pairs."""
    items = sorted(pairs.items())
    best = (0, 0)

    def walk(i, used_r, used_w, count, total):
        nonlocal best
        best = max(best, (count, total))
        for j in range(i, len(items)):
            (r, w), steps = items[j]
            if used_r[r] < slots[r] and used_w[w] < capacity[w]:
                used_r[r] += 1
                used_w[w] += 1
                walk(j + 1, used_r, used_w, count + 1, total + steps)
                used_r[r] -= 1
                used_w[w] -= 1

    walk(0, Counter(), Counter(), 0, 0)
    return best


def slots_and_capacity(people, posts):
    return (
        [max(r.headcount - r.filled, 0) for r in posts],
        [max(w.max_placements - w.live_placements, 0) for w in people],
    )


@settings(max_examples=150, deadline=None)
@given(instances())
def test_no_placement_breaks_a_hard_rule_a_capacity_or_an_exclusion(instance):
    people, posts, excluded, options = instance
    result = match(people, posts, options, excluded)
    allowed = eligible_pairs(people, posts, excluded, options)
    slots, capacity = slots_and_capacity(people, posts)
    placed = [(int(p.request_id[1:]), int(p.worker_id[1:])) for p in result.placements]
    assert len(placed) == len(set(placed))
    assert all(pair in allowed for pair in placed)
    for r, count in Counter(r for r, _ in placed).items():
        assert count <= slots[r]
    for w, count in Counter(w for _, w in placed).items():
        assert count <= capacity[w]


@settings(max_examples=150, deadline=None)
@given(instances())
def test_the_number_of_filled_slots_is_the_maximum_possible(instance):
    people, posts, excluded, options = instance
    result = match(people, posts, options, excluded)
    slots, capacity = slots_and_capacity(people, posts)
    most = max_flow(eligible_pairs(people, posts, excluded, options), slots, capacity)
    assert len(result.placements) == most
    open_after = sum(u.open_slots for u in result.unfilled)
    assert open_after == sum(slots) - most


small_instances = instances(
    workers=workers_strategy.filter(lambda ws: len(ws) <= 4),
    requests=requests_strategy.filter(lambda rs: len(rs) <= 3),
)


@settings(max_examples=100, deadline=None)
@given(small_instances)
def test_with_every_candidate_considered_the_total_score_is_the_best_possible(instance):
    people, posts, excluded, options = instance
    options = dataclasses.replace(options, candidate_depth=len(people) + 1)
    result = match(people, posts, options, excluded)
    slots, capacity = slots_and_capacity(people, posts)
    count, total = best_by_search(eligible_pairs(people, posts, excluded, options), slots, capacity)
    assert len(result.placements) == count
    assert sum(round(p.score * SCORE_STEPS) for p in result.placements) == total


@settings(max_examples=150, deadline=None)
@given(instances())
def test_candidates_are_exactly_the_eligible_workers_with_the_scalar_scores(instance):
    people, posts, excluded, options = instance
    options = dataclasses.replace(options, top_n=len(people) + 1)
    result = match(people, posts, options, excluded)
    allowed = eligible_pairs(people, posts, excluded, options)
    for r, post in enumerate(posts):
        listed = {int(c.worker_id[1:]): round(c.score * SCORE_STEPS) for c in result.candidates[post.id]}
        assert listed == {w: steps for (rr, w), steps in allowed.items() if rr == r}
        scores = [c.score for c in result.candidates[post.id]]
        assert scores == sorted(scores, reverse=True)


@settings(max_examples=60, deadline=None)
@given(instances())
def test_the_same_input_always_gives_the_same_output(instance):
    people, posts, excluded, options = instance
    assert match(people, posts, options, excluded) == match(people, posts, options, excluded)


def district_spellings() -> list[tuple[str, str]]:
    """(written, true id) for every district, written the ways people do."""
    written = []
    for term in entries("district"):
        short = term.en.replace(" District", "").replace(" County", "")
        written += [(form, term.id) for form in (
            term.id, term.en, term.zh, f"济南市{term.zh}", f"{short} Dist.", short.upper(), f" {short.lower()} qu ",
        )]  # fmt: skip
    return written


placed_instances = st.tuples(
    st.lists(st.tuples(st.lists(st.sampled_from(CANONICAL_SKILLS), min_size=1, max_size=2),
                       st.sampled_from(district_spellings()), st.booleans()), min_size=1, max_size=6),
    st.lists(st.tuples(st.lists(st.sampled_from(CANONICAL_SKILLS), min_size=1, max_size=2),
                       st.sampled_from(district_spellings()), st.booleans()), min_size=1, max_size=4),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(placed_instances)
def test_whatever_the_spelling_no_placement_crosses_districts_or_covers_no_requested_skill(instance):
    people_spec, posts_spec = instance
    people = [
        Worker(id=f"w{i}", name=f"w{i}", skills=tuple(skills), fields=(), district=written,
               languages=("mandarin",), hours_per_week=20, certification="assistant", max_placements=2,
               remote_ok=remote)
        for i, (skills, (written, _), remote) in enumerate(people_spec)
    ]  # fmt: skip
    posts = [
        Request(id=f"r{i}", ngo_id="n", skills=tuple(skills), field="", district=written, remote_ok=remote,
                hours_per_week=4, headcount=2, min_certification="none", languages=())
        for i, (skills, (written, _), remote) in enumerate(posts_spec)
    ]  # fmt: skip
    for placement in match(people, posts, MatchSettings(min_score=0)).placements:
        w_skills, (_, w_district), w_remote = people_spec[int(placement.worker_id[1:])]
        r_skills, (_, r_district), r_remote = posts_spec[int(placement.request_id[1:])]
        assert w_district == r_district or (w_remote and r_remote)
        assert set(w_skills) & set(r_skills)


def test_every_generated_district_spelling_reads_as_its_district():
    misread = [(written, true) for written, true in district_spellings()
               if [n.id for n in normalise(written, "district")] != [true]]  # fmt: skip
    assert misread == []
