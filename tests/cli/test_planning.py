"""Planning ahead: plan, --sensitivity, --inflation and pictures."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careercap.core.engine import project
from careercap.core.plan import MOST_EVENTS, Addition, find_plan, with_additions
from careercap.core.profile import Profile
from careercap.core.rules import Rules
from careercap.core.sensitivity import sensitivity
from careercap.reading.profiles import load
from careercap.reading.rules import default_rules
from careercap.render.plan import plan_lines
from tests.conftest import PROFILES, Invoke

Write = Callable[..., str]
RULES = default_rules()


def profile(**fields: Any) -> Profile:
    return Profile.model_validate({"name": "P", "income": 50000, "as_of": 2025, "horizon": 4} | fields)


def works(
    p: Profile, additions: tuple[Addition, ...], target: float | None, by: int | None, rules: Rules = RULES
) -> bool:
    rows = project(with_additions(p, additions), rules).years
    if any(row.state == "static" for row in rows[1:]):
        return False
    return target is None or {row.year: row.income for row in rows}[by or p.final_year] >= target


def brute_force_best(
    p: Profile, target: float | None, by: int | None, most: int, rules: Rules = RULES
) -> tuple[Addition, ...] | None:
    """Every multiset of additions, found independently of plan.py's ordering."""
    options = [
        Addition(kind, year)
        for year in range(p.as_of + 1, p.final_year + 1)
        for kind in ("skill", "certification")
    ]
    best: tuple[Any, ...] | None = None
    for size in range(most + 1):
        for combo in itertools.combinations_with_replacement(options, size):
            if not works(p, combo, target, by, rules):
                continue
            ordered = tuple(sorted(combo, key=lambda a: (a.year, a.kind != "skill")))
            key = (size, tuple(a.year for a in ordered), tuple(a.kind != "skill" for a in ordered))
            if best is None or key < best[0]:
                best = (key, ordered)
        if best is not None:
            return best[1]
    return None


SMALL_PROFILES = [
    profile(),  # static throughout
    profile(certifications=[{"name": "a", "earned": 2024}]),
    profile(skills=[{"name": "a", "acquired": 2023}], baseline_growth=-0.02),
    profile(employment="freelancer", skills=["a", "b"]),
    profile(horizon=3, certifications=[{"name": "a", "earned": 2025}, {"name": "b", "earned": 2025}]),
]


@pytest.mark.parametrize("p", SMALL_PROFILES)
@pytest.mark.parametrize("target_factor", [None, 1.05, 1.12, 1.6])
def test_the_plan_is_the_smallest_and_earliest_that_works(p: Profile, target_factor: float | None) -> None:
    target = None if target_factor is None else p.income * target_factor
    found = find_plan(p, RULES, target=target, max_events=3)
    expected = brute_force_best(p, target, None, 3)
    if expected is None:
        assert not found.reached
        assert found.additions == ()
    else:
        assert found.reached
        assert found.additions == expected
        assert works(p, found.additions, target, None)  # verified by projecting with the additions


def test_a_plan_with_a_target_by_a_year_reaches_it_then() -> None:
    p = profile(horizon=5)
    found = find_plan(p, RULES, target=55500, by=2028, max_events=4)  # upskilling 2026-2028 reaches 55,693
    assert found.reached
    incomes = {row.year: row.income for row in project(with_additions(p, found.additions), RULES).years}
    assert incomes[2028] >= 55500
    assert all(row.state != "static" for row in found.projection.years[1:])


def test_plan_command_prints_the_snippet_and_both_trajectories(cli: Invoke) -> None:
    result = cli("plan", str(PROFILES / "finance-clerk.yaml"), columns=120)
    assert result.exit_code == 0
    assert "The smallest plan: 2 learning events, a skill in 2026 and a skill in 2028." in result.stdout
    assert (
        "  - name: New skill 1\n    acquired: 2026\n  - name: New skill 2\n    acquired: 2028\n"
        in result.stdout
    )
    assert re.search(r"│ 2030 │ +41,018\.23 │ static +│ +54,307\.59 │ maintaining │", result.stdout)


def test_plan_json_has_the_additions_and_both_projections(cli: Invoke) -> None:
    document = json.loads(cli("plan", str(PROFILES / "finance-clerk.yaml"), "-f", "json").stdout)
    generic = {"option": None, "cost": None, "hours": None}
    assert document["additions"] == [
        {"kind": "skill", "year": 2026, "name": "New skill 1", **generic},
        {"kind": "skill", "year": 2028, "name": "New skill 2", **generic},
    ]
    assert document["objective"] == "fewest"
    assert document["spent"] == {"money": 0, "hours": 0, "cost": 0}
    assert document["limits"] == {"max_events": 4, "budget": None, "max_hours": None}
    assert document["reached"] is True
    assert document["baseline"]["summary"]["final_income"] == 41018.23
    assert [row["state"] for row in document["projection"]["years"][1:]] == ["maintaining"] * 5


