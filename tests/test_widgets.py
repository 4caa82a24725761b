"""Tests of the interactive apps, driven from Python as a lesson (or a student) would.

Each control of each app goes to its minimum, maximum and a middle value; after
each move the app must show what the model says at those values, computed here
independently (``model.analyse``, ``solve``, ``subgame_perfect``,
``bargaining_solutions``...), with no error unless the model itself refuses the
values. Scenarios, Reset, the "what changed" text, errors inside an update, and
the payoff editor are tested too. Each app's figures are saved once to
``artifacts/apps/`` for a person to look at.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path

import ipywidgets as w
import numpy as np
import pytest

from negotiation import scenarios, solve
from negotiation.bargaining import bargaining_solutions
from negotiation.bargaining.linkage import gain_from_linkage
from negotiation.models import MODELS
from negotiation.symbolic import regimes
from negotiation.trees import subgame_perfect
from negotiation.widgets import APPS, App, PayoffEditor, make_control, payoff_editor, snap
from negotiation.widgets._base import _plain, control_label
from negotiation.widgets._render import LiveFigure

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "apps"


@pytest.fixture(scope="module")
def apps() -> dict[str, App]:
    """One app per model, built once (building compiles the models' formulas)."""
    return {name: make() for name, make in APPS.items()}


def positions(control) -> list:
    lo, hi, step = control.min, control.max, control.step
    k = round((hi - lo) / step) // 2
    middle = lo + k * step
    return [lo, hi, int(middle) if isinstance(lo, int) else middle]


def expected_values(app: App, name: str, raw) -> dict:
    """The exact values an app should use after ``controls[name].value = raw`` (others as they are)."""
    values = dict(app.values)
    values[name] = snap(app.model.parameter(name), raw)
    return app.model.values(values)


def check_state(app: App, values: dict) -> None:
    """The app shows the model's answer at ``values``, checked against independent solvers."""
    model = app.model
    assert app.values == values
    try:
        truth = model.analyse(values, partner=app.partner)
    except Exception as exc:  # the model refuses these values: the app must say so, in the app
        refused = type(exc).__name__
    else:
        refused = ""
    if refused:
        assert app.analysis is None
        assert app.error.startswith(refused), app.error
        assert app.error_area.layout.display == "block"
        return
    assert app.error == "", app.error
    assert app.error_area.value == "" and app.error_area.layout.display == "none"
    assert app.analysis.headline == truth.headline
    assert app.analysis.sentences == truth.sentences
    assert truth.headline in app.text
    game = model.at(values)
    if model.kind in ("normal form", "repeated game"):
        solution = solve(game)
        assert app.table.value.count('class="ng-nash"') == len(solution.pure)
        if "best_responses" in app.figures:
            points = app.figures["best_responses"].artists.points.get_data()
            isolated = [c.equilibria[0] for c in solution.components if c.is_isolated]
            shown = sorted(zip(*points, strict=True))
            assert np.allclose(
                shown,
                sorted((float(e.strategies[0][0]), float(e.strategies[1][0])) for e in isolated),
            )
        if "best_response_functions" in app.figures:
            nash = app.figures["best_response_functions"].artists.nash.get_data()
            assert len(nash[0]) == len(solution.pure)
    elif model.kind == "game tree":
        drawn = app.figures["tree"].artists.equilibrium
        assert drawn.path == subgame_perfect(game).first().path
    elif model.kind == "bargaining":
        # egalitarian and utilitarian compare gains in $bn (the model's convention)
        solutions = bargaining_solutions(
            game, power=values["power_partner"], unit_rates=(values["gdp_dollars"], 1)
        )
        markers = app.figures["bargaining"].artists.solutions
        for concept, s in solutions.items():
            x, y = markers[concept].get_data()
            assert (x[0], y[0]) == pytest.approx(s.point)
    elif model.kind == "linkage":
        gain = gain_from_linkage(game)
        x, y = app.figures["packages"].artists.linked.get_data()
        assert (x[0], y[0]) == pytest.approx(tuple(float(v) for v in gain.linked.utilities))
    for view in app.figures.values():
        assert view.png.startswith(b"\x89PNG") and view.image.value == view.png


def test_the_registry_lists_one_app_per_model_in_order():
    assert list(APPS) == [name for name, m in MODELS.items() if m.has_app]
    for name, make in APPS.items():
        assert make.model_name == name  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(APPS))
