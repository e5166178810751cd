"""Career events in the pictures: `chart` (terminal, SVG, PNG, with a plan) and `report`
mark each event in its year and show what a break earns, so that every figure drawn or
written agrees with the table to the cent."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from careercap import default_rules, load, project, result_of
from careercap.core.rounding import total_gap
from careercap.render import chart
from careercap.render.report import EVENTS_GIVEN
from careercap.render.table import EARNED_NOTE
from tests.cli.test_chart import SVG, lines_of
from tests.conftest import ANA, MANY_EVENTS, Invoke, Write, needs_charts

pytestmark = needs_charts

BO = "name: Bo\nincome: 52000\nas_of: 2025\nhorizon: 8\nskills: [excel]\n"
MANY = MANY_EVENTS
ANA_EVENTS = {
    2027: "switch to freelancer at 70,000.00",
    2029: "raise +10 %",
    2031: "break of 2 years at 50 % pay",
}


def projected(cli: Invoke, *args: str) -> list[dict[str, Any]]:
    result = cli("project", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    projections: list[dict[str, Any]] = json.loads(result.stdout)["projections"]
    return projections


def titles(svg: ET.Element) -> dict[str, str]:
    """Each careercap group's hover title, by the group's id."""
    found = {}
    for group in svg.iter(f"{SVG}g"):
        name = group.get("id", "")
        title = group.find(f"{SVG}title")
        if name.startswith("careercap-") and title is not None:
            found[name] = title.text or ""
    return found


def texts(svg: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in svg.iter(f"{SVG}text")]


# The terminal ---------------------------------------------------------------------------


def test_the_terminal_chart_marks_each_career_event_and_what_a_break_earns(cli: Invoke, write: Write) -> None:
    ana = write("ana.yaml", ANA)
    lines = cli("chart", ana, columns=120).stdout.splitlines()
    assert (
        "! career events: switch to freelancer at 70,000.00 (2027); raise +10 % (2029); "
        "break of 2 years at 50 % pay (2031)"
    ) in lines
    assert "~ earned in a break: 2031-2032" in lines
    (summary,) = [projection["summary"] for projection in projected(cli, ana)]
    capital = f"{summary['career_capital']:,.2f}"
    assert any(
        line.startswith("Career capital (what Ana earns above the static peer, summed over 2026-2033): ")
        and line.endswith(f"{capital} USD.")
        for line in lines
    )
    body = "\n".join(line for line in lines if "┤" in line or "│" in line)
    assert body.count("!") == len(ANA_EVENTS)  # a mark on the line in each year of events
    assert body.count("~") == 2  # each year of the break, at what it earns


def test_a_profile_without_events_charts_as_before(cli: Invoke, write: Write) -> None:
    bo = write("bo.yaml", BO)
    out = cli("chart", bo, columns=100).stdout
    assert "career events" not in out
    assert "earned in a break" not in out
    assert "Career capital (Bo's income above the static peer's, summed over 2026-2033)" in out
    cli("chart", bo, "-o", "bo.svg")
    svg = ET.parse("bo.svg").getroot()
    assert not [name for name in titles(svg) if name.startswith(("careercap-career-", "careercap-earned-"))]


def test_several_profiles_name_whose_events_are_whose(cli: Invoke, write: Write) -> None:
    ana, bo = write("ana.yaml", ANA), write("bo.yaml", BO)
    many = write("many.yaml", MANY)
    out = " ".join(cli("chart", ana, bo, many, columns=100).stdout.split())
    assert (
        "! career events: Ana: switch to freelancer at 70,000.00 (2027); raise +10 % (2029); "
        "break of 2 years at 50 % pay (2031). Maximiliana Wolkenstein-Dürrenmatt: switch to freelancer"
    ) in out
    assert "~ earned in a break: Ana 2031-2032; Maximiliana Wolkenstein-Dürrenmatt 2029, 2032-2034" in out


# Files ----------------------------------------------------------------------------------


def test_the_svg_marks_each_career_event_with_its_label_as_hover_title(cli: Invoke, write: Write) -> None:
    ana = write("ana.yaml", ANA)
    result = cli("chart", ana, "-o", "ana.svg")
    assert result.exit_code == 0, result.output
    svg = ET.parse("ana.svg").getroot()
    found = titles(svg)
    assert [said for name, said in found.items() if name.startswith("careercap-career-")] == [
        f"{year}: {label}" for year, label in ANA_EVENTS.items()
    ]
    assert found["careercap-learning-0"] == "2026, planned learning: A, B"
    shown = texts(svg)
    for label in ANA_EVENTS.values():
        assert label in shown  # written beside its diamond, for a PNG or a print
    assert {"career events", "earned in a break", "planned learning"} <= set(shown)  # the legend
    description = "".join(svg[1].itertext())
    assert (
        "career events: switch to freelancer at 70,000.00 (2027); raise +10 % (2029); "
        "break of 2 years at 50 % pay (2031). earned in a break: 2031-2032."
    ) in description


def test_the_svg_draws_what_a_break_earns_where_the_table_has_it(cli: Invoke, write: Write) -> None:
    ana = write("ana.yaml", ANA)
    cli("chart", ana, "-o", "ana.svg")
    svg = ET.parse("ana.svg").getroot()
    (projection,) = projected(cli, ana)
    away = {row["year"]: row for row in projection["years"] if row["earned"] != row["income"]}
    assert list(away) == [2031, 2032]
    earned = ", ".join(f"{row['earned']:,.2f} in {year}" for year, row in away.items())
    assert titles(svg)["careercap-earned-0-0"] == f"Ana, in a break: earns {earned}"
    # The dotted line runs from 2030's income through 2031 and 2032 to 2033's: at each break
    # year, as far above the axis' zero as what is earned is to the income.
    dotted = lines_of_id(svg, "careercap-earned-0-0")
    income = lines_of(svg)["careercap-line-0"]
    assert len(dotted) == 4
    assert (dotted[0], dotted[-1]) == (income[5], income[8])
    zero = axis_zero(svg)
    for (x, y), (income_x, income_y), year in zip(dotted[1:3], income[6:8], (2031, 2032), strict=True):
        assert x == income_x
        row = away[year]
        assert (zero - y) / (zero - income_y) == pytest.approx(row["earned"] / row["income"], abs=1e-3)


def lines_of_id(svg: ET.Element, name: str) -> list[tuple[float, float]]:
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("id") == name)
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", next(group.iter(f"{SVG}path")).get("d", ""))]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def axis_zero(svg: ET.Element) -> float:
    """Where income 0 is drawn: the bottom of the plot, whose axis starts at zero."""
    area = next(g for g in svg.iter(f"{SVG}g") if g.get("id") == "careercap-plot-area")
    corners = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", next(area.iter(f"{SVG}path")).get("d", ""))]
    return max(corners[1::2])


def test_the_shaded_career_capital_is_what_is_earned_above_the_peer(here: Path) -> None:
    """The shade runs between what each earns, so it sums to the career capital it is
    labelled with, to the cent."""
    result = _result(ANA)
    drawn = chart.chart_of([result], ["Ana"])
    profile, peer = drawn.lines
    assert profile.earned == tuple(row.earned for row in result.projection.years)
    assert drawn.shade is not None
    assert total_gap(profile.brought_in[1:], peer.brought_in[1:]) == result.projection.summary.career_capital
    assert drawn.shade.label == f"career capital: {result.projection.summary.career_capital:,.2f} USD"


def _result(text: str, path: Path | None = None) -> Any:
    path = path or Path("profile.yaml")
    path.write_text(text, encoding="utf-8")
    (loaded,) = list(load(str(path)))
    assert loaded.profile is not None
    return result_of(str(path), 1, project(loaded.profile, default_rules()))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_plan_adds_what_is_earned_as_plan_s_figures_have_it(cli: Invoke, write: Write) -> None:
    ana = write("ana.yaml", ANA)
    chosen = json.loads(cli("plan", ana, "-f", "json").stdout)
    added = total_gap(
        [row["earned"] for row in chosen["projection"]["years"][1:]],
        [row["earned"] for row in chosen["baseline"]["years"][1:]],
    )
    # In the break the plan adds half of the difference in income, as it earns half.
    assert added != total_gap(
        [row["income"] for row in chosen["projection"]["years"][1:]],
        [row["income"] for row in chosen["baseline"]["years"][1:]],
    )
    lines = cli("chart", ana, "--plan", columns=140).stdout.splitlines()
    assert f"The plan adds {added:,.2f} USD of income over 2026-2033." in lines
    assert "~ earned in a break: Ana 2031-2032; Ana with the plan 2031-2032" in lines
    # The events are the profile's: marked once, on the profile as it is.
    assert (
        "! career events: switch to freelancer at 70,000.00 (2027); raise +10 % (2029); "
        "break of 2 years at 50 % pay (2031)"
    ) in lines
    cli("chart", ana, "--plan", "-o", "plan.svg")
    found = titles(ET.parse("plan.svg").getroot())
    assert len([name for name in found if name.startswith("careercap-career-")]) == len(ANA_EVENTS)
    assert {"careercap-earned-0-0", "careercap-earned-1-0"} <= set(found)


def test_real_money_draws_what_a_break_earns_in_as_of_money(cli: Invoke, write: Write) -> None:
    ana = write("ana.yaml", ANA)
    cli("chart", ana, "--inflation", "0.03", "-o", "real.svg")
    (projection,) = projected(cli, ana, "--inflation", "0.03")
    away = [row for row in projection["years"] if row["earned"] != row["income"]]
    earned = ", ".join(f"{row['real_earned']:,.2f} in {row['year']}" for row in away)
    assert (
        titles(ET.parse("real.svg").getroot())["careercap-earned-0-0"] == f"Ana, in a break: earns {earned}"
    )


@pytest.mark.parametrize(("name", "start"), [("c.png", b"\x89PNG\r\n\x1a\n"), ("c.pdf", b"%PDF-")])
def test_png_and_pdf_charts_with_events_are_drawn(cli: Invoke, write: Write, name: str, start: bytes) -> None:
    many = write("many.yaml", MANY)
    result = cli("chart", many, "--sensitivity", "-o", name)
    assert (result.exit_code, result.stdout) == (0, "")
    assert Path(name).read_bytes().startswith(start)


def test_many_career_events_are_each_named_and_none_covers_another(here: Path) -> None:
    """Nine events over ten years, in adjacent years and beside learning: every name is
    written whole, inside the plot, and no two names (nor a name and planned learning's)
    overlap."""
    result = _result(MANY)
    drawn = chart.chart_of([result], ["Maximiliana Wolkenstein-Dürrenmatt"])
    labels = [label for mark in drawn.career for label in mark.labels]
    assert len(labels) == 9
    svg = chart.file_chart(drawn, "svg").data.decode("utf-8")
    shown = texts(ET.fromstring(svg))
    assert all(any(label in text for text in shown) for label in labels)

    def width(text: str, size: float) -> float:
        return len(text) * size * 0.6  # wider than most fonts draw it

    size, limits = (560.0, 260.0), (2024.7, 2035.3, 0.0, 1_500_000.0)
    placed = chart._placed(drawn, size, limits, width)
    assert len(placed) == len(drawn.career)
    for index, box in enumerate(placed):
        assert box.left >= 0
        assert box.left + box.width <= size[0]
        assert not [other for other in placed[index + 1 :] if box.overlaps(other)]


# The report -----------------------------------------------------------------------------


def cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", " ", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]


def table_after(page: str, heading: str, start: int = 0) -> list[list[str]]:
    """The rows of the first table after `heading` (from `start`), as texts."""
    at = page.index(heading, start)
    table = re.search(r"<table>(.*?)</table>", page[at:], re.S).group(1)  # type: ignore[union-attr]
    return [cells(row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


def test_the_report_shows_events_in_their_year_and_what_a_break_earns(cli: Invoke, write: Write) -> None:
    ana = write("ana.yaml", ANA)
    result = cli("report", ana, "-o", "r.html")
    assert result.exit_code == 0, result.output
    page = Path("r.html").read_text(encoding="utf-8")
    assert '<p class="lead">employee, freelancer from 2027, 2025-2033, from ana.yaml</p>' in page
    rows = table_after(page, "<h3>Income by year</h3>")
    assert rows[0] == ["Year", "Income (USD)", "Earned", "Growth", "State", "Events", "Rules applied"]
    (projection,) = projected(cli, ana)
    for row, year in zip(rows[1:], projection["years"], strict=True):
        assert row[1] == f"{year['income']:,.2f}"
        assert row[2] == ("" if year["earned"] == year["income"] else f"{year['earned']:,.2f}")
        if year["year"] in ANA_EVENTS:
            assert ANA_EVENTS[year["year"]] in row[5]
    assert rows[7][:3] == ["2031*", "72,634.56", "36,317.28"]
    assert '<span class="career">break of 2 years at 50 % pay</span>' in page
    assert EARNED_NOTE in page
    # The sums are sums of what each year brings in, as the table shows it.
    shown = [float((row[2] or row[1]).replace(",", "")) for row in rows[2:]]
    assert total_gap(shown, [0.0] * len(shown)) == projection["summary"]["cumulative_earnings"]
    assert (
        f"<dt>Cumulative earnings 2026-2033</dt><dd>{projection['summary']['cumulative_earnings']:,.2f} USD"
        in page
    )
    assert "<dt>Final income by career events</dt><dd>×1.4332</dd>" in page
    assert f'<p class="note">{EVENTS_GIVEN}</p>' in page
    caption = re.search(r"<figcaption>(.*?)</figcaption>", page, re.S).group(1)  # type: ignore[union-attr]
    assert (
        "Diamonds mark career events: switch to freelancer at 70,000.00 (2027); raise +10 % (2029); "
        "break of 2 years at 50 % pay (2031). A dotted line shows what is earned in a break (2031-2032)"
    ) in caption


def test_a_report_without_events_says_nothing_of_them(cli: Invoke, write: Write) -> None:
    bo = write("bo.yaml", BO)
    assert cli("report", bo, "-o", "r.html").exit_code == 0
    page = Path("r.html").read_text(encoding="utf-8")
    for absent in ("career events", "Career events", "Earned", "earned in a break", EVENTS_GIVEN):
        assert absent not in page
    assert table_after(page, "<h3>Income by year</h3>")[0] == [
        "Year",
        "Income (USD)",
        "Growth",
        "State",
        "Learning events",
        "Rules applied",
    ]
    assert '<p class="lead">employee, 2025-2033, from bo.yaml</p>' in page


def test_the_report_s_comparison_shows_what_a_break_earns_and_its_sums_reconcile(
    cli: Invoke, write: Write
) -> None:
    ana, bo = write("ana.yaml", ANA), write("bo.yaml", BO)
    assert cli("report", ana, bo, "-o", "r.html").exit_code == 0
    page = Path("r.html").read_text(encoding="utf-8")
    rows = table_after(page, "<h2>The profiles compared</h2>")
    assert rows[0] == ["Year", "Ana (USD)", "Ana earned", "Bo (USD)", "Bo vs Ana"]
    assert rows[7][:3] == ["2031*", "72,634.56", "36,317.28"]
    summary = table_after(page, "<h3>Summary, 2026-2033</h3>")
    cumulative = next(row for row in summary if row[0] == "Cumulative earnings (USD)")
    ana_shown = [float((row[2] or row[1]).replace(",", "")) for row in rows[2:]]  # Earned where given
    bo_shown = [float(row[3].replace(",", "")) for row in rows[2:]]
    assert f"{total_gap(ana_shown, [0.0] * len(ana_shown)):,.2f}" == cumulative[1]
    assert f"{total_gap(bo_shown, [0.0] * len(bo_shown)):,.2f}" == cumulative[2]
    # Ana's section has the sentence and the factor; Bo's has neither.
    bo_section = page[page.index("<h2>Bo</h2>") :]
    ana_section = page[page.index("<h2>Ana</h2>") : page.index("<h2>Bo</h2>")]
    assert EVENTS_GIVEN in ana_section
    assert EVENTS_GIVEN not in bo_section
    assert "Final income by career events" in ana_section
    assert "Final income by career events" not in bo_section
