"""Tests for negotiation.repeated: critical discount factors, trigger strategies, learning dynamics."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from negotiation import BimatrixGame, solve
from negotiation.repeated import (
    LearningTrajectory,
    critical_delta,
    critical_discount_factor,
    fictitious_play,
    replicator_dynamics,
    simulate,
)

# The Prisoner's Dilemma with T, R, P, S = 5, 3, 1, 0 (Axelrod 1984's payoffs)
PD = BimatrixGame(
    [[3, 0], [5, 1]],
    [[3, 5], [0, 1]],
    players=("Japan", "US"),
    row_labels=("Comply", "Cheat"),
    col_labels=("Comply", "Cheat"),
)


@st.composite
def prisoners_dilemmas(draw):
    """Payoffs T > R > P > S (small integers), as (T, R, P, S)."""
    s = draw(st.integers(-5, 5))
    p = s + draw(st.integers(1, 5))
    r = p + draw(st.integers(1, 5))
    t = r + draw(st.integers(1, 5))
    return t, r, p, s


def pd_game(t, r, p, s):
    return BimatrixGame(
        [[r, s], [t, p]], [[r, t], [s, p]], row_labels=("C", "D"), col_labels=("C", "D")
    )


# --- independent streams: discounted sums written out by hand ------------------------------


def cooperate_value(R, delta, horizon):
    return sum(R * delta**t for t in range(horizon))


def deviate_value(T, R, P, delta, k, horizon):
    """Deviate once at t = 0, be punished for k periods (forever if None), then cooperate."""
    total = T
    for t in range(1, horizon):
        punished = k is None or t <= k
        total += (P if punished else R) * delta**t
    return total


# --- Friedman (1971) -----------------------------------------------------------------------


def test_critical_delta_prisoners_dilemma():
    # Friedman (1971): grim trigger sustains cooperation iff delta >= (T - R) / (T - P)
    assert critical_delta(5, 3, 1) == Fraction(1, 2)
    check = critical_discount_factor(PD, ("Comply", "Comply"))
    assert check.critical_delta_exact == Fraction(1, 2)
    assert check.critical_delta == 0.5
    assert check.credible
    assert check.punishment == ((0, 1), (0, 1))  # the stage equilibrium (Cheat, Cheat)
    assert check.sustainable(Fraction(1, 2))
    assert not check.sustainable(Fraction(49, 100))
    inc = check.incentives[0]
    assert (inc.temptation, inc.reward, inc.punishment, inc.best_deviation) == (5, 3, 1, "Cheat")
    text = check.describe()
    assert "Sustainable for delta >= 1/2" in text
    assert "Japan needs delta >= 1/2" in text
    assert "US needs delta >= 1/2" in text


@given(prisoners_dilemmas())
def test_grim_trigger_formula(pd):
    t, r, p, _ = pd
    assert critical_delta(t, r, p) == Fraction(t - r, t - p)
    check = critical_discount_factor(pd_game(*pd), ("C", "C"))
    assert check.critical_delta_exact == Fraction(t - r, t - p)


@pytest.mark.parametrize("k", [1, 2, 3, 4, 6, 12])
def test_k_period_threshold_solves_its_polynomial(k):
    # at the threshold T - R = (R - P)(d + d**2 + ... + d**k)
    t, r, p = 7, 4, 1
    value = critical_delta(t, r, p, periods=k)
    if k * (r - p) <= t - r:
        assert value is None
        return
    d = sympy.Symbol("d")
    poly = (r - p) * sum(d**j for j in range(1, k + 1)) - (t - r)
    exact = (
        sympy.Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else value
    )
    assert abs(poly.subs(d, exact).evalf(50)) < sympy.Float("1e-40")
    assert 0 < float(exact.evalf(30)) < 1


def test_k_period_closed_forms():
    # k = 1: (T - R) / (R - P), when below 1
    assert critical_delta(4, 3, 1, periods=1) == Fraction(1, 2)
    assert critical_delta(5, 3, 1, periods=1) is None  # 2 d >= 2 needs d = 1: never
    # k = 2: d + d**2 = (T - R) / (R - P) = 1, the golden ratio conjugate
    golden = critical_delta(5, 3, 1, periods=2)
    assert sympy.simplify(golden - (sympy.sqrt(5) - 1) / 2) == 0
    assert critical_delta(8, 5, 1, periods=2) == Fraction(1, 2)  # d + d**2 = 3/4: rational
    # beyond MAX_EXACT_PERIODS the threshold is numeric only (but still right)
    value = critical_delta(5, 3, 1, periods=30)
    assert isinstance(value, float)
    assert abs(2 * sum(value**j for j in range(1, 31)) - 2) < 1e-12
    # the longer the punishment, the lower the threshold, down to grim trigger's
    thresholds = [float(critical_delta(5, 3, 1, periods=k)) for k in (2, 3, 5, 10)]
    assert thresholds == sorted(thresholds, reverse=True)
    assert thresholds[-1] > 0.5


def test_no_temptation_and_no_punishment():
    assert critical_delta(3, 3, 1) == 0
    assert critical_delta(2, 3, 1) == 0
    assert critical_delta(5, 3, 3) is None  # punishment no worse than cooperation
    stage_eq = critical_discount_factor(PD, ("Cheat", "Cheat"))
    assert stage_eq.critical_delta == 0
    assert "already a stage equilibrium" in stage_eq.describe()


def test_symbolic_formulas():
    T, R, P = sympy.symbols("T R P", positive=True)
    assert sympy.simplify(critical_delta(T, R, P) - (T - R) / (T - P)) == 0
    assert sympy.simplify(critical_delta(T, R, P, periods=1) - (T - R) / (R - P)) == 0
    k2 = critical_delta(T, R, P, periods=2)
    assert k2.subs({T: 5, R: 3, P: 1}).equals((sympy.sqrt(5) - 1) / 2)
    assert critical_delta(T, 3, 1).subs(T, 5) == sympy.Rational(1, 2)
    with pytest.raises(ValueError, match="closed form only for grim trigger"):
        critical_delta(T, R, P, periods=3)


# --- independent check: discounted payoff streams just above and below ------------------


@given(prisoners_dilemmas(), st.sampled_from([None, 1, 2, 3, 5]))
def test_threshold_against_discounted_streams(pd, k):
    t, r, p, _ = pd
    check = critical_discount_factor(pd_game(*pd), ("C", "C"), periods=k)
    threshold = check.critical_delta
    horizon = 60 if k is None else k + 1  # after k + 1 periods both streams are the same
    if threshold is None:
        # no discount factor below 1 deters: even at 0.999 the deviation pays
        d = Fraction(999, 1000)
        if k is not None:
            assert deviate_value(t, r, p, d, k, horizon) > cooperate_value(r, d, horizon)
        return
    eps = Fraction(1, 10**6)
    above = Fraction(threshold).limit_denominator(10**9) + eps
    below = Fraction(threshold).limit_denominator(10**9) - eps
    if k is None:  # closed forms of the infinite streams
        assert r / (1 - above) >= t + above * p / (1 - above)
        assert r / (1 - below) < t + below * p / (1 - below)
        # and the first 60 periods already show it, up to the tail
        tail = (r - p) * above**horizon / (1 - above)
        assert cooperate_value(r, above, horizon) + tail >= deviate_value(
            t, r, p, above, k, horizon
        )
    else:
        assert cooperate_value(r, above, horizon) >= deviate_value(t, r, p, above, k, horizon)
        assert cooperate_value(r, below, horizon) < deviate_value(t, r, p, below, k, horizon)
    assert check.sustainable(above)
    assert not check.sustainable(below)


@given(prisoners_dilemmas(), st.sampled_from([None, 2, 3]))
def test_simulated_play_matches_the_threshold(pd, k):
    game = pd_game(*pd)
    check = critical_discount_factor(game, ("C", "C"), periods=k)
    if check.critical_delta is None or not 0.03 < check.critical_delta < 0.95:
        return
    rounds = 400
    coop = simulate(game, ("C", "C"), periods=k, rounds=rounds)
    cheat = simulate(game, ("C", "C"), periods=k, rounds=rounds, deviations={0: [0]})
    assert coop.actions[0] == ("C", "C")
    assert cheat.actions[0] == ("D", "C")
    for delta, better in (
        (Fraction(round(check.critical_delta + 0.02, 2)), "cooperate"),
        (Fraction(round(check.critical_delta - 0.02, 2)), "cheat"),
    ):
        c = coop.discounted(delta)[0]
        x = cheat.discounted(delta)[0]
        # the truncated tail is below 0.97**400 * (T - S) / (1 - 0.97): negligible here
        assert (c > x) if better == "cooperate" else (x > c)


def test_simulate_phases_and_restart():
    play = simulate(PD, ("Comply", "Comply"), periods=2, rounds=7, deviations={"US": [1, 3]})
    assert play.phases == (
        "cooperate",
        "cooperate",
        "punish",
        "punish",
        "punish",
        "punish",
        "cooperate",
    )
    assert play.actions[1] == ("Comply", "Cheat")
    # a deviation during the punishment (the US plays Comply instead of Cheat) restarts it
    assert play.actions[3] == ("Cheat", "Comply")
    assert play.payoffs[1] == (0, 5)
    grim = simulate(PD, ("Comply", "Comply"), rounds=5, deviations={0: [0]})
    assert grim.phases == ("cooperate",) + ("punish",) * 4
    assert grim.payoff_array().shape == (5, 2)
    assert grim.discounted(Fraction(1, 2)) == (
        5 + Fraction(1, 2) + Fraction(1, 4) + Fraction(1, 8) + Fraction(1, 16),
        Fraction(15, 16),
    )


# --- credibility and the choice of punishment ---------------------------------------------


def test_non_credible_punishment_is_reported():
    check = critical_discount_factor(PD, ("Comply", "Comply"), ("Comply", "Cheat"))
    assert not check.credible
    assert "not credible" in check.note
    assert "Japan would rather play Cheat (1 instead of 0)" in check.note
    assert "not credible" in check.describe()


def test_default_punishment_needs_a_unique_stage_equilibrium():
    coordination = BimatrixGame(
        [[2, 0], [0, 1]], [[2, 0], [0, 1]], row_labels=("A", "B"), col_labels=("A", "B")
    )
    with pytest.raises(ValueError, match="the stage game has 3 Nash equilibria"):
        critical_discount_factor(coordination, ("A", "A"))
    check = critical_discount_factor(coordination, ("A", "A"), ("B", "B"))
    assert check.credible
    assert check.critical_delta == 0  # (A, A) is itself an equilibrium


def test_mixed_punishment():
    # matching-pennies-like punishment: a mixed stage equilibrium is a credible punishment
    game = BimatrixGame([[3, -1, 0], [-1, 1, 4], [1, -1, 2]], [[1, 1, 0], [-1, 2, 0], [4, 0, 1]])
    eq = solve(game).equilibria[0]
    check = critical_discount_factor(game, (0, 0), eq.strategies)
    assert check.credible
    assert check.incentives[0].punishment == eq.payoffs_exact[0]


# --- learning dynamics -------------------------------------------------------------------


def test_fictitious_play_is_labelled_reproducible_and_leaves_no_global_state():
    mp = BimatrixGame.zero_sum(
        [[1, -1], [-1, 1]],
        players=("Japan", "US"),
        row_labels=("High", "Low"),
        col_labels=("High", "Low"),
    )
    np.random.seed(123)  # noqa: NPY002 - checking that the wrapper restores the global state
    before = np.random.random()  # noqa: NPY002
    np.random.seed(123)  # noqa: NPY002
    a = fictitious_play(mp, 500, seed=7)
    after = np.random.random()  # noqa: NPY002
    assert before == after
    b = fictitious_play(mp, 500, seed=7)
    assert np.array_equal(a.row, b.row)
    assert isinstance(a, LearningTrajectory)
    assert a.row.shape == (500, 2)
    assert np.allclose(a.row.sum(axis=1), 1)
    assert a.time[0] == 1
    assert len(a.plays) == 500
    assert set(a.plays[0]) <= {"High", "Low"}
    # Robinson (1951): in zero-sum games the empirical frequencies approach equilibrium
    assert abs(a.final[0]["High"] - 0.5) < 0.05
    assert abs(a.strategy("US", "High")[-1] - 0.5) < 0.05
    assert "Japan" in a.describe()


def test_fictitious_play_in_the_prisoners_dilemma_converges_to_cheating():
    t = fictitious_play(PD, 50)
    assert t.final[0]["Cheat"] > 0.95
    assert t.plays[-1] == ("Cheat", "Cheat")


def test_replicator_dynamics():
    t = replicator_dynamics(PD, x0=(0.9, 0.1), y0=(0.9, 0.1))
    assert t.method == "replicator dynamics"
    assert t.row.shape == (1000, 2)
    assert np.allclose(t.row.sum(axis=1), 1, atol=1e-6)
    assert t.strategy("Japan", "Cheat")[-1] > 0.99
    assert np.all(np.diff(t.strategy(0, "Cheat")) >= -1e-9)  # a dominant strategy keeps spreading
    custom = replicator_dynamics(PD, time=np.linspace(0, 2, 11))
    assert len(custom.time) == 11


def test_replicator_dynamics_matches_the_closed_form_of_a_constant_advantage():
    # When a strategy earns exactly 1 more than the other whatever the opponent does,
    # x2/x1 grows as e^t (logistic growth), for both populations.
    g = BimatrixGame([[0, 0], [1, 1]], [[0, 2], [0, 2]])
    t = np.linspace(0, 5, 51)
    traj = replicator_dynamics(g, x0=(0.9, 0.1), y0=(0.8, 0.2), time=t)
    assert np.allclose(traj.row[:, 1] / traj.row[:, 0], (0.1 / 0.9) * np.exp(t), rtol=1e-8)
    assert np.allclose(traj.col[:, 1] / traj.col[:, 0], (0.2 / 0.8) * np.exp(2 * t), rtol=1e-8)


def test_replicator_dynamics_conserves_the_constant_of_motion_of_matching_pennies():
    # In a zero-sum game with an interior equilibrium (x*, y*), sum x*_i log x_i +
    # sum y*_j log y_j is constant along the orbits (Hofbauer and Sigmund 1998, on
    # bimatrix games), which are closed cycles around the equilibrium.
    mp = BimatrixGame([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    traj = replicator_dynamics(mp, x0=(0.2, 0.8), y0=(0.7, 0.3), time=np.linspace(0, 200, 2001))
    h = 0.5 * np.log(traj.row).sum(axis=1) + 0.5 * np.log(traj.col).sum(axis=1)
    assert np.ptp(h) < 1e-7
    assert traj.row[:, 0].min() < 0.21 and traj.row[:, 0].max() > 0.79  # it cycles


def test_replicator_dynamics_agrees_with_nashpy_where_nashpy_is_accurate():
    t = np.linspace(0, 10, 101)
    ours = replicator_dynamics(PD, x0=(0.7, 0.3), y0=(0.4, 0.6), time=t)
    xs, ys = PD.to_nashpy().asymmetric_replicator_dynamics(
        x0=np.array([0.7, 0.3]), y0=np.array([0.4, 0.6]), timepoints=t
    )
    assert np.allclose(ours.row, xs, atol=1e-6) and np.allclose(ours.col, ys, atol=1e-6)


@pytest.mark.parametrize("name", ["tariff_ladder", "tariff_standoff", "deal_compliance"])
def test_replicator_shares_stay_on_the_simplex_with_large_payoffs(name):
    # nashpy's odeint integration of these games leaves the simplex (shares below 0,
    # sums far from 1, up to 1e298 for the ladder); the shares here cannot.
    from negotiation.models import MODELS

    model = MODELS[name]
    game = model.instantiate(model.defaults)
    traj = replicator_dynamics(game, time=np.linspace(0, 300, 301))
    for shares in (traj.row, traj.col):
        assert np.all(shares >= 0)
        assert np.allclose(shares.sum(axis=1), 1, atol=1e-12)
    # and a strictly dominated strategy dies out (Samuelson and Zhang 1992)
    for i in range(game.shape[0]):
        if any(np.all(game.A[k] > game.A[i]) for k in range(game.shape[0])):
            assert traj.row[-1, i] < 1e-6


# --- bad input --------------------------------------------------------------------------


def test_bad_input_names_the_value():
    with pytest.raises(ValueError, match=r"periods must be a positive whole number.*got 0"):
        critical_delta(5, 3, 1, periods=0)
    with pytest.raises(ValueError, match=r"periods must be.*got 1\.5"):
        critical_discount_factor(PD, ("Comply", "Comply"), periods=1.5)
    with pytest.raises(ValueError, match="unknown row strategy 'Defect'"):
        critical_discount_factor(PD, ("Defect", "Comply"))
    with pytest.raises(ValueError, match="cooperate must be a pure profile"):
        critical_discount_factor(PD, ((0.5, 0.5), "Comply"))
    with pytest.raises(ValueError, match="cooperate must be a pair"):
        critical_discount_factor(PD, "Comply")
    with pytest.raises(TypeError, match="stage must be a BimatrixGame, got list"):
        critical_discount_factor([[1]], (0, 0))
    check = critical_discount_factor(PD, ("Comply", "Comply"))
    with pytest.raises(ValueError, match=r"delta must be a discount factor in \(0, 1\), got 1\.5"):
        check.sustainable(1.5)
    with pytest.raises(ValueError, match="iterations must be a positive integer, got 0"):
        fictitious_play(PD, 0)
    with pytest.raises(ValueError, match=r"x0\[1\] is 0.*positive"):
        replicator_dynamics(PD, x0=(1, 0))
    with pytest.raises(ValueError, match="time must be an increasing"):
        replicator_dynamics(PD, time=[0, 1, 1])
    with pytest.raises(ValueError, match=r"deviation period must be an integer in 0\.\.4, got 9"):
        simulate(PD, ("Comply", "Comply"), rounds=5, deviations={0: [9]})
    with pytest.raises(ValueError, match="unknown player 'EU'"):
        simulate(PD, ("Comply", "Comply"), rounds=5, deviations={"EU": [1]})


# --- the figure ---------------------------------------------------------------------------


def test_plot_learning():
    from negotiation.plots.dynamics import plot_learning

    fig = plot_learning(replicator_dynamics(PD), equilibrium=((0, 1), (0, 1)))
    assert [ax.get_title() for ax in fig.axes] == ["Japan", "US"]
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels[0].startswith("Comply")
    assert "Nash equilibrium" in labels
    fp = plot_learning(fictitious_play(PD, 30))
    assert fp.axes[0].get_xlabel() == "Round"
    with pytest.raises(TypeError, match="LearningTrajectory"):
        plot_learning(PD)
    with pytest.raises(ValueError, match="equilibrium must be"):
        plot_learning(replicator_dynamics(PD), equilibrium=((1,), (1,)))
