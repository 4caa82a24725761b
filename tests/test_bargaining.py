"""Tests for negotiation.bargaining: textbook results, the axioms, independent checks, bad input."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.optimize import linprog

from negotiation.bargaining import (
    BargainingProblem,
    BargainingSolution,
    bargaining_solutions,
    egalitarian_solution,
    kalai_smorodinsky_solution,
    nash_solution,
    threat_point_effect,
    utilitarian_solution,
)
from tests.strategies import bargaining_problems, symmetric_problems, utility_points

PIE = [(1, 0), (0, 1)]
CONCEPTS = {
    "nash": nash_solution,
    "kalai_smorodinsky": kalai_smorodinsky_solution,
    "egalitarian": egalitarian_solution,
    "utilitarian": utilitarian_solution,
}


def pie(d=(0, 0), **kwargs):
    return BargainingProblem.from_outcomes(PIE, d, **kwargs)


# --- an independent reference: the exact Pareto chain of decimals, in Fractions -----------


def exact_chain(points):
    """Pareto-optimal corners and edge points of the hull with free disposal, all in Fractions."""
    pts = sorted({(Fraction(repr(float(a))), Fraction(repr(float(b)))) for a, b in points})
    stairs = [p for p in pts if not any(q != p and q[0] >= p[0] and q[1] >= p[1] for q in pts)]
    hull = []
    for p in stairs:
        while len(hull) >= 2:
            o, a = hull[-2], hull[-1]
            if (a[0] - o[0]) * (p[1] - o[1]) - (a[1] - o[1]) * (p[0] - o[0]) > 0:
                hull.pop()
            else:
                break
        hull.append(p)
    return hull


def dominated_by_hull(points, p, tol=1e-9):
    """Whether some point of the convex hull weakly dominates p with slack > tol (an LP)."""
    pts = np.array([[float(a), float(b)] for a, b in points])
    n = len(pts)
    # variables: lambda (n), s1, s2 ; maximise s1 + s2
    c = np.concatenate([np.zeros(n), [-1.0, -1.0]])
    A_ub = np.hstack([-pts.T, np.eye(2)])  # -(sum lambda q) + s <= -p
    b_ub = -np.array([float(p[0]), float(p[1])])
    A_eq = np.concatenate([np.ones(n), [0.0, 0.0]])[None, :]
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=(0, None), method="highs")
    assert res.status == 0
    return -res.fun > tol


def nash_product(point, d, a=Fraction(1, 2)):
    x, y = point[0] - d[0], point[1] - d[1]
    if x <= 0 or y <= 0:
        return 0.0
    return float(x) ** float(a) * float(y) ** (1 - float(a))


def brute_force_nash(problem, samples=400, a=Fraction(1, 2)):
    """Maximise the Nash product over a fine sampling of every frontier segment (floats)."""
    F = np.array([[float(u) for u in v] for v in problem.frontier])
    d = np.array([float(v) for v in problem.disagreement])
    best = 0.0
    t = np.linspace(0, 1, samples)[:, None]
    for p, q in itertools.pairwise(F):
        pts = p + t * (q - p)
        g = np.clip(pts - d, 0, None)
        best = max(best, float((g[:, 0] ** float(a) * g[:, 1] ** (1 - float(a))).max()))
    g = np.clip(F - d, 0, None)
    return max(best, float((g[:, 0] ** float(a) * g[:, 1] ** (1 - float(a))).max()))


# --- textbook results -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        # Nash (1950): split the pie; each side gets its disagreement payoff plus half the rest
        ((0, 0), (Fraction(1, 2), Fraction(1, 2))),
        ((Fraction(1, 5), 0), (Fraction(3, 5), Fraction(2, 5))),
        ((0, Fraction(1, 2)), (Fraction(1, 4), Fraction(3, 4))),
        ((Fraction(1, 10), Fraction(3, 10)), (Fraction(2, 5), Fraction(3, 5))),
        ((Fraction(-1, 2), 0), (Fraction(1, 4), Fraction(3, 4))),
    ],
)
def test_split_the_pie_nash_1950(d, expected):
    sol = nash_solution(pie(d))
    assert sol.utilities == expected
    assert sol.point_exact == expected
    assert sol.point == (float(expected[0]), float(expected[1]))
    # when d is inside the triangle, KS and egalitarian agree with Nash on the pie
    if d[0] >= 0:
        assert kalai_smorodinsky_solution(pie(d)).utilities == expected
        assert egalitarian_solution(pie(d)).utilities == expected
    else:  # the ideal point is (1, 1): KS gives each the same share of its ideal gain
        assert kalai_smorodinsky_solution(pie(d)).utilities == (Fraction(2, 5), Fraction(3, 5))


@given(
    st.fractions(min_value=0, max_value=Fraction(9, 10), max_denominator=50),
    st.fractions(min_value=0, max_value=Fraction(9, 10), max_denominator=50),
)
def test_nash_share_moves_with_own_disagreement_payoff(d1, d2):
    # Nash (1950): each gets d_i + (1 - d1 - d2) / 2 on the unit pie
    assume(d1 + d2 < 1)
    sol = nash_solution(pie((d1, d2)))
    assert sol.utilities == (d1 + (1 - d1 - d2) / 2, d2 + (1 - d1 - d2) / 2)
    effect = threat_point_effect(pie((d1, d2)), (d1 + (1 - d1 - d2) / 4, d2))
    change = effect.change("nash")
    assert change[0] > 0 > change[1]
    assert change[0] == (1 - d1 - d2) / 8


@given(st.fractions(min_value=Fraction(1, 100), max_value=Fraction(99, 100), max_denominator=100))
def test_generalised_nash_on_the_pie(a):
    # the generalised Nash solution gives the first player the share `power` of the gains
    assert nash_solution(pie(), power=a).utilities == (a, 1 - a)
    assert nash_solution(pie((Fraction(1, 5), 0)), power=a).utilities == (
        Fraction(1, 5) + a * Fraction(4, 5),
        (1 - a) * Fraction(4, 5),
    )


def test_kalai_smorodinsky_1975_example():
    # Kalai and Smorodinsky (1975): T contains S and gives player 2 more at every level of
    # player 1's utility, yet the Nash solution gives player 2 less (3/4 -> 7/10). The KS
    # solution, which is individually monotone, gives both more (3/4 -> 10/13).
    S = BargainingProblem.from_outcomes([(0, 0), (0, 1), (0.75, 0.75), (1, 0)], (0, 0))
    T = BargainingProblem.from_outcomes([(0, 0), (0, 1), (1, 0.7), (1, 0)], (0, 0))
    assert S.ideal_point == T.ideal_point == (1, 1)
    assert nash_solution(S).utilities == (Fraction(3, 4), Fraction(3, 4))
    assert nash_solution(T).utilities == (1, Fraction(7, 10))
    assert kalai_smorodinsky_solution(S).utilities == (Fraction(3, 4), Fraction(3, 4))
    assert kalai_smorodinsky_solution(T).utilities == (Fraction(10, 13), Fraction(10, 13))
    assert nash_solution(T).outcome == 2  # the corner (1, 0.7) itself


def test_kalai_smorodinsky_non_symmetric_triangle():
    # On the triangle with corners (0, 0), (a, 0), (0, b) the ideal point is (a, b), and
    # KS gives each side half of its ideal gain, as does Nash (Kalai and Smorodinsky 1975).
    p = BargainingProblem.from_outcomes([(0, 0), (6, 0), (0, 2)], (0, 0))
    assert kalai_smorodinsky_solution(p).utilities == (3, 1)
    assert nash_solution(p).utilities == (3, 1)
    # ... while the egalitarian solution gives equal gains and the utilitarian the corner
    assert egalitarian_solution(p).utilities == (Fraction(3, 2), Fraction(3, 2))
    assert utilitarian_solution(p).utilities == (6, 0)
    # with a disagreement point that is not the origin
    q = p.with_disagreement((1, Fraction(1, 2)))
    ks = kalai_smorodinsky_solution(q)
    ideal = q.ideal_point
    gains = ks.gains
    assert gains[0] / (ideal[0] - 1) == gains[1] / (ideal[1] - Fraction(1, 2))


def test_kinked_frontier_nash_at_a_corner():
    p = BargainingProblem.from_outcomes([(3, 1), (2, 2), (0, 3)], (0, 0), labels=("A", "B", "C"))
    sol = nash_solution(p)
    assert sol.utilities == (2, 2)
    assert sol.outcome == 1
    assert "agreement: B" in sol.describe()


def test_nash_between_two_outcomes_is_a_mix():
    p = BargainingProblem.from_outcomes([(4, 0), (0, 2)], (0, 0), labels=("A", "B"))
    sol = nash_solution(p)
    assert sol.utilities == (2, 1)
    assert dict(sol.mixture) == {0: Fraction(1, 2), 1: Fraction(1, 2)}
    assert sol.outcome is None


def test_egalitarian_leximin_and_weights():
    # Kalai (1977): the largest equal gains; with free disposal that may be only weakly
    # efficient, and the leximin refinement (Imai 1983) moves to the frontier.
    flat = BargainingProblem.from_outcomes([(2, 1), (3, 0)], (0, 0))
    weak = egalitarian_solution(flat, leximin=False)
    assert weak.utilities == (1, 1)
    assert not weak.pareto_optimal
    strong = egalitarian_solution(flat)
    assert strong.utilities == (2, 1)
    assert strong.pareto_optimal
    # proportional solution: gains in the ratio 1 : 3
    assert egalitarian_solution(pie(), weights=(1, 3)).utilities == (Fraction(1, 4), Fraction(3, 4))


def test_utilitarian_tie_and_weights():
    sol = utilitarian_solution(pie((Fraction(1, 5), 0)))
    assert sol.utilities == (Fraction(3, 5), Fraction(2, 5))  # most equal gains on the tie
    assert "same sum" in sol.note
    # collinear outcomes on the tie: the tie spans several edges
    line = BargainingProblem.from_outcomes([(0, 4), (1, 3), (2, 2), (3, 1), (4, 0)], (0, 1))
    assert utilitarian_solution(line).utilities == (Fraction(3, 2), Fraction(5, 2))
    assert utilitarian_solution(pie(), weights=(2, 1)).utilities == (1, 0)
    assert utilitarian_solution(pie(), weights=(0, 1)).utilities == (0, 1)


def test_threat_point_effect_describe_names_the_players():
    p = pie(players=("Japan", "US"))
    effect = threat_point_effect(p, (Fraction(1, 5), 0))
    text = effect.describe()
    assert "Japan 1/2 -> 3/5 (+1/10)" in text
    assert "US 1/2 -> 2/5 (-1/10)" in text
    assert set(effect.solutions_after) == set(CONCEPTS)


def test_describe_names_players_and_outcomes():
    p = BargainingProblem.from_outcomes(
        [(1, 0), (0, 1)], (0, 0), players=("Japan", "US"), labels=("deal J", "deal U")
    )
    text = nash_solution(p).describe()
    assert text.startswith("Nash bargaining solution: Japan gets 1/2 and US gets 1/2")
    assert "deal J" in text
    assert "deal U" in text
    default = nash_solution(pie()).describe()
    assert "Player 1 gets 1/2 and Player 2 gets 1/2" in default


# --- frontier functions -----------------------------------------------------------------


def test_frontier_function_numeric_and_symbolic():
    # u2 = 1 - u1**2 with d = (0, 0): Nash maximises u (1 - u**2), at u = 1/sqrt(3)
    u = sympy.Symbol("u")
    p = BargainingProblem.from_frontier(1 - u**2, (0, 1), (0, 0))
    sol = nash_solution(p)
    assert sympy.simplify(sol.symbolic[0] - 1 / sympy.sqrt(3)) == 0
    assert sol.symbolic[1] == sympy.Rational(2, 3)
    numeric = BargainingProblem.from_frontier(lambda x: 1 - x**2, (0, 1), (0, 0))
    ns = nash_solution(numeric)
    assert ns.symbolic is None
    assert abs(ns.point[0] - 1 / math.sqrt(3)) < 1e-7  # the stated tolerance: ~1e-8 of the range
    ks = kalai_smorodinsky_solution(numeric)
    # ideal point (1, 1): KS on the diagonal, u = 1 - u**2
    assert abs(ks.point[0] - (math.sqrt(5) - 1) / 2) < 1e-12
    ut = utilitarian_solution(numeric)
    assert abs(ut.point[0] - 0.5) < 1e-7  # 1 - 2u = 0
    assert utilitarian_solution(p).point_exact == (Fraction(1, 2), Fraction(3, 4))


def test_frontier_function_matches_dense_outcomes():
    # the same problem given as 2001 points on the curve (spacing h = 5e-4): the maximised
    # objectives agree to O(h**2), the maximisers (where the objective is flat) to O(h)
    f = lambda x: np.sqrt(1 - x**2)  # noqa: E731 - a quarter circle
    grid = np.linspace(0, 1, 2001)
    d = (0.1, 0.2)
    dense = BargainingProblem.from_outcomes(np.column_stack([grid, f(grid)]), d)
    curve = BargainingProblem.from_frontier(f, (0, 1), d)
    for concept, solve in CONCEPTS.items():
        a, b = solve(dense).point, solve(curve).point
        assert abs(a[0] - b[0]) < 1e-3, concept
        assert abs(a[1] - b[1]) < 1e-3, concept
    assert (
        abs(
            nash_product(nash_solution(dense).point, d)
            - nash_product(nash_solution(curve).point, d)
        )
        < 1e-6
    )
    assert (
        abs(sum(utilitarian_solution(dense).point) - sum(utilitarian_solution(curve).point)) < 1e-6
    )


def test_frontier_with_a_kink_and_flat_part():
    p = BargainingProblem.from_frontier(lambda x: min(1.0, 2 - 2 * x), (0, 1), (0, 0))
    assert np.allclose(nash_solution(p).point, (0.5, 1.0), atol=1e-7)
    assert np.allclose(kalai_smorodinsky_solution(p).point, (2 / 3, 2 / 3), atol=1e-10)
    assert p.ideal_point == (1.0, 1.0)


# --- the axioms (hypothesis) -------------------------------------------------------------


@given(bargaining_problems())
def test_pareto_optimality(problem):
    for concept, solve in CONCEPTS.items():
        sol = solve(problem)
        assert problem.contains(sol.point_exact), concept
        assert sol.pareto_optimal
        outcomes = [problem.outcome(i) for i in range(len(problem.outcomes))]
        assert not dominated_by_hull(outcomes, sol.point_exact), concept
        # individually rational
        assert sol.gains[0] >= 0
        assert sol.gains[1] >= 0


@given(symmetric_problems())
def test_symmetry(problem):
    for concept, solve in CONCEPTS.items():
        sol = solve(problem)
        assert sol.utilities[0] == sol.utilities[1], concept


@given(
    bargaining_problems(),
    st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=10),
    st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=10),
    st.fractions(min_value=-5, max_value=5, max_denominator=10),
    st.fractions(min_value=-5, max_value=5, max_denominator=10),
)
def test_invariance_to_positive_affine_rescaling(problem, a1, a2, b1, b2):
    # Nash (1950) and Kalai-Smorodinsky (1975): the units of utility do not matter
    scaled = problem.rescale(scale=(a1, a2), shift=(b1, b2))
    for solve in (nash_solution, kalai_smorodinsky_solution):
        u = solve(problem).utilities
        v = solve(scaled).utilities
        assert v == (a1 * u[0] + b1, a2 * u[1] + b2)


@given(bargaining_problems(), st.data())
def test_independence_of_irrelevant_alternatives(problem, data):
    # Nash (1950): shrinking the feasible set while keeping the solution does not move it
    sol = nash_solution(problem)
    keep = {i for i, _ in sol.mixture}
    others = [i for i in range(len(problem.outcomes)) if i not in keep]
    extra = data.draw(st.lists(st.sampled_from(others), unique=True) if others else st.just([]))
    subset = sorted(keep | set(extra))
    points = [problem.outcome(i) for i in subset]
    smaller = BargainingProblem.from_outcomes(points, problem.disagreement)
    assert nash_solution(smaller).utilities == sol.utilities


@given(bargaining_problems(), utility_points(1, 6, 12))
def test_individual_monotonicity_of_kalai_smorodinsky(problem, extra):
    # Kalai and Smorodinsky (1975): if the set grows without changing player 1's ideal
    # payoff, player 2 does not lose.
    ideal1 = problem.ideal_point[0]
    added = [(min(Fraction(a), ideal1), b) for a, b in extra]
    points = [problem.outcome(i) for i in range(len(problem.outcomes))] + added
    bigger = BargainingProblem.from_outcomes(points, problem.disagreement)
    assume(bigger.ideal_point[0] == ideal1)
    before = kalai_smorodinsky_solution(problem).utilities
    after = kalai_smorodinsky_solution(bigger).utilities
    assert after[1] >= before[1]


# --- independent checks --------------------------------------------------------------


@given(bargaining_problems(max_size=15))
def test_nash_against_brute_force_sampling(problem):
    sol = nash_solution(problem)
    best = brute_force_nash(problem)
    mine = nash_product(sol.point_exact, problem.disagreement)
    assert mine >= best - 1e-12
    assert mine <= best + 1e-3 * max(1.0, best)  # the sampling is fine enough to come close


@given(bargaining_problems(max_size=15), st.sampled_from([Fraction(1, 3), Fraction(3, 4)]))
def test_generalised_nash_against_brute_force(problem, a):
    sol = nash_solution(problem, power=a)
    best = brute_force_nash(problem, a=a)
    assert nash_product(sol.point_exact, problem.disagreement, a) >= best - 1e-12


@given(bargaining_problems(max_size=15))
def test_exact_and_float_agree(problem):
    points = [problem.outcome(i) for i in range(len(problem.outcomes))]
    floats = BargainingProblem.from_outcomes(
        [(float(a), float(b)) for a, b in points],
        tuple(float(v) for v in problem.disagreement),
        exact=False,
    )
    assert not floats.exact
    for concept, solve in CONCEPTS.items():
        a, b = solve(problem), solve(floats)
        assert a.point_exact is not None
        assert b.point_exact is None
        assert np.allclose(a.point, b.point, atol=1e-9), concept


@given(utility_points(1, 30, 20))
def test_frontier_matches_exact_reference(points):
    p = BargainingProblem.from_outcomes(points, (-1, -1))
    assert list(p.frontier) == exact_chain(points)
    assert [p.outcome(i) for i in p.pareto_indices] == exact_chain(points)


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(-2, 2)),
        min_size=2,
        max_size=25,
        unique_by=lambda t: t[0],
    )
)
def test_decimal_floats_near_a_line_are_exact(rows):
    # Decimals on (or within 1e-16 of) the line u1 + u2 = 0.9: in binary most are not
    # exactly collinear; the frontier must follow the decimals the floats print as.
    points = []
    for k, wiggle in rows:
        x = round(0.03 * k, 2)
        y = float(repr(round(0.9 - x, 2)))
        y = float(np.nextafter(y, 1.0)) if wiggle > 0 else y
        y = float(np.nextafter(y, 0.0)) if wiggle < 0 else y
        points.append((x, y))
    p = BargainingProblem.from_outcomes(np.array(points), (-1, -1))
    assert list(p.frontier) == exact_chain(points)


def test_ten_thousand_outcomes():
    rng = np.random.default_rng(20250722)
    r = np.sqrt(rng.random(10_000))
    theta = rng.random(10_000) * np.pi / 2
    points = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    exact = BargainingProblem.from_outcomes(points, (0.1, 0.1))
    approx = BargainingProblem.from_outcomes(points, (0.1, 0.1), exact=False)
    for solve in CONCEPTS.values():
        assert np.allclose(solve(exact).point, solve(approx).point, atol=1e-12)
    assert (
        nash_product(nash_solution(exact).point_exact, (0.1, 0.1))
        >= brute_force_nash(exact, samples=50) - 1e-12
    )


def test_bargaining_solutions_and_repr():
    sols = bargaining_solutions(pie())
    assert list(sols) == list(CONCEPTS)
    assert all(isinstance(s, BargainingSolution) for s in sols.values())
    assert "2 outcomes" in repr(pie())
    with pytest.raises(ValueError, match="'bogus'"):
        bargaining_solutions(pie(), ["bogus"])


def test_problem_is_immutable_and_built_by_classmethods():
    with pytest.raises(TypeError, match="from_outcomes"):
        BargainingProblem()
    p = pie()
    with pytest.raises(AttributeError, match="immutable"):
        p._d = (1, 1)
    assert p.with_players(("J", "U")).players == ("J", "U")


# --- bad input: clear errors naming the value ---------------------------------------------


@pytest.mark.parametrize(
    ("points", "d", "error", "match"),
    [
        ([], (0, 0), ValueError, "points is empty"),
        (np.zeros((0, 2)), (0, 0), ValueError, "points is empty"),
        ([(1, 2, 3), (0, 1)], (0, 0), ValueError, r"points\[0\] must be a pair"),
        ([(1, float("nan")), (0, 1)], (0, 0), ValueError, r"points\[0\]\[1\] must be a finite"),
        ([("1", 0), (0, 1)], (0, 0), TypeError, "'1'"),
        ([(True, 0), (0, 1)], (0, 0), TypeError, "boolean True"),
        ("1,2", (0, 0), TypeError, "string '1,2'"),
        (PIE, (1, 1), ValueError, r"disagreement point \(1, 1\) lies above the Pareto frontier"),
        (PIE, (2, -1), ValueError, r"\(2, -1\) lies above.*at most 1"),
        (
            PIE,
            (Fraction(1, 2), Fraction(1, 2)),
            ValueError,
            r"nothing to bargain over.*\(1/2, 1/2\)",
        ),
        (PIE, (1, 0), ValueError, r"nothing to bargain over.*\(1, 0\)"),
        (PIE, (0, "x"), TypeError, "'x'"),
        (PIE, (0, 0, 0), ValueError, "got 3 values"),
    ],
)
def test_bad_outcomes_and_disagreement(points, d, error, match):
    with pytest.raises(error, match=match):
        BargainingProblem.from_outcomes(points, d)


@pytest.mark.parametrize(
    ("f", "rng", "d", "match"),
    [
        (lambda x: x**2, (0, 1), (0, 0), r"must not increase.*f\(0\.001\)"),
        (lambda x: (1 - x) ** 2, (0, 1), (0, 0), r"must be concave.*u1 = "),
        (lambda x: 1 - x, (1, 0), (0, 0), r"lo < hi, got \(1, 0\)"),
        (lambda x: 1 / (x - 0.5), (0, 1), (0, 0), r"not finite at u1 = 0\.5"),
        (lambda x: 1 - x, (0, 1), (0.5, 0.6), r"\(1/2, 3/5\) lies above the Pareto frontier"),
        (lambda x: 1 - x, (0, 1), (0.5, 0.5), r"nothing to bargain over.*\(1/2, 1/2\)"),
        ("1 - u", (0, 1), (0, 0), "string '1 - u'"),
    ],
)
def test_bad_frontier(f, rng, d, match):
    with pytest.raises((ValueError, TypeError), match=match):
        BargainingProblem.from_frontier(f, rng, d)


def test_bad_parameters_name_the_value():
    with pytest.raises(ValueError, match=r"power must be strictly between 0 and 1.*got 1"):
        nash_solution(pie(), power=1)
    with pytest.raises(ValueError, match="got -1/2"):
        nash_solution(pie(), power=-0.5)
    with pytest.raises(ValueError, match=r"weights\[0\] must be positive, got -1"):
        egalitarian_solution(pie(), weights=(-1, 1))
    with pytest.raises(ValueError, match=r"weights must not be all zero, got \(0, 0\)"):
        utilitarian_solution(pie(), weights=(0, 0))
    with pytest.raises(ValueError, match=r"weights\[1\] must be non-negative, got -2"):
        utilitarian_solution(pie(), weights=(1, -2))
    with pytest.raises(TypeError, match="needs a BargainingProblem, got list"):
        nash_solution([(1, 0), (0, 1)])
    with pytest.raises(ValueError, match=r"scale\[0\] must be positive, got 0"):
        pie().rescale(scale=(0, 1))
    with pytest.raises(ValueError, match=r"outcome index 5 is out of range 0\.\.1"):
        pie().outcome(5)
    u, v = sympy.symbols("u v")
    with pytest.raises(ValueError, match=r"exactly one symbol.*u, v"):
        BargainingProblem.from_frontier(1 - u * v, (0, 1), (0, 0))


# --- the figure ---------------------------------------------------------------------------


def test_plot_bargaining_labels_every_solution():
    from negotiation.plots.bargaining import plot_bargaining

    p = BargainingProblem.from_outcomes(
        [(3, 1), (2, 2), (0, 3), (1, 0)], (0, 0), players=("Japan", "US"), labels=list("ABCD")
    )
    fig = plot_bargaining(p, units=("% of GDP", "$bn"))
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Japan's payoff (% of GDP)"
    assert ax.get_ylabel() == "US's payoff ($bn)"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for name in ("Nash", "Kalai-Smorodinsky", "Egalitarian", "Utilitarian", "Disagreement point"):
        assert any(t.startswith(name) for t in legend), name
    fig2 = plot_bargaining(p, solutions=["nash"])
    legend2 = [t.get_text() for t in fig2.axes[0].get_legend().get_texts()]
    assert not any(t.startswith("Utilitarian") for t in legend2)
    with pytest.raises(TypeError, match="BargainingProblem"):
        plot_bargaining([(1, 0)])
