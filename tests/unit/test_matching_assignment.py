"""The assignment: most slots first, then the best total score, within every capacity."""

from __future__ import annotations

import dataclasses

import numpy as np

from matching import MatchSettings, Request, Worker, match
from matching.assignment import Edges, best_assignment, complete_assignment


def worker(worker_id: str, skills: tuple[str, ...] = ("case_work",), **changes) -> Worker:
    base = Worker(
        id=worker_id, name=worker_id, skills=skills, fields=(), district="lixia",
        languages=("mandarin",), hours_per_week=20, certification="assistant", max_placements=1,
        remote_ok=False,
    )  # fmt: skip
    return dataclasses.replace(base, **changes)


def request(request_id: str, skills: tuple[str, ...] = ("case_work",), **changes) -> Request:
    base = Request(
        id=request_id, ngo_id="n1", skills=skills, field="", district="lixia", remote_ok=False,
        hours_per_week=10, headcount=1, min_certification="none", languages=("mandarin",),
    )  # fmt: skip
    return dataclasses.replace(base, **changes)


def pairs(result) -> set[tuple[str, str]]:
    return {(p.request_id, p.worker_id) for p in result.placements}


def test_a_swap_fills_a_slot_that_best_first_would_leave_empty():
    # Best-first gives the all-rounder to the counselling request and leaves mediation empty.
    workers = [
        worker("all_rounder", ("psychological_counselling", "conflict_mediation")),
        worker("counsellor", ("psychological_counselling",), hours_per_week=20),
    ]
    requests = [
        request("counselling", ("psychological_counselling", "conflict_mediation")),
        request("mediation", ("conflict_mediation",), hours_per_week=15, min_certification="assistant"),
    ]
    workers[1] = dataclasses.replace(workers[1], hours_per_week=10)  # too few hours for mediation
    result = match(workers, requests)
    assert pairs(result) == {("counselling", "counsellor"), ("mediation", "all_rounder")}
    assert result.unfilled == ()


def test_with_equal_slot_counts_the_higher_total_score_wins():
    workers = [worker("strong", ("case_work", "group_work")), worker("weak", ())]
    requests = [request("both", ("case_work", "group_work")), request("none", ())]
    assert pairs(match(workers, requests)) == {("both", "strong"), ("none", "weak")}


def test_a_worker_takes_up_to_max_placements_minus_live_ones():
    workers = [worker("busy", max_placements=3, live_placements=1)]
    requests = [request(f"r{i}") for i in range(4)]
    result = match(workers, requests)
    assert len(result.placements) == 2
    assert len(result.unfilled) == 2
    placed = {p.request_id for p in result.placements}
    assert placed.isdisjoint(u.request_id for u in result.unfilled)


def test_a_request_gets_at_most_its_headcount_minus_filled_places():
    workers = [worker(f"w{i}") for i in range(5)]
    result = match(workers, [request("r", headcount=3, filled=1)])
    assert len(result.placements) == 2
    assert len(result.candidates["r"]) == 5


def test_the_same_worker_is_never_placed_twice_on_one_request():
    result = match([worker("w", max_placements=3)], [request("r", headcount=3)])
    assert pairs(result) == {("r", "w")}
    (unfilled,) = result.unfilled
    assert unfilled.open_slots == 2
    assert unfilled.reason == "only 1 eligible worker, too few or placed on other requests"


def test_excluded_pairs_are_never_proposed_nor_listed():
    workers = [worker("declined"), worker("other", ("group_work",))]
    result = match(workers, [request("r", ("case_work", "group_work"))], excluded_pairs=frozenset({("r", "declined")}))
    assert pairs(result) == {("r", "other")}
    assert [c.worker_id for c in result.candidates["r"]] == ["other"]


def test_candidates_are_best_first_and_limited_to_top_n():
    workers = [worker(f"w{i}", ("case_work", "group_work")[: i % 3]) for i in range(6)]
    result = match(workers, [request("r", ("case_work", "group_work"))], MatchSettings(top_n=3))
    candidates = result.candidates["r"]
    assert [c.worker_id for c in candidates] == ["w2", "w5", "w1"]
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)


def test_scores_under_min_score_are_not_candidates():
    workers = [worker("fits"), worker("does_not", ())]
    result = match(workers, [request("r", headcount=2)], MatchSettings(min_score=0.5))
    assert [c.worker_id for c in result.candidates["r"]] == ["fits"]


def test_a_worker_offering_none_of_the_requested_skills_is_never_proposed():
    workers = [worker("carer", ("elderly_care",)), worker("nobody_skilled", ("fundraising",))]
    result = match(workers, [request("r", ("elderly_care", "psychological_counselling"), headcount=2)])
    assert pairs(result) == {("r", "carer")}
    assert [c.worker_id for c in result.candidates["r"]] == ["carer"]


