"""Other partners than Japan: a scenario names its partner; models, apps and templates use it."""

from __future__ import annotations

import html
import re
import tomllib
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest

from negotiation import scenarios
from negotiation.cli import main
from negotiation.models import MODELS, check_partner, for_partner, partner_text
from negotiation.normal_form.equilibria import solve
from negotiation.scenarios import ScenarioError
from negotiation.widgets import APPS

JAPAN_PARAMETER = re.compile(r"\w*japan\w*", re.IGNORECASE)


def test_no_parameter_name_says_japan():
    for model in MODELS.values():
        for name in model.parameter_names:
            assert not JAPAN_PARAMETER.search(name), (model.name, name)
            assert "Japan" not in model.parameter(name).description, (model.name, name)


def test_every_bundled_scenario_writes_its_partner():
    folder = resources.files("negotiation.scenarios")
    partners = {}
    for name in scenarios.names():
        header = tomllib.loads(folder.joinpath(f"{name}.toml").read_text())["scenario"]
        assert "partner" in header, name  # written explicitly, not left to the default
        partners[name] = header["partner"]
        assert scenarios.load(name).partner == header["partner"]
    assert partners == {
        "april-2025": "Japan",
        "may-2025": "Japan",
        "july-2025-deal": "Japan",
        "eu-july-2025": "the EU",
        "korea-july-2025": "Korea",
    }


def _write(tmp_path, text):
    path = tmp_path / "s.toml"
    path.write_text(text)
    return path


def test_partner_defaults_to_japan_and_is_validated(tmp_path):
    text = scenarios.template(["currency_claims"])
    assert scenarios.load(_write(tmp_path, text.replace('partner = "Japan"\n', ""))).partner == (
        "Japan"
    )
    with pytest.raises(ScenarioError, match="partner must be text"):
        scenarios.load(_write(tmp_path, text.replace('partner = "Japan"', "partner = 3")))
    with pytest.raises(ScenarioError, match="another country than the US"):
        scenarios.load(_write(tmp_path, text.replace('partner = "Japan"', 'partner = "US"')))
    with pytest.raises(ValueError, match="empty"):
        check_partner("  ")
    with pytest.raises(TypeError):
        check_partner(None)


def test_template_for_a_partner_marks_every_value_a_placeholder(tmp_path, capsys):
    assert main(["scenarios", "--template", "tariff_standoff", "--partner", "Korea"]) == 0
    text = capsys.readouterr().out
    loaded = scenarios.load(_write(tmp_path, text))
    assert loaded.partner == "Korea" and loaded.models == ("tariff_standoff",)
    model = MODELS["tariff_standoff"]
    assert loaded.values("tariff_standoff") == model.defaults
    for entry in loaded.entries["tariff_standoff"].values():
        # Japan's figures are never passed off as Korea's
        assert entry.is_assumption and "placeholder: Japan's value" in entry.reason
        assert "for Korea" in entry.reason
    # every model, for the EU: a complete file that loads
    assert main(["scenarios", "--template", "--partner", "the EU"]) == 0
    assert set(scenarios.load(_write(tmp_path, capsys.readouterr().out)).models) == set(MODELS)
    # --partner alone is a mistake, said in one line
    assert main(["scenarios", "--partner", "Korea"]) != 0
    assert "--partner goes with --template" in capsys.readouterr().err


@pytest.mark.parametrize("name", list(MODELS))
def test_every_model_speaks_of_the_partner(name):
    model = MODELS[name]
    japan = model.analyse()
    korea = model.analyse(partner="Korea")
    assert "Korea" in korea.game.players and "Japan" not in korea.game.players
    # the one line that may name Japan says that Japan's own deal is left out
    note = "(The comparison with Japan's July deal is left out: that package was Japan's, not Korea's.)"
    details = [d for d in korea.details if d != note]
    assert len(details) == len(korea.details) - (name == "deal_bargaining")
    words = " ".join((korea.headline, *korea.sentences, *details, korea.table))
    assert "Japan" not in words and "July deal" not in words
    assert korea.headline == partner_text(japan.headline, "Korea")
    assert model.at(partner="Korea").players == korea.game.players
    # only the name changes: the same payoffs
    assert korea.to_dict()["values"] == japan.to_dict()["values"]


def test_the_partner_gets_the_same_equilibrium_payoffs():
    japan = MODELS["tariff_standoff"].analyse()
    eu = MODELS["tariff_standoff"].analyse(partner="the EU")
    assert eu.game.players == ("US", "the EU")
    assert solve(eu.game).equilibria[0].payoffs_exact == japan.result.equilibria[0].payoffs_exact
    assert eu.result.equilibria[0].payoffs_exact == japan.result.equilibria[0].payoffs_exact
    assert for_partner(japan, "Japan") is japan