def test_the_yaml_snippet_pasted_into_the_profile_gives_the_plans_projection(
    cli: Invoke, write: Write
) -> None:
    original = (PROFILES / "finance-clerk.yaml").read_text(encoding="utf-8")
    snippet = cli("plan", str(PROFILES / "finance-clerk.yaml"), "-f", "yaml").stdout
    items = "".join(line + "\n" for line in snippet.splitlines() if line.startswith("  "))
    planned = write("planned.yaml", original.replace("  - Excel\n", "  - Excel\n" + items))
    result = json.loads(cli("project", planned, "-f", "json").stdout)["projections"][0]
    assert result["summary"]["final_income"] == 54307.59


def test_an_unreachable_target_is_said_at_once_with_the_most_any_plan_reaches(cli: Invoke) -> None:
    path = str(PROFILES / "finance-clerk.yaml")
    result = cli("plan", path, "--target", "100000", "--by", "2028", columns=80)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-2:] == [
        "No plan reaches that: the most any plan reaches by 2028 is 52,527.32 EUR,",
        "  upskilling every year from 2026.",
    ]
    document = json.loads(cli("plan", path, "--target", "100000", "--by", "2028", "-f", "json").stdout)
    assert (document["reached"], document["reachable"]) == (False, 52527.32)  # as the planned profile has it


def test_a_plan_that_needs_more_events_than_allowed_says_how_many_at_once(cli: Invoke, write: Write) -> None:
    path = write("p.yaml", "name: P\nincome: 1000\nas_of: 2025\nhorizon: 50\n")
    result = cli("plan", path, "--max-events", "6", columns=400)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "No plan of at most 6 learning events in 2026-2075 does that: 50 of its years are static, and a "
        "learning event keeps only the years of its window out of static, so it takes at least 17. "
        "Ask for fewer years (--horizon)."
    )
    nearer = cli("plan", path, "--max-events", "2", "--horizon", "9", columns=400)
    assert nearer.stdout.splitlines()[-1].endswith("so it takes at least 3. Ask for --max-events 3.")


