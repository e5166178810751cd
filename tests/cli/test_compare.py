"""`careercap compare`: side by side, aligned on calendar years, all or nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROFILES, Invoke

Write = Callable[..., str]
CLERK = str(PROFILES / "finance-clerk.yaml")
PLAN = str(PROFILES / "finance-clerk-with-plan.yaml")


def json_of(cli: Invoke, command: str, *args: str) -> dict[str, Any]:
    result = cli(command, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_differences_equal_the_separate_projections(cli: Invoke) -> None:
    comparison = json_of(cli, "compare", CLERK, PLAN)
    (now,) = json_of(cli, "project", CLERK)["projections"]
    (plan,) = json_of(cli, "project", PLAN)["projections"]
    assert comparison["profiles"] == [now, plan]
    for column, a, b in zip(comparison["years"], now["years"], plan["years"], strict=True):
        assert column["year"] == a["year"] == b["year"]
        assert column["incomes"] == [a["income"], b["income"]]
        assert column["differences"] == [0.0, round(b["income"] - a["income"], 2)]
    summary = comparison["summary"]
    for field in ("final_income", "cumulative_earnings", "career_capital"):
        assert summary[field] == [now["summary"][field], plan["summary"][field]]
        assert summary["differences"][field] == [
            0.0,
            round(plan["summary"][field] - now["summary"][field], 2),
        ]


def test_compare_a_with_itself_is_zero_everywhere(cli: Invoke) -> None:
    document = json_of(cli, "compare", PLAN, PLAN)
    assert {tuple(column["differences"]) for column in document["years"]} == {(0.0, 0.0)}
    assert set(map(tuple, document["summary"]["differences"].values())) == {(0.0, 0.0)}
    assert (
        document["explanations"][1]["text"]
        == "finance-clerk-with-plan #2 ends level with finance-clerk-with-plan #1."
    )


def test_the_table_names_the_factor_that_explains_the_gap(cli: Invoke) -> None:
    result = cli("compare", CLERK, PLAN)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert (
        "finance-clerk-with-plan ends 34.5 % above finance-clerk: static contraction ×1.0000 against finance-clerk's ×0.7553."
        in text
    )
    assert re.search(
        r"│ 2030 │ +41,018\.23 │ static +│ +55,186\.51 │ maintaining │ \+14,168\.28 \(\+34\.54 %\) │",
        result.stdout,
    )
    assert re.search(r"│ Career capital +│ +0\.00 │ +43,375\.07 │ +\+43,375\.07 │", result.stdout)


def test_profiles_are_aligned_on_calendar_years_and_blank_where_not_covered(
    cli: Invoke, write: Write
) -> None:
    early = write("early.yaml", "name: Early\nincome: 50000\nas_of: 2024\nhorizon: 2\n")
    late = write("late.yaml", "name: Late\nincome: 50000\nas_of: 2025\nhorizon: 2\n")
    document = json_of(cli, "compare", early, late)
    assert [(c["year"], c["incomes"][0] is None, c["incomes"][1] is None) for c in document["years"]] == [
        (2024, False, True),
        (2025, False, False),
        (2026, False, False),
        (2027, True, False),
    ]
    assert document["years"][0]["differences"] == [0.0, None]
    assert document["years"][3]["differences"] == [None, None]
    table = cli("compare", early, late).stdout
    assert re.search(r"│ 2024 │ +50,000\.00 │ static │ +│ +│ +│", table)
    assert re.search(r"│ 2027 │ +│ +│ +46,953\.10 │ static │ +│", table)  # 50000 * 0.91^(2/3)


def test_a_multi_document_file_counts_for_several_profiles(cli: Invoke, write: Write) -> None:
    stream = write(
        "two.yaml", "name: A\nincome: 1000\nas_of: 2025\n---\nname: B\nincome: 2000\nas_of: 2025\n"
    )
    document = json_of(cli, "compare", stream)
    assert [(p["name"], p["document"]) for p in document["profiles"]] == [("A", 1), ("B", 2)]


def test_different_currencies_exit_1_naming_both(cli: Invoke) -> None:
    result = cli("compare", CLERK, str(PROFILES / "data-engineer.yaml"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{PROFILES / 'data-engineer.yaml'}: error: currency USD differs from EUR of {CLERK}; "
        "careercap does not convert currencies\n"
    )


def test_any_invalid_profile_means_nothing_on_stdout_and_exit_1(cli: Invoke, write: Write) -> None:
    bad = write("bad.yaml", "name: Bad\nincome: -1\n")
    result = cli("compare", CLERK, bad, "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "bad.yaml:2:9: error: income: must be greater than 0\n"


def test_one_profile_is_not_enough(cli: Invoke) -> None:
    result = cli("compare", CLERK)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "careercap compare: error: compare needs at least two profiles, and found 1"
    )


@pytest.mark.parametrize("option", [["--horizon", "2"], ["--as-of", "2030"], ["--baseline-growth", "0"]])
def test_options_apply_to_every_profile(cli: Invoke, option: list[str]) -> None:
    document = json_of(cli, "compare", CLERK, PLAN, *option)
    field = option[0].lstrip("-").replace("-", "_")
    wanted = float(option[1]) if field == "baseline_growth" else int(option[1])
    assert [profile[field] for profile in document["profiles"]] == [wanted, wanted]


SHORT = "name: Short\nincome: 50000\nas_of: 2025\nhorizon: 5\ncertifications: [{name: A, earned: 2026}, {name: B, earned: 2027}]\n"
LONG = SHORT.replace("Short", "Long").replace("horizon: 5", "horizon: 30")


def test_profiles_of_different_horizons_are_compared_over_the_years_they_share(
    cli: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "short.yaml").write_text(SHORT)
    (tmp_path / "long.yaml").write_text(LONG)
    table = cli("compare", "short.yaml", "long.yaml", cwd=tmp_path, columns=160)
    assert table.exit_code == 0
    assert (
        "The summary compares 2025-2030, the years every profile projects (also projected: Long 2025-2055)."
        in table.stdout
    )
    assert "Long stands in 2030 level with Short." in table.stdout
    document = json.loads(cli("compare", "short.yaml", "long.yaml", "-f", "json", cwd=tmp_path).stdout)
    assert document["span"] == [2025, 2030]
    assert document["summary"]["differences"]["cumulative_earnings"] == [0.0, 0.0]
    assert document["summary"]["final_income"][1] == document["profiles"][1]["years"][5]["income"]
    assert len(document["years"]) == 31  # every year either projects, the short one blank after 2030
    assert document["years"][-1]["incomes"][0] is None


def test_profiles_that_share_no_year_cannot_be_compared(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "early.yaml").write_text(SHORT.replace("as_of: 2025", "as_of: 2000"))
    (tmp_path / "late.yaml").write_text(SHORT)
    result = cli("compare", "early.yaml", "late.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        "early.yaml: error: these profiles share no projected year (early.yaml 2000-2005, late.yaml 2025-2030): "
        "nothing to compare\n"
    )
    assert result.stdout == ""


def test_profiles_of_one_span_are_compared_over_it_without_a_note(cli: Invoke) -> None:
    result = cli(
        "compare", str(PROFILES / "finance-clerk.yaml"), str(PROFILES / "finance-clerk-with-plan.yaml")
    )
    assert "The summary compares" not in result.stdout
    assert json.loads(
        cli(
            "compare",
            str(PROFILES / "finance-clerk.yaml"),
            str(PROFILES / "finance-clerk-with-plan.yaml"),
            "-f",
            "json",
        ).stdout
    )["span"] == [2025, 2030]