def test_ranges_cover_the_large_partners():
    # US imports from about $50bn (Switzerland) to $650bn (the EU, $606bn in 2024)
    for model, name in (("tariff_standoff", "imports"), ("deal_bargaining", "imports")):
        p = MODELS[model].parameter(name)
        assert p.low <= 50 and p.high >= 650
    # GDP from under $1tn to about $20tn: 1% of GDP from under $10bn to about $200bn
    g = MODELS["deal_bargaining"].parameter("gdp_dollars")
    assert g.low <= 9 and g.high >= 194
    # US exports to the EU about $370bn (eu-exports-derived)
    assert MODELS["tariff_ladder"].parameter("imports_partner").high >= 370


# --- the two out-of-sample scenarios -----------------------------------------------------
JAPAN_EXPOSURE = Fraction(148, 4000)  # US imports from Japan / Japan's GDP, 2024
PLEDGE_VALUE = Fraction(4, 100)  # $bn a year per $bn pledged, as for Japan's pledge
JAPAN_PLEDGE_SHARE = Fraction(550, 4000)


@pytest.mark.parametrize(
    ("name", "threat", "imports", "gdp", "pledge"),
    [("korea-july-2025", 25, 131, 1870, 350), ("eu-july-2025", 30, 606, 19400, 600)],
)
def test_partner_scenarios_follow_their_sources_and_one_stated_rule(
    name, threat, imports, gdp, pledge
):
    s = scenarios.load(name)
    v = s.values("tariff_standoff")
    e = s.entries["tariff_standoff"]
    assert (v["tariff"], v["deal_rate"], v["imports"]) == (threat, 15, imports)
    assert not e["tariff"].is_assumption and not e["imports"].is_assumption
    exposure = Fraction(imports, gdp) / JAPAN_EXPOSURE
    # Japan's values carried over by exposure, by trade or by pledge, rounded to the step
    assert abs(v["partner_loss"] - Fraction(25, 1000) * exposure) < Fraction(1, 1000)
    assert abs(v["war_cost_partner"] - Fraction(3, 10) * exposure) < Fraction(5, 100)
    assert abs(v["war_cost_us"] - 20 * Fraction(imports, 148)) <= Fraction(1, 2)
    assert v["concession_value"] == pledge * PLEDGE_VALUE
    share = Fraction(pledge, gdp) / JAPAN_PLEDGE_SHARE
    assert abs(v["concession_cost"] - Fraction(1, 10) * share) < Fraction(1, 100)
    for entry in e.values():
        assert not entry.is_assumption or len(entry.reason) > 40


def test_a_scenario_holds_only_what_was_known_at_its_date():
    japan, eu, korea = (
        scenarios.load(n) for n in ("july-2025-deal", "eu-july-2025", "korea-july-2025")
    )
    assert japan.date < eu.date < korea.date  # 22, 27 and 30 July: one deal after another
    # the EU's counter-measures were suspended only after 27 July: not in its scenario
    assert "suspend" not in eu.summary.lower()
    assert "Japan" in eu.summary and "Korea" not in eu.summary
    assert "Japan" in korea.summary and "EU" in korea.summary  # the precedents Korea knew


def test_the_model_against_the_three_deals_is_not_tuned():
    """Same 15% deal; the model gets Japan and Korea, and misses the EU (computed, not tuned)."""
    outcome = {}
    for name in ("july-2025-deal", "korea-july-2025", "eu-july-2025"):
        s = scenarios.load(name)
        a = MODELS["tariff_standoff"].analyse(s.values("tariff_standoff"), partner=s.partner)
        assert s.partner in a.headline
        (eq,) = a.result.pure
        outcome[name] = (a.game.row_labels[eq.row_support[0]], a.game.col_labels[eq.col_support[0]])
    assert outcome == {
        "july-2025-deal": ("Cut", "Accommodate"),
        "korea-july-2025": ("Cut", "Accommodate"),
        "eu-july-2025": ("Hold", "Accommodate"),
    }
    # why the EU: the revenue from holding 30% rather than 15% on $606bn, tau(30) - tau(15),
    # beats the $24bn a year of its pledge to the US
    v = scenarios.load("eu-july-2025").values("tariff_standoff")
    gain = (1 - v["pass_through"]) * (v["tariff"] - v["deal_rate"]) / 100 * v["imports"]
    assert gain == Fraction(909, 25) and gain > v["concession_value"]  # $36.36bn > $24bn