def test_every_control_at_its_minimum_maximum_and_middle(apps, name):
    app = apps[name]
    app.reset()
    for control_name, control in app.controls.items():
        for raw in positions(control):
            expected = expected_values(app, control_name, raw)
            control.value = raw
            check_state(app, expected)
            assert app.last_update_seconds < 2.0
        app.reset()
    check_state(app, app.model.defaults)


@pytest.mark.parametrize("name", list(APPS))
def test_controls_are_built_from_the_parameters(apps, name):
    app = apps[name]
    assert list(app.controls) == list(app.model.parameter_names)
    for p in app.model.parameters:
        control = app.controls[p.name]
        assert control.min == pytest.approx(float(p.low)) and control.max == pytest.approx(
            float(p.high)
        )
        assert control.step == pytest.approx(float(p.slider_step))
        assert _plain(control.description) == control_label(p, app.partner)
        if p.unit:
            assert p.unit.lower() in control_label(p).lower()
    # the key sliders come first, the rest are in "More parameters"
    box = app.view.children[1].children[0]
    shown = [c for c in box.children if c in app.controls.values()]
    assert shown == [app.controls[n] for n in app.primary]
    if app.more is not None:
        rest = list(app.more.children[0].children)
        assert set(rest) | set(shown) == set(app.controls.values())
        assert "More parameters" in app.more.get_title(0)


@pytest.mark.parametrize("name", list(APPS))
def test_every_app_displays_itself_and_has_the_classes_the_browser_test_needs(apps, name):
    app = apps[name]
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == app.view.model_id
    assert "ng-equilibrium-text" in app.text_panel._dom_classes
    assert "ng-error" in app.error_area._dom_classes
    app.reset()
    assert app.error_area.value == "" and app.error_area.layout.display == "none"


@pytest.mark.parametrize("name", list(APPS))
def test_scenarios_set_every_control_and_reset_restores_the_defaults(apps, name):
    app = apps[name]
    covering = [s for s in scenarios.names() if scenarios.load(s).covers(name)]
    assert covering, "every model appears in at least one dated scenario"
    for scenario in covering:
        values = scenarios.load(scenario).values(name)
        app.scenario.value = scenario
        assert app.values == app.model.values(values)
        for p, v in values.items():
            assert app.controls[p].value == pytest.approx(float(v))
        check_state(app, app.model.values(values))
        assert "Loaded the scenario" in app.change
    app.reset()
    assert app.values == app.model.defaults
    assert app.scenario.value == ""
    for p in app.model.parameters:
        assert app.controls[p.name].value == pytest.approx(float(p.default))
    check_state(app, app.model.defaults)


@pytest.mark.parametrize("name", list(APPS))
def test_figures_are_saved_for_a_person_to_look_at(apps, name):
    app = apps[name]
    app.reset()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert app.figures or name == "currency_claims"
    for figure, view in app.figures.items():
        (ARTIFACTS / f"{name}_{figure}.png").write_bytes(view.png)
        if view.legend_image is not None:
            (ARTIFACTS / f"{name}_{figure}_legend.png").write_bytes(view.legend_png)
        view.live.save(ARTIFACTS / f"{name}_{figure}_matplotlib.png")


def test_the_text_says_what_changed_and_why():
    app = APPS["tariff_standoff"]()
    before = app.text
    app.controls["concession_value"].value = 40
    assert app.analysis.headline != MODELS["tariff_standoff"].analyse().headline
    assert app.text != before
    assert "The equilibrium changed" in app.change
    assert "cuts its tariff" in app.change and "Why:" in app.change
    assert "Value to the US of Japan's package" in app.change and "$40bn/yr" in app.change
    app.controls["concession_value"].value = 41
    assert "Same equilibrium as before" in app.change


