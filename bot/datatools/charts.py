"""The /stats chart: placements per month and demand against supply per skill, as a PNG.

Drawn with matplotlib's object API (no pyplot, no display, no global figure state; a PNG is
rendered by the Agg canvas), so it can run in a worker thread. Chinese labels need a CJK font: an installed Noto
Sans CJK / Source Han Sans / WenQuanYi is found through matplotlib's font manager (Debian:
``apt-get install fonts-noto-cjk``). Without one, a Chinese chart is drawn with English labels
rather than with empty boxes.
"""

from __future__ import annotations

import io
import logging
from functools import cache
from pathlib import Path

from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure

from bot.datatools.stats import Figures
from bot.texts import Lang, t
from matching.vocabulary import label

log = logging.getLogger(__name__)

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "Noto Serif CJK SC", "Source Han Serif SC")
# Where Debian and Fedora put them, for a font manager cache built before the font was installed.
CJK_FILES = (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
             Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
             Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"))
_BAR_COLOURS = ("#3b7dd8", "#e8833a")


@cache
def cjk_font() -> str | None:
    """The family name of an installed font that has Chinese glyphs, or None."""
    family = _known_family()
    if family is None:
        for path in CJK_FILES:
            if path.exists():
                font_manager.fontManager.addfont(str(path))
        family = _known_family()
    if family is None:
        log.warning("no Chinese font found (install fonts-noto-cjk): Chinese charts get English labels")
    return family


def _known_family() -> str | None:
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def chart_language(lang: Lang) -> Lang:
    """The language the chart can be labelled in on this machine."""
    return lang if lang == "en" or cjk_font() is not None else "en"


def chart_figure(figures: Figures, lang: Lang) -> Figure:
    """The chart as a matplotlib Figure (for tests to read its titles), labelled in ``lang``."""
    with _fonts():
        figure = Figure(figsize=(8, 8), dpi=100, layout="constrained")
        per_month, per_skill = figure.subplots(2, 1)
        figure.suptitle(t(lang, "stats.chart_title"), fontsize=14)
        _draw_months(per_month, figures, lang)
        _draw_skills(per_skill, figures, lang)
    return figure


def render_chart(figures: Figures, lang: Lang) -> bytes:
    """The chart as PNG bytes, titled and labelled in ``lang`` (see :func:`chart_language`)."""
    figure = chart_figure(figures, chart_language(lang))
    out = io.BytesIO()
    with _fonts():
        figure.savefig(out, format="png")
    return out.getvalue()


def _fonts():
    """Chinese glyphs from the CJK font, the rest from matplotlib's own DejaVu Sans."""
    return rc_context({"font.family": [f for f in (cjk_font(), "DejaVu Sans") if f], "font.size": 10})


def _draw_months(axes, figures: Figures, lang: Lang) -> None:
    axes.set_title(t(lang, "stats.chart_months"))
    months = figures.placements_per_month
    if not months:
        _nothing_yet(axes, lang)
        return
    axes.bar([m for m, _ in months], [n for _, n in months], color=_BAR_COLOURS[0])
    axes.set_ylabel(t(lang, "stats.chart_placements"))
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(axis="x", labelrotation=45)


def _draw_skills(axes, figures: Figures, lang: Lang) -> None:
    axes.set_title(t(lang, "stats.chart_skills"))
    skills = list(reversed(figures.skills))  # barh draws bottom-up: the most requested on top
    if not skills:
        _nothing_yet(axes, lang)
        return
    rows = range(len(skills))
    axes.barh([r + 0.2 for r in rows], [s.demand for s in skills], height=0.4, color=_BAR_COLOURS[0],
              label=t(lang, "stats.chart_demand"))
    axes.barh([r - 0.2 for r in rows], [s.supply for s in skills], height=0.4, color=_BAR_COLOURS[1],
              label=t(lang, "stats.chart_supply"))
    axes.set_yticks(list(rows), [label(s.skill, lang) for s in skills])
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="lower right")


def _nothing_yet(axes, lang: Lang) -> None:
    axes.text(0.5, 0.5, t(lang, "stats.chart_empty"), ha="center", va="center", transform=axes.transAxes)
    axes.set_axis_off()