def test_the_hint_never_suggests_more_events_than_allowed(cli: Invoke) -> None:
    path = str(PROFILES / "finance-clerk.yaml")
    result = cli("plan", path, "--target", "52000", "--by", "2028", "--max-events", "10", columns=200)
    assert result.exit_code == 0
    assert "--max-events 11" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "2028"], "--by goes with --target"),
        (["--target", "60000", "--by", "2040"], "2040 is outside the projected years 2026-2030"),
        (
            ["--maximise", "npv"],
            "careercap plan: error: Invalid value for '--maximise': npv weighs money by when it comes, "
            "and needs a discount rate: give --discount-rate R, or discount_rate in the profile\n",
        ),
    ],
)
def test_plan_usage_errors(cli: Invoke, args: list[str], message: str) -> None:
    result = cli("plan", str(PROFILES / "finance-clerk.yaml"), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_maximise_npv_pays_for_learning_as_late_as_it_still_gains(cli: Invoke) -> None:
    # Both certifications gain the same, taken in 2028 or the second in 2030; undiscounted
    # the earlier years win the tie, discounted the later cost is worth less.
    path = str(PROFILES / "data-engineer.yaml")
    options = ["--catalogue", str(PROFILES / "catalogues" / "finance.yaml"), "--discount-rate", "0.3"]
    by_gain, by_npv = (
        json.loads(cli("plan", path, *options, "--maximise", most, "-f", "json").stdout)
        for most in ("net-gain", "npv")
    )
    assert (by_gain["objective"], by_npv["objective"]) == ("net-gain", "npv")
    assert [(a["name"], a["year"]) for a in by_npv["additions"]] == [
        ("Finance systems annual certificate", 2028),
        ("UiPath Automation Developer Associate", 2030),
    ]
    assert [a["year"] for a in by_gain["additions"]] == [2028, 2028]
    gain, npv = (plan["projection"]["summary"]["present_value"] for plan in (by_gain, by_npv))
    assert gain["learning_gain"] == npv["learning_gain"]
    assert npv["npv"] > gain["npv"]
    assert npv["npv"] == round(npv["learning_gain"] - npv["learning_cost"], 2)
    text = cli("plan", path, *options, "--maximise", "npv", columns=200).stdout
    assert "a plan to gain the most from learning in as_of money, net of what it costs" in text
    assert "The plan with the largest net present value: 2 learning events" in text
    assert f"a net present value of {npv['npv']:,.2f} USD" in text


def test_a_plan_that_costs_nothing_still_says_what_it_adds_and_is_worth(cli: Invoke, write: Write) -> None:
    # Fully subsidised fees and no hours: the learning costs nothing, no return or payback,
    # but what it adds, and its present value, is what npv chose it for.
    profile = write("free.yaml", "name: T\nincome: 48000\nas_of: 2025\nhorizon: 1\nlearning_subsidy: 1\n")
    options = write(
        "free-options.yaml",
        "options: [{name: A, kind: certification, cost: 900}, {name: B, kind: certification}]\n",
    )
    result = cli(
        "plan", profile, "--catalogue", options, "--maximise", "npv", "--discount-rate", "0.2", columns=200
    )
    assert result.exit_code == 0, result.stderr
    income = json.loads(
        cli(
            "plan",
            profile,
            "--catalogue",
            options,
            "--maximise",
            "npv",
            "--discount-rate",
            "0.2",
            "-f",
            "json",
        ).stdout
    )
    gain = income["projection"]["years"][1]["income"] - income["baseline"]["years"][1]["income"]
    worth = round(gain / 1.2, 2)
    assert (
        f"All planned learning costs nothing as the profile gives it, and adds {gain:,.2f} USD of income."
        in result.stdout
    )
    assert (
        f"In 2025 money at +20.00 % a year: it adds {worth:,.2f} USD, a net present value of {worth:,.2f} USD."
        in result.stdout
    )


def test_a_long_horizon_is_planned_exactly_without_trying_every_plan(cli: Invoke, write: Write) -> None:
    skills = "".join(f"  - {{name: S{year}, acquired: {year}}}\n" for year in range(2025, 2066, 3))
    path = write("p.yaml", f"name: P\nincome: 50000\nas_of: 2025\nhorizon: 40\nskills:\n{skills}")
    # Seven upskilling years are needed; a pair of certifications makes at most three.
    result = cli("plan", path, "--target", "170000", "--max-events", "10", "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["reached"]
    years = [addition["year"] for addition in document["additions"]]
    assert years == [2026, 2026, 2027, 2027, 2030, 2030]
    assert {addition["kind"] for addition in document["additions"]} == {"certification"}
    assert document["projection"]["years"][-1]["income"] >= 170000


@settings(max_examples=200, deadline=None)
@given(
    window=st.integers(1, 4),
    min_certifications=st.integers(1, 3),
    min_skills=st.integers(1, 4),
    horizon=st.integers(1, 4),
    skills=st.lists(st.one_of(st.none(), st.integers(2022, 2028)), max_size=3),
    target_factor=st.one_of(st.none(), st.floats(0.95, 2.5)),
)
def test_the_exact_planner_agrees_with_trying_every_plan_under_other_rules(
    window: int,
    min_certifications: int,
    min_skills: int,
    horizon: int,
    skills: list[int | None],
    target_factor: float | None,
) -> None:
    rules = RULES.model_copy(
        update={
            "window_years": window,
            "upskilling": RULES.upskilling.model_copy(update={"min_certifications": min_certifications}),
            "freelancer_portfolio": RULES.freelancer_portfolio.model_copy(update={"min_skills": min_skills}),
        }
    )
    p = profile(
        horizon=horizon,
        employment="freelancer",
        skills=[
            f"s{index}" if year is None else {"name": f"s{index}", "acquired": year}
            for index, year in enumerate(skills)
        ],
    )
    target = None if target_factor is None else p.income * target_factor
    found = find_plan(p, rules, target=target, max_events=3)
    expected = brute_force_best(p, target, None, 3, rules)
    assert found.additions == (expected or ())
    assert found.reached == (expected is not None)


@settings(max_examples=400, deadline=None)
@given(
    horizon=st.integers(1, 4),
    employment=st.sampled_from(["employee", "freelancer"]),
    certifications=st.lists(st.integers(2021, 2029), max_size=3),
    skills=st.lists(st.one_of(st.none(), st.integers(2021, 2029)), max_size=3),
    growth=st.sampled_from([-0.02, 0.0, 0.03]),
    target_factor=st.one_of(st.none(), st.floats(0.9, 1.8)),
    by_offset=st.one_of(st.none(), st.integers(1, 4)),
)
def test_the_exact_planner_agrees_with_trying_every_plan(
    horizon: int,
    employment: str,
    certifications: list[int],
    skills: list[int | None],
    growth: float,
    target_factor: float | None,
    by_offset: int | None,
) -> None:
    p = profile(
        horizon=horizon,
        employment=employment,
        baseline_growth=growth,
        certifications=[{"name": f"c{index}", "earned": year} for index, year in enumerate(certifications)],
        skills=[
            f"s{index}" if year is None else {"name": f"s{index}", "acquired": year}
            for index, year in enumerate(skills)
        ],
    )
    target = None if target_factor is None else p.income * target_factor
    by = None if target is None or by_offset is None else p.as_of + min(by_offset, horizon)
    found = find_plan(p, RULES, target=target, by=by, max_events=3)
    expected = brute_force_best(p, target, by, 3)
    assert found.additions == (expected or ())
    assert found.reached == (expected is not None)


# Sensitivity --------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(PROFILES.glob("*.yaml")), ids=lambda path: path.stem)
def test_the_ends_of_each_range_bracket_the_central_value(path: Path) -> None:
    (loaded,) = load(str(path))
    assert loaded.profile is not None
    result = sensitivity(loaded.profile, RULES)
    central = result.central.summary.final_income
    for swing in result.tornado:
        low, high = sorted((swing.low.final_income, swing.high.final_income))
        assert low - 0.005 <= central <= high + 0.005, swing.parameter
    for row, (low, high) in zip(result.central.years, result.band, strict=True):
        assert low <= row.income <= high


def test_the_band_collapses_when_every_range_is_zero() -> None:
    p = profile(certifications=[{"name": "a", "earned": 2026}, {"name": "b", "earned": 2027}])
    ranges = RULES.sensitivity.model_copy(
        update={
            "growth_premium": (0.22, 0.22),
            "contraction": (0.09, 0.09),
            "multiplier": (1.7, 1.7),
            "window_years": (3, 3),
            "baseline_growth": 0.0,
        }
    )
    result = sensitivity(p, RULES.model_copy(update={"sensitivity": ranges}))
    assert all(
        low == high == row.income for row, (low, high) in zip(result.central.years, result.band, strict=True)
    )
    assert all(swing.low.final_income == swing.high.final_income for swing in result.tornado)


def test_sensitivity_ranges_come_from_the_rules_file(cli: Invoke, write: Write) -> None:
    rules = write("rules.yaml", "sensitivity:\n  growth_premium: [0.22, 0.22]\n")
    a = write("a.yaml", "name: A\nincome: 100000\nas_of: 2025\nhorizon: 1\n"
                        "certifications: [{name: x, earned: 2025}, {name: y, earned: 2025}]\n")  # fmt: skip
    document = json.loads(cli("project", a, "--sensitivity", "--rules", rules, "-f", "json").stdout)
    (swing,) = [s for s in document["projections"][0]["summary"]["sensitivity"]["parameters"]
                if s["parameter"] == "growth_premium"]  # fmt: skip
    assert swing["low"]["final_income"] == swing["high"]["final_income"] == 103660.0


def test_sensitivity_in_json_csv_and_the_table(cli: Invoke) -> None:
    path = str(PROFILES / "freelancer.yaml")
    projection = json.loads(cli("project", path, "--sensitivity", "-f", "json").stdout)["projections"][0]
    assert projection["years"][0]["band"] == [60000.0, 60000.0]
    low, high = projection["years"][-1]["band"]
    assert low < projection["years"][-1]["income"] < high
    assert projection["summary"]["sensitivity"]["parameters"][0]["parameter"] == "multiplier"
    rows = cli("project", path, "--sensitivity", "-f", "csv").stdout.splitlines()
    assert rows[0].endswith(",band_low,band_high")
    assert rows[-1].endswith(f",{low:.2f},{high:.2f}")
    table = cli("project", path, "--sensitivity", columns=160).stdout
    assert "Sensitivity: each parameter at the ends of its range" in table
    assert f"{low:,.0f} - {high:,.0f}" in table


# Real money ---------------------------------------------------------------------------


def test_real_figures_follow_the_formula(cli: Invoke) -> None:
    path = str(PROFILES / "data-engineer.yaml")
    projection = json.loads(cli("project", path, "--inflation", "0.025", "-f", "json").stdout)["projections"][
        0
    ]
    assert projection["inflation"] == 0.025
    for row in projection["years"]:
        assert (
            row["real_income"] == round(row["income"] / 1.025 ** (row["year"] - 2025), 2)
            or abs(row["real_income"] - row["income"] / 1.025 ** (row["year"] - 2025)) <= 0.01
        )
    summary = projection["summary"]
    assert abs(summary["real_final_income"] - 101632.3146 / 1.025**5) <= 0.01
    assert (
        abs(summary["real_cumulative_earnings"] - sum(r["real_income"] for r in projection["years"][1:]))
        <= 0.05
    )


def test_a_profiles_own_inflation_is_used(cli: Invoke, write: Write) -> None:
    path = write("p.yaml", "name: P\nincome: 1000\nas_of: 2025\nhorizon: 1\ninflation: 0.1\n")
    projection = json.loads(cli("project", path, "-f", "json").stdout)["projections"][0]
    assert abs(projection["years"][1]["real_income"] - projection["years"][1]["income"] / 1.1) <= 0.01


def test_real_money_in_the_table_and_csv(cli: Invoke) -> None:
    path = str(PROFILES / "data-engineer.yaml")
    table = cli("project", path, "--inflation", "0.025", columns=160).stdout
    assert "In 2025 money" in table
    assert re.search(r"^In 2025 money, at \+2\.50 % inflation\n  Final income +89,828\.15 USD$", table, re.M)
    rows = cli("project", path, "--inflation", "0.025", "-f", "csv").stdout.splitlines()
    assert rows[0].endswith(",real_income")
    assert rows[-1].endswith(",89828.15")  # 101,632.31 as shown / 1.025^5


# Pictures -----------------------------------------------------------------------------


def test_the_table_shows_a_bar_for_each_year(cli: Invoke) -> None:
    table = cli("project", str(PROFILES / "freelancer.yaml"), columns=160).stdout
    bars = re.findall(r"│ 20\d\d │ +[\d,.]+ │ ([█▏▎▍▌▋▊▉]+) +│", table)
    assert len(bars) == 5
    assert bars[-1] == "█" * 12  # the largest income fills the column
    assert len(bars[0]) < len(bars[2])  # the portfolio step shows


def test_svg_and_html_save_the_table(cli: Invoke, write: Write) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), "--svg", "out.svg", "--html", "out.html")
    assert result.exit_code == 0
    svg = ET.parse("out.svg").getroot()  # well-formed XML
    text = "".join(svg.itertext()).replace("\xa0", " ")  # Rich writes spaces as no-break spaces
    assert "110,408.08" in text
    assert "Amara Okafor" in text
    page = Path("out.html").read_text(encoding="utf-8")
    assert "110,408.08" in page
    assert "<title>careercap project</title>" in page
    for saved in (Path("out.svg").read_text(encoding="utf-8"), page):  # opened offline, they fetch nothing
        assert fetched(saved) == []