@pytest.mark.parametrize("name", list(APPS))
def test_the_change_line_is_the_move_then_the_models_own_words(name):
    """App._change_text writes the lead (the slider moved) and each app only _what_changed."""
    app = APPS[name]()
    assert app.change == "Move a slider: this line will say what changed and why."
    old, before, control = app.analysis, dict(app.values), next(iter(app.controls))
    app.controls[control].value = positions(app.controls[control])[1]
    lead = app._moved_text((control, before[control], app.values[control]))
    assert lead.startswith("You moved")
    assert app.change == f"{lead} {app._what_changed(old, app.analysis)}".strip()


def test_a_degenerate_position_shows_the_continuum_in_the_text():
    app = APPS["tariff_standoff"]()
    with app.hold():
        app.controls["retaliation_value"].value = 0
        app.controls["war_cost_partner"].value = 0
    solution = solve(MODELS["tariff_standoff"].at(app.values))
    assert solution.has_continuum
    assert "continuum" in app.text and app.error == ""
    assert len(app.figures["best_responses"].artists.segments.get_segments()) == 1


def test_an_exception_in_an_update_is_shown_in_the_app_and_the_next_move_clears_it(monkeypatch):
    app = APPS["currency_claims"]()
    control = app.controls["weak_yen_gain"]

    def broken(analysis):
        raise RuntimeError("the figure fell over\nTraceback (most recent call last): ...")

    monkeypatch.setattr(app, "_refresh", broken)
    control.value = 0.5
    assert app.error == "RuntimeError: the figure fell over"
    assert (
        "the figure fell over" in app.error_area.value and "Traceback" not in app.error_area.value
    )
    assert app.error_area.layout.display == "block"
    monkeypatch.undo()
    control.value = 0.6
    assert app.error == "" and app.error_area.value == ""
    assert app.error_area.layout.display == "none"
    check_state(app, app.model.values({**app.model.defaults, "weak_yen_gain": Fraction(3, 5)}))


def test_warnings_stay_inside_the_app(monkeypatch):
    app = APPS["issue_linkage"]()
    original = app.analyse

    def noisy(values):
        warnings.warn("a tie was broken arbitrarily", RuntimeWarning, stacklevel=1)
        return original(values)

    monkeypatch.setattr(app, "analyse", noisy)
    with warnings.catch_warnings(record=True) as leaked:
        warnings.simplefilter("always")
        app.controls["weight_us_rice"].value = 3
    assert not leaked
    assert app.notes == ("a tie was broken arbitrarily",)
    assert "a tie was broken arbitrarily" in app.notes_area.value


def test_slider_floats_become_exact_values_on_the_step_grid():
    app = APPS["tariff_standoff"]()
    app.controls["pass_through"].value = 0.30000000000000004
    assert app.values["pass_through"] == Fraction(3, 10)
    p = MODELS["tariff_standoff"].parameter("partner_loss")
    assert snap(p, 0.0254999) == Fraction(1, 40)  # the step is 1/1000
    assert snap(p, 0.0256) == Fraction(13, 500)
    assert snap(p, 1e9) == p.high and snap(p, -5) == p.low
    with pytest.raises(TypeError, match="strings are never parsed"):
        snap(p, "0.5")
    slider = make_control(p)
    assert isinstance(slider, w.FloatSlider) and slider.readout_format == ".3f"


def test_an_off_grid_scenario_value_stays_exact():
    app = APPS["tariff_standoff"]()
    app.set_values({"pass_through": Fraction(1, 3)})
    assert app.values["pass_through"] == Fraction(1, 3)
    app.controls["tariff"].value = 30  # another move keeps the exact third
    assert app.values["pass_through"] == Fraction(1, 3)


def test_primary_sliders_can_be_chosen_and_are_checked():
    app = APPS["deal_bargaining"](primary=["patience_partner_start", "patience_us_start"])
    assert app.primary == ("patience_partner_start", "patience_us_start")
    with pytest.raises(ValueError, match="no_such"):
        APPS["deal_bargaining"](primary=["no_such"])
    with pytest.raises(ValueError, match="scenario"):
        APPS["deal_bargaining"](scenario="1999")
    started = APPS["tariff_standoff"](scenario="july-2025-deal")
    july = MODELS["tariff_standoff"].values(
        scenarios.load("july-2025-deal").values("tariff_standoff")
    )
    assert started.values == july
    assert started.scenario.value == "july-2025-deal"  # the dropdown says where it started
    started.controls["tariff"].value = 40
    assert started.scenario.value == ""  # a move leaves the scenario
    started.reset()  # back to where this app started, not to the model's defaults
    assert started.values == july and started.scenario.value == "july-2025-deal"


