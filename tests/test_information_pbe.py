"""Perfect Bayesian equilibria of signalling games: textbook games, brute force and properties.

The pure equilibria are checked against brute force (every pure strategy pair,
with off-path beliefs found by scipy's linear programming, an oracle independent
of the exact vertex enumeration under test), and every reported equilibrium, pure
or mixed, is checked by its definition: Bayes' rule on the path, a best response
to a belief everywhere, no type gaining by another message.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from negotiation.information import (
    best_responses_to,
    perfect_bayesian,
    signalling_game,
    signalling_structure,
    supporting_beliefs,
)
from negotiation.trees import GameTree, decision
from negotiation.trees.examples import beer_quiche, entry_deterrence

F = Fraction


# --- textbook games ---------------------------------------------------------------------------


def test_beer_quiche_two_pooling_kinds_and_only_beer_survives_the_intuitive_criterion():
    # Cho and Kreps (1987), section II; Fudenberg and Tirole (1991), section 11.2:
    # both types drink beer (the receiver duels after quiche if it believes the quiche
    # eater weak with probability >= 1/2), or both eat quiche (duel after beer, same
    # beliefs). The intuitive criterion rules out the quiche equilibrium: beer is
    # equilibrium-dominated for the weak type, and a sender known to be strong is not
    # challenged, so the strong type would switch to beer.
    result = perfect_bayesian(beer_quiche())
    assert result.kinds() == {"pooling": 4}
    assert not result.not_perfect_bayesian  # every Nash equilibrium here is a PBE
    pure = [eq for eq in result if eq.pure]
    assert [eq.messages_sent() for eq in pure] == [("beer",), ("quiche",)]
    beer, quiche = pure
    assert beer.beliefs == {"beer": {"strong": F(9, 10), "weak": F(1, 10)}}
    assert beer.receiver == {"beer": {"duel": 0, "don't": 1}, "quiche": {"duel": 1, "don't": 0}}
    assert beer.off_path["quiche"].range("weak") == (F(1, 2), 1)
    assert quiche.off_path["beer"].range("weak") == (F(1, 2), 1)
    assert beer.type_payoffs == {"strong": 3, "weak": 2}
    assert quiche.type_payoffs == {"strong": 2, "weak": 3}
    assert beer.intuitive.passes and beer.intuitive.dominated == {"quiche": ("strong",)}
    assert not quiche.intuitive.passes
    assert quiche.intuitive.dominated == {"beer": ("weak",)}
    assert quiche.intuitive.deviators == {"beer": ("strong",)}
    assert "strong would send beer" in quiche.intuitive.explanation
    # The mixed extreme points: the receiver mixes 1/2 off the path, which only the
    # belief that makes it indifferent (weak 1/2) supports.
    for eq in result:
        if not eq.pure:
            (off,) = eq.off_path.values()
            assert off.range("weak") == (F(1, 2), F(1, 2))


def education_game():
    """A Spence-style job market (Spence 1973): education costs the low type more.

    Types high (1/3) and low (2/3); the worker educates or skips; the firm pays a high
    wage (2) or a low one (0) and wants to match the wage to the type (1 if it does).
    Education costs 1 to the high type and 3 to the low type.
    """
    cost = {"high": 1, "low": 3}

    def payoffs(t, m, a):
        wage = 2 if a == "high wage" else 0
        worker = wage - (cost[t] if m == "educate" else 0)
        firm = 1 if (a == "high wage") == (t == "high") else 0
        return worker, firm

    return signalling_game(
        {"high": F(1, 3), "low": F(2, 3)},
        ("educate", "skip"),
        ("high wage", "low wage"),
        payoffs,
        players=("Worker", "Firm"),
        title="Education as a signal",
    )


def test_education_separates_and_the_intuitive_criterion_kills_pooling():
    # By hand: the low type never educates (at most 2 - 3 < 0). Separating: high
    # educates (gets 1), low skips (gets 0); neither gains by switching. Pooling on
    # skip: the firm, believing the prior (high 1/3), pays low; education must then not
    # pay for the high type, so the firm pays a high wage after education with
    # probability q <= 1/2 (2q - 1 <= 0), which needs a belief high <= 1/2 (q = 0) or
    # exactly 1/2 (q = 1/2). Education is equilibrium-dominated for the low type only,
    # and a firm that believes an educated worker is high pays the high wage: the high
    # type would educate, so pooling fails the intuitive criterion (Cho and Kreps 1987).
    result = perfect_bayesian(education_game())
    assert result.kinds() == {"pooling": 2, "separating": 1}
    (sep,) = [eq for eq in result if eq.kind == "separating"]
    assert sep.sender == {"high": {"educate": 1, "skip": 0}, "low": {"educate": 0, "skip": 1}}
    assert sep.beliefs == {
        "educate": {"high": 1, "low": 0},
        "skip": {"high": 0, "low": 1},
    }
    assert sep.type_payoffs == {"high": 1, "low": 0} and sep.intuitive is None
    pooled = [eq for eq in result if eq.kind == "pooling"]
    assert {eq.receiver["educate"]["high wage"] for eq in pooled} == {0, F(1, 2)}
    for eq in pooled:
        assert eq.messages_sent() == ("skip",)
        assert eq.beliefs["skip"] == {"high": F(1, 3), "low": F(2, 3)}
        assert eq.off_path["educate"].range("high")[1] == F(1, 2)
        assert not eq.intuitive.passes
        assert eq.intuitive.dominated == {"educate": ("low",)}
        assert eq.intuitive.deviators == {"educate": ("high",)}


def test_a_nash_equilibrium_held_up_by_a_dominated_threat_is_not_perfect_bayesian():
    # The receiver "punishes" after y, which is worse for it whatever the type: no belief
    # supports it, so the Nash equilibrium in which both types send x for fear of it
    # is not a PBE (the signalling analogue of an empty threat, Fudenberg and Tirole 1991,
    # section 8.2).
    def payoffs(t, m, a):
        if m == "x":
            return 1, 0
        return (2, 0) if a == "reward" else (-5, -1)

    tree = signalling_game(
        {"A": F(1, 2), "B": F(1, 2)}, ("x", "y"), {"x": ("ok",), "y": ("reward", "punish")}, payoffs
    )
    result = perfect_bayesian(tree)
    assert [eq.messages_sent() for eq in result] == [("y",)]
    assert len(result.not_perfect_bayesian) >= 1
    for profile in result.not_perfect_bayesian:
        assert profile.at("after y")["punish"] > 0
    assert supporting_beliefs(signalling_structure(tree), "y", ["punish"]).empty


def test_trees_that_are_not_signalling_games_are_refused_with_the_reason():
    with pytest.raises(ValueError, match="root of this tree is not a chance node"):
        perfect_bayesian(entry_deterrence())
    seen = signalling_game({"a": F(1, 2), "b": F(1, 2)}, ("x",), ("l", "r"), lambda t, m, a: (0, 0))
    # the receiver sees the type: not a signalling game
    visible = GameTree(
        ("Sender", "Receiver"),
        seen.root.__class__(
            seen.root.actions,
            seen.root.probabilities,
            tuple(
                decision("Sender", {"x": decision("Receiver", {"l": (0, 0), "r": (0, 0)})})
                for _ in "ab"
            ),
        ),
    )
    with pytest.raises(ValueError, match="must not tell apart the types after 'x'"):
        perfect_bayesian(visible)
    with pytest.raises(TypeError, match="is a GameTree"):
        signalling_structure("beer")


def test_supporting_beliefs_for_three_types_is_a_polytope():
    tree = signalling_game(
        {"a": F(1, 3), "b": F(1, 3), "c": F(1, 3)},
        ("m",),
        ("A", "B", "C"),
        lambda t, m, a: (0, 1 if a.lower() == t else 0),
    )
    s = signalling_structure(tree)
    # A is a best response exactly when type a is at least as likely as b and as c.
    found = supporting_beliefs(s, "m", ["A"])
    assert set(found.vertices) == {
        (1, 0, 0),
        (F(1, 2), F(1, 2), 0),
        (F(1, 2), 0, F(1, 2)),
        (F(1, 3), F(1, 3), F(1, 3)),
    }
    assert found.range("a") == (F(1, 3), 1)
    assert best_responses_to(s, "m", (F(1, 3), F(1, 3), F(1, 3))) == ("A", "B", "C")


# --- random signalling games --------------------------------------------------------------------


@st.composite
def signalling_games(draw):
    # Up to two types with three messages and three actions (27 receiver plans in
    # the normal form, which the solver no longer builds) or three types with
    # three messages or three actions: a few tens of milliseconds each.
    n_types = draw(st.integers(2, 3))
    n_messages = draw(st.integers(2, 3))
    n_actions = draw(st.integers(2, 3 if n_types == 2 or n_messages == 2 else 2))
    types = [f"t{k}" for k in range(n_types)]
    weights = [draw(st.integers(1, 4)) for _ in types]
    prior = {t: F(w, sum(weights)) for t, w in zip(types, weights)}
    messages = [f"m{k}" for k in range(n_messages)]
    actions = [f"a{k}" for k in range(n_actions)]
    table = {
        (t, m, a): (draw(st.integers(-2, 3)), draw(st.integers(-2, 3)))
        for t in types
        for m in messages
        for a in actions
    }
    return signalling_game(prior, messages, actions, table)


def _value(s, t, m, mix, who):
    return sum(q * F(s.payoffs(t, m, a)[who]) for a, q in mix.items())


def _feasible(s, m, support, types):
    """Is there a belief on ``types`` making every action of ``support`` a best response? (scipy)"""
    rows, rhs = [], []
    for a in support:
        for b in s.actions[m]:
            rows.append([float(s.payoffs(t, m, b)[1] - s.payoffs(t, m, a)[1]) for t in types])
            rhs.append(0.0)
    res = linprog(
        [0.0] * len(types),
        A_ub=rows,
        b_ub=rhs,
        A_eq=[[1.0] * len(types)],
        b_eq=[1.0],
        bounds=[(0, 1)] * len(types),
    )
    return res.status == 0


@settings(max_examples=150)
@given(signalling_games())
def test_every_reported_equilibrium_satisfies_the_definition_and_is_classified_by_it(tree):
    s = signalling_structure(tree)
    for eq in perfect_bayesian(tree):
        for m in s.messages:
            mass = sum(p * eq.sender[t][m] for t, p in zip(s.types, s.prior))
            support = [a for a, q in eq.receiver[m].items() if q]
            if mass:  # Bayes' rule, and a best response to it
                belief = [p * eq.sender[t][m] / mass for t, p in zip(s.types, s.prior)]
                assert list(eq.beliefs[m].values()) == belief
                assert set(support) <= set(best_responses_to(s, m, belief))
            else:  # some belief supports the action off the path
                for vertex in eq.off_path[m].vertices:
                    assert set(support) <= set(best_responses_to(s, m, vertex))
        for t in s.types:  # no type gains by another message
            best = max(_value(s, t, m, eq.receiver[m], 0) for m in s.messages)
            assert eq.type_payoffs[t] == best
            for m, p in eq.sender[t].items():
                if p:
                    assert _value(s, t, m, eq.receiver[m], 0) == best
        # the kind follows the sender's strategy alone
        mixes = {tuple(eq.sender[t].values()) for t in s.types}
        pure_sender = all(max(mix) == 1 for mix in mixes)
        if eq.kind == "pooling":
            assert len(mixes) == 1
            assert all(b == dict(zip(s.types, s.prior)) for b in eq.beliefs.values())
        elif eq.kind == "separating":
            assert pure_sender and len(eq.messages_sent()) == len(s.types)
            assert all(max(b.values()) == 1 for b in eq.beliefs.values())
        elif eq.kind == "semi-separating":
            assert not pure_sender and len(mixes) > 1
        else:
            assert pure_sender and 1 < len(eq.messages_sent()) < len(s.types)
        assert (eq.intuitive is None) == (not eq.off_path)


@settings(max_examples=150)
@given(signalling_games())
def test_the_pure_equilibria_are_exactly_those_brute_force_finds(tree):
    s = signalling_structure(tree)
    expected = set()
    for sends in itertools.product(s.messages, repeat=len(s.types)):
        sender = dict(zip(s.types, sends))
        for acts in itertools.product(*(s.actions[m] for m in s.messages)):
            receiver = dict(zip(s.messages, acts))
            ok = all(
                s.payoffs(t, sender[t], receiver[sender[t]])[0]
                >= max(s.payoffs(t, m, receiver[m])[0] for m in s.messages)
                for t in s.types
            )
            for m in s.messages:
                senders = [t for t in s.types if sender[t] == m]
                if senders:
                    mass = sum(p for t, p in zip(s.types, s.prior) if t in senders)
                    belief = [p / mass if t in senders else 0 for t, p in zip(s.types, s.prior)]
                    ok = ok and receiver[m] in best_responses_to(s, m, belief)
                else:
                    ok = ok and _feasible(s, m, [receiver[m]], s.types)
            if ok:
                expected.add((sends, acts))
    found = {
        (
            tuple(max(eq.sender[t], key=eq.sender[t].get) for t in s.types),
            tuple(max(eq.receiver[m], key=eq.receiver[m].get) for m in s.messages),
        )
        for eq in perfect_bayesian(tree)
        if eq.pure
    }
    assert found == expected