def fetched(document: str) -> list[str]:
    """What a browser would fetch to show a page or an SVG: src and stylesheet href
    attributes, @import, and url(...) with an address."""
    found = re.findall(r"""\bsrc\s*=\s*["'][^"']*["']""", document)
    found += re.findall(r"""<link\b[^>]*\bhref\s*=""", document)
    found += re.findall(r"@import\b[^;]*", document)
    found += re.findall(r"url\(\s*[\"']?\s*(?:https?:)?//[^)]*\)", document)
    return found


def test_compare_saves_an_svg(cli: Invoke, write: Write) -> None:
    result = cli("compare", str(PROFILES / "finance-clerk.yaml"), str(PROFILES / "finance-clerk-with-plan.yaml"),
                 "--svg", "cmp.svg")  # fmt: skip
    assert result.exit_code == 0
    assert "55,186.51" in "".join(ET.parse("cmp.svg").getroot().itertext())


def test_pictures_are_of_tables_only(cli: Invoke, write: Write) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), "-f", "csv", "--svg", "out.svg")
    assert result.exit_code == 2
    assert "--svg and --html save table output" in result.stderr
    assert not Path("out.svg").exists()


def test_rules_model_accepts_the_packaged_sensitivity_section() -> None:
    assert Rules.model_validate(RULES.model_dump()).sensitivity.window_years == (2, 4)


