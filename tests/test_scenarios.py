"""Scenario files: every value sourced, strict validation with errors that name the file and key."""

from __future__ import annotations

import re
import tomllib
from fractions import Fraction
from importlib import resources

import pytest

from negotiation import scenarios
from negotiation.models import MODELS
from negotiation.models.sources import SOURCES
from negotiation.scenarios import ScenarioError


def bundled_text(name: str) -> str:
    return resources.files("negotiation.scenarios").joinpath(f"{name}.toml").read_text()


def test_bundled_scenarios_in_date_order_and_cover_every_model_that_existed_then():
    assert scenarios.names() == (
        "april-2025",
        "may-2025",
        "july-2025-deal",
        "eu-july-2025",
        "korea-july-2025",
    )
    for name in scenarios.names():
        s = scenarios.load(name)
        assert s.name == name
        if s.partner != "Japan":  # the other partners: the standoff only (tests/test_partners.py)
            assert s.models == ("tariff_standoff",)
            continue
        # a scenario holds only what was known at its date: no deal to keep before July
        before_the_deal = s.date < "2025-07-22"
        assert set(s.models) == set(MODELS) - ({"deal_compliance"} if before_the_deal else set())
        assert s.title and s.summary and re.fullmatch(r"2025-\d\d-\d\d", s.date)


@pytest.mark.parametrize(
    "name", ["april-2025", "may-2025", "july-2025-deal", "eu-july-2025", "korea-july-2025"]
)
def test_every_bundled_value_has_a_unit_and_a_source(name):
    s = scenarios.load(name)
    for model, entries in s.entries.items():
        for pname, entry in entries.items():
            assert entry.unit == MODELS[model].parameter(pname).unit
            if entry.is_assumption:
                assert len(entry.reason) > 20, (model, pname)
            else:
                assert entry.source in SOURCES, (model, pname, entry.source)


def test_the_files_hold_numbers_only():
    for name in scenarios.names():
        data = tomllib.loads(bundled_text(name))
        for section, table in data.items():
            if section == "scenario":
                continue
            for entry in table.values():
                assert type(entry["value"]) in (int, float)


def test_dated_facts_in_the_scenarios():
    july = scenarios.load("july-2025-deal")
    assert july.values("tariff_standoff")["deal_rate"] == 15  # deal-2025-07-22
    assert july.values("tariff_standoff")["tariff"] == 25  # july-letter-2025
    assert july.entries["tariff_standoff"]["tariff"].source == "july-letter-2025"
    april = scenarios.load("april-2025")
    assert april.values("tariff_standoff")["tariff"] == 24  # reciprocal-rate-apr-2025
    assert april.values("tariff_standoff")["deal_rate"] == 10  # baseline-apr-2025
    assert april.values("tariff_standoff")["pass_through"] == Fraction(3, 5)