def test_a_control_echoing_its_own_value_is_not_a_move():
    app = APPS["tariff_standoff"]()
    app.controls["tariff"].value = 30
    assert app.change
    before = (app.change, app.text)
    app.scenario.value = "april-2025"
    value = app.values["pass_through"]
    # the browser sends back the float it was given, with float noise: the same value
    app.controls["pass_through"].value = float(value) + 1e-12
    assert app.values["pass_through"] == value
    assert app.scenario.value == "april-2025"
    assert "Loaded the scenario" in app.change and app.change != before[0]


def test_the_standoff_finds_where_the_equilibrium_flips_once_the_sliders_rest():
    app = APPS["tariff_standoff"]()
    app.controls["tariff"].value = 30
    app.settle()  # in a notebook this runs by itself once the sliders rest
    fixed = {k: v for k, v in app.values.items() if k != "tariff"}
    result = regimes(MODELS["tariff_standoff"].build(), "tariff", fixed)
    assert app.thresholds("tariff") is app.thresholds("tariff")  # remembered
    text = app.flips.value
    model = MODELS["tariff_standoff"]
    flips = 0
    for t in result.thresholds:
        below = solve(model.at({**app.values, "tariff": float(t.value) - 1e-3}))
        above = solve(model.at({**app.values, "tariff": float(t.value) + 1e-3}))
        if {e.key() for e in below.pure} != {e.key() for e in above.pure}:
            flips += 1
            assert f"{float(t.value):.4g}" in text
    assert flips and "Where it flips" in text and "ng-regime" in text


def _structure_by_solve(app):
    """Which pure profiles are equilibria at the app's current values, and whether a mix is."""
    solution = solve(MODELS["tariff_standoff"].at(app.values))
    game = solution.game
    pure = {
        (game.row_labels[e.row_support[0]], game.col_labels[e.col_support[0]])
        for e in solution.equilibria
        if e.is_pure
    }
    return pure, any(not e.is_pure for e in solution.equilibria)


def test_the_standoff_map_follows_the_sliders_and_agrees_with_solve():
    app = APPS["tariff_standoff"]()
    view = app.figures["equilibrium_map"]
    artists = view.artists
    assert (app.map_result.x.name, app.map_result.y.name) == ("tariff", "concession_value")
    assert app.map_is_current and view.png.startswith(b"\x89PNG")

    def region_here():
        result = app.map_result
        x, y = (float(v[0]) for v in artists.marker.get_data())
        assert (x, y) == (float(app.values[result.x.name]), float(app.values[result.y.name]))
        s = result.structure(*result.nearest(x, y))
        return set(s.pure_labels), s.mixed

    for tariff, value in ((10, 0), (24, 5), (30, 40), (50, 60), (50, 0)):
        with app.hold():
            app.controls["tariff"].value = tariff
            app.controls["concession_value"].value = value
        assert region_here() == _structure_by_solve(app), (tariff, value)
    before = view.png
    app.controls["tariff"].value = 20
    assert view.png != before  # the point moved in the picture too

    # another slider: the regions are stale until the sliders rest, then redrawn
    app.controls["war_cost_us"].value = app.controls["war_cost_us"].max
    assert not app.map_is_current and "redrawn" in app.map_status.value
    app.settle()
    assert app.map_is_current and app.map_status.value == ""
    assert float(app.map_result.fixed["war_cost_us"]) == app.controls["war_cost_us"].max
    assert "war_cost_us" in artists.ax.get_title()
    assert region_here() == _structure_by_solve(app)

    # other axes: a new figure; the same slider twice is refused inside the app
    app.map_y.value = "retaliation_damage"
    assert app.map_result.y.name == "retaliation_damage" and app.error == ""
    assert app.figures["equilibrium_map"].widget in app.map_box.children
    app.map_x.value = "retaliation_damage"
    assert "two different sliders" in app.map_status.value
    app.map_x.value = "tariff"
    assert app.map_status.value == "" and app.map_result.x.name == "tariff"