def test_by_without_target_is_refused_before_the_rules_file_is_read(cli: Invoke, tmp_path: Path) -> None:
    rules = tmp_path / "bad-rules.yaml"
    rules.write_text("window_years: 0\n")
    result = cli("plan", str(PROFILES / "finance-clerk.yaml"), "--by", "2030", "--rules", str(rules))
    assert result.exit_code == 2
    assert "Invalid value for '--by': --by goes with --target" in result.stderr


def test_plan_prose_counts_events_of_one_kind_and_year_once() -> None:
    profile = next(iter(load(str(PROFILES / "finance-clerk.yaml")))).profile
    assert profile is not None
    found = find_plan(profile, default_rules())
    twice = (Addition("certification", 2027), Addition("certification", 2027), Addition("skill", 2029))
    lines = plan_lines(found._replace(additions=twice), "finance-clerk.yaml")
    assert "The smallest plan: 3 learning events, 2 certifications in 2027 and a skill in 2029." in lines


def test_the_evidence_caveat_is_said_once_a_run(cli: Invoke) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), str(PROFILES / "finance-clerk.yaml"))
    assert result.exit_code == 0
    assert result.stdout.count("The rules are point estimates") == 1
    assert result.stdout.rstrip().endswith("`careercap rules` shows the evidence.")


