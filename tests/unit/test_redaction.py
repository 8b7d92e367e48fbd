"""The erasure sweep's matching: every spelling of a person's values, and nothing else."""

from __future__ import annotations

import json

from bot.store.redaction import REDACTED, Identity, mentions, redact_value

WANG = Identity((5550001234,), ("王芳", "wangfang", "Tom & Jerry's friend"), ("+8613955550001",))


def test_a_phone_is_found_in_every_spacing_people_and_the_bot_write():
    pattern = WANG.pattern()
    for spelling in ("+86 139 5555 0001", "13955550001", "139-5555-0001", "139 5555.0001", "+8613955550001",
                     "0086 139 5555 0001"):
        assert redact_value(f"call {spelling} now", pattern) == "call [deleted] now"


def test_a_longer_number_that_merely_contains_the_phone_is_left_alone():
    assert redact_value("order 9139555500012", WANG.pattern()) == "order 9139555500012"


def test_json_stays_valid_and_only_the_matching_strings_change():
    value = json.dumps({"message": {"text": "<b>王芳</b>\nTom &amp; Jerry&#x27;s friend", "buttons": [["ok", "o:1"]]},
                        "recipient": 5550001234, "day": 7}, ensure_ascii=False)
    redacted = json.loads(redact_value(value, WANG.pattern()))
    assert redacted == {"message": {"text": f"<b>{REDACTED}</b>\n{REDACTED}", "buttons": [["ok", "o:1"]]},
                        "recipient": 0, "day": 7}


def test_a_username_is_matched_whatever_its_case_but_not_inside_a_longer_word():
    pattern = WANG.pattern()
    assert redact_value("@WangFang wrote", pattern) == f"@{REDACTED} wrote"
    assert redact_value("wangfangxiao", pattern) == "wangfangxiao"


def test_a_telegram_id_is_matched_only_as_a_whole_number():
    pattern = WANG.pattern()
    assert redact_value("tg://user?id=5550001234", pattern) == f"tg://user?id={REDACTED}"
    assert redact_value("55500012345", pattern) == "55500012345"


def test_a_value_without_the_person_is_returned_unchanged_byte_for_byte():
    value = '{"side": "worker", "day": 30}'
    assert redact_value(value, WANG.pattern()) is value


def test_the_quick_check_agrees_with_the_redaction_on_json_with_and_without_escapes():
    pattern = WANG.pattern()
    values = ['["psychological_counselling"]', '{"text":"hello\\nWangFang"}', '{"text":"\\u738b\\u82b3"}',
              '{"text":"王芳"}', '{"n":5550001234}', '{"n":55500012345}', "[1, 2]", "{not json 王芳", "plain"]
    for value in values:
        assert mentions(value, pattern) == (redact_value(value, pattern) != value), value
    assert mentions('{"text":"\\u738b\\u82b3"}', pattern)  # escaped Chinese is still found