def write(tmp_path, text, name="class.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


GOOD = """
[scenario]
name = "korea-2025"
title = "Korea 2025"
date = 2025-07-30
summary = "A teacher's own scenario."

[currency_claims]
accusation_cost = { value = 2, unit = "$bn/yr", source = "assumption", reason = "a stated guess" }
accusation_gain = { value = 10, unit = "$bn/yr", source = "Bank of Korea, 2025 annual report" }
false_accusation_cost = { value = 3, unit = "$bn/yr", source = "trade-2024" }
weak_yen_loss = { value = 8, unit = "$bn/yr", source = "trade-2024" }
weak_yen_gain = { value = 0.3, unit = "% of GDP", source = "trade-2024" }
caught_penalty = { value = 2, unit = "% of GDP", source = "trade-2024" }
unfair_accusation_harm = { value = 0.1, unit = "% of GDP", source = "trade-2024" }
"""


def test_a_teachers_file_loads_by_path(tmp_path):
    s = scenarios.load(write(tmp_path, GOOD))
    assert s.models == ("currency_claims",)
    assert s.values("currency_claims")["weak_yen_gain"] == Fraction(3, 10)
    assert not s.covers("tariff_standoff")
    with pytest.raises(
        ValueError, match=r"scenario 'korea-2025' has no values for model 'tariff_standoff'"
    ):
        s.values("tariff_standoff")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("accusation_cost = { value = 2,", "accusation_cost = { value = 60,"),
            r"\[currency_claims\] accusation_cost: accusation_cost = 60 is outside its range \[1/2, 5\]",
        ),
        (
            ('value = 10, unit = "$bn/yr"', 'value = "10", unit = "$bn/yr"'),
            r"\[currency_claims\] accusation_gain: value must be a number, got str '10'",
        ),
        (
            ('value = 10, unit = "$bn/yr"', 'value = true, unit = "$bn/yr"'),
            r"accusation_gain: value must be a number, got bool",
        ),
        (
            (
                'unit = "$bn/yr", source = "assumption", reason = "a stated guess"',
                'unit = "$bn/yr", source = "assumption"',
            ),
            r"\[currency_claims\] accusation_cost: an assumption needs a reason",
        ),
        (
            (
                'false_accusation_cost = { value = 3, unit = "$bn/yr", source = "trade-2024" }',
                'false_accusation_cost = { value = 3, unit = "$bn/yr" }',
            ),
            r"\[currency_claims\] false_accusation_cost: missing key 'source'",
        ),
        (
            (
                'weak_yen_gain = { value = 0.3, unit = "% of GDP"',
                'weak_yen_gain = { value = 0.3, unit = "percent"',
            ),
            r"weak_yen_gain: unit must be '% of GDP' \(the model's unit\), got 'percent'",
        ),
        (
            ('caught_penalty = { value = 2, unit = "% of GDP", source = "trade-2024" }', ""),
            r"\[currency_claims\] is missing parameter\(s\) \['caught_penalty'\]",
        ),
        (
            (
                "[currency_claims]",
                '[currency_claims]\nfine = { value = 1, unit = "x", source = "trade-2024" }',
            ),
            r"\[currency_claims\] has unknown parameter\(s\) \['fine'\]",
        ),
        (("[currency_claims]", "[tariff_wars]"), r"unknown model \[tariff_wars\]; models are"),
        (
            ('source = "trade-2024" }\nweak_yen_gain', 'source = "trade-2042" }\nweak_yen_gain'),
            r"weak_yen_loss: unknown source key 'trade-2042'",
        ),
        (
            ('summary = "A teacher\'s own scenario."', ""),
            r"\[scenario\] is missing the key 'summary'",
        ),
        (
            ('title = "Korea 2025"', 'title = "Korea 2025"\nauthor = "me"'),
            r"\[scenario\] has unknown key\(s\) \['author'\]",
        ),
        (
            (
                'value = 8, unit = "$bn/yr", source = "trade-2024" }',
                'value = 8, unit = "$bn/yr", source = "trade-2024", sauce = 1 }',
            ),
            r"weak_yen_loss: unknown key\(s\) \['sauce'\]",
        ),
        (("date = 2025-07-30", "date = 2025-07-30\n[["), r"not valid TOML"),
    ],
)
def test_bad_files_name_the_file_and_the_key(tmp_path, change, message):
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ScenarioError, match=message) as info:
        scenarios.load(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_scenario_and_bad_arguments(tmp_path):
    with pytest.raises(
        FileNotFoundError, match=r"no scenario named 'june-2025' and no such file; bundled"
    ):
        scenarios.load("june-2025")
    with pytest.raises(TypeError, match="a scenario is a name or a path"):
        scenarios.load(2025)
    with pytest.raises(ScenarioError, match=r"missing the \[scenario\] table"):
        scenarios.load(write(tmp_path, "[currency_claims]\n"))


def test_template_is_a_valid_complete_scenario(tmp_path):
    text = scenarios.template()
    s = scenarios.load(write(tmp_path, text))
    assert set(s.models) == set(MODELS)
    for model in MODELS.values():
        assert s.values(model.name) == model.defaults
    with pytest.raises(ValueError, match="unknown model 'x'"):
        scenarios.template(["x"])


@pytest.mark.parametrize("name", scenarios.names())
def test_parameter_table_has_one_row_per_parameter_with_its_value_unit_and_source(name):
    from negotiation.models import MODELS
    from negotiation.models.sources import SOURCES

    scenario = scenarios.load(name)
    for model in scenario.models:
        for why in (False, True):
            rows = scenario.parameter_table(model, why=why).splitlines()
            params = MODELS[model].parameters
            assert len(rows) == len(params) + 2
            assert rows[0].endswith("why this value |" if why else "source |")
            for p, row in zip(params, rows[2:]):
                entry = scenario.entries[model][p.name]
                cells = row.split(" | ")
                assert cells[0] == f"| ${p.latex}$"
                assert (
                    cells[2] == f"{float(entry.value):g} {p.unit.replace('$', chr(92) * 2 + '$')}"
                )
                if not why and not entry.is_assumption:
                    assert SOURCES[entry.source].citation in row
                if why or entry.is_assumption:
                    assert entry.reason.replace("$", chr(92) * 2 + "$") in row
                assert "$" not in row.replace("\\$", "").replace(f"${p.latex}$", "")