def test_the_return_on_learning_in_json_and_the_table(cli: Invoke) -> None:
    path = str(PROFILES / "finance-clerk-with-plan.yaml")
    summary = json.loads(cli("project", path, "-f", "json").stdout)["projections"][0]["summary"]
    assert {key: summary[key] for key in summary if "learning" in key or key == "payback_year"} == {
        "learning_cost": 6465.5,
        "learning_gain": 43375.07,
        "net_learning_gain": 36909.57,
        "return_on_learning": 5.708695,
        "payback_year": 2027,
    }
    table = cli("project", path).stdout
    assert re.search(r"^The planned learning, as an investment\n  Learning cost +6,465\.50 EUR$", table, re.M)
    assert re.search(r"^  Pays back in +2027$", table, re.M)


def test_a_profile_that_plans_no_learning_has_no_return_figures(cli: Invoke) -> None:
    path = str(PROFILES / "finance-clerk.yaml")
    summary = json.loads(cli("project", path, "-f", "json").stdout)["projections"][0]["summary"]
    assert "learning_cost" not in summary
    assert "as an investment" not in cli("project", path).stdout
    header, row = csv.DictReader(io.StringIO(cli("project", path, "--summary", "-f", "csv").stdout)), None
    row = next(header)
    learning = ["learning_cost", "learning_gain", "net_learning_gain", "return_on_learning", "payback_year"]
    assert [row[column] for column in ["career_capital", *learning]] == ["0.00", "", "", "", "", ""]


def test_a_plan_whose_best_would_grow_past_what_careercap_projects_is_still_an_answer(
    cli: Invoke, write: Write
) -> None:
    path = write("steep.yaml", "name: H\nincome: 999999999\nbaseline_growth: 0.5\nhorizon: 20\nas_of: 2025\n")
    result = cli("plan", path, "--target", "5e9", "-f", "json")
    assert result.exit_code == 0  # not an internal error: the upskilling-every-year plan overflows
    document = json.loads(result.stdout)
    assert (document["reached"], document["reachable"]) == (False, None)


def test_a_target_is_reached_as_the_income_is_shown_to_the_cent(cli: Invoke, write: Write) -> None:
    # One skill makes 50,000 x 1.025 = 51,249.99999999999 in binary, shown as 51,250.00.
    path = write("t.yaml", "name: Ada\nincome: 50000\nas_of: 2025\nhorizon: 1\nbaseline_growth: 0.025\n")
    document = json.loads(cli("plan", path, "--target", "51250", "-f", "json").stdout)
    assert document["reached"]
    assert [(a["kind"], a["year"]) for a in document["additions"]] == [("skill", 2026)]
    assert document["projection"]["years"][-1]["income"] == 51250.0


def test_the_plan_names_its_events_apart_from_the_profile_s_own(cli: Invoke, write: Write) -> None:
    path = write("n.yaml", "name: Ada\nincome: 50000\nas_of: 2025\nhorizon: 3\nskills: [New skill 1]\n")
    snippet = cli("plan", path, "-f", "yaml").stdout
    assert snippet.startswith("# add under the existing skills:\n")
    assert "  - name: New skill 2\n    acquired: 2026\n" in snippet
    assert "New skill 1\n" not in snippet
    # Pasted in as it is, under the list it names, the snippet does what the plan says: no
    # year stays static.
    pasted = write(
        "pasted.yaml",
        "name: Ada\nincome: 50000\nas_of: 2025\nhorizon: 3\nskills:\n  - New skill 1\n" + snippet,
    )
    states = [
        row["state"]
        for row in json.loads(cli("project", pasted, "-f", "json").stdout)["projections"][0]["years"][1:]
    ]
    assert "static" not in states


def test_a_rules_file_cannot_ask_for_a_hundred_million_skills(cli: Invoke, write: Write) -> None:
    rules = write("r.yaml", "freelancer_portfolio: {min_skills: 100000000}\n")
    result = cli("rules", "--rules", rules)
    assert result.exit_code == 1
    assert "min_skills: must be at most 100" in result.stderr


