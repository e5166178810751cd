"""`careercap chart`: income by year in the terminal, and in SVG, PNG and PDF files."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from careercap.render import chart
from tests.cli.test_planning import fetched
from tests.conftest import PROFILES, Invoke, needs_charts

pytestmark = needs_charts

Write = Callable[..., str]
FREELANCER = str(PROFILES / "freelancer.yaml")
CLERK = str(PROFILES / "finance-clerk.yaml")
PLANNED = str(PROFILES / "finance-clerk-with-plan.yaml")
ENGINEER = str(PROFILES / "data-engineer.yaml")
PROMPTS = str(PROFILES / "prompt-engineer.yaml")
SVG = "{http://www.w3.org/2000/svg}"


def incomes(cli: Invoke, *paths: str) -> list[list[float]]:
    document = json.loads(cli("project", *paths, "-f", "json").stdout)
    return [[row["income"] for row in each["years"]] for each in document["projections"]]


@pytest.mark.parametrize("width", [40, 55, 80, 120, 200])
@pytest.mark.parametrize(
    "paths", [[FREELANCER], [PLANNED, "--sensitivity"], [ENGINEER, FREELANCER, PROMPTS], [CLERK, "--plan"]]
)
def test_the_terminal_chart_fits_the_width_and_names_years_and_currency(
    cli: Invoke, width: int, paths: list[str]
) -> None:
    result = cli("chart", *paths, columns=width)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line for line in lines if len(line) > width] == []
    assert "…" not in result.stdout
    axis = next(index for index, line in enumerate(lines) if "└" in line)
    years = lines[axis + 1].split()
    assert (years[0], years[-1]) == (
        "2025",
        "2030" if PROMPTS in paths or CLERK in paths or PLANNED in paths else "2029",
    )
    assert re.search(r"\((USD|EUR)\)", lines[0])
    assert "\x1b[" not in result.stdout  # piped: no colour, and the markers tell the lines apart


def test_the_terminal_chart_labels_income_with_thousands_and_a_legend(cli: Invoke) -> None:
    lines = cli("chart", FREELANCER, columns=80).stdout.splitlines()
    ticks = [line.split("┤")[0].strip() for line in lines if "┤" in line]
    assert ticks == ["120,000", "100,000", "80,000", "60,000", "40,000"]
    assert "o Amara Okafor" in lines
    assert "- static peer" in lines
    assert "^ planned learning: Vector search (2027)" in lines
    assert lines[-1] == "  2026-2029): 163,975.01 USD."  # career capital, as the summary has it


def test_several_profiles_get_a_marker_each(cli: Invoke) -> None:
    lines = cli("chart", ENGINEER, FREELANCER, PROMPTS, columns=100).stdout.splitlines()
    assert lines[-3:] == ["o Priya Raman", "x Amara Okafor", "+ Lena Fischer"]


def lines_of(svg: ET.Element) -> dict[str, list[tuple[float, float]]]:
    """Each careercap line of a chart's SVG, and its points."""
    found = {}
    for group in svg.iter(f"{SVG}g"):
        name = group.get("id", "")
        if name.startswith("careercap-line-"):
            path = next(group.iter(f"{SVG}path")).get("d", "")
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
            found[name] = list(zip(numbers[::2], numbers[1::2], strict=True))
    return found


def test_the_svg_holds_a_line_per_profile_a_point_per_year_and_text_as_text(
    cli: Invoke, write: Write
) -> None:
    result = cli("chart", ENGINEER, FREELANCER, PROMPTS, "-o", "three.svg")
    assert (result.exit_code, result.stdout) == (0, "")
    svg = ET.parse("three.svg").getroot()
    lines = lines_of(svg)
    assert [len(points) for points in lines.values()] == [
        len(each) for each in incomes(cli, ENGINEER, FREELANCER, PROMPTS)
    ]
    text = " ".join("".join(element.itertext()) for element in svg.iter(f"{SVG}text"))
    for shown in ("2025", "2030", "Priya Raman", "Amara Okafor", "Lena Fischer", "Income (USD)"):
        assert shown in text
    assert fetched(Path("three.svg").read_text(encoding="utf-8")) == []


def test_the_svg_axis_covers_the_lowest_and_highest_income(cli: Invoke, write: Write) -> None:
    cli("chart", PLANNED, "--sensitivity", "-o", "band.svg")
    svg = ET.parse("band.svg").getroot()
    area = next(g for g in svg.iter(f"{SVG}g") if g.get("id") == "careercap-plot-area")
    corners = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", next(area.iter(f"{SVG}path")).get("d", ""))]
    xs, ys = corners[::2], corners[1::2]
    for points in lines_of(svg).values():
        for x, y in points:
            assert min(xs) <= x <= max(xs)
            assert min(ys) <= y <= max(ys)


