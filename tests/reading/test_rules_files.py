"""The packaged rules and a user's rules file."""

from __future__ import annotations

import pytest

from careercap.core.rules import Rules
from careercap.errors import CareercapError
from careercap.reading.rules import default_rules, load_rules, packaged_data


def test_the_packaged_rules_validate_to_the_rules_careercap_uses() -> None:
    validated = Rules.model_validate(packaged_data())
    assert validated == default_rules()
    assert validated.parameters() == default_rules().parameters()
    assert isinstance(default_rules().upskilling.growth_premium, float)
    assert isinstance(default_rules().window_years, int)


def test_every_rule_has_its_finding_source_and_interpretation() -> None:
    rules = default_rules()
    for rule in (rules.upskilling, rules.static, rules.freelancer_portfolio):
        assert rule.finding
        assert rule.source
        assert rule.interpretation
    assert rules.evidence is not None
    assert "secondary reporting" in rules.evidence


def test_a_partial_rules_file_overrides_only_what_it_gives() -> None:
    rules = load_rules(b"upskilling:\n  growth_premium: 0.11\n", "mine.yaml")
    assert rules.upskilling.growth_premium == 0.11
    assert rules.upskilling.min_certifications == 2
    assert rules.parameters()["static"] == {"contraction": 0.09}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("window_years: 0\n", "mine.yaml:1:15: error: window_years: must be at least 1"),
        ("window_years: 11\n", "mine.yaml:1:15: error: window_years: must be at most 10"),
        (
            "upskilling:\n  growth_premium: 6\n",
            "mine.yaml:2:19: error: upskilling.growth_premium: must be at most 5",
        ),
        ("static:\n  contraction: 1\n", "mine.yaml:2:16: error: static.contraction: must be less than 1"),
        (
            "freelancer_portfolio:\n  multiplier: 0.5\n",
            "mine.yaml:2:15: error: freelancer_portfolio.multiplier: must be at least 1",
        ),
        (
            "static:\n  contractoin: 0.1\n",
            "mine.yaml:2:3: error: static: unknown key 'contractoin' (did you mean 'contraction'?)",
        ),
        ("- 1\n", "mine.yaml:1:1: error: a rules file must be a mapping such as 'window_years: 3'"),
    ],
)
def test_a_bad_rules_file_names_file_line_and_key(text: str, message: str) -> None:
    with pytest.raises(CareercapError) as raised:
        load_rules(text.encode(), "mine.yaml")
    assert str(raised.value.diagnostics[0]) == message