def test_a_plan_of_one_year_says_the_year_once_and_yaml_output_always_says_something(
    cli: Invoke, write: Write
) -> None:
    path = write("one.yaml", "name: Ada\nincome: 50000\nas_of: 2025\nhorizon: 1\n")
    text = cli("plan", path, "--max-events", "0", columns=200).stdout
    assert "learning events in 2026 does that: 1 of its years is static" in text
    assert "Add to the profile" not in text
    assert cli("plan", path, "--max-events", "0", "-f", "yaml").stdout == (
        "# no plan found: run careercap plan without --format yaml\n"
    )
    assert cli("plan", str(PROFILES / "freelancer.yaml"), "-f", "yaml").stdout == "# nothing to add\n"


def test_max_events_takes_exactly_what_the_planner_allows(cli: Invoke) -> None:
    path = str(PROFILES / "finance-clerk.yaml")
    assert cli("plan", path, "--max-events", str(MOST_EVENTS)).exit_code == 0
    refused = cli("plan", path, "--max-events", str(MOST_EVENTS + 1))
    assert refused.exit_code == 2
    assert f"must be from 0 to {MOST_EVENTS}, not {MOST_EVENTS + 1}" in refused.stderr


def catalogue_of(count: int) -> str:
    """`count` options, none cheaper than another in both money and hours."""
    return "options:\n" + "".join(
        f"  - {{name: O{n}, kind: {'skill' if n % 2 else 'certification'}, cost: {10 * n + 5}, "
        f"hours: {2 * (count - n) + 1}}}\n"
        for n in range(count)
    )


def test_a_catalogue_of_more_than_200_options_is_refused(cli: Invoke, write: Write) -> None:
    path = write("c.yaml", catalogue_of(201))
    result = cli("plan", str(PROFILES / "finance-clerk.yaml"), "--catalogue", path)
    assert result.exit_code == 1
    assert result.stderr == f"{path}:2:3: error: options: holds 201 options; a catalogue holds at most 200\n"


def test_a_search_too_large_is_refused_at_once_saying_what_to_change(cli: Invoke, write: Write) -> None:
    path = write("p.yaml", "name: P\nincome: 50000\nas_of: 2025\nhorizon: 50\n")
    options = write("c.yaml", catalogue_of(200))
    result = cli(
        "plan",
        path,
        "--catalogue",
        options,
        "--maximise",
        "net-gain",
        "--max-events",
        "10",
        "--budget",
        "5000",
        "--max-hours",
        "800",
        columns=400,
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-2] == (
        "careercap plan: error: Invalid value for '--max-events': the search is too large: 200 catalogue "
        "options a plan could take x 10 events x 50 years is 100,000, and plan searches at most 12,000 "
        "within --budget or --max-hours; ask for fewer --max-events, a shorter --horizon or a smaller catalogue"
    )


