"""Tests of the issue-7 figures: payoff tables, best responses, trees, bargaining, packages, patience.

Every figure is checked against answers computed independently here (best
responses from the payoff matrices, equilibria from ``solve``, bargaining
solutions from ``bargaining_solutions``...), on every model it applies to, and
each is saved once to ``artifacts/plots/`` for a person to look at.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from negotiation import BimatrixGame, solve
from negotiation.bargaining import BargainingProblem, bargaining_solutions
from negotiation.bargaining.linkage import gain_from_linkage, pareto_packages
from negotiation.bargaining.offers import alternating_offers
from negotiation.models import MODELS
from negotiation.models import deal_bargaining as db
from negotiation.models.tariff_ladder import GRID
from negotiation.normal_form.analysis import best_responses
from negotiation.plots import (
    best_response_paths,
    critical_curve,
    draw_bargaining_set,
    draw_best_response_functions,
    draw_best_responses,
    draw_critical_discount,
    draw_game_tree,
    draw_offers_trace,
    draw_packages,
    efficient_cells,
    format_payoff,
    payoff_table_html,
    plot_bargaining,
    plot_best_response_functions,
    plot_best_responses,
    plot_critical_discount,
    plot_offers_trace,
    plot_packages,
)
from negotiation.plots._live import LiveTicks, ViewLimits, legend_figure, player_colours
from negotiation.repeated import critical_discount_factor
from negotiation.trees import subgame_perfect

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "plots"
NORMAL_FORM = ["tariff_standoff", "tariff_ladder", "currency_claims", "deal_compliance"]
TWO_BY_TWO = ["tariff_standoff", "currency_claims", "deal_compliance"]


def save(fig, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    fig.savefig(ARTIFACTS / f"{name}.png")


def game_of(name: str) -> BimatrixGame:
    return MODELS[name].at()


def random_game(rng, m: int = 2, n: int = 2, low: int = -3, high: int = 4) -> BimatrixGame:
    """Small integer payoffs, so ties (degenerate games) happen often."""
    A = rng.integers(low, high, size=(m, n)).tolist()
    B = rng.integers(low, high, size=(m, n)).tolist()
    return BimatrixGame(A, B, players=("Japan", "US"))


# --- the payoff table --------------------------------------------------------------------


@pytest.mark.parametrize("name", NORMAL_FORM)
def test_payoff_table_marks_exactly_the_best_responses_and_pure_equilibria(name):
    game = game_of(name)
    solution = solve(game)
    page = payoff_table_html(game, solution, units=("$bn", "% of GDP"))
    m, n = game.shape
    A, B = game.A, game.B
    # independent: a row payoff is marked when it is the largest in its column, etc.
    row_best = sum(int(np.isclose(A[i, j], A[:, j].max())) for i in range(m) for j in range(n))
    col_best = sum(int(np.isclose(B[i, j], B[i, :].max())) for i in range(m) for j in range(n))
    assert page.count("ng-best-row") == row_best
    assert page.count("ng-best-col") == col_best
    assert page.count('class="ng-nash"') == len(solution.pure)
    assert "$bn" in page and "% of GDP" in page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"table_{name}.html").write_text(page)


def test_payoff_table_cells_in_order_with_decimals_exact_values_and_escaping():
    game = BimatrixGame(
        [[Fraction(1776, 125), 0], [-3, 1]],
        [[-Fraction(3, 5), 2], [0, 1]],
        players=("US", "<Japan>"),
        row_labels=("Hold & see", "Cut"),
        col_labels=("R", "A"),
    )
    page = payoff_table_html(game)
    assert "&lt;Japan&gt;" in page and "Hold &amp; see" in page and "<Japan>" not in page
    shown = re.findall(r'<span class="ng-payoff[^"]*"[^>]*>([^<]*)</span>', page)
    assert shown[:4] == ["14.2", "−0.6", "0", "2"]
    exact = payoff_table_html(game, exact=True)
    assert "1776/125" in exact and "−3/5" in exact
    assert 'title="1776/125"' in page  # the exact value on hover


def test_payoff_table_works_for_m_by_n_and_without_pure_equilibria():
    rng = np.random.default_rng(7)
    game = random_game(rng, 3, 2)
    page = payoff_table_html(game)
    assert page.count("<tr>") == 1 + 3
    mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]])
    assert "No cell is a best response for both" in payoff_table_html(mp)


def test_payoff_table_validates_its_input():
    game = game_of("tariff_standoff")
    with pytest.raises(TypeError, match="BimatrixGame"):
        payoff_table_html([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="units"):
        payoff_table_html(game, units=("a", "b", "c"))
    with pytest.raises(ValueError, match="different game"):
        payoff_table_html(game, solve(game_of("currency_claims")))
    with pytest.raises(ValueError, match="font_size"):
        payoff_table_html(game, font_size=2)
    with pytest.raises(TypeError, match="payoff must be a number"):
        format_payoff("1")


# --- the best-response diagram -------------------------------------------------------------


def _mix_best(game: BimatrixGame, player: int, against: float) -> set[int]:
    mix = [
        Fraction(against).limit_denominator(10**9),
        1 - Fraction(against).limit_denominator(10**9),
    ]
    return set(best_responses(game, player, mix))


@pytest.mark.parametrize("seed", range(40))
def test_best_response_paths_are_best_responses(seed):
    """Every point of each path is a best response (checked with analysis.best_responses)."""
    game = random_game(np.random.default_rng(seed))
    paths = best_response_paths(game)
    for who, points in ((0, paths["row"]), (1, paths["col"])):
        if len(points) == 0:  # indifferent everywhere
            assert paths["row_everywhere" if who == 0 else "col_everywhere"]
            assert _mix_best(game, who, 0.3) == {0, 1}
            continue
        for (p0, q0), (p1, q1) in itertools.pairwise(points):
            for t in (0.0, 0.25, 0.5, 0.75, 1.0):
                p, q = p0 + t * (p1 - p0), q0 + t * (q1 - q0)
                own, other = (p, q) if who == 0 else (q, p)
                best = _mix_best(game, who, other)
                if 0 < own < 1:
                    assert best == {0, 1}, (seed, who, p, q)
                else:
                    assert (0 if own == 1 else 1) in best, (seed, who, p, q)


@pytest.mark.parametrize("name", TWO_BY_TWO)
def test_best_response_diagram_marks_the_equilibria_of_every_2x2_model(name):
    game = game_of(name)
    solution = solve(game)
    artists = draw_best_responses(game, solution)
    shown = sorted(zip(*artists.points.get_data(), strict=True))
    expected = sorted(
        (float(e.strategies[0][0]), float(e.strategies[1][0])) for e in solution.equilibria
    )
    assert np.allclose(shown, expected)
    ax = artists.ax
    assert "probability" in ax.get_xlabel() and "probability" in ax.get_ylabel()
    assert game.players[0] in ax.get_xlabel().replace("\n", " ")
    save(artists.figure, f"best_responses_{name}")


def test_a_continuum_of_equilibria_is_drawn_as_a_thick_segment():
    # against Top, Column is indifferent: the equilibria (Top, any q >= 1/2) form a segment
    game = BimatrixGame([[1, 1], [0, 2]], [[1, 1], [0, 2]], players=("Japan", "US"))
    solution = solve(game)
    assert solution.has_continuum
    artists = draw_best_responses(game, solution)
    segments = [np.asarray(s) for s in artists.segments.get_segments()]
    assert len(segments) == 1
    (p0, q0), (p1, q1) = sorted(map(tuple, segments[0]))
    assert (p0, p1) == (1.0, 1.0) and sorted((q0, q1)) == [0.5, 1.0]
    assert sorted(zip(*artists.points.get_data(), strict=True)) == [(0.0, 0.0)]
    save(artists.figure, "best_responses_continuum")


def test_indifference_everywhere_is_shaded_and_updates_keep_the_figure():
    game = BimatrixGame([[1, 1], [1, 1]], [[2, 0], [0, 1]])
    artists = draw_best_responses(game)
    assert artists.row_fill.get_visible() and not artists.col_fill.get_visible()
    fig = artists.figure
    changed = artists.update(BimatrixGame.zero_sum([[1, -1], [-1, 1]]))
    assert artists.figure is fig and not changed  # same labels: only the dynamic artists
    assert list(zip(*artists.points.get_data(), strict=True)) == [(0.5, 0.5)]
    assert artists.update(BimatrixGame([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("A", "B")))


def test_best_response_diagram_refuses_larger_games_and_foreign_solutions():
    with pytest.raises(ValueError, match="2x2"):
        plot_best_responses(game_of("tariff_ladder"))
    with pytest.raises(ValueError, match="different game"):
        plot_best_responses(game_of("tariff_standoff"), solve(game_of("currency_claims")))
    with pytest.raises(TypeError):
        plot_best_responses("a game")


# --- best-response functions ---------------------------------------------------------------


def test_best_response_functions_of_the_tariff_ladder():
    game = game_of("tariff_ladder")
    solution = solve(game)
    artists = draw_best_response_functions(
        game, solution, row_levels=GRID, col_levels=GRID, unit="%", quantity="tariff"
    )
    A, B = game.A, game.B
    # the US's best tariff against each Japanese tariff, from the payoff matrix
    us = [GRID[int(np.argmax(A[:, j]))] for j in range(len(GRID))]
    japan = [GRID[int(np.argmax(B[i, :]))] for i in range(len(GRID))]
    x, y = artists.row_line.get_data()
    assert list(x) == us and list(y) == list(GRID)
    x, y = artists.col_line.get_data()
    assert list(x) == list(GRID) and list(y) == japan
    nash = sorted(zip(*artists.nash.get_data(), strict=True))
    assert nash == sorted((GRID[e.row_support[0]], GRID[e.col_support[0]]) for e in solution.pure)
    total = A + B
    i, j = np.unravel_index(int(np.argmax(total)), total.shape)
    assert (GRID[i], GRID[j]) in list(zip(*artists.efficient.get_data(), strict=True))
    ax = artists.ax
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("US tariff (%)", "Japan tariff (%)")
    save(artists.figure, "best_response_functions_tariff_ladder")


def test_efficient_cells_and_level_validation():
    pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert efficient_cells(pd) == [(0, 0)]
    assert efficient_cells(BimatrixGame([[1.5, 0], [0, 1.5]], [[0, 0], [0, 0]])) == [(0, 0), (1, 1)]
    with pytest.raises(ValueError, match="row_levels"):
        plot_best_response_functions(pd, row_levels=[1, 2, 3])
    with pytest.raises(TypeError, match="numbers"):
        plot_best_response_functions(pd, col_levels="ab")
    with pytest.raises(ValueError, match="6x6, the drawn one 2x2"):
        draw_best_response_functions(pd).update(game_of("tariff_ladder"))


# --- the game tree ---------------------------------------------------------------------------


def test_the_treasury_tree_shows_payoffs_and_the_subgame_perfect_path():
    model = MODELS["treasury_leverage"]
    tree = model.at()
    spe = subgame_perfect(tree)
    artists = draw_game_tree(tree, spe)
    leaves = [tree._payoffs[k] for k in artists.leaves]
    shown = [(a.get_text(), b.get_text()) for a, b in artists.payoff_texts]
    assert shown == [(format_payoff(u), format_payoff(v)) for u, v in leaves]
    reached = {k for k, p in enumerate(tree._paths) if p in spe.first().reached}
    on_path = {
        edge
        for edge, line in artists.path_lines.items()
        if line.get_visible() and line.get_linestyle() == "-"
    }
    assert on_path == {(k, c) for k in reached for c in tree._children[k] if c in reached}
    highlighted = [
        k for k, box in zip(artists.leaves, artists.highlights, strict=True) if box.get_visible()
    ]
    assert highlighted == [k for k in artists.leaves if k in reached]
    save(artists.figure, "tree_treasury_default")
    # commitment: a high walk-back cost makes the threat credible and changes the path
    bold = model.at(walk_back_cost=4)
    artists.update(bold)
    assert artists.equilibrium.path == subgame_perfect(bold).first().path
    save(artists.figure, "tree_treasury_commitment")


def test_tree_updates_refuse_another_shape():
    from negotiation.trees.examples import ultimatum

    artists = draw_game_tree(MODELS["treasury_leverage"].at())
    with pytest.raises((ValueError, TypeError)):
        artists.update(ultimatum())
    with pytest.raises(ValueError, match="digits"):
        draw_game_tree(MODELS["treasury_leverage"].at(), digits=0)


# --- bargaining ---------------------------------------------------------------------------------


def test_bargaining_set_marks_the_solutions_the_deal_and_the_threat_point():
    model = MODELS["deal_bargaining"]
    values = model.defaults
    problem = model.at(values)
    solutions = bargaining_solutions(problem, power=values["power_partner"])
    threat = (problem.disagreement[0] - 1, problem.disagreement[1] - 30)
    artists = draw_bargaining_set(
        problem,
        solutions,
        units=("% of GDP", "$bn"),
        deal=(-0.76, 30.9),
        deal_label="July",
        threat=threat,
        threat_label="card",
    )
    for concept, s in solutions.items():
        x, y = artists.solutions[concept].get_data()
        assert (x[0], y[0]) == pytest.approx(s.point)
    assert artists.disagreement.get_data() == (
        [float(v) for v in problem.disagreement][:1],
        [float(problem.disagreement[1])],
    )
    assert artists.deal.get_data() == ([-0.76], [30.9])
    assert artists.ax.get_xlabel() == "Japan's payoff (% of GDP)"
    assert artists.ax.get_ylabel() == "US's payoff ($bn)"
    # the ticks are our own labels and cover the view
    x0, x1 = artists.ax.get_xlim()
    ticks = artists.xticks.ticks
    assert ticks and x0 <= ticks[0] and ticks[-1] <= x1
    assert [t.get_text() for t in artists.xticks.labels if t.get_visible()]
    legend = [h.get_label() for h in artists.legend_handles]
    assert "July" in legend and "card" in legend and "Nash solution" in legend
    save(artists.figure, "bargaining_deal")


def test_bargaining_updates_follow_the_data():
    p1 = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0), players=("Japan", "US"))
    p2 = BargainingProblem.from_outcomes([(10, 0), (0, 10)], (0, 0), players=("Japan", "US"))
    artists = draw_bargaining_set(p1, units="share")
    artists.update(p2)
    x0, x1 = artists.ax.get_xlim()
    assert x0 <= 0 and x1 >= 10
    assert artists.solutions["nash"].get_data() == ([5.0], [5.0])
    with pytest.raises(ValueError, match="players"):
        artists.update(BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0)))


def _polygon(fig, label):
    (patch,) = [p for p in fig.axes[0].patches if p.get_label() == label]
    return patch.get_xy()


def _area(xy):
    x, y = np.asarray(xy, dtype=float).T
    return abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2


def test_both_gain_region_keeps_a_frontier_height_of_zero():
    # frontier u2 = 1 - u1 on [0, 2], d = (1, -1): at d's u1 the frontier is at exactly 0, and
    # both sides gain in the triangle (1, -1), (1, 0), (2, -1), of area 1/2
    p = BargainingProblem.from_outcomes([(0, 1), (2, -1)], (1, -1))
    static = _polygon(plot_bargaining(p), "Both gain over disagreement")
    live = draw_bargaining_set(p).gains.get_xy()
    for xy in (static, live):
        assert {tuple(v) for v in np.asarray(xy).tolist()} == {(1.0, -1.0), (1.0, 0.0), (2.0, -1.0)}
        assert _area(xy) == pytest.approx(0.5)
        assert min(y for _, y in xy) == -1.0  # the lower edge is the disagreement payoff


def test_both_gain_edge_falls_to_the_disagreement_payoff_beyond_the_frontier():
    from negotiation.plots._bargaining_shapes import _top_or

    p = BargainingProblem.from_outcomes([(0, 1), (2, -1)], (1, -1))
    assert _top_or(p, 3, -1.0) == -1.0  # nothing feasible at u1 = 3: no height above d
    assert _top_or(p, 1, -1.0) == 0.0  # a height of 0 is kept
    assert _top_or(p, Fraction(1, 2), -1.0) == 0.5


@pytest.mark.parametrize(
    "problem",
    [
        BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0.2, 0)),
        BargainingProblem.from_outcomes([(3, 0), (2, 2), (0, 3), (1, 1)], (0.5, 0.5)),
        BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, -0.5)),
        BargainingProblem.from_frontier(lambda x: 1 - x**2, (0, 1), (0.1, 0.2)),
        MODELS["deal_bargaining"].at(),
    ],
    ids=["simplex", "four", "negative_d", "frontier", "deal"],
)
def test_static_and_live_bargaining_figures_draw_the_same_shapes(problem):
    fig = plot_bargaining(problem)
    live = draw_bargaining_set(problem)
    d = [float(v) for v in problem.disagreement]
    gains = _polygon(fig, "Both gain over disagreement")
    np.testing.assert_array_equal(gains, live.gains.get_xy())
    # the region sits on the disagreement payoff, starts at d and ends at the ideal point's u1
    assert gains[:, 1].min() == d[1]
    assert (gains[:, 0].min(), gains[:, 0].max()) == (d[0], float(problem.ideal_point[0]))
    assert (float(problem.ideal_point[0]), d[1]) in {tuple(v) for v in gains.tolist()}
    # the feasible set: the frontier, closed off at each figure's own lower-left view corner
    frontier = problem.frontier_array()
    feasible = _polygon(fig, "Feasible agreements")
    np.testing.assert_array_equal(feasible[1:-3], frontier)
    np.testing.assert_array_equal(live.feasible.get_xy()[1:-3], frontier)
    np.testing.assert_array_equal(fig.axes[0].lines[0].get_xydata(), frontier)
    np.testing.assert_array_equal(live.frontier.get_xydata(), frontier)


def test_static_and_live_bargaining_figures_mark_the_solutions_alike():
    problem = MODELS["deal_bargaining"].at()
    solutions = bargaining_solutions(problem)
    static = plot_bargaining(problem, solutions).axes[0]
    live = draw_bargaining_set(problem, solutions)
    short = {
        "nash": "Nash (",
        "kalai_smorodinsky": "Kalai",
        "egalitarian": "Egal",
        "utilitarian": "Util",
    }
    for concept, s in solutions.items():
        (mark,) = [ln for ln in static.lines if ln.get_label().startswith(short[concept])]
        other = live.solutions[concept]
        assert (
            mark.get_xydata().tolist() == other.get_xydata().tolist() == [list(map(float, s.point))]
        )
        for prop in ("marker", "markersize", "color", "markeredgecolor", "markeredgewidth"):
            assert mark.properties()[prop] == other.properties()[prop], (concept, prop)


def test_offers_trace_marks_the_agreement():
    result = alternating_offers(0.9, 0.8, rounds=6, players=("Japan", "US"))
    artists = draw_offers_trace(result, reference=0.3, reference_label="deal")
    agreed = [r for r in result.path if r.response == "accept"][-1]
    assert artists.accepted.get_data() == ([agreed.round], [float(agreed.offer[0])])
    assert artists.reference.get_data()[1] == [0.3, 0.3]
    model = MODELS["deal_bargaining"]
    trace, _, actual = db.offers(model.defaults)
    artists = draw_offers_trace(trace, reference=float(actual[0]), reference_label="July deal")
    assert artists.ax.get_ylim() == (-0.04, 1.04)
    save(artists.figure, "offers_deal_bargaining")


def test_static_and_live_offers_traces_mark_the_same_offers():
    # Japan opens with a demand of 95%, the US answers with 1%, Japan asks 90%: three
    # rejections, then the equilibrium offer of round 4 is accepted; rounds 5-8 are never reached
    result = alternating_offers(0.9, 0.8, rounds=8, proposals=[0.95, 0.01, 0.9])
    assert [r.response for r in result.path] == ["reject"] * 3 + ["accept"]
    static = plot_offers_trace(result).axes[0]
    live = draw_offers_trace(result)
    made = [ln for ln in static.lines if ln.get_zorder() == 6]
    by_marker = {
        m: [(float(x), float(y)) for ln in made if ln.get_marker() == m for x, y in ln.get_xydata()]
        for m in ("o", "X")
    }
    assert by_marker["X"] == [(1.0, 0.95), (2.0, 0.01), (3.0, 0.9)]
    assert by_marker["o"] == [(4.0, float(result.path[-1].offer[0]))]
    for line, m in ((live.rejected, "X"), (live.accepted, "o")):
        assert list(zip(*line.get_data(), strict=True)) == by_marker[m]
    plan = result.plan_arrays()
    for who, marker in ((0, "o"), (1, "s")):
        reached, faded = (
            [ln for ln in static.lines if ln.get_marker() == marker and ln.get_alpha() == a]
            for a in (1.0, 0.3)
        )
        mine = plan["proposer"] == who
        assert reached[0].get_xdata().tolist() == live.offers[who].get_xdata().tolist()
        assert faded[0].get_xdata().tolist() == live.faded[who].get_xdata().tolist()
        assert sorted([*reached[0].get_xdata(), *faded[0].get_xdata()]) == sorted(
            plan["round"][mine]
        )
        assert max(reached[0].get_xdata()) <= 4 < min(faded[0].get_xdata())


# --- linkage -------------------------------------------------------------------------------------


def test_packages_plot_shows_the_frontier_nash_package_and_gain():
    talks = MODELS["issue_linkage"].at()
    gain = gain_from_linkage(talks)
    artists = draw_packages(talks, gain)
    assert artists.linked.get_data() == (
        [float(v) for v in gain.linked.utilities][:1],
        [float(gain.linked.utilities[1])],
    )
    assert artists.separate.get_data()[0] == [float(gain.separate.utilities[0])]
    front = sorted((float(p.utilities[0]), float(p.utilities[1])) for p in pareto_packages(talks))
    assert list(zip(*artists.frontier.get_data(), strict=True)) == front
    assert len(artists.packages.get_data()[0]) == talks.n_packages
    assert artists.gain_arrow == (
        tuple(float(v) for v in gain.separate.utilities),
        tuple(float(v) for v in gain.linked.utilities),
    )
    assert artists.arrow.get_offsets().tolist() == [list(artists.gain_arrow[0])]
    save(plot_packages(talks, gain), "packages_issue_linkage")


# --- patience --------------------------------------------------------------------------------------


def test_critical_curve_agrees_with_critical_discount_factor():
    stage = MODELS["deal_compliance"].at()
    for n in (1, 2, 3, 5, 12, 20):
        check = critical_discount_factor(stage, ("Keep", "Comply"), periods=n)
        for inc in check.incentives:
            value = critical_curve(float(inc.gain), float(inc.loss), [n])[0]
            if inc.critical_delta is None:
                assert np.isnan(value)
            else:
                assert value == pytest.approx(inc.critical_delta, abs=1e-9)
    pd = BimatrixGame(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], row_labels=("C", "D"), col_labels=("C", "D")
    )
    check = critical_discount_factor(pd, ("C", "C"), periods=1)
    assert check.critical_delta is None and np.isnan(critical_curve(2, 2, [1])[0])
    with pytest.raises(ValueError, match="whole numbers"):
        critical_curve(1, 1, [0.5])


def test_patience_plot_marks_the_current_point_and_both_sides():
    analysis = MODELS["deal_compliance"].analyse()
    artists = draw_critical_discount(analysis.result, delta=0.98, periods=4)
    assert artists.current.get_data() == ([4.0], [0.98])
    assert len(artists.curves) == 2
    for curve, inc in zip(artists.curves, analysis.result.incentives, strict=True):
        _, ds = curve.get_data()
        assert ds[3] == pytest.approx(
            critical_curve(float(inc.gain), float(inc.loss), [4])[0], nan_ok=True
        )
    assert artists.ax.get_xlabel() == "Length of the punishment (quarters)"
    assert "δ" in artists.ax.get_ylabel()
    save(plot_critical_discount(analysis.result, delta=0.98, periods=4), "patience_compliance")


# --- shared pieces ----------------------------------------------------------------------------------


def test_player_colours_keep_japan_blue_and_the_us_vermillion():
    assert player_colours(("Japan", "US")) == tuple(reversed(player_colours(("US", "Japan"))))
    with pytest.raises(ValueError, match="two names"):
        player_colours(("only one",))


def test_view_limits_change_rarely_and_ticks_follow_them():
    view = ViewLimits()
    changes = sum(view.fit(0.0, 10.0 + k / 10) for k in range(20))
    assert changes == 1
    assert view.fit(0.0, 100.0)
    with pytest.raises(ValueError, match="lo <= hi"):
        view.fit(1.0, 0.0)
    from negotiation.plots import new_figure

    _, ax = new_figure()
    ticks = LiveTicks(ax, "x")
    ticks.set_limits(-1.3, 0.2)
    shown = [t.get_text() for t in ticks.labels if t.get_visible()]
    assert shown[0].startswith("−") and ax.get_xlim() == (-1.3, 0.2)
    assert legend_figure([artist for artist in ax.lines] or [ax.plot([], [], label="x")[0]])


def test_figures_render_through_the_apps_renderer_like_matplotlib():
    """The fast renderer (cached text bitmaps, fast PNG) draws what matplotlib draws."""
    from io import BytesIO

    from PIL import Image

    from negotiation.widgets._render import FastCanvas, LiveFigure, encode_png

    artists = draw_best_responses(game_of("currency_claims"))
    live = LiveFigure(artists)
    png = live.render()
    ours = np.asarray(Image.open(BytesIO(png)).convert("RGB")).astype(int)
    buffer = BytesIO()
    artists.figure.savefig(buffer, format="png")  # matplotlib's own drawing of the same figure
    theirs = np.asarray(Image.open(BytesIO(buffer.getvalue())).convert("RGB")).astype(int)
    assert ours.shape == theirs.shape
    differ = np.abs(ours - theirs).max(axis=2) > 60
    assert differ.mean() < 0.01  # the same picture, give or take antialiasing of the glyphs
    assert isinstance(artists.figure.canvas, FastCanvas) or True
    image = np.zeros((3, 5, 4), dtype=np.uint8)
    image[1, 2] = (10, 20, 30, 255)
    back = np.asarray(Image.open(BytesIO(encode_png(image))))
    assert np.array_equal(back, image)
    big = np.random.default_rng(0).integers(0, 255, size=(400, 400, 4), dtype=np.uint8)
    assert np.array_equal(np.asarray(Image.open(BytesIO(encode_png(big)))), big)


def test_quick_text_places_text_exactly_where_matplotlib_does():
    from negotiation.plots import new_figure
    from negotiation.plots._live import _fast_offset, quick_text
    from negotiation.widgets._render import FastCanvas

    fig, ax = new_figure()
    FastCanvas(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for s in ("14.2", "−0.625", "Japan", "gy", "(0.25)", "1,349"):
        for ha in ("left", "center", "right"):
            for va in ("center", "top", "bottom", "baseline"):
                for size, weight in ((13, "normal"), (11, "bold")):
                    t = quick_text(ax, 0.5, 0.5, s, ha=ha, va=va, fontsize=size, fontweight=weight)
                    _, info, _ = t._get_layout(renderer)
                    assert _fast_offset(t, renderer, s) == pytest.approx(
                        (float(info[0][2][0]), float(info[0][2][1])), abs=1e-9
                    )
    assert _fast_offset(quick_text(ax, 0, 0, "x", rotation=30), renderer, "x") is None


def test_every_live_figure_keeps_its_legend_entries_and_draws_them_beside_the_axes_on_request():
    from negotiation.plots import new_figure
    from negotiation.plots._live import legend_beside, marker_entry

    entry = marker_entry("D", 11, "#123456", "a point", mec="white")
    assert (entry.get_marker(), entry.get_markersize(), entry.get_linestyle()) == ("D", 11, "None")
    assert (entry.get_color(), entry.get_label(), entry.get_mec()) == (
        "#123456",
        "a point",
        "white",
    )
    talks = MODELS["issue_linkage"].at()
    analysis = MODELS["deal_compliance"].analyse()
    figures = {
        "bargaining": lambda legend: draw_bargaining_set(
            MODELS["deal_bargaining"].at(), legend=legend
        ),
        "packages": lambda legend: draw_packages(talks, gain_from_linkage(talks), legend=legend),
        "patience": lambda legend: draw_critical_discount(
            analysis.result, delta=0.98, periods=4, legend=legend
        ),
        "offers": lambda legend: draw_offers_trace(
            alternating_offers(0.9, 0.8, rounds=4), legend=legend
        ),
    }
    for name, draw in figures.items():
        with_legend, without = draw(True), draw(False)
        labels = [h.get_label() for h in with_legend.legend_handles]
        assert labels == [h.get_label() for h in without.legend_handles], name
        assert without.ax.get_legend() is None, name
        shown = with_legend.ax.get_legend()
        assert [t.get_text() for t in shown.get_texts()] == labels, name
        assert shown._loc == 2 and not shown.get_frame_on(), name  # upper left, no frame
        assert with_legend.figure.get_size_inches()[0] > without.figure.get_size_inches()[0], name
    _, ax = new_figure(6, 4)
    ax.plot([0, 1], [0, 1], label="a line")
    legend_beside(ax, x=1.12)
    assert ax.get_legend().get_bbox_to_anchor().transformed(ax.transAxes.inverted()).x0 == (
        pytest.approx(1.12)
    )