def test_one_profile_is_drawn_with_its_static_peer(cli: Invoke, write: Write) -> None:
    cli("chart", FREELANCER, "-o", "one.svg")
    svg = ET.parse("one.svg").getroot()
    assert len(lines_of(svg)) == 2  # the profile and its static peer
    text = " ".join("".join(element.itertext()) for element in svg.iter(f"{SVG}text"))
    assert "career capital: 163,975.01 USD" in text
    assert "Vector search" in text


@pytest.mark.parametrize(("name", "start"), [("c.png", b"\x89PNG\r\n\x1a\n"), ("c.pdf", b"%PDF-")])
def test_png_and_pdf_are_what_their_extensions_say(
    cli: Invoke, write: Write, name: str, start: bytes
) -> None:
    result = cli("chart", FREELANCER, "-o", name)
    assert result.exit_code == 0
    assert Path(name).read_bytes().startswith(start)


def test_inflation_draws_real_money(cli: Invoke) -> None:
    nominal = cli("chart", FREELANCER, columns=80).stdout.splitlines()[0]
    real = cli("chart", FREELANCER, "--inflation", "0.03", columns=80).stdout.splitlines()[0]
    assert nominal == "Income by year: Amara Okafor (USD)"
    assert real == "Income by year: Amara Okafor (USD, in 2025 money)"


def test_the_plan_is_drawn_beside_the_profile_as_it_is(cli: Invoke) -> None:
    lines = cli("chart", CLERK, "--plan", columns=100).stdout.splitlines()
    assert "x Tomasz Nowak with the plan" in lines
    assert lines[-1] == "The plan adds 39,995.45 EUR of income over 2026-2030."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "chart.txt"],
            "Invalid value for '--output': chart.txt: a chart file ends in .svg, .png or .pdf, or give --format",
        ),
        (
            [CLERK, "--plan"],
            "Invalid value for '--plan': give one profile, to be drawn with its plan and without",
        ),
    ],
)
def test_chart_usage_errors(cli: Invoke, write: Write, args: list[str], message: str) -> None:
    result = cli("chart", FREELANCER, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"careercap chart: error: {message}"


def test_profiles_in_two_currencies_share_no_axis(cli: Invoke) -> None:
    result = cli("chart", CLERK, FREELANCER)
    assert result.exit_code == 1
    assert "careercap does not convert currencies" in result.stderr


def test_without_the_chart_libraries_the_error_says_how_to_install_them(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chart, "LIBRARIES", {"plotille": "plotille", "careercap_no_such_library": "x"})
    assert chart.missing() == ["careercap_no_such_library"]
    result = cli("chart", FREELANCER)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[0] == (
        "careercap chart: error: charts need careercap_no_such_library, not installed here; "
        "install with: pip install 'careercap[charts]'"
    )


class _Page(HTMLParser):
    """The parts of an HTML page a test reads: its title, text and tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in ("meta", "br", "link", "img", "input", "path", "use", "rect", "stop"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_report_is_one_page_that_fetches_nothing_and_holds_every_figure(
    cli: Invoke, write: Write
) -> None:
    result = cli("report", PLANNED, ENGINEER, "-o", "r.html")
    assert result.exit_code == 1  # EUR and USD: no one axis of money
    result = cli("report", PLANNED, CLERK, "--sensitivity", "-o", "r.html")
    assert (result.exit_code, result.stdout) == (0, "")
    page = Path("r.html").read_text(encoding="utf-8")
    assert fetched(page) == []
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    assert parsed.open == []  # every element closed
    assert "title" in parsed.tags
    assert "svg" in parsed.tags
    text = " ".join(parsed.text)
    assert "careercap report: finance-clerk-with-plan, finance-clerk" in text
    document = json.loads(cli("project", PLANNED, CLERK, "--sensitivity", "-f", "json").stdout)
    for projection in document["projections"]:
        summary = projection["summary"]
        for field in (
            "start_income",
            "final_income",
            "cumulative_earnings",
            "static_peer_cumulative",
            "career_capital",
        ):
            assert f"{summary[field]:,.2f}" in text, field
        assert f"{summary['cagr'] * 100:+.2f} %" in text
        for row in projection["years"]:
            assert f"{row['income']:,.2f}" in text
    learning = document["projections"][0]["summary"]
    for field in ("learning_cost", "learning_gain", "net_learning_gain"):
        assert f"{learning[field]:,.2f}" in text
    for said in ("Finding", "Evidence", "Upskilling", "Static contraction", "Freelancer portfolio"):
        assert said in text


def test_a_report_is_an_html_file(cli: Invoke, write: Write) -> None:
    result = cli("report", CLERK, "-o", "r.pdf")
    assert result.exit_code == 2
    assert "a report is an HTML page; name it FILE.html" in result.stderr
    assert not Path("r.pdf").exists()