def test_a_search_that_rules_with_a_long_window_make_too_large_stops_saying_what_to_change(
    cli: Invoke, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a window of 10 years, the windows a search weighs multiply (by some 260,000 at
    the most); the search stops at `MOST_STEPS` of them, here made small: the same plan with
    the shipped rules weighs fewer and is found."""
    monkeypatch.setattr("careercap.core.plan.priced.MOST_STEPS", 400)
    profile = str(PROFILES / "data-engineer.yaml")
    assert cli("plan", profile, "--maximise", "net-gain").exit_code == 0
    result = cli(
        "plan",
        profile,
        "--maximise",
        "net-gain",
        "--rules",
        write("w.yaml", "window_years: 10\n"),
        columns=400,
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-2] == (
        "careercap plan: error: Invalid value for '--rules': the search is too large: with these rules' "
        "window of 10 years, it found more than 400 ways to fill a year and the window before it, and plan "
        "searches at most that many; give rules with a shorter window_years, or ask for fewer --max-events "
        "or a shorter --horizon"
    )


# A plan into the profile: --apply, --apply-to, the snippet ---------------------------------

COMMENTED = """\
# My profile, kept by hand.
name: Tomasz Nowak   # as on my payslip
income: 48000
currency: EUR
as_of: 2025
horizon: 5
baseline_growth: 0.025
skills:
  - accounts payable   # since 2015
  - Excel
notes: High automation exposure.
"""
CATALOGUE = str(PROFILES / "catalogues" / "finance.yaml")
BUDGETED = ["--catalogue", CATALOGUE, "--maximise", "net-gain", "--budget", "300"]


def projected(cli: Invoke, path: str) -> dict[str, Any]:
    result = cli("project", path, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["projections"][0]  # type: ignore[no-any-return]


def test_apply_writes_the_plan_into_the_profile_keeping_its_comments(cli: Invoke, write: Write) -> None:
    path = write("me.yaml", COMMENTED)
    planned = json.loads(cli("plan", path, *BUDGETED, "-f", "json").stdout)
    result = cli("plan", path, *BUDGETED, "--apply")
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote me.yaml: 3 learning events added to its certifications and skills\n"
    text = Path(path).read_text(encoding="utf-8")
    for line in COMMENTED.splitlines():
        assert line in text  # every line kept, comments included
    assert text.count("# added by careercap plan") == 2
    assert text.count("skills:") == 1
    assert projected(cli, path)["years"] == planned["projection"]["years"]
    again = cli("plan", path, "--apply")
    assert again.stderr == "me.yaml is as it was: the plan adds nothing\n"


def test_apply_to_writes_elsewhere_and_leaves_the_profile_as_it_was(cli: Invoke, write: Write) -> None:
    path = write("me.yaml", COMMENTED)
    result = cli("plan", path, *BUDGETED, "--apply-to", "planned.yaml")
    assert result.exit_code == 0, result.output
    assert Path(path).read_text(encoding="utf-8") == COMMENTED
    assert "# added by careercap plan" in Path("planned.yaml").read_text(encoding="utf-8")
    printed = cli("plan", path, *BUDGETED, "--apply-to", "-")
    assert printed.stdout == Path("planned.yaml").read_text(encoding="utf-8")


def test_apply_keeps_the_old_profile_when_writing_fails(
    cli: Invoke, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("me.yaml", COMMENTED)

    def failing(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", failing)
    result = cli("plan", path, *BUDGETED, "--apply")
    assert result.exit_code == 2
    said = result.stderr.splitlines()[0]
    assert said.startswith(
        "careercap plan: error: Invalid value for '--apply': cannot write me.yaml: No space"
    )
    assert said.endswith("me.yaml is as it was")
    assert Path(path).read_text(encoding="utf-8") == COMMENTED
    assert sorted(p.name for p in Path().iterdir()) == ["me.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--apply", "--apply-to", "x.yaml"], "give --apply (into PROFILE) or --apply-to FILE, not both"),
        (["--apply-to", "me.yaml"], "me.yaml is also an input; write the output elsewhere"),
        (["--apply-to", "-", "-f", "json"], "--apply-to - prints the profile: give no --format with it"),
    ],
)
def test_apply_usage_errors(cli: Invoke, write: Write, args: list[str], message: str) -> None:
    path = write("me.yaml", COMMENTED)
    result = cli("plan", path, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert Path(path).read_text(encoding="utf-8") == COMMENTED


def test_apply_from_standard_input_needs_a_file_to_write(cli: Invoke, write: Write) -> None:
    result = cli("plan", "-", "--apply", input=COMMENTED)
    assert result.exit_code == 2
    assert "standard input cannot be written back: give --apply-to FILE" in result.stderr


def test_apply_adds_to_a_list_written_in_flow_style(cli: Invoke, write: Write) -> None:
    path = write("flow.yaml", "name: X\nincome: 50000\nas_of: 2025\nhorizon: 3\nskills: [a, b]\n")
    cli("plan", path, "--apply")
    text = Path(path).read_text(encoding="utf-8")
    assert text.startswith(
        "name: X\nincome: 50000\nas_of: 2025\nhorizon: 3\nskills: [a, b, {name: New skill 1"
    )
    assert "static" not in [row["state"] for row in projected(cli, path)["years"][1:]]


def test_the_snippet_pastes_under_the_existing_list_as_it_is(cli: Invoke, write: Write) -> None:
    path = write("me.yaml", COMMENTED)
    snippet = cli("plan", path, *BUDGETED, "-f", "yaml").stdout
    existing, new = snippet.split("\n\n")
    assert existing.startswith("# add under the existing skills:\n  - name: SQL for analysts\n")
    assert new.startswith("certifications:\n")
    # Pasted where it says: the items after the list's last item, the new list at the end.
    pasted = COMMENTED.replace("  - Excel\n", "  - Excel\n" + existing + "\n") + new
    planned = json.loads(cli("plan", path, *BUDGETED, "-f", "json").stdout)
    assert projected(cli, write("pasted.yaml", pasted))["years"] == planned["projection"]["years"]


def test_compare_and_plan_star_the_years_beyond_the_evidence(cli: Invoke, write: Write) -> None:
    clerk, planned = str(PROFILES / "finance-clerk.yaml"), str(PROFILES / "finance-clerk-with-plan.yaml")
    for args in (["compare", clerk, planned, "--horizon", "7"], ["plan", clerk, "--horizon", "7"]):
        for width in (40, 80, 200):
            out = cli(*args, columns=width).stdout
            assert re.search(r"\b2031\*", out), (args, width)
            assert re.search(r"\b2032\*", out), (args, width)
            assert not re.search(r"\b2030\*", out)
            assert "* extrapolated: past the 5 years after 2025 the findings cover" in " ".join(out.split())