def test_min_skill_coverage_sets_how_many_requested_skills_a_candidate_needs():
    workers = [worker("one", ("case_work",)), worker("both", ("case_work", "group_work")), worker("none", ())]
    wanted = request("r", ("case_work", "group_work"), headcount=3)
    listed = {
        coverage: {c.worker_id for c in match(workers, [wanted], MatchSettings(min_skill_coverage=coverage,
                                                                                 min_score=0)).candidates["r"]}
        for coverage in (0, 1, 2, 3)
    }
    assert listed == {0: {"one", "both", "none"}, 1: {"one", "both"}, 2: {"both"}, 3: {"both"}}


def test_an_unfilled_request_names_the_requirements_that_turn_skilled_workers_away():
    workers = [worker("a"), worker("b", district="licheng"), worker("c", languages=("english",))]
    result = match(workers, [request("r", languages=("sign_language",))])
    (unfilled,) = result.unfilled
    assert unfilled.reason == (
        "2 in Lixia District offer the skills, but fall short of language (Sign language): 2"
    )
    assert unfilled.reason_zh == "历下区有 2 名社工具备所需技能，但不满足语言（手语） 2 人"


def test_an_unfilled_request_says_when_nobody_offers_the_skills():
    result = match([worker("a", ("fundraising",))], [request("r", ("bookkeeping", "case_work"))])
    (unfilled,) = result.unfilled
    assert unfilled.reason == "nobody offers any of Bookkeeping and auditing, Case work"
    assert unfilled.reason_zh == "没有社工具备财务记账与审计、个案工作中的任何一项"


def test_an_unfilled_request_names_its_district_and_who_would_qualify_remotely():
    workers = [worker(f"w{i}", ("bookkeeping",), district="licheng", remote_ok=True) for i in range(2)]
    result = match(workers, [request("r", ("bookkeeping",))])
    (unfilled,) = result.unfilled
    assert unfilled.reason == (
        "nobody in Lixia District offers Bookkeeping and auditing; 2 would qualify if the request allowed remote work"
    )
    assert unfilled.reason_zh == "历下区没有社工具备财务记账与审计；若允许远程，另有 2 人符合条件"


def test_free_text_from_both_sides_is_normalised_before_matching():
    w = worker("w", ("心理咨询, case wrk",), district="历下区", languages=("普通话",))
    r = request(
        "r", ("psychological counseling", "个案工作"), district="Lixia District", languages=("Mandarin",)
    )
    (placement,) = match([w], [r]).placements
    assert placement.reasons[0] == "covers all 2 requested skills: Psychological counselling, Case work"
    assert placement.reasons_zh[0] == "具备全部 2 项所需技能：心理咨询、个案工作"


def test_remote_requests_reach_remote_workers_elsewhere():
    w = worker("w", district="licheng", remote_ok=True)
    assert pairs(match([w], [request("r", remote_ok=True)])) == {("r", "w")}
    assert pairs(match([w], [request("r", remote_ok=False)])) == set()


def test_the_same_input_gives_the_same_output():
    workers = [worker(f"w{i}", ("case_work", "group_work")[: i % 3]) for i in range(8)]
    requests = [request(f"r{i}", headcount=2) for i in range(5)]
    assert match(workers, requests) == match(workers, requests)


def test_nothing_to_match_gives_an_empty_result():
    result = match([], [])
    assert (result.placements, result.candidates, result.unfilled) == ((), {}, ())
    (unfilled,) = match([], [request("r")]).unfilled
    assert unfilled.reason == "no workers to match"


# --- the solver on its own ----------------------------------------------------------------------


def test_the_solver_prefers_one_more_slot_over_any_score_gain():
    edges = Edges.of([(0, 0, 10_000), (0, 1, 1), (1, 0, 1)])
    chosen = best_assignment(np.array([1, 1]), np.array([1, 1]), edges)
    assert chosen.tolist() == [1, 2]


def test_augmenting_paths_outside_the_candidate_edges_fill_the_missing_slot():
    # Request 0 only knows worker 0 as a candidate; the full graph also offers worker 1,
    # which frees worker 0 for request 1.
    full = {0: (np.array([0, 1]), np.array([9, 5])), 1: (np.array([0]), np.array([1]))}
    edges = Edges.of([(0, 0, 9), (1, 0, 1)])
    grown, chosen = complete_assignment(np.array([1, 1]), np.array([1, 1]), edges, full.__getitem__)
    used = {(int(grown.request[i]), int(grown.worker[i])) for i in chosen.tolist()}
    assert used == {(0, 1), (1, 0)}
