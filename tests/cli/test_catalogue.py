"""`careercap plan` with a catalogue, a budget, hours and net gain as the goal: what a person
sees, what a script reads, and what a catalogue file may hold."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
import yaml

from careercap.render.schema import catalogue_schema
from tests.conftest import PROFILES, ROOT, Invoke

Write = Callable[..., str]
CLERK = str(PROFILES / "finance-clerk.yaml")
CATALOGUE = ROOT / "profiles" / "catalogues" / "finance.yaml"


def plan_json(cli: Invoke, *args: str) -> dict[str, Any]:
    result = cli("plan", CLERK, "--catalogue", str(CATALOGUE), *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_a_catalogue_plan_names_the_options_and_what_they_cost(cli: Invoke) -> None:
    document = plan_json(cli)
    assert document["objective"] == "fewest"
    assert [(a["option"], a["kind"], a["year"], a["cost"], a["hours"]) for a in document["additions"]] == [
        ("SQL for analysts", "skill", 2026, 0, 30),
        ("Python for finance automation", "skill", 2028, 49, 40),
    ]
    assert document["spent"] == {"money": 49, "hours": 70, "cost": 49}  # the clerk's hours are not priced
    assert document["projection"]["summary"]["learning_cost"] == 49


def test_net_gain_within_a_budget_spends_no_more_than_the_budget(cli: Invoke) -> None:
    free = plan_json(cli, "--maximise", "net-gain")
    tight = plan_json(cli, "--maximise", "net-gain", "--budget", "200")
    assert free["spent"]["money"] > 200  # 255: two certifications in 2026, for upskilling
    assert tight["spent"]["money"] <= 200
    assert tight["limits"] == {"max_events": 4, "budget": 200, "max_hours": None}
    net = [document["projection"]["summary"]["net_learning_gain"] for document in (free, tight)]
    assert net[0] > net[1]  # the budget costs something


def test_max_hours_limits_the_study_time(cli: Invoke) -> None:
    document = plan_json(cli, "--maximise", "net-gain", "--max-hours", "50")
    assert sum(a["hours"] or 0 for a in document["additions"]) <= 50
    assert document["spent"]["hours"] <= 50


def test_the_prose_says_what_the_plan_costs_and_returns(cli: Invoke) -> None:
    result = cli(
        "plan", CLERK, "--catalogue", str(CATALOGUE), "--maximise", "net-gain", "--budget", "300", columns=300
    )
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"Tomasz Nowak ({CLERK}): a plan to gain the most from learning, net of what it costs, "
        "from 6 catalogue options for 2026-2030, within 300.00 EUR"
    )
    assert lines[2].startswith("The plan with the largest net gain: ")
    assert any(line.startswith("The additions cost ") and line.endswith(" hours.") for line in lines)
    assert any(line.startswith("All planned learning costs ") for line in lines)


def test_the_snippet_pasted_into_the_profile_gives_the_plans_figures(cli: Invoke, write: Write) -> None:
    args = ("--catalogue", str(CATALOGUE), "--maximise", "net-gain")
    snippet = cli("plan", CLERK, *args, "-f", "yaml").stdout
    profile = yaml.safe_load((PROFILES / "finance-clerk.yaml").read_text(encoding="utf-8"))
    for piece in snippet.split("\n\n"):  # items under a list the profile has; a list it has not
        if piece.startswith("# add under the existing "):
            profile[piece.split()[5].rstrip(":")] += yaml.safe_load(piece)
        else:
            profile.update(yaml.safe_load(piece))
    assert profile["certifications"][-1]["name"] == "Finance systems annual certificate"
    pasted = write("pasted.yaml", yaml.safe_dump(profile, sort_keys=False))
    projected = json.loads(cli("project", pasted, "-f", "json").stdout)["projections"][0]
    planned = plan_json(cli, "--maximise", "net-gain")["projection"]
    assert projected["summary"] == planned["summary"]


ISSUE_PROFILE = """\
name: Tomasz Nowak
income: 48000
currency: EUR
as_of: 2025
baseline_growth: 0.025
hourly_value: 25
certifications:
  - {name: Microsoft Power BI Data Analyst, earned: 2024}
skills: [accounts payable, invoice matching, Excel]
"""
RENEWAL = """\
options:
  - name: Power BI renewal
    kind: certification
    cost: 0
    hours: 6
    repeatable: true
