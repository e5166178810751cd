"""rules, explain, validate, schema and init: the commands that make the figures trustworthy."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import EXAMPLES, PROFILE_A, PROFILE_B, PROFILES, Invoke, Yaml12Loader

Write = Callable[..., str]


def incomes(cli: Invoke, profile: str, *args: str) -> list[float]:
    result = cli("project", profile, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [row["income"] for row in json.loads(result.stdout)["projections"][0]["years"]]


# rules --------------------------------------------------------------------------------


def test_rules_shows_each_rule_with_its_evidence(cli: Invoke) -> None:
    result = cli("rules")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "upskilling min_certifications 2, growth_premium 0.22" in text
    assert "static contraction contraction 0.09" in text
    assert "freelancer portfolio min_skills 3, multiplier 1.7" in text
    assert "Longitudinal study of 12,000 LinkedIn members" in text
    assert "2023 Upwork study" in text
    assert text.count("evidence ") == 3
    assert "Point estimates from secondary reporting of observational studies" in text


def test_rules_json_lists_parameters_and_texts(cli: Invoke, write: Write) -> None:
    mine = write("mine.yaml", "upskilling:\n  growth_premium: 0.11\n")
    document = json.loads(cli("rules", "--rules", mine, "-f", "json").stdout)
    assert document["parameters"]["upskilling"] == {
        "min_certifications": 2,
        "growth_premium": 0.11,
        "min_hours": 0,
    }
    assert [rule["id"] for rule in document["rules"]] == [
        "upskilling",
        "static_contraction",
        "freelancer_portfolio",
    ]
    assert all(
        rule["finding"] and rule["source"] and rule["interpretation"] and rule["evidence"]
        for rule in document["rules"]
    )


@pytest.mark.parametrize(
    ("rules", "profile", "year", "expected"),
    [
        # 0.03 + 0.5 x |0.03| = 4.5 % in the upskilling year 2026
        ("upskilling:\n  growth_premium: 0.5\n", PROFILE_A, 1, 104500.00),
        # two certifications are no longer enough: 2026 is maintaining, 3 %
        ("upskilling:\n  min_certifications: 3\n", PROFILE_A, 1, 103000.00),
        # a one-year window: 2026 holds no event, static at min(3 %, 0.91 - 1) = -9 %
        ("window_years: 1\n", PROFILE_A, 1, 91000.00),
        # three static years compound to a 27 % fall: 100000 x 0.73^(1/3) in 2028
        ("static:\n  contraction: 0.27\n", PROFILE_A, 3, round(106769.80 * 0.73 ** (1 / 3), 2)),
        # two skills make a portfolio, held already in 2025: no step, 60000 x 1.02^4
        ("freelancer_portfolio:\n  min_skills: 2\n", PROFILE_B, 4, 64945.93),
        # the step doubles instead: 60000 x 1.02 x 1.02 x 2 in 2027
        ("freelancer_portfolio:\n  multiplier: 2\n", PROFILE_B, 2, 124848.00),
    ],
)
def test_a_rules_file_changes_each_parameter(
    cli: Invoke, write: Write, rules: str, profile: str, year: int, expected: float
) -> None:
    path = write("profile.yaml", profile)
    assert incomes(cli, path, "--rules", write("rules.yaml", rules))[year] == expected


def test_the_rules_file_of_a_compare_applies_to_every_profile(cli: Invoke, write: Write) -> None:
    a, b = write("a.yaml", PROFILE_A), write("b.yaml", PROFILE_A)
    result = cli("compare", a, b, "-f", "json", "--rules", write("rules.yaml", "window_years: 1\n"))
    assert json.loads(result.stdout)["years"][1]["incomes"] == [91000.0, 91000.0]


def test_an_invalid_rules_file_names_file_line_and_key(cli: Invoke, write: Write) -> None:
    rules = write("rules.yaml", "upskilling:\n  growth_premium: lots\n")
    for command in (["rules"], ["project", write("a.yaml", PROFILE_A)], ["explain", "a.yaml"]):
        result = cli(*command, "--rules", rules)
        assert result.exit_code == 1
        assert (
            result.stderr
            == "rules.yaml:2:19: error: upskilling.growth_premium: must be a number, not 'lots'\n"
        )


def test_a_missing_rules_file_is_a_usage_error(cli: Invoke) -> None:
    result = cli("rules", "--rules", "nowhere.yaml")
    assert result.exit_code == 2
    assert "nowhere.yaml: no such file" in result.stderr


# explain ------------------------------------------------------------------------------


def test_explain_worked_example_a(cli: Invoke, write: Write) -> None:
    result = cli("explain", write("a.yaml", PROFILE_A), columns=200)
    assert result.exit_code == 0
    assert (
        result.stdout
        == """\
