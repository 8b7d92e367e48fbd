"""/stats figures on a seeded database, against values worked out by hand; the chart as a PNG."""

from __future__ import annotations

import struct
import zlib

import pytest
from datatools_seed import seed_association

from bot.datatools.charts import chart_figure, cjk_font, render_chart
from bot.datatools.stats import Figures, SkillBalance, Wait, gather_figures
from bot.datatools.stats_text import duration, stats_text
from bot.store import open_database
from bot.texts import t
from matching.vocabulary import label as vocabulary_label

ZONE = "Asia/Shanghai"


@pytest.fixture
async def figures(tmp_path) -> Figures:
    db = await open_database(tmp_path / "stats.sqlite3")
    try:
        await seed_association(db)
        return await gather_figures(db, ZONE)
    finally:
        await db.close()


def test_members_and_requests_are_counted_by_status(figures):
    assert figures.workers == {"verified": 2, "pending": 1, "rejected": 1}
    assert figures.ngos == {"verified": 2, "pending": 1}
    assert figures.requests == {"open": 2, "filled": 1, "closed": 1}


def test_the_fill_rate_is_places_filled_over_places_asked_for(figures):
    # Headcounts 2 + 1 + 1 + 1 = 5; R1 has one started placement, R2 one: 2 filled.
    assert (figures.places_filled, figures.places_asked) == (2, 5)
    assert figures.fill_rate == pytest.approx(0.4)


def test_the_median_time_from_request_to_placement_is_in_days(figures):
    # R1 -> P1: 5 days; R2 (09-10 00:00) -> P2 (09-30 20:00): 20 days 20 hours.
    assert figures.median_days_to_placement == pytest.approx((5 + 20 + 20 / 24) / 2)


def test_proposal_waits_are_per_director_and_offer_waits_per_ngo(figures):
    assert figures.proposal_waits == (Wait("9002", 1, 6.0), Wait("张主任", 2, 18.0))
    # The worker's own acceptance of P1 is no answer of the NGO's.
    assert figures.offer_waits == (Wait("和美助老服务社", 1, 48.0), Wait("阳光心理服务中心", 1, 24.0))


def test_service_hours_and_ratings_come_from_the_answered_check_ins(figures):
    assert figures.service_hours == pytest.approx(30.5)
    assert (figures.ratings, figures.average_rating) == (3, pytest.approx(4.0))


def test_the_most_requested_skills_are_set_against_the_verified_workers_offering_them(figures):
    assert figures.skills == (SkillBalance("psychological_counselling", 2, 1), SkillBalance("elderly_care", 1, 1))


def test_placements_are_counted_in_the_month_they_started_in_local_time(figures):
    # P2 started 2026-09-30 20:00 UTC, which is 1 October in Jinan.
    assert figures.placements_per_month == (("2026-09", 1), ("2026-10", 1))


def test_the_report_shows_every_figure_in_chinese(figures):
    text = stats_text(figures, "zh")
    for fragment in ("已审核 2", "用人名额：共 5 个，已对接上岗 2 个（40%）", "12.9 天",
                     "张主任：18 小时（已答复 2 个）",
                     "和美助老服务社：2 天", "30.5 小时", "4.0 / 5（3 份答复）", "心理咨询：2 / 1"):
        assert fragment in text


def test_the_report_escapes_names_people_typed(figures):
    odd = Figures(**{**figures.__dict__, "proposal_waits": (Wait("<b>Eve</b>", 1, 1.0),)})
    assert "&lt;b&gt;Eve&lt;/b&gt;" in stats_text(odd, "en")


def test_a_wait_reads_in_hours_under_two_days_and_in_days_after():
    assert duration(47.5, "en") == "47.5 h"
    assert duration(72, "en") == "3 days"


def png_text_chunks(png: bytes) -> list[bytes]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    position, chunks = 8, []
    while position < len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        kind, body = png[position + 4:position + 8], png[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length:position + 12 + length])
        assert zlib.crc32(kind + body) == crc, "a damaged PNG chunk"
        chunks.append(kind)
        position += 12 + length
    return chunks


def test_the_chart_is_a_valid_png(figures):
    chunks = png_text_chunks(render_chart(figures, "en"))
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND" and b"IDAT" in chunks


def test_a_chinese_font_is_installed_for_the_charts():
    assert cjk_font() is not None, "install fonts-noto-cjk (scripts/install-system-packages.sh does)"


def test_the_chinese_chart_renders_its_title_without_missing_glyphs(figures):
    # pytest turns warnings into errors: a glyph missing from the font ("Glyph 23433 ... missing
    # from font(s) DejaVu Sans") fails this test.
    png = render_chart(figures, "zh")
    assert png_text_chunks(png)[0] == b"IHDR"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_is_titled_and_labelled_in_the_directors_language(figures, lang):
    chart = chart_figure(figures, lang)
    months, skills = chart.axes
    assert chart.get_suptitle() == t(lang, "stats.chart_title")
    assert months.get_title() == t(lang, "stats.chart_months")
    assert [label.get_text() for label in skills.get_yticklabels()] == [
        vocabulary_label("elderly_care", lang), vocabulary_label("psychological_counselling", lang)]
    assert [text.get_text() for text in skills.get_legend().get_texts()] == [
        t(lang, "stats.chart_demand"), t(lang, "stats.chart_supply")]


def test_an_empty_association_still_gets_a_chart_and_a_report(tmp_path):
    empty = Figures({}, {}, {}, {}, 0, 0, None, (), (), 0, 0, None, (), ())
    assert png_text_chunks(render_chart(empty, "zh"))[-1] == b"IEND"
    assert "还没有发布用人需求" in stats_text(empty, "zh")