def test_an_app_names_the_partner_of_its_scenario():
    app = APPS["tariff_standoff"]()
    app.load_scenario("korea-july-2025")
    assert app.partner == "Korea"
    assert "Korea" in app.analysis.headline and "Japan" not in app.analysis.headline
    assert "Korea's GDP loss" in html.unescape(app.controls["partner_loss"].description)
    app.load_scenario("july-2025-deal")
    label = html.unescape(app.controls["partner_loss"].description)
    assert app.partner == "Japan" and "Japan's GDP loss" in label
    app.load_scenario("eu-july-2025")
    app.reset()  # back to the defaults: Japan's
    assert app.partner == "Japan" and "Japan" in app.analysis.headline


def test_compare_deals_puts_the_three_july_deals_side_by_side():
    table = scenarios.compare_deals(["korea-july-2025", "july-2025-deal", "eu-july-2025"])
    rows = {r.split(" | ")[0].strip("| "): r.split(" | ")[1:] for r in table.splitlines()}
    assert table.splitlines()[0] == "| | Japan | the EU | Korea |"  # in date order
    assert rows["date of the deal"] == ["2025-07-22", "2025-07-27", "2025-07-30 |"]
    assert rows["tariff threatened"] == ["25%", "30%", "25% |"]
    assert rows["rate agreed"] == ["15%", "15%", "15% |"]
    assert rows["the model's equilibrium (US, partner)"] == [
        "Cut (15%), accommodate",
        "Hold (30%), accommodate",
        "Cut (15%), accommodate |",
    ]
    with pytest.raises(TypeError):
        scenarios.compare_deals("eu-july-2025")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        scenarios.compare_deals([])


def test_compare_deals_needs_the_standoff(tmp_path):
    path = _write(tmp_path, scenarios.template(["currency_claims"]))
    with pytest.raises(ValueError, match="no values for model 'tariff_standoff'"):
        scenarios.compare_deals(["july-2025-deal", str(path)])


def test_the_capstone_compares_the_three_deals():
    import nbformat

    path = Path(__file__).resolve().parent.parent / "lessons" / "09-capstone-your-own-talks.ipynb"
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "scenarios.compare_deals" in text
    for fact in ("22 July", "27 July", "30 July", "€93bn", "30%", "25%", "precedent"):
        assert fact.lower() in text.lower(), fact
    # the miss for the EU is computed as the lesson says: (1 - 0.6) * 0.15 * 606 = 36.36
    v = scenarios.load("eu-july-2025").values("tariff_standoff")
    assert float((1 - v["pass_through"]) * Fraction(15, 100) * v["imports"]) == pytest.approx(36.36)
    assert "\\approx 36$" in text


def _figure_texts(app):
    from matplotlib.text import Text

    return [t.get_text() for view in app.figures.values() for t in view.figure.findobj(Text)] + [
        h.get_label()
        for view in app.figures.values()
        for h in (getattr(view.artists, "legend_handles", None) or [])
    ]


def test_an_apps_figures_name_the_partner_and_go_back_on_reset():
    app = APPS["tariff_standoff"]()
    assert any("Japan" in s for s in _figure_texts(app))
    app.load_scenario("eu-july-2025")
    texts = _figure_texts(app)
    assert any("EU" in s for s in texts) and not any("Japan" in s for s in texts)
    png = app.figures["best_responses"].png
    app.reset()
    texts = _figure_texts(app)
    assert any("Japan" in s for s in texts) and not any("EU" in s for s in texts)
    assert app.figures["best_responses"].png != png


def test_the_command_line_solves_a_scenario_for_its_partner(capsys):
    assert main(["solve", "tariff_standoff", "--scenario", "korea-july-2025"]) == 0
    out = capsys.readouterr().out
    assert "Players: US (rows) and Korea (columns)" in out
    assert "Korea: retaliate or accommodate" in out
    assert "US plays Cut; Korea plays Accommodate" in out
    assert "Japan" not in out
    app = APPS["tariff_standoff"](scenario="eu-july-2025")
    assert "the EU: retaliate or accommodate" in app._title.value
    app.reset()  # back to where it started: the EU's scenario
    assert app.partner == "the EU"
    app = APPS["tariff_standoff"]()
    app.load_scenario("eu-july-2025")
    app.reset()  # back to the defaults: Japan's
    assert "Japan: retaliate or accommodate" in app._title.value