"""
IGNORED = (
    "c.yaml:6:5: warning: options[1]: 'repeatable' is ignored: a plan takes each option at most once "
    "(and never one the profile has, whose renewal is not a new certification)\n"
)


def test_a_free_certification_once_marked_repeatable_is_taken_once_and_not_renamed(
    cli: Invoke, write: Write
) -> None:
    # The issue: taken three times, as "Power BI renewal (2028)" and "(2029)" too, for +5,177 %.
    profile, catalogue = write("clerk.yaml", ISSUE_PROFILE), write("c.yaml", RENEWAL)
    result = cli("plan", profile, "--catalogue", catalogue, "--maximise", "net-gain", "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [(a["name"], a["option"], a["year"]) for a in document["additions"]] == [
        ("Power BI renewal", "Power BI renewal", 2027)
    ]
    summary = document["projection"]["summary"]
    assert (summary["learning_cost"], summary["net_learning_gain"]) == (150, 24259.47)
    snippet = cli("plan", profile, "--catalogue", catalogue, "--maximise", "net-gain", "-f", "yaml").stdout
    assert snippet == (
        "# add under the existing certifications:\n"
        "  - name: Power BI renewal\n    earned: 2027\n    cost: 0\n    hours: 6\n"
    )


def test_repeatable_is_ignored_with_a_located_warning(cli: Invoke, write: Write) -> None:
    profile, catalogue = write("clerk.yaml", ISSUE_PROFILE), write("c.yaml", RENEWAL)
    result = cli("plan", profile, "--catalogue", catalogue, "--maximise", "net-gain", "-f", "yaml")
    assert (result.exit_code, result.stderr) == (0, IGNORED)
    skill = write("s.yaml", "options:\n  - name: SQL\n    kind: skill\n    repeatable: yes\n")
    result = cli("plan", CLERK, "--catalogue", skill, "-f", "yaml")
    assert result.exit_code == 0
    assert result.stderr == IGNORED.replace("c.yaml:6", "s.yaml:4")


def test_with_min_hours_the_plan_counts_only_certifications_long_enough(cli: Invoke, write: Write) -> None:
    # The 8-hour annual certificate is below min_hours: beside PL-300 it would not make
    # upskilling, so the plan takes UiPath (45 hours) with PL-300, when UiPath can be taken.
    rules = write("rules.yaml", "upskilling:\n  min_hours: 10\n")
    document = plan_json(cli, "--maximise", "net-gain", "--rules", rules)
    assert [(a["option"], a["year"]) for a in document["additions"]] == [
        ("SQL for analysts", 2026),
        ("Microsoft Power BI Data Analyst (PL-300)", 2027),
        ("UiPath Automation Developer Associate", 2027),
        ("Python for finance automation", 2028),
    ]
    projection = document["projection"]
    assert [row["state"] for row in projection["years"][1:]] == ["maintaining"] + ["upskilling"] * 3 + [
        "maintaining"
    ]
    assert projection["summary"]["net_learning_gain"] == 42194.67


def test_an_option_the_profile_has_is_a_renewal_and_not_offered(cli: Invoke, write: Write) -> None:
    catalogue = write(
        "c.yaml",
        "options:\n  - name: microsoft-power-bi-data-analyst\n    kind: certification\n"
        "  - {name: EXCEL, kind: skill}\n",
    )
    result = cli("plan", write("clerk.yaml", ISSUE_PROFILE), "--catalogue", catalogue, columns=300)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2] == (
        "None of the catalogue's options can be taken in 2026-2030, and the profile holds the rest."
    )


def test_a_name_that_yaml_would_misread_is_quoted(cli: Invoke, write: Write) -> None:
    catalogue = write(
        "c.yaml", "options:\n  - name: 'yes'\n    kind: skill\n  - name: 'C#: basics'\n    kind: skill\n"
    )
    snippet = cli("plan", CLERK, "--catalogue", catalogue, "-f", "yaml").stdout
    assert snippet.startswith("# add under the existing skills:\n")  # items to paste under the key
    assert {item["name"] for item in yaml.safe_load(snippet)} <= {"yes", "C#: basics"}


def test_no_plan_within_the_budget_says_so(cli: Invoke, write: Write) -> None:
    catalogue = write("c.yaml", "options:\n  - name: Costly\n    kind: certification\n    cost: 900\n")
    result = cli("plan", CLERK, "--catalogue", catalogue, "--budget", "100", columns=300)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "No plan of at most 4 learning events from the catalogue, within 100.00 EUR in 2026-2030 does that "
        "(--max-events 5 would look further)."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "options:\n  - name: A\n    kind: skill\n    prise: 3\n",
            "c.yaml:4:5: error: options[1]: unknown key 'prise' "
            "(known keys: name, kind, cost, hours, earliest, latest)",
        ),
        (
            "options:\n  - name: SQL\n    kind: skill\n  - name: ' sql'\n    kind: skill\n",
            "c.yaml:4:11: error: options: item 2: ' sql' is the name of item 1 too; "
            "a plan names the option it takes, so give each its own name",
        ),
        (
            "options:\n  - name: A\n    kind: skill\n    earliest: 2028\n    latest: 2027\n",
            "c.yaml:2:5: error: options[1]: latest (2027) is before earliest (2028)",
        ),
        (
            "options:\n  - name: A\n    kind: course\n",
            "c.yaml:3:11: error: options[1].kind: must be 'certification' or 'skill', not 'course'",
        ),
        (
            "options: []\n",
            "c.yaml:1:10: error: options: is empty: list at least one option, with its name and kind",
        ),
        (
            "- name: A\n",
            "c.yaml:1:1: error: a catalogue must be a mapping with a list of 'options:', each with 'name:' and 'kind:'",
        ),
        (
            "options:\n  - name: A\n    kind: skill\n---\noptions: []\n",
            "c.yaml:4:1: error: a catalogue holds one document, and this is a second; remove the '---'",
        ),
    ],
)
def test_a_bad_catalogue_is_one_located_line_and_exit_1(
    cli: Invoke, write: Write, text: str, message: str
) -> None:
    result = cli("plan", CLERK, "--catalogue", write("c.yaml", text))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message + "\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--catalogue", "missing.yaml"], "Invalid value for '--catalogue': missing.yaml: no such file"),
        (["--budget", "-1"], "Invalid value for '--budget': must be from 0 to 1e+12, not -1"),
        (
            ["--maximise", "most"],
            "Invalid value for '--maximise' / '--maximize': must be one of net-gain, npv, not 'most'",
        ),
        (["--max-hours", "lots"], "Invalid value for '--max-hours': must be a number, not 'lots'"),
    ],
)
def test_plan_option_errors_are_usage_errors(
    cli: Invoke, write: Write, args: list[str], message: str
) -> None:
    write("unused.yaml", "")  # a fresh working directory
    result = cli("plan", CLERK, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"careercap plan: error: {message}"


def test_the_example_catalogue_fits_its_schema() -> None:
    schema = catalogue_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize(
    "options",
    [
        [],
        [{"name": "A"}],
        [{"name": "A", "kind": "course"}],
        [{"name": "A", "kind": "skill", "cost": -1}],
        [{"name": "A", "kind": "skill", "earliest": 1900}],
        [{"name": "A", "kind": "skill", "price": 3}],
    ],
)
def test_the_catalogue_schema_refuses_what_careercap_refuses(
    cli: Invoke, write: Write, options: list[dict[str, Any]]
) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"options": options}, catalogue_schema())
    result = cli("plan", CLERK, "--catalogue", write("c.yaml", yaml.safe_dump({"options": options})))
    assert result.exit_code == 1


def test_compare_json_compares_what_learning_costs_and_adds(cli: Invoke) -> None:
    result = cli("compare", CLERK, str(PROFILES / "finance-clerk-with-plan.yaml"), "-f", "json")
    summary = json.loads(result.stdout)["summary"]
    assert summary["learning_cost"] == [0, 6465.5]
    assert summary["net_learning_gain"] == [0, 36909.57]
    assert summary["differences"]["learning_gain"] == [0, 43375.07]
    plain = json.loads(cli("compare", CLERK, CLERK, "-f", "json").stdout)
    assert "learning_cost" not in plain["summary"]  # no profile plans learning


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_a_catalogue_plan_fits_the_width_but_its_snippet_pastes_as_it_is(cli: Invoke, width: int) -> None:
    args = ("--catalogue", str(CATALOGUE), "--maximise", "net-gain", "--budget", "400")
    result = cli("plan", CLERK, *args, columns=width)
    lines = result.stdout.splitlines()
    start = lines.index("Add to the profile:") + 2
    end = next(at for at in range(start, len(lines)) if lines[at].startswith("Income by year")) - 1
    snippet, rest = lines[start:end], lines[:start] + lines[end:]  # the snippet's parts apart by a blank
    assert [line for line in rest if len(line.rstrip()) > width] == []
    assert "…" not in result.stdout
    # Not folded, so that it pastes into a profile as it is: the lines the plan adds.
    assert "\n".join(snippet) + "\n" == cli("plan", CLERK, *args, "-f", "yaml").stdout
    assert "  - name: Microsoft Power BI Data Analyst (PL-300)" in snippet


def test_plan_json_names_the_rules_it_rests_on(cli: Invoke, write: Write) -> None:
    rules = write("r.yaml", "upskilling:\n  growth_premium: 0.3\n")
    document = json.loads(cli("plan", CLERK, "--rules", rules, "-f", "json").stdout)
    assert document["rules"]["source"] == "r.yaml"
    assert document["rules"]["overridden"] == ["upskilling.growth_premium"]
    assert document["rules"]["upskilling"]["growth_premium"] == 0.3


def test_plan_says_when_it_skips_an_empty_document(cli: Invoke, write: Write) -> None:
    path = write("two.yaml", "---\n---\nname: A\nincome: 50000\n")
    result = cli("plan", path)
    assert result.exit_code == 0
    assert "two.yaml:1:1: warning: document 1 is empty; skipped" in result.stderr.splitlines()[0]
