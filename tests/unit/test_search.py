"""A director's search: names, phones and the matcher's vocabulary, in either language."""

from types import SimpleNamespace

from bot.desk.search import find, read_query

WORKERS = [SimpleNamespace(**row) for row in [
    {"id": 1, "name": "王芳", "phone": "+8613912345678", "skills": ["psychological_counselling", "case_work"],
     "fields": ["elderly"], "district": "lixia"},
    {"id": 2, "name": "赵磊", "phone": "+8613800000002", "skills": ["psychological_counselling"],
     "fields": ["youth"], "district": "shizhong"},
    {"id": 3, "name": "Tom Li", "phone": "+8613700000003", "skills": ["fundraising"], "fields": [],
     "district": "lixia"},
]]
NGOS = [SimpleNamespace(id=1, name="阳光心理服务中心", director_name="孙丽", director_phone="+8653188886666",
                        fields=["mental_health"], district="lixia")]
REQUESTS = [{"id": 1, "title": "社区心理支持", "ngo_name": "阳光心理服务中心", "skills": ["psychological_counselling"],
             "field": "mental_health", "district": "lixia"}]


def found(text: str) -> list[tuple[str, int]]:
    return [(hit.code, hit.id) for hit in find(read_query(text), WORKERS, NGOS, REQUESTS)]


def test_a_name_finds_its_member_and_a_name_inside_a_sentence_does_too():
    assert found("王芳") == [("w", 1)]
    assert found("王芳的资料") == [("w", 1)]
    assert found("tom") == [("w", 3)]


def test_the_last_digits_of_a_phone_find_its_owner_in_any_spacing():
    assert found("5678") == [("w", 1)]
    assert found("8888 6666") == [("n", 1)]
    assert found("139") == []  # too few digits to mean one person


def test_a_skill_in_either_language_or_script_finds_who_offers_it_and_the_requests_that_ask_for_it():
    for text in ("心理咨询", "counseling", "心理諮詢"):
        assert found(text) == [("w", 1), ("w", 2), ("r", 1)], text


def test_several_terms_must_all_hold():
    assert found("心理咨询 历下区") == [("w", 1), ("r", 1)]
    assert found("fundraising, Lixia") == [("w", 3)]


def test_an_exact_name_comes_before_names_that_only_contain_it():
    assert found("阳光心理服务中心")[0] == ("n", 1)
    assert ("r", 1) in found("阳光心理服务中心")  # the NGO's request too


def test_nothing_that_matches_finds_nothing():
    assert found("astrology") == []
    assert found("") == []
