"""The numbers the lessons and the docs state, computed by the package and checked independently.

Each test names the lesson (or page) whose claim it checks; where the claim is a textbook
result, the comment cites it.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest

from negotiation import BimatrixGame, scenarios, solve
from negotiation.bargaining import BargainingProblem, bargaining_solutions, nash_solution
from negotiation.bargaining.offers import alternating_offers
from negotiation.models import MODELS
from negotiation.models.deal_bargaining import DEAL, package_of
from negotiation.models.deal_bargaining import MODEL as DEAL_MODEL
from negotiation.models.deal_bargaining import label as deal_label
from negotiation.models.deal_compliance import MODEL as COMPLIANCE
from negotiation.models.tariff_ladder import GRID
from negotiation.models.treasury_leverage import HARDLINE, HOLD_NODE, threat_to_sell
from negotiation.normal_form import is_equilibrium, near_ties
from negotiation.plots import payoff_table_html
from negotiation.repeated import (
    critical_discount_factor,
    noisy_review,
    replicator_dynamics,
    strategy_game,
)
from negotiation.trees import Brinkmanship, brinkmanship

SCENARIOS = Path(scenarios.__file__).parent

# --- lesson 4: brinkmanship -------------------------------------------------------------


def _may_tree():
    model = MODELS["treasury_leverage"]
    return model.at(scenarios.load("may-2025").values(model.name))


def test_lesson_4_brinkmanship_window_has_a_binding_upper_bound():
    # Dixit, Skeath and Reiley (2009, ch. 14): with a chance p that the target is hard-line
    # and defies anyway, the threatener accepts a risk q when
    #   (1 - p) comply + p (q disaster + (1 - q) no_disaster) >= no_threat,
    # so q <= ((1 - p) comply + p no_disaster - no_threat) / (p (no_disaster - disaster)).
    tree = _may_tree()
    b = Brinkmanship.from_tree(tree, HOLD_NODE, "Sell", hardline=HARDLINE)
    p = HARDLINE
    c, dis, nodis, z = b.comply[0], b.defy_disaster[0], b.defy_no_disaster[0], b.no_threat[0]
    upper = ((1 - p) * c + p * nodis - z) / (p * (nodis - dis))
    window = threat_to_sell(tree)[1].window  # what the analysis and the app show
    assert window is not None
    assert window.high == upper == F(6, 19)  # the lesson's window: 0.1772 <= q <= 6/19
    assert window.high < 1  # the upper bound binds, as the lesson's text says
    assert round(float(window.low), 4) == 0.1772
    # Without a hard-line type, every effective risk is acceptable: the bound never binds.
    assert brinkmanship(tree, HOLD_NODE, "Sell").window.high == 1
    # The lesson: above a hard-line chance of about 1/8 the largest acceptable risk falls
    # below the smallest effective one (upper(p) = low), and brinkmanship cannot work.
    low = window.low
    cutoff = (c - z) / (c - nodis + low * (nodis - dis))
    assert round(float(cutoff), 3) == 0.125
    assert brinkmanship(tree, HOLD_NODE, "Sell", hardline=cutoff).window.high == low
    assert brinkmanship(tree, HOLD_NODE, "Sell", hardline=F(2, 10)).window is None


def test_lesson_4_walk_back_cost_is_not_justified_by_the_walk_back():
    # A model never takes its conclusion as an input: the reason given for the walk-back
    # cost in every scenario must not be "because Kato walked it back".
    for name in ("april-2025", "may-2025", "july-2025-deal"):
        text = (SCENARIOS / f"{name}.toml").read_text()
        line = next(x for x in text.splitlines() if x.startswith("walk_back_cost"))
        assert "walked the remark back" not in line, name
        assert "assumption" in line, name


# --- lesson 5: disagreement points, outside options, units ---------------------------------

PIE = BargainingProblem.from_outcomes([(1, 0), (0, 1)], disagreement=(0, 0), players=("J", "U"))


def _japan_share(**terms):
    # The lesson's game: the US proposes first, no impatience, a 1% risk of breakdown after
    # each rejection (Binmore, Rubinstein and Wolinsky 1986).
    talks = alternating_offers(1, 1, breakdown=F(1, 100), players=("US", "Japan"), **terms)
    return talks.shares[1]


def test_lesson_5_question_2_a_disagreement_payoff_counts_half():
    # Nash (1950) on a linear frontier: d_J + (1 - d_J - d_US) / 2 = 0.2 + 0.4 = 0.6, so a
    # rise of 0.2 in Japan's disagreement payoff raises its share by 0.1, from 1/2.
    assert nash_solution(PIE).utilities[0] == F(1, 2)
    assert nash_solution(PIE.with_disagreement((F(1, 5), 0))).utilities[0] == F(3, 5)


def test_lesson_5_disagreement_point_and_outside_option_differ():
    # Binmore, Rubinstein and Wolinsky (1986): with a breakdown risk p and no impatience the
    # responder gets (1 - p)(1 - x) + p d, the proposer x; as p -> 0 the split tends to the
    # Nash solution with disagreement point d.
    none = _japan_share()
    assert none == F(99, 199)  # the responder's share: (1 - p) / (2 - p)
    with_d = _japan_share(disagreement=(0, F(1, 5)))
    assert with_d == F(119, 199)  # the lesson prints 0.598
    assert abs(with_d - F(3, 5)) < F(1, 100)
    tiny = alternating_offers(
        1, 1, breakdown=F(1, 10**5), disagreement=(0, F(1, 5)), players=("US", "Japan")
    )
    assert abs(
        tiny.shares[1] - nash_solution(PIE.with_disagreement((0, F(1, 5)))).utilities[1]
    ) < F(1, 10**4)
    # The outside-option principle (Binmore, Shaked and Sutton 1989): an option below what
    # bargaining gives changes nothing; above it, the side gets exactly the option.
    assert _japan_share(outside_options=(0, F(1, 5))) == none
    assert _japan_share(outside_options=(0, F(3, 5))) == F(3, 5)


def test_lesson_5_asymmetric_nash_drops_symmetry_and_keeps_independence_of_units():
    beta = F(1, 3)
    # Symmetric problem, asymmetric answer: the symmetry axiom fails for beta != 1/2.
    assert nash_solution(PIE, beta).utilities == (beta, 1 - beta)
    # Independence of units still holds: measure the first side's payoff 40 times larger.
    scaled = PIE.rescale((40, 1))
    assert nash_solution(scaled, beta).utilities == (40 * beta, 1 - beta)
    # Pareto optimality holds: the solution is on the frontier u1 + u2 = 1.
    assert sum(nash_solution(PIE, beta).utilities) == 1


def test_lesson_5_egalitarian_and_utilitarian_compare_gains_in_dollars():
    values = DEAL_MODEL.defaults
    k = values["gdp_dollars"]  # $bn per 1% of Japan's GDP
    analysis = DEAL_MODEL.analyse()
    problem, solutions = analysis.game, analysis.result
    d_j, d_us = problem.disagreement
    # Utilitarian in $bn: no package both sides accept has a larger sum k u_J + u_US.
    util = solutions["utilitarian"].utilities
    best = max(
        k * u_j + u_us
        for u_j, u_us in (problem.outcome(i) for i in range(len(problem.labels)))
        if u_j >= d_j and u_us >= d_us
    )
    assert k * util[0] + util[1] == best
    assert package_of(solutions["utilitarian"]) == (10, 660)  # the lesson's "in dollars"
    # Egalitarian in $bn: equal gains, Japan's converted at k.
    eg = solutions["egalitarian"]
    assert k * eg.gains[0] == eg.gains[1]
    # The lesson's warning: adding % of GDP to $bn hands the US every gain.
    mixed = bargaining_solutions(problem, ("utilitarian",))["utilitarian"]
    assert mixed.utilities[0] == d_j
    rate, pledge = package_of(mixed)
    assert (round(float(rate), 1), pledge) == (18.5, 660)
    # Nash and Kalai-Smorodinsky do not depend on the conversion (independence of units).
    for concept in ("nash", "kalai_smorodinsky"):
        again = bargaining_solutions(problem, (concept,), power=values["power_partner"])
        assert again[concept].utilities == solutions[concept].utilities


def test_lesson_5_app_states_the_unit_of_the_comparison():
    from negotiation.widgets import APPS

    app = APPS["deal_bargaining"]()
    text = app.text_panel.value
    assert "$bn a year" in text and "do not depend on units" in text


# --- lesson 2: near ties, and where tariff power comes from ---------------------------------


def _ladder(**changes):
    model = MODELS["tariff_ladder"]
    values = scenarios.load("may-2025").values(model.name) | changes
    return model, values, model.at(values)


def test_lesson_2_equilibrium_rests_on_a_near_tie_and_says_so():
    model, values, game = _ladder()
    us20, japan20, japan25 = GRID.index(20), GRID.index(20), GRID.index(25)
    # Independently: Japan's payoffs against the US's 20%, with 25% and with 20%.
    margin = game.payoff(us20, japan25)[1] - game.payoff(us20, japan20)[1]
    assert margin == F(1, 400)  # $0.0025bn, about $2.5m a year
    assert (
        f"{float(game.payoff(us20, japan25)[1]):.3g}"
        == f"{float(game.payoff(us20, japan20)[1]):.3g}"
    )
    (tie,) = near_ties(game)
    assert (tie.player, tie.against, tie.best, tie.runner_up, tie.margin) == (
        1,
        us20,
        japan25,
        japan20,
        margin,
    )
    # The equilibrium is the cell that rests on it.
    eq = solve(game).equilibria[0]
    assert (eq.row_support, eq.col_support) == ((us20,), (japan25,))
    # Table: both payoffs marked and told apart; headline: the near tie named.
    page = payoff_table_html(game, units="$bn/yr")
    assert page.count("ng-near-tie") == 2
    assert "−5.510≈" in page and "−5.512≈" in page and "≈ A near tie" in page
    headline = model.analyse(values).headline
    assert "near tie" in headline and "$0.0025bn" in headline


def test_lesson_2_what_changed_tells_a_near_tie_apart():
    from negotiation.widgets import APPS

    app = APPS["tariff_ladder"](scenario="may-2025")
    app.controls["reciprocity_partner"].value = 0
    app.controls["reciprocity_partner"].value = F(1, 5)
    assert "25% now gives -$5.510bn, 20% -$5.512bn (a near tie)" in app.change


def test_lesson_2_tariff_power_is_not_the_deficit():
    # Johnson (1953-54): a country can gain from a tariff war despite retaliation if its
    # advantage is large enough. At the May values the US gains and Japan loses.
    _, _, game = _ladder()
    us, japan = solve(game).equilibria[0].payoffs_exact
    assert us > 0 > japan
    # Same trade values, so the same deficit, but Japan's sellers are elastic: the US loses.
    _, values, elastic = _ladder(supply_elasticity_partner=15)
    assert values["imports_us"] - values["imports_partner"] == 148 - 79
    us, japan = solve(elastic).equilibria[0].payoffs_exact
    assert us < 0 < japan
    # Equal markets: both lose, the Prisoner's Dilemma picture.
    _, _, equal = _ladder(imports_partner=148)
    assert all(u < 0 for u in solve(equal).equilibria[0].payoffs_exact)


# --- lesson 8: the folk theorem's thresholds, a review that errs, units of learning ----------

COOP = ("Keep", "Comply")


def _stage():
    return COMPLIANCE.at()


def test_lesson_8_without_errors_the_noisy_review_is_the_perfect_one():
    stage = _stage()
    for periods in (1, 4, None):
        perfect = critical_discount_factor(stage, COOP, periods=periods, exact_roots=False)
        noisy = noisy_review(stage, COOP, error=0, periods=periods)
        assert abs(noisy.critical_delta - perfect.critical_delta) < 1e-6
    # The lesson's threshold: Japan binds, at about 0.41 a quarter.
    assert round(critical_discount_factor(stage, COOP, periods=4).critical_delta, 4) == 0.4067


def test_lesson_8_grim_trigger_with_a_misreading_review_by_hand():
    # Green and Porter (1984)-style noisy trigger, grim version, in the Prisoner's Dilemma
    # T, R, P = 5, 3, 1. The reviewed side keeps the deal when
    #   T - R <= (1 - 2e) delta (R - P) / (1 - (1 - e) delta),
    # so with e = 1/10: 2 (1 - 0.9 delta) <= 1.6 delta, delta >= 10/17; the side whose
    # deviations are seen needs 2 (1 - 0.9 delta) <= 1.8 delta, delta >= 5/9.
    pd = BimatrixGame(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("US", "Japan"),
        row_labels=("Keep", "Snap back"),
        col_labels=("Comply", "Shirk"),
    )
    review = noisy_review(pd, COOP, error=F(1, 10), periods=None)
    assert abs(review.critical_delta - 10 / 17) < 1e-6
    assert review.slack(1, F(10, 17)) == 0  # exactly binding for Japan
    assert review.slack(0, F(5, 9)) == 0  # and for the US at its own threshold
    # At error 1/2 the review says nothing: no discount factor helps the reviewed side.
    assert noisy_review(pd, COOP, error=F(1, 2), periods=None).critical_delta is None


def test_lesson_8_share_of_quarters_in_snap_back():
    # A clean spell lasts 1/e quarters on average, then k quarters of snap-back:
    # share = k / (1/e + k) = e k / (1 + e k): 4 / 14 = 2/7 for e = 1/10, k = 4.
    review = noisy_review(_stage(), COOP, error=F(1, 10), periods=4)
    assert review.punished_share == F(2, 7)
    assert noisy_review(_stage(), COOP, error=F(1, 10), periods=None).punished_share == 1
    # The lesson: a one-quarter snap-back stops deterring once the error reaches 20%.
    assert noisy_review(_stage(), COOP, error=F(1, 5), periods=1).critical_delta is None
    assert noisy_review(_stage(), COOP, error=F(1, 10), periods=1).critical_delta is not None


def test_lesson_8_replicator_speed_is_a_units_artefact():
    # Replicator dynamics are not invariant to rescaling one side's payoffs (the paths
    # keep their shape, the clock changes); normalised, the unit does not matter.
    stage = _stage()
    in_dollars = stage.replace(B=[[40 * b for b in row] for row in stage.payoff_matrices(True)[1]])
    start, time = [F(9, 10), F(1, 10)], np.linspace(0, 25, 251)
    raw = replicator_dynamics(stage, x0=start, y0=start, time=time)
    raw_dollars = replicator_dynamics(in_dollars, x0=start, y0=start, time=time)
    assert not np.allclose(raw.col, raw_dollars.col, atol=1e-3)
    same = replicator_dynamics(stage, x0=start, y0=start, time=time, normalise=True)
    same_dollars = replicator_dynamics(in_dollars, x0=start, y0=start, time=time, normalise=True)
    assert np.allclose(same.col, same_dollars.col, atol=1e-6)
    assert np.allclose(same.row, same_dollars.row, atol=1e-6)
    # The lesson: raw, the US switches first; normalised, Japan does.
    k = 50  # time 5
    assert raw.row[k][0] < raw.col[k][0]
    assert same.col[k][0] < same.row[k][0]


def test_lesson_8_trigger_against_always_defect_is_friedmans_condition():
    # Friedman (1971): with grim trigger, (Trigger, Trigger) is an equilibrium of the game
    # between the two strategies exactly when delta >= (T - R) / (T - P) for both sides.
    stage = _stage()
    threshold = critical_discount_factor(stage, COOP).critical_delta_exact
    for delta, expected in ((threshold, True), (threshold - F(1, 1000), False)):
        game = strategy_game(stage, COOP, periods=None, delta=delta)
        assert is_equilibrium(game, [1, 0], [1, 0]) is expected
    # The lesson's game (4-quarter snap-back, delta 0.98): two pure equilibria, a Stag Hunt.
    game = strategy_game(stage, COOP, periods=4, delta=F(49, 50))
    assert len(solve(game).pure) == 2


# --- scenarios hold only what was known at their date ---------------------------------------

# When each source that the scenarios may cite became public (from the rows of
# negotiation.models.sources and ../shared/calibration-sources.md).
KNOWN_FROM = {
    "kato-remark-2025-05": "2025-05-02",
    "tic-holdings-2025": "2025-05-15",  # the March 2025 figure, the first of the row
    "selling-cost-derived": "2025-05-15",  # built on it
    "rounds-2025": "2025-04-16",
    "imf-weo-apr-2025": "2025-04-22",
    "bessent-kato-2025": "2025-04-24",
    "treasury-fx-report-2025": "2025-06-05",
    "july-letter-2025": "2025-07-07",
    "deal-2025-07-22": "2025-07-22",
    "deal-structure-2025": "2025-07-23",
    "toyota-fy25": "2025-08-07",
    "deal-in-force-2025": "2025-09-04",
    "yale-budget-lab-2025": "2025-09-01",
}


@pytest.mark.parametrize("name", ["april-2025", "may-2025"])
def test_a_scenario_uses_no_fact_published_after_its_date(name):
    s = scenarios.load(name)
    text = (SCENARIOS / f"{name}.toml").read_text()
    later = [key for key, known in KNOWN_FROM.items() if known > s.date]
    for model, entries in s.entries.items():
        for pname, entry in entries.items():
            assert entry.source not in later, (model, pname, entry.source)
            assert not any(key in entry.reason for key in later), (model, pname, entry.reason)
    assert not any(key in text for key in later), [k for k in later if k in text]
    assert "deal_compliance" not in s.models  # no deal, no snap-back yet


# --- lesson 1: the model's prediction for April, which 9 April did not follow -------------


def test_lesson_1_the_model_holds_24_percent_in_april():
    model = MODELS["tariff_standoff"]
    values = scenarios.load("april-2025").values(model.name)
    game = model.at(values)
    (eq,) = solve(game).equilibria
    assert (game.row_labels[eq.row_support[0]], game.col_labels[eq.col_support[0]]) == (
        "Hold",
        "Accommodate",
    )
    # Question 3: the US holds when (1 - phi)(t - d) M / 100 > V, i.e. t > d + 100 V / ((1 - phi) M).
    phi, d, m, v = (values[k] for k in ("pass_through", "deal_rate", "imports", "concession_value"))
    threshold = d + 100 * v / ((1 - phi) * m)
    assert threshold == F(1365, 74)
    below = model.at(values | {"tariff": 18})
    assert solve(below).equilibria[0].row_support == (game.row_labels.index("Cut"),)


def test_lesson_5_japan_at_the_deal_against_nri():
    # The model's -0.76% of GDP at the July deal = tariff part + pledge part; NRI's
    # post-deal -0.55% (NRI column, nri-2025-04-03) counts tariffs only, cars included.
    values = DEAL_MODEL.defaults
    problem = DEAL_MODEL.at()
    japan = problem.outcome(problem.labels.index(deal_label(*DEAL)))[0]
    tariff_part = -values["partner_loss"] * DEAL[0]
    pledge_part = -values["pledge_cost"] * DEAL[1] / 100
    assert (tariff_part, pledge_part) == (F(-3, 8), F(-77, 200))
    assert japan == tariff_part + pledge_part == F(-19, 25)  # -0.76
    assert tariff_part > F(-55, 100)  # the comparable part is smaller than NRI's loss
    # lambda is NRI's 24% estimate per point: 0.59 / 24, rounded to 0.025.
    assert round(F(59, 100) / 24, 3) == values["partner_loss"]