Profile A (a.yaml): employee, 2025-2030, baseline growth +3.00 %
Yearly growth: upskilling +3.66 %, maintaining +3.00 %, static -3.09 %

2025  upskilling   2 certifications in 2023-2025 (first certification, second certification) >= 2: start year
2026  upskilling   2 certifications in 2024-2026 (first certification, second certification) >= 2: +3.66 %
2027  maintaining  1 learning event in 2025-2027 (second certification), 1 certification < 2: +3.00 %
2028  static       no learning event in 2026-2028: -3.09 %
2029  static       no learning event in 2027-2029: -3.09 %
2030  static       no learning event in 2028-2030: -3.09 %

Freelancer portfolio: not for an employee

Within reach:
- one more certification in 2026-2027 would make 2027 an upskilling year
- no learning event after 2025: static from 2028 on; a certification or dated skill in 2026-2028 would keep 2028 out of it
"""
    )


def test_explain_worked_example_b(cli: Invoke, write: Write) -> None:
    result = cli("explain", write("b.yaml", PROFILE_B), columns=200)
    assert result.exit_code == 0
    assert (
        result.stdout
        == """\
Profile B (b.yaml): freelancer, 2025-2029, baseline growth +2.00 %
Yearly growth: upskilling +2.44 %, maintaining +2.00 %, static -3.09 %

2025  maintaining  1 learning event in 2023-2025 (AI ethics review), 0 certifications < 2: start year
2026  maintaining  1 learning event in 2024-2026 (AI ethics review), 0 certifications < 2: +2.00 %
2027  maintaining  1 learning event in 2025-2027 (Vector search), 0 certifications < 2, and the portfolio step ×1.7: +73.40 %
2028  maintaining  1 learning event in 2026-2028 (Vector search), 0 certifications < 2: +2.00 %
2029  maintaining  1 learning event in 2027-2029 (Vector search), 0 certifications < 2: +2.00 %

Freelancer portfolio: 3 distinct skills (prompt engineering, AI ethics review, Vector search) held at the end of 2027 >= 3, 2 the year before: revenue ×1.7 in 2027

