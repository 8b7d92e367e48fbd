"""``matchbot match``: the JSON contract in, the JSON contract out, errors field by field."""

from __future__ import annotations

import argparse
import json

import pytest

from bot.commands import match as match_command

WORKER = {
    "id": "w1", "name": "李娜", "skills": ["心理咨询, case wrk"], "fields": ["养老"],
    "district": "历下区", "languages": ["普通话", "济南话"], "hours_per_week": 20,
    "certification": "social_worker", "max_placements": 2, "remote_ok": False,
}  # fmt: skip
REQUEST = {
    "id": "r1", "ngo_id": "n1", "skills": ["psychological counselling", "个案工作"],
    "field": "elderly services", "district": "Lixia District", "remote_ok": False,
    "hours_per_week": 8, "headcount": 2, "min_certification": "assistant", "languages": ["Mandarin"],
}  # fmt: skip


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="matchbot")
    match_command.register(parser.add_subparsers())
    return parser.parse_args(argv)


def run(tmp_path, data, *extra: str) -> int:
    source = tmp_path / "in.json"
    source.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return match_command.run(parse(["match", "--input", str(source), *extra]))


def test_a_valid_input_gives_placements_candidates_and_unfilled_slots(tmp_path):
    out = tmp_path / "out.json"
    assert run(tmp_path, {"workers": [WORKER], "requests": [REQUEST]}, "--output", str(out)) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result) == {"placements", "candidates", "unfilled"}
    (placement,) = result["placements"]
    assert placement["request_id"] == "r1" and placement["worker_id"] == "w1"
    assert 0 <= placement["score"] <= 1
    assert placement["reasons"][0] == "covers all 2 requested skills: Psychological counselling, Case work"
    assert [c["worker_id"] for c in result["candidates"]["r1"]] == ["w1"]
    assert result["unfilled"] == [
        {"request_id": "r1", "open_slots": 1,
         "reason": "only 1 eligible worker, too few or placed on other requests"},
    ]  # fmt: skip


def test_without_output_the_result_goes_to_stdout_and_top_limits_candidates(tmp_path, capsys):
    workers = [dict(WORKER, id=f"w{i}") for i in range(4)]
    assert run(tmp_path, {"workers": workers, "requests": [REQUEST]}, "--top", "2") == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["candidates"]["r1"]) == 2
    assert len(result["placements"]) == 2


def test_malformed_records_are_reported_field_by_field_all_at_once(tmp_path, capsys):
    bad_request = dict(REQUEST, headcount=-1)
    bad_worker = dict(WORKER, certification="expert", remote_ok="yes")
    del bad_worker["languages"]
    data = {"workers": [bad_worker], "requests": [REQUEST, REQUEST, dict(REQUEST, id="r2"), bad_request]}
    assert run(tmp_path, data) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "workers[0].languages: missing",
        'workers[0].certification: expected one of none, assistant, social_worker, senior, got "expert"',
        'workers[0].remote_ok: expected true or false, got "yes"',
        "requests[1].id: duplicate of requests[0].id 'r1'",
        "requests[3].headcount: expected a positive integer, got -1",
        "requests[3].id: duplicate of requests[0].id 'r1'",
    ]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ("[1, 2", "input: not valid JSON: Expecting ',' delimiter at line 1 column 6"),
        ("[]", "input: expected an object with workers and requests, got []"),
        ({"workers": {}, "requests": []}, "workers: expected a list, got {}"),
        ({"workers": [], "requests": [], "ngos": []}, "input: unknown key 'ngos'"),
        ({"workers": [dict(WORKER, hours_per_week=True)], "requests": []},
         "workers[0].hours_per_week: expected a number of hours from 0 to 168, got true"),
        ({"workers": [dict(WORKER, colour="red")], "requests": []}, "workers[0]: unknown field 'colour'"),
    ],
)  # fmt: skip
def test_broken_input_exits_2_with_a_message_and_no_traceback(tmp_path, capsys, data, error):
    assert run(tmp_path, data) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [error]
    assert "Traceback" not in captured.err and captured.out == ""


def test_a_missing_input_file_exits_2(tmp_path, capsys):
    args = parse(["match", "--input", str(tmp_path / "nowhere.json")])
    assert match_command.run(args) == 2
    assert capsys.readouterr().err.startswith("input: cannot read")


def test_optional_fields_carry_live_placements_and_verification(tmp_path, capsys):
    workers = [dict(WORKER, live_placements=2), dict(WORKER, id="w2", verified=False)]
    assert run(tmp_path, {"workers": workers, "requests": [REQUEST]}) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["placements"] == [] and result["candidates"]["r1"] == []


def test_top_must_be_a_positive_integer(capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse(["match", "--input", "in.json", "--top", "0"])
    assert exit_info.value.code == 2
    assert "--top: expected a positive integer, got 0" in capsys.readouterr().err


def test_the_output_has_one_record_per_line_and_reads_back_as_the_same_document(tmp_path):
    other = {**REQUEST, "id": "r2", "skills": ["手语"], "district": "市中区"}
    out = tmp_path / "out.json"
    assert run(tmp_path, {"workers": [WORKER], "requests": [REQUEST, other]}, "--output", str(out)) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"placements": ['
    assert json.loads(lines[1].rstrip(","))["worker_id"] == "w1"
    assert any(line.startswith('  {"request_id": "r2", "open_slots": 2') for line in lines)
    assert json.loads("\n".join(lines))["candidates"]["r2"] == []


def test_an_empty_input_gives_an_empty_but_valid_document(tmp_path):
    out = tmp_path / "out.json"
    assert run(tmp_path, {"workers": [], "requests": []}, "--output", str(out)) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == {"placements": [], "candidates": {}, "unfilled": []}


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps({"workers": [WORKER], "requests": [REQUEST]}, ensure_ascii=False),
                      encoding="utf-8-sig")
    assert source.read_bytes().startswith(b"\xef\xbb\xbf")
    assert match_command.run(parse(["match", "--input", str(source), "--output", str(tmp_path / "o.json")])) == 0


def test_unknown_districts_fields_and_empty_names_are_warned_about_with_record_and_field(tmp_path, capsys):
    odd_worker = dict(WORKER, id="w9", name="  ", district="东城区", fields=["养老", "astrology"])
    odd_request = dict(REQUEST, id="r9", field="knitting")
    assert run(tmp_path, {"workers": [WORKER, odd_worker], "requests": [odd_request]},
               "--output", str(tmp_path / "o.json")) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert warnings == [
        "warning: workers[1] (id 'w9').name: empty",
        "warning: workers[1] (id 'w9').district: '东城区' is not a district of Jinan; it is compared as free text",
        "warning: workers[1] (id 'w9').fields: 'astrology' is not a known service field; "
        "it is compared as free text",
        "warning: requests[0] (id 'r9').field: 'knitting' is not a known service field; "
        "it is compared as free text",
    ]


def test_a_clean_input_prints_no_warning(tmp_path, capsys):
    assert run(tmp_path, {"workers": [WORKER], "requests": [REQUEST]}, "--output", str(tmp_path / "o.json")) == 0
    assert capsys.readouterr().err == ""
