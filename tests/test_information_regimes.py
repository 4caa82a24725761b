"""PBE regimes (pure and hybrid) and maps over two parameters, against perfect_bayesian point by point."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation.information import perfect_bayesian, signalling_game
from negotiation.information.examples import hint_game
from negotiation.information.mixed_regimes import MixedRegime, mixed_pbe_regimes
from negotiation.information.regimes import PureRegime, pbe_map, pure_pbe_regimes
from negotiation.symbolic import Parameter

F = Fraction


def pure_set(tree):
    return {
        (
            tuple(max(eq.sender[t], key=eq.sender[t].get) for t in eq.structure.types),
            tuple(max(eq.receiver[m], key=eq.receiver[m].get) for m in eq.structure.messages),
        )
        for eq in perfect_bayesian(tree)
        if eq.pure
    }


def pure_found(m, i, j):
    return {
        (r.sender, r.receiver)
        for r, ok in zip(m.regimes, m.exists[:, i, j])
        if ok and isinstance(r, PureRegime)
    }


def _exact(sender, receiver):
    return (
        tuple(sorted((t, k, F(str(q))) for t, d in sender.items() for k, q in d.items())),
        tuple(sorted((msg, a, F(str(q))) for msg, d in receiver.items() for a, q in d.items())),
    )


def check_hybrids(m, i, j, point, values):
    """The mixed equilibria the map shows at a point are those perfect_bayesian finds there.

    Each one shown is found, everywhere. Each one found is shown except on a boundary
    (where some condition is exactly zero and the map decided it exactly): there the
    game is degenerate for that value of the parameters (a cost of zero makes a
    bluffer indifferent, say) and extreme points appear that exist nowhere nearby.
    """
    found = {_exact(eq.sender, eq.receiver) for eq in perfect_bayesian(point) if not eq.pure}
    shown = set()
    for r, ok in zip(m.regimes, m.exists[:, i, j]):
        if not isinstance(r, MixedRegime):
            continue
        at = r.at(**values)
        assert ok == (at is not None), (r.label, values)
        if at is not None:
            shown.add(_exact(at["sender"], at["receiver"]))
    assert shown <= found, values
    if not m.exact[i, j]:
        assert shown == found, values


def test_separating_needs_a_hint_costly_enough_for_a_bluffer():
    # By hand: the separating candidate (resolved hints, the US softens after a hint and
    # presses after silence) needs the bluffer not to mimic: 2 - c <= 0, so c >= 2.
    p, c = sympy.symbols("p c", positive=True)
    (sep,) = [
        r
        for r in pure_pbe_regimes(hint_game(p, c))
        if r.kind == "separating"
        and r.sender == ("hint", "silence")
        and r.receiver == ("soften", "press")
    ]
    for prior in (F(1, 4), F(1, 2), F(3, 4)):
        holds = [
            all(e.subs({p: prior, c: value}) >= 0 for e in sep.conditions)
            for value in (0, 1, F(3, 2), F(19, 10), 2, F(5, 2), 3)
        ]
        assert holds == [False] * 4 + [True] * 3


def test_the_map_agrees_with_perfect_bayesian_at_every_point():
    P = Parameter("p", 0.5, F(1, 8), F(7, 8), description="prior resolved")
    C = Parameter("c", 1, 0, 4, description="cost of a hint to a bluffer")
    tree = hint_game(P.symbol, C.symbol)
    m = pbe_map(tree, P, C, resolution=(7, 9))
    for i, c in enumerate(F(4 * k, 8) for k in range(9)):
        for j, p in enumerate(F(1, 8) + F(6 * k, 8 * 6) for k in range(7)):
            assert pure_found(m, i, j) == pure_set(tree.at(p=p, c=c)), (p, c)
            check_hybrids(m, i, j, tree.at(p=p, c=c), {"p": p, "c": c})
    # the grid hits the prior 1/2 and c = 2 exactly: boundaries decided exactly
    assert m.exact.any()


@st.composite
def parametric_signalling(draw):
    x, y = sympy.symbols("x y")
    coefficient = st.integers(-2, 2)

    def linear():
        return draw(coefficient) + draw(coefficient) * x + draw(coefficient) * y

    table = {
        (t, msg, a): (linear(), draw(st.integers(-2, 2)))
        for t in ("t0", "t1")
        for msg in ("m0", "m1")
        for a in ("a0", "a1")
    }
    return signalling_game({"t0": x, "t1": 1 - x}, ("m0", "m1"), ("a0", "a1"), table)


@settings(max_examples=25, deadline=None)
@given(parametric_signalling())
def test_random_parametric_games_map_as_perfect_bayesian_finds_pointwise(tree):
    X = Parameter("x", 0.5, F(1, 4), F(3, 4))
    Y = Parameter("y", 0, -1, 1)
    m = pbe_map(tree, X, Y, resolution=(3, 5))
    for i, yv in enumerate(F(-1) + F(2 * k, 4) for k in range(5)):
        for j, xv in enumerate(F(1, 4) + F(k, 4) for k in range(3)):
            values = {"x": xv, "y": yv}
            point = tree.at(**{str(s): values[str(s)] for s in tree.parameters})
            assert pure_found(m, i, j) == pure_set(point)
            check_hybrids(m, i, j, point, values)


def test_a_prior_of_zero_makes_a_message_off_the_path():
    # At p = 0 only the bluffer exists: a hint "by the resolved type" is never sent, and
    # the US's answer to it needs only some supporting belief (both answers have one).
    P = Parameter("p", 0.5, 0, 1)
    C = Parameter("c", 1, 0, 4)
    m = pbe_map(hint_game(P.symbol, C.symbol), P, C, resolution=(5, 5))
    at_zero = pure_found(m, 4, 0)
    assert (("hint", "silence"), ("press", "press")) in at_zero  # the "resolved" hint, unseen
    assert (("silence", "silence"), ("press", "press")) in at_zero


def test_errors():
    P = Parameter("p", 0.5, 0, 1)
    C = Parameter("c", 1, 0, 4)
    tree = hint_game(P.symbol, C.symbol)
    with pytest.raises(ValueError, match="different parameters"):
        pbe_map(tree, P, P)
    with pytest.raises(ValueError, match="at least 2"):
        pbe_map(tree, P, C, resolution=1)
    with pytest.raises(TypeError, match="Parameter objects"):
        pbe_map(tree, "p", C)
    D = Parameter("d", 0, 0, 1)
    with pytest.raises(ValueError, match=r"values for the other parameters of the tree: \['c'\]"):
        pbe_map(tree, P, D)


def test_spence_education_separates_exactly_when_education_costs_the_low_type_enough():
    # Spence (1973): with a high wage 2 and a low wage 0, the high type educating and the
    # low type not is an equilibrium when education costs the high type at most 2 (it
    # still pays) and the low type at least 2 (mimicking does not); pooling on no
    # education with a low wage exists when the prior of the high type is at most 1/2
    # (the firm pays low to the pool) and the low wage after education is believable.
    q, ch, cl = sympy.symbols("q c_h c_l", positive=True)
    cost = {"high": ch, "low": cl}
    tree = signalling_game(
        {"high": q, "low": 1 - q},
        ("educate", "skip"),
        ("high wage", "low wage"),
        lambda t, m, a: (
            (2 if a == "high wage" else 0) - (cost[t] if m == "educate" else 0),
            1 if (a == "high wage") == (t == "high") else 0,
        ),
        players=("Worker", "Firm"),
    )
    regimes = {(r.sender, r.receiver): r for r in pure_pbe_regimes(tree)}
    separating = regimes[(("educate", "skip"), ("high wage", "low wage"))]
    pooling = regimes[(("skip", "skip"), ("low wage", "low wage"))]

    def holds(regime, **values):
        subs = {sympy.Symbol(k, positive=True): v for k, v in values.items()}
        return all(e.subs(subs) >= 0 for e in regime.conditions)

    for c_h, c_l, expected in [
        (1, 3, True),
        (2, 2, True),
        (1, F(19, 10), False),
        (F(21, 10), 3, False),
    ]:
        for prior in (F(1, 10), F(1, 2), F(9, 10)):
            assert holds(separating, q=prior, c_h=c_h, c_l=c_l) is expected
    for prior, expected in [(F(1, 10), True), (F(1, 2), True), (F(11, 20), False)]:
        assert holds(pooling, q=prior, c_h=1, c_l=3) is expected


def test_the_hint_game_semi_separating_equilibrium_with_a_mixing_us_derived_by_hand():
    # By hand (the method of Gibbons 1992, section 4.2.B): with a resolved Japan that
    # hints, a bluffer who hints with probability q leaves the US indifferent after a
    # hint when p / (p + (1 - p) q) = 1/2, so q = p / (1 - p) (needs p < 1/2); after
    # silence only bluffers remain and the US presses; a US that softens after a hint
    # with probability s leaves the bluffer indifferent when 2 s - c = 0, so s = c / 2
    # (needs 0 < c < 2). The resolved type then gets c > 0 from hinting, 0 from silence.
    p, c = sympy.symbols("p c", positive=True)

    def bluffer_and_us_mix(r):
        return "bluffing mixes hint/silence): US mixes press/soften after hint" in r.label

    regimes = [r for r in mixed_pbe_regimes(hint_game(p, c)) if bluffer_and_us_mix(r)]
    living = []
    for prior in (F(1, 8), F(1, 4), F(2, 5), F(1, 2), F(3, 4)):
        for cost in (F(1, 2), 1, F(3, 2), 2, 3):
            found = [r.at(p=prior, c=cost) for r in regimes]
            found = [f for f in found if f is not None]
            expected = prior < F(1, 2) and 0 < cost < 2
            assert len(found) == int(expected), (prior, cost)
            if found:
                (eq,) = found
                assert eq["sender"]["bluffing"]["hint"] == prior / (1 - prior)
                assert eq["sender"]["resolved"]["hint"] == 1
                assert eq["receiver"]["hint"]["soften"] == F(cost) / 2
                assert eq["receiver"]["silence"]["press"] == 1
                living.append((prior, cost))
    assert len(living) == 9
    P = Parameter("p", 0.5, F(1, 8), F(7, 8))
    C = Parameter("c", 1, 0, 4)
    m = pbe_map(hint_game(P.symbol, C.symbol), P, C, resolution=(7, 9))
    hybrid = [
        k for k, r in enumerate(m.regimes) if isinstance(r, MixedRegime) and bluffer_and_us_mix(r)
    ]
    shown = m.exists[hybrid].any(axis=0)
    # p = 1/8 + k/8 on the columns, c = k/2 on the rows: p < 1/2 is k < 3, 0 < c < 2 is 0 < i < 4
    expected = [[0 < i < 4 and k < 3 for k in range(7)] for i in range(9)]
    assert shown.tolist() == expected


def test_the_prior_and_the_receivers_payoffs_may_both_be_parameters():
    # The US's gain from softening towards a resolved partner is k: both the prior and
    # the receiver's payoffs move. Where a type's prior is zero a message it alone
    # sends is off the path, and the receiver's answer there needs a belief, decided
    # point by point from the receiver's payoffs at that point.
    p, k = sympy.symbols("p k")
    tree = signalling_game(
        {"r": p, "b": 1 - p},
        ("h", "s"),
        ("press", "soften"),
        lambda t, m, a: (
            (2 if a == "soften" else 0) - (1 if (m, t) == ("h", "b") else 0),
            (k if a == "soften" else 0) if t == "r" else (1 if a == "press" else 0),
        ),
    )
    P = Parameter("p", 0.5, 0, 1)
    K = Parameter("k", 1, 0, 2)
    m = pbe_map(tree, P, K, resolution=(5, 5))
    for i, kv in enumerate(F(2 * n, 4) for n in range(5)):
        for j, pv in enumerate(F(n, 4) for n in range(5)):
            if 0 < pv < 1:  # both types exist: perfect_bayesian is the oracle
                point = tree.at(p=pv, k=kv)
                assert pure_found(m, i, j) == pure_set(point), (pv, kv)
                check_hybrids(m, i, j, point, {"p": pv, "k": kv})
    # at p = 0 only b exists: "r sends h" is never sent, and pressing after h is a best
    # response to the belief that h comes from b
    at_zero = pure_found(m, 2, 0)
    assert (("h", "s"), ("press", "press")) in at_zero