def test_the_treasury_app_reports_credibility_and_the_brinkmanship_window():
    app = APPS["treasury_leverage"]()
    assert "not credible" in app.threat.value
    assert app.credibility.credible is False
    app.controls["walk_back_cost"].value = 4
    assert app.credibility.credible is True and "credible" in app.threat.value
    assert "The threat to sell became credible" in app.change
    window = app.brinkmanship.window
    assert window is None or 0 <= float(window.low) <= float(window.high) <= 1


def test_the_bargaining_app_marks_the_deal_and_the_card():
    app = APPS["deal_bargaining"]()
    artists = app.figures["bargaining"].artists
    deal = [Fraction(v) for v in app.analysis.data["deal"]]
    assert artists.deal.get_data() == ([float(deal[0])], [float(deal[1])])
    d = app.analysis.game.disagreement
    expected = (float(d[0] - app.values["card_partner"]), float(d[1] - app.values["card_us"]))
    assert artists.threat.get_data() == ([expected[0]], [expected[1]])
    app.controls["power_partner"].value = 0.8
    assert "Nash solution moved" in app.change


def test_live_figures_redraw_only_what_changed():
    app = APPS["tariff_ladder"]()
    view = app.figures["best_response_functions"]
    full = view.live.full_draws
    for value in (1, 2, 3):
        app.controls["reciprocity_us"].value = value
    assert view.live.full_draws == full  # blitting: the background was drawn once
    assert isinstance(view.live, LiveFigure)


# --- the payoff editor -------------------------------------------------------------------------


def test_the_payoff_editor_analyses_what_is_typed():
    editor = payoff_editor()
    assert isinstance(editor, PayoffEditor)
    assert editor.classification == "Prisoner's Dilemma" and editor.error == ""
    editor.controls["A[1,0]"].value = 2
    editor.controls["B[0,1]"].value = 2
    assert editor.classification == "Stag Hunt"
    assert len(editor.solution.equilibria) == 3
    assert editor.solution.equilibria == solve(editor.game).equilibria
    assert "The equilibrium changed" in editor.change
    points = editor.figures["best_responses"].artists.points.get_data()
    assert len(points[0]) == 3
    editor.controls["row_player"].value = "EU"
    assert editor.game.players[0] == "EU" and "EU" in editor.table.value


def test_the_payoff_editor_switches_to_3x3_and_keeps_exact_numbers():
    editor = payoff_editor(3)
    assert editor.game.shape == (3, 3) and editor.classification is None
    assert editor.figures["best_responses"].widget.layout.display == "none"
    editor.set_game(
        [[Fraction(1, 3), 0, 0], [0, 1, 0], [0, 0, 1]],
        [[1, 0, 0], [0, 1, 0], [0, 0, Fraction(1, 3)]],
        row_labels=("a", "b", "c"),
        col_labels=("x", "y", "z"),
    )
    assert editor.game.payoff(0, 0) == (Fraction(1, 3), 1)
    assert editor.solution.equilibria == solve(editor.game).equilibria
    editor.controls["size"].value = 2
    assert editor.game.shape == (2, 2)
    assert editor.figures["best_responses"].widget.layout.display == ""


def test_the_payoff_editor_shows_bad_input_in_the_editor():
    editor = payoff_editor(col_labels=("Same", "Same2"))
    editor.controls["col_label_1"].value = "Same"
    assert editor.error.startswith("ValueError") and "duplicate" in editor.error
    assert editor.game is None and "ng-error" in editor.error_area._dom_classes
    editor.controls["col_label_1"].value = "Other"
    assert editor.error == "" and editor.game is not None
    editor.controls["row_player"].value = "   "
    assert "non-empty" in editor.error
    with pytest.raises(ValueError, match="size"):
        payoff_editor(4)
    with pytest.raises(ValueError, match="2x2"):
        payoff_editor(2, A=[[1, 2, 3], [4, 5, 6]])
    with pytest.raises(TypeError, match="strings are never parsed"):
        payoff_editor(2, A=[["1", 2], [3, 4]])
