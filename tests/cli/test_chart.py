"""`careercap chart`: income by year in the terminal, and in SVG, PNG and PDF files."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import typer.main

from careercap import __version__
from careercap.cli.app import app
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
    assert ticks == ["150,000", "100,000", "50,000", "0"]  # from zero: a gap is as large as it is
    zoomed = cli("chart", FREELANCER, "--zoom", columns=80).stdout.splitlines()
    assert [line.split("┤")[0].strip() for line in zoomed if "┤" in line] == [
        "120,000",
        "100,000",
        "80,000",
        "60,000",
        "40,000",
    ]
    assert "o Amara Okafor" in lines
    assert "- peer whose skills stay static" in lines
    assert "^ planned learning: Vector search (2027)" in lines
    assert lines[-1] == "  2026-2029): 163,975.00 USD."  # career capital, as the summary has it


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
    assert "career capital: 163,975.00 USD" in text
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


def test_the_plan_marks_what_it_adds_and_the_profile_its_own_learning_once(
    cli: Invoke, tmp_path: Path
) -> None:
    planned = json.loads(cli("project", ENGINEER, "-f", "json").stdout)["projections"][0]["years"]
    own = [f"{event['name']} ({year['year']})" for year in planned[1:] for event in year["events"]]
    plan = json.loads(cli("plan", ENGINEER, "-f", "json").stdout)
    added = [f"{addition['name']} ({addition['year']})" for addition in plan["additions"]]
    assert own
    assert added
    text = " ".join(cli("chart", ENGINEER, "--plan", columns=200).stdout.splitlines())
    legend = text.split("^ planned learning: ")[1].split(" The plan adds")[0]
    assert legend.split("; ") == [*own, *added]
    cli("chart", ENGINEER, "--plan", "-o", str(tmp_path / "plan.svg"))
    drawn = ET.parse(tmp_path / "plan.svg").getroot()
    titles = ["".join(title.itertext()) for title in drawn.iter(f"{SVG}title")]
    name = own[0].rsplit(" (", 1)[0]
    assert len([title for title in titles if title.endswith(f"planned learning: {name}")]) == 1


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


# What a chart says of itself: colours, money, the evidence, its maker ---------------------


def fill_colours(svg: ET.Element) -> list[str]:
    """The fill colour of each line's band, in the lines' order."""
    found = []
    for group in svg.iter(f"{SVG}g"):
        if group.get("id", "").startswith("careercap-band-"):
            style = next(group.iter(f"{SVG}use")).get("style", "")
            found.append(re.search(r"fill:\s*(#[0-9a-f]{6})", style).group(1))  # type: ignore[union-attr]
    return found


def line_colours(svg: ET.Element) -> list[str]:
    found = []
    for group in svg.iter(f"{SVG}g"):
        if group.get("id", "").startswith("careercap-line-"):
            style = next(group.iter(f"{SVG}path")).get("style", "")
            found.append(re.search(r"stroke:\s*(#[0-9a-f]{6})", style).group(1))  # type: ignore[union-attr]
    return found


def test_with_three_profiles_each_band_takes_its_line_s_colour(cli: Invoke, write: Write) -> None:
    paths = [write(f"{n}.yaml", f"name: P{n}\nincome: {40000 + n * 9000}\nas_of: 2025\n") for n in range(3)]
    result = cli("chart", *paths, "--sensitivity", "-o", "three.svg")
    assert result.exit_code == 0, result.output
    svg = ET.parse("three.svg").getroot()
    assert fill_colours(svg) == line_colours(svg)
    assert len(set(line_colours(svg))) == 3
    text = " ".join("".join(element.itertext()) for element in svg.iter(f"{SVG}text"))
    assert "around each line: range of plausible rule values" in text
    assert "--sensitivity" not in text


def test_several_profiles_in_real_money_say_so_in_the_title(cli: Invoke, write: Write) -> None:
    paths = [
        write(f"{n}.yaml", f"name: P{n}\nincome: {40000 + n}\nas_of: 2025\ninflation: 0.02\n")
        for n in range(2)
    ]
    assert cli("chart", *paths, columns=80).stdout.splitlines()[0] == "Income by year (USD, in 2025 money)"


def test_profiles_of_two_as_of_years_in_real_money_are_refused(cli: Invoke, write: Write) -> None:
    one = write("one.yaml", "name: A\nincome: 40000\nas_of: 2025\ninflation: 0.02\n")
    two = write("two.yaml", "name: B\nincome: 40000\nas_of: 2023\ninflation: 0.02\n")
    result = cli("chart", one, two)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "two.yaml: error: as_of 2023 differs from 2025 of one.yaml: in as_of-year money that is two "
        "years' money on one axis; give --as-of 2025 to draw every profile from one year\n"
    )
    assert cli("chart", one, two, "--as-of", "2025").exit_code == 0
    assert cli("report", one, two, "-o", "r.html").exit_code == 1


def test_the_legend_sits_below_the_plot_and_says_what_is_shaded_in_plain_words(
    cli: Invoke, write: Write
) -> None:
    cli("chart", PLANNED, "--sensitivity", "--horizon", "10", "-o", "c.svg")
    svg = ET.parse("c.svg").getroot()
    area = next(g for g in svg.iter(f"{SVG}g") if g.get("id") == "careercap-plot-area")
    ys = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", next(area.iter(f"{SVG}path")).get("d", ""))][1::2]
    legend = next(g for g in svg.iter(f"{SVG}g") if g.get("id", "").startswith("legend"))
    texts = {"".join(t.itertext()) for t in legend.iter(f"{SVG}text")}
    assert {
        "range of plausible rule values",
        "peer whose skills stay static",
        "2031-2035: beyond the evidence",
    } <= texts
    below = [
        float(n)
        for path in legend.iter(f"{SVG}path")
        for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))[1::2]
    ]
    assert min(below) > max(ys)  # under the plot, covering no line


def test_the_years_beyond_the_evidence_are_shaded_and_named(cli: Invoke, write: Write) -> None:
    cli("chart", CLERK, "--horizon", "10", "-o", "c.svg")
    svg = ET.parse("c.svg").getroot()
    assert any(g.get("id") == "careercap-beyond-the-evidence" for g in svg.iter(f"{SVG}g"))
    assert "2031-2035 lie beyond the evidence" in "".join(svg[1].itertext())
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Income by year: Tomasz Nowak (EUR)"
    lines = cli("chart", CLERK, "--horizon", "10", columns=80).stdout.splitlines()
    assert any(line.endswith("┄┄┄") for line in lines)
    assert "┄ 2031-2035 lie beyond the evidence: the findings cover 5 years after as_of, and" in lines
    shorter = cli("chart", CLERK, columns=80).stdout
    assert "beyond the evidence" not in shorter


def test_the_income_axis_starts_at_zero_unless_zoomed(cli: Invoke, write: Write) -> None:
    def lowest_tick(name: str) -> str:
        svg = ET.parse(name).getroot()
        axis = next(g for g in svg.iter(f"{SVG}g") if g.get("id") == "matplotlib.axis_2")
        ticks = ["".join(t.itertext()) for t in axis.iter(f"{SVG}text")]
        return next(tick for tick in ticks if re.fullmatch(r"[\d,]+", tick))

    cli("chart", PLANNED, "-o", "zero.svg")
    cli("chart", PLANNED, "--zoom", "-o", "zoom.svg")
    assert lowest_tick("zero.svg") == "0"
    assert lowest_tick("zoom.svg") != "0"


def test_no_marker_is_cut_at_the_ends_of_the_axis(cli: Invoke, write: Write) -> None:
    cli("chart", FREELANCER, "-o", "c.svg")
    svg = ET.parse("c.svg").getroot()
    area = next(g for g in svg.iter(f"{SVG}g") if g.get("id") == "careercap-plot-area")
    xs = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", next(area.iter(f"{SVG}path")).get("d", ""))][::2]
    for points in lines_of(svg).values():
        assert min(xs) + 3 < min(x for x, _ in points)  # room for half a marker, and more
        assert max(x for x, _ in points) < max(xs) - 3


def test_a_pdf_embeds_truetype_fonts_and_names_careercap_as_its_maker(cli: Invoke, write: Write) -> None:
    cli("chart", FREELANCER, "-o", "c.pdf")
    data = Path("c.pdf").read_bytes()
    assert b"/Type3" not in data
    assert b"/FontFile2" in data  # TrueType, embedded
    assert f"(careercap {__version__})".encode() in data
    assert b"Matplotlib" not in data
    cli("chart", FREELANCER, "-o", "c.svg")
    assert "Matplotlib" not in Path("c.svg").read_text(encoding="utf-8")


def test_chart_plan_takes_plan_s_options_and_draws_the_plan_chosen(cli: Invoke, write: Write) -> None:
    catalogue = str(PROFILES / "catalogues" / "finance.yaml")
    options = ["--catalogue", catalogue, "--maximise", "net-gain", "--budget", "300"]
    chosen = json.loads(cli("plan", CLERK, *options, "-f", "json").stdout)
    added = sum(
        round(with_plan["income"] - without["income"], 2)
        for with_plan, without in zip(
            chosen["projection"]["years"][1:], chosen["baseline"]["years"][1:], strict=True
        )
    )
    lines = cli("chart", CLERK, "--plan", *options, columns=100).stdout.splitlines()
    assert lines[-1] == f"The plan adds {added:,.2f} EUR of income over 2026-2030."
    generic = cli("chart", CLERK, "--plan", columns=100).stdout.splitlines()
    assert generic[-1] != lines[-1]
    result = cli("chart", CLERK, "--budget", "300")
    assert result.exit_code == 2
    assert "the plan options draw a plan: give --plan too" in result.stderr


def test_chart_plan_says_why_it_draws_no_plan(cli: Invoke) -> None:
    said = cli("plan", CLERK, "--target", "10000000", columns=200).stdout.splitlines()[-1]
    result = cli("chart", CLERK, "--plan", "--target", "10000000", columns=100)
    assert result.exit_code == 0
    assert result.stderr == f"{CLERK}: warning: no plan to draw, only the profile: {said}\n"
    assert said.startswith("No plan reaches that: the most any plan reaches by 2030 is ")
    result = cli("chart", CLERK, "--plan", "--maximise", "net-gain", "--max-events", "0", columns=100)
    assert result.stderr == (
        f"{CLERK}: warning: no plan to draw, only the profile: Nothing to add: --max-events 0 allows no "
        "learning event.\n"
    )


def test_chart_and_plan_share_the_plan_options(cli: Invoke) -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]

    def declared(name: str) -> dict[str, tuple[str, ...]]:
        return {
            param.name: (tuple(param.opts), param.help)
            for param in commands[name].params
            if param.name in ("by", "max_events", "catalogue", "maximise", "budget", "max_hours")
        }

    assert declared("chart") == declared("plan")
    assert len(declared("plan")) == 6


def test_a_report_of_several_profiles_compares_them_first_and_every_column_has_a_heading(
    cli: Invoke, write: Write
) -> None:
    result = cli("report", PLANNED, CLERK, "--horizon", "7", "-o", "r.html")
    assert result.exit_code == 0, result.output
    page = Path("r.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h[23]>([^<]*)</h[23]>", page)
    assert headings[:3] == ["The profiles compared", "Income by year", "Summary, 2026-2032"]
    assert headings.index("Income by year", 2) > headings.index("finance-clerk-with-plan")
    assert page.count("<svg") == 1  # one chart
    for table in re.findall(r"<table>.*?</table>", page, re.S):
        header = re.search(r"<tr>(.*?)</tr>", table, re.S).group(1)  # type: ignore[union-attr]
        cells = re.findall(r"<th[^>]*>(.*?)</th>", header)
        first_row = re.findall(r"<td", re.findall(r"<tr>(.*?)</tr>", table, re.S)[1])
        assert all(cell.strip() for cell in cells), header
        assert len(cells) == len(first_row), header
    assert re.search(r"<td>2031\*</td>", page)
    assert not re.search(r"<td>2030\*</td>", page)
    caption = re.search(r"<figcaption>(.*?)</figcaption>", page, re.S).group(1)  # type: ignore[union-attr]
    assert "2031-2032 lie beyond the evidence" in caption
    assert 'role="img" aria-label="Income by year (EUR)"' in page
    one = cli("report", CLERK, "-o", "one.html")
    assert one.exit_code == 0
    assert "The profiles compared" not in Path("one.html").read_text(encoding="utf-8")