Each planned event, against the profile without it alone (they work together, so these need not add up):
- Vector search (skill, 2027): adds 152,303.52 USD over 2026-2029
"""
    )


def test_explain_points_out_a_portfolio_within_reach(cli: Invoke, write: Write) -> None:
    profile = write("f.yaml", "name: F\nemployment: freelancer\nincome: 1\nas_of: 2025\nskills: [a]\n")
    assert (
        "- 2 more distinct skills by 2030 would reach the portfolio: revenue ×1.7 in the year it is reached"
        in (cli("explain", profile).stdout)
    )


def test_explain_of_an_invalid_profile_exits_1(cli: Invoke, write: Write) -> None:
    result = cli("explain", write("bad.yaml", "name: Bad\n"))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "bad.yaml:1:1: error: income: is required\n",
    )


# validate -----------------------------------------------------------------------------


def test_validate_is_silent_when_all_is_well(cli: Invoke) -> None:
    result = cli("validate", str(PROFILES))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_validate_verbose_lists_what_was_checked(cli: Invoke, write: Write) -> None:
    result = cli("validate", write("a.yaml", PROFILE_A), "--verbose")
    assert result.stdout == "a.yaml: document 1 (Profile A): valid\n1 profile in 1 file: all valid\n"


def test_validate_reports_every_problem_and_exits_1(cli: Invoke, write: Write) -> None:
    result = cli("validate", write("bad.yaml", "name: Bad\nincome: 0\nhorizon: 99\n"))
    assert result.exit_code == 1
    assert result.stderr == (
        "bad.yaml:2:9: error: income: must be greater than 0\nbad.yaml:3:10: error: horizon: must be at most 50\n"
    )


def test_warnings_fail_only_with_strict(cli: Invoke, write: Write) -> None:
    path = write("w.yaml", "name: W\nincome: 1\nskills: [SQL, sql]\n")
    relaxed, strict = cli("validate", path), cli("validate", path, "--strict")
    warning = (
        "w.yaml:3:15: warning: skill 'sql' is listed again; it counts once, as held since before as_of\n"
    )
    assert (relaxed.exit_code, relaxed.stderr) == (0, warning)
    assert (strict.exit_code, strict.stderr) == (1, warning)


def test_validate_json_is_for_editors(cli: Invoke, write: Write) -> None:
    result = cli("validate", write("bad.yaml", "name: Bad\nincome: 0\nincome: 1\n"), "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert json.loads(result.stdout) == {
        "schema_version": 1,
        "valid": False,
        "profiles": 1,
        "errors": [
            {"source": "bad.yaml", "document": 1, "line": 3, "column": 1,
             "message": "duplicate key 'income': each key may appear once"}
        ],
        "warnings": [],
    }  # fmt: skip


# schema -------------------------------------------------------------------------------


def schema_of(cli: Invoke) -> dict[str, Any]:
    result = cli("schema")
    assert result.exit_code == 0
    schema: dict[str, Any] = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("profile", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_the_schema_accepts_every_example_profile(cli: Invoke, profile: Path) -> None:
    data = yaml.load(profile.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    jsonschema.validate(data, schema_of(cli))


@pytest.mark.parametrize(
    "broken",
    [
        "income: 1\n",  # no name
        "name: A\n",  # no income
        "name: A\nincome: 1\nsalary: 2\n",  # both
        "name: A\nincome: lots\n",
        "name: A\nincome: 0\n",
        "name: A\nincome: 1\nincme: 1\n",
        "name: A\nincome: 1\nhorizon: 51\n",
        "name: A\nincome: 1\ncurrency: usd\n",
        "name: A\nincome: 1\ncertifications:\n  - name: X\n",
        "name: A\nincome: 1\nskills:\n  - {name: X, level: 3}\n",
    ],
)
def test_the_schema_rejects_broken_profiles(cli: Invoke, broken: str) -> None:
    data = yaml.load(broken, Loader=Yaml12Loader)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema_of(cli))


def test_the_schema_allows_nulls_a_plain_name_skill_and_salary(cli: Invoke) -> None:
    data = yaml.load("name: A\nsalary: 1\nhorizon: ~\nskills: [SQL]\n", Loader=Yaml12Loader)
    jsonschema.validate(data, schema_of(cli))


# init ---------------------------------------------------------------------------------


def test_init_writes_a_starter_profile_that_validates(cli: Invoke, write: Write) -> None:
    result = cli("init", "me.yaml")
    assert result.exit_code == 0
    assert result.stderr == "wrote me.yaml; fill it in, then run: careercap project me.yaml\n"
    text = Path("me.yaml").read_text(encoding="utf-8")
    assert len(re.findall(r"^# ", text, re.M)) >= 10  # every field explained
    assert cli("validate", "me.yaml", "--strict").exit_code == 0
    document = json.loads(cli("project", "me.yaml", "-f", "json").stdout)
    planned = [
        e["planned"]
        for row in document["projections"][0]["years"]
        for e in row["events"]
        if e["kind"] == "certification"
    ]
    assert planned == [True]  # the held one is before the projected years


def test_the_starter_profile_leads_to_the_return_on_learning(cli: Invoke, write: Write) -> None:
    cli("init", "me.yaml")
    text = Path("me.yaml").read_text(encoding="utf-8")
    for field in ("cost", "hours", "hourly_value", "learning_subsidy", "inflation", "expires"):
        assert re.search(rf"^\s*(- )?{field}: ", text, re.M), field  # written, not only mentioned
    result = cli("project", "me.yaml")
    assert (result.exit_code, result.stderr) == (0, "")  # nothing to warn of, as written
    assert "The planned learning, as an investment" in result.stdout
    assert "Pays back in" in result.stdout
    summary = json.loads(cli("project", "me.yaml", "-f", "json").stdout)["projections"][0]["summary"]
    assert summary["learning_cost"] > 0


def test_the_starter_profiles_career_events_project_once_uncommented(cli: Invoke, write: Write) -> None:
    cli("init", "me.yaml")
    text = Path("me.yaml").read_text(encoding="utf-8")
    as_of = int(re.search(r"^as_of: (\d+)", text, re.M).group(1))  # type: ignore[union-attr]
    uncommented = re.sub(r"^# (events:|  - year: |    \w+: )", r"\1", text, flags=re.M)
    assert uncommented.count("\n  - year: ") == 3
    write("events.yaml", uncommented)
    result = cli("project", "events.yaml", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    years = json.loads(result.stdout)["projections"][0]["years"]
    career = [
        (row["year"], e["kind"])
        for row in years
        for e in row["events"]
        if e["kind"] not in ("certification", "skill")
    ]
    assert career == [(as_of + 2, "employment"), (as_of + 3, "raise"), (as_of + 4, "break")]
    assert years[4]["earned"] == round(years[4]["income"] / 2, 2)
    assert years[2]["income"] == 80000.0


def test_init_refuses_to_overwrite_unless_forced(cli: Invoke, write: Write) -> None:
    write("me.yaml", "mine\n")
    refused = cli("init", "me.yaml")
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[0] == (
        "careercap init: error: Invalid value for 'PATH': me.yaml exists; give --force to overwrite it"
    )
    assert Path("me.yaml").read_text(encoding="utf-8") == "mine\n"
    assert cli("init", "me.yaml", "--force").exit_code == 0
    assert Path("me.yaml").read_text(encoding="utf-8").startswith("# A careercap profile.")


def test_init_dash_prints_the_profile(cli: Invoke, write: Write) -> None:
    result = cli("init", "-")
    assert result.stdout.startswith(
        "# A careercap profile. Fill it in, then run: careercap project profile.yaml\n"
    )
    assert cli("validate", "-", input=result.stdout).exit_code == 0


ORDER = """\
name: Order
employment: freelancer
income: 50000
as_of: 2025
certifications:
  - {name: Cert Late, earned: 2025}
  - {name: Cert Early, earned: 2024}
skills:
  - {name: Skill Late, acquired: 2026}
  - {name: Skill Early, acquired: 2023}
  - Undated Skill
"""


def test_explain_lists_events_and_skills_in_the_order_the_profile_writes_them(
    cli: Invoke, write: Write
) -> None:
    result = cli("explain", write("order.yaml", ORDER), columns=200)
    assert result.exit_code == 0
    assert "2 certifications in 2023-2025 (Cert Late, Cert Early) >= 2" in result.stdout
    assert "2 learning events in 2025-2027 (Cert Late, Skill Late), 1 certification < 2" in result.stdout
    assert (
        "3 distinct skills (Skill Late, Skill Early, Undated Skill) held at the end of 2026" in result.stdout
    )


def test_explain_checks_its_profiles_before_its_rules_file(cli: Invoke, write: Write) -> None:
    rules = write("bad-rules.yaml", "window_years: 0\n")
    result = cli("explain", "missing.yaml", "--rules", rules)
    assert result.exit_code == 2
    assert "Invalid value for 'PROFILE': missing.yaml: no such file" in result.stderr


CAUTIOUS = "static:\n  contraction: 0.27\n"
NAMED = "Rules: cautious.yaml, which sets static.contraction 0.27 (default 0.09)."


@pytest.mark.parametrize(
    "command",
    [
        ["project", "finance-clerk.yaml"],
        ["project", "finance-clerk.yaml", "--summary"],
        ["compare", "finance-clerk.yaml", "finance-clerk-with-plan.yaml"],
        ["plan", "finance-clerk.yaml"],
        ["explain", "finance-clerk.yaml"],
    ],
    ids=["project", "summary", "compare", "plan", "explain"],
)
def test_every_report_names_the_rules_file_and_what_it_changes(
    cli: Invoke, write: Write, command: list[str]
) -> None:
    write("cautious.yaml", CAUTIOUS)
    for name in ("finance-clerk.yaml", "finance-clerk-with-plan.yaml"):
        write(name, (PROFILES / name).read_text())
    result = cli(*command, "--rules", "cautious.yaml", columns=200)
    assert result.exit_code == 0
    assert NAMED in result.stdout
    assert "Rules:" not in cli(*command, columns=200).stdout  # the defaults need no word


def test_json_and_pictures_name_the_rules_file(cli: Invoke, write: Write) -> None:
    write("cautious.yaml", CAUTIOUS)
    profile = write("clerk.yaml", (PROFILES / "finance-clerk.yaml").read_text())
    rules = json.loads(cli("project", profile, "--rules", "cautious.yaml", "-f", "json").stdout)["rules"]
    assert (rules["source"], rules["overridden"]) == ("cautious.yaml", ["static.contraction"])
    assert "source" not in json.loads(cli("project", profile, "-f", "json").stdout)["rules"]
    assert cli("project", profile, "--rules", "cautious.yaml", "--svg", "out.svg").exit_code == 0
    assert "cautious.yaml" in Path("out.svg").read_text()


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_explain_and_plan_fold_their_prose_to_the_terminal(cli: Invoke, write: Write, columns: int) -> None:
    write("clerk.yaml", (PROFILES / "finance-clerk.yaml").read_text())
    for command in (["explain", write("b.yaml", PROFILE_B)], ["plan", "clerk.yaml"]):
        result = cli(*command, columns=columns)
        assert result.exit_code == 0
        prose = result.stdout.split("\nAdd to the profile:")[0]  # the YAML snippet is kept as it is
        assert max(len(line) for line in prose.splitlines()) <= columns
        assert not re.search(r"[0-9]\n +%", prose)  # a percent stays with its number
    wide = cli("explain", "b.yaml", columns=200).stdout
    narrow = cli("explain", "b.yaml", columns=60).stdout
    assert " ".join(narrow.split()) == " ".join(wide.split())  # the same words, folded
