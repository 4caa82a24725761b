"""Mixed perfect Bayesian equilibria of a parametric signalling game, in closed form.

A *hybrid* (semi-separating) equilibrium has a type that mixes between messages, so
that a message shifts the receiver's belief without settling it, and often a
receiver who mixes to keep that type indifferent. Such equilibria exist on whole
regions of the parameters, like the pure ones
(:func:`~negotiation.information.regimes.pure_pbe_regimes`). Fix who may send what
and who may answer how (the *supports*) and which indifferences hold; the mixtures
then solve two linear systems that share no unknown:

* the receiver's mixtures make the types indifferent among the messages they send
  (and any others named);
* the sender's mixtures make the receiver indifferent, after each message sent,
  among the actions it plays (and any others named), with the prior weights of
  Bayes' rule, so no division.

With as many independent indifferences as unknown probabilities on each side, the
solution is unique: a vertex of each player's best-response polyhedron, that is an
extreme point of the set of equilibria, written as rational functions of the
parameters. It is a perfect Bayesian equilibrium where every probability in a
support is positive, no type gains by another message, the receiver's actions are
best responses after each message sent, and the action after each message nobody
sends is a best response to some belief. Those conditions are the regime's
inequalities; :func:`~negotiation.information.regimes.pbe_map` decides them on a grid.

In the hint game, a bluffer who hints with probability ``p / (1 - p)`` leaves the US
indifferent after a hint, and a US that softens after a hint with probability
``c / 2`` leaves the bluffer indifferent (Gibbons 1992, section 4.2's method):

>>> import sympy
>>> from negotiation.information.examples import hint_game
>>> from negotiation.information.mixed_regimes import mixed_pbe_regimes
>>> p, c = sympy.symbols("p c", positive=True)
>>> regime = [r for r in mixed_pbe_regimes(hint_game(p, c)) if r.kind == "semi-separating"][0]
>>> regime.label
'semi-separating (resolved hint, bluffing mixes hint/silence): US mixes press/soften after hint, press after silence'
>>> sympy.simplify(regime.sender["bluffing"]["hint"]), regime.receiver["hint"]["soften"]
(-p/(p - 1), c/2)

At a value of the parameters where the game is degenerate in a way it is nowhere
nearby (a cost of exactly zero makes a bluffer indifferent between its messages),
further extreme points can appear that no regime describes;
:func:`~negotiation.information.perfect_bayesian` finds every extreme point at a
given value.

References
----------
.. [Gibbons1992] R. Gibbons, *Game Theory for Applied Economists*, Princeton
   University Press, 1992 (*A Primer in Game Theory* in the UK), chapter 4.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from typing import Any

from ..trees import GameTree
from ..trees.nodes import to_sympy
from .beliefs import BeliefSet, supporting_beliefs
from .signalling import SignallingStructure, signalling_structure

__all__ = ["MixedRegime", "mixed_pbe_regimes"]


@dataclass(frozen=True)
class MixedRegime:
    """A candidate hybrid equilibrium, in closed form, with the conditions for it to be a PBE.

    Attributes
    ----------
    sender : dict
        ``{type: {message: probability}}``, sympy expressions in the parameters.
    receiver : dict
        ``{message: {action: probability}}``, the same.
    kind : str
        ``"semi-separating"`` (some type mixes and the types differ), ``"pooling"``
        (every type sends the same, the receiver mixes), ``"separating"`` or
        ``"other"`` (the sender pure, the receiver mixing).
    weak : tuple
        sympy expressions that must be ``>= 0``: no type gains by another message,
        the receiver's actions are best responses.
    strict : tuple
        Expressions that must be ``> 0``: every probability in a support, and the
        chance of each message sent.
    nonzero : tuple
        Expressions that must not be zero: the denominators of the solution.
    off_path : dict
        For each message nobody sends, the beliefs under which the receiver's action
        there is a best response, or ``None`` when its payoffs there depend on
        parameters.
    label : str
    """

    sender: dict[str, dict[str, Any]] = field(repr=False)
    receiver: dict[str, dict[str, Any]] = field(repr=False)
    kind: str
    weak: tuple[Any, ...] = field(repr=False)
    strict: tuple[Any, ...] = field(repr=False)
    nonzero: tuple[Any, ...] = field(repr=False)
    off_path: dict[str, BeliefSet | None] = field(repr=False)
    label: str = ""

    @property
    def possible(self) -> bool:
        """False when an off-path action is a best response to no belief (so never a PBE)."""
        return all(b is None or not b.empty for b in self.off_path.values())

    def at(self, **values: Any) -> dict[str, dict[str, dict[str, Any]]] | None:
        """The strategies at these parameter values, or ``None`` if not an equilibrium there.

        Examples
        --------
        >>> import sympy
        >>> from negotiation.information.examples import hint_game
        >>> from negotiation.information.mixed_regimes import mixed_pbe_regimes
        >>> p, c = sympy.symbols("p c", positive=True)
        >>> regime = [r for r in mixed_pbe_regimes(hint_game(p, c)) if r.kind == "semi-separating"][0]
        >>> regime.at(p=sympy.Rational(1, 3), c=1)["sender"]["bluffing"]
        {'hint': 1/2, 'silence': 1/2}
        >>> regime.at(p=sympy.Rational(2, 3), c=1) is None  # a bluffer would have to hint more than always
        True
        """
        subs = {
            sym: to_sympy(v) for sym in self._symbols() for k, v in values.items() if str(sym) == k
        }

        def value(e: Any) -> Any:
            return e.subs(subs) if hasattr(e, "subs") else e

        if any(value(e) == 0 for e in self.nonzero):
            return None
        if any(not bool(value(e) >= 0) for e in self.weak) or any(
            not bool(value(e) > 0) for e in self.strict
        ):
            return None
        return {
            "sender": {t: {m: value(q) for m, q in d.items()} for t, d in self.sender.items()},
            "receiver": {m: {a: value(q) for a, q in d.items()} for m, d in self.receiver.items()},
        }

    def _symbols(self) -> set[Any]:
        out: set[Any] = set()
        for e in (*self.weak, *self.strict, *self.nonzero):
            out |= getattr(e, "free_symbols", set())
        return out


def mixed_pbe_regimes(tree: GameTree) -> tuple[MixedRegime, ...]:
    """Every candidate mixed extreme equilibrium of a (parametric) signalling game, in closed form.

    A candidate is a choice of supports (what each type sends, what the receiver
    plays after each message) in which somebody mixes, together with the
    indifferences that pin the mixtures down: after each message sent, the
    receiver's actions it is indifferent among (those it plays, and perhaps more),
    and for each type the messages it is indifferent among. There must be as many
    indifferences as unknown probabilities on each side, and both linear systems
    must have one solution for generic parameter values. These are the extreme
    points of the equilibrium set written as functions of the parameters (a vertex
    of each player's best-response polyhedron: see
    :func:`~negotiation.information.perfect_bayesian`). Candidates whose off-path
    actions no belief supports are left out.

    Raises
    ------
    TypeError, ValueError
        If ``tree`` is not a signalling game.
    """
    return _regimes(tree)


@functools.lru_cache(maxsize=32)
def _regimes(tree: GameTree) -> tuple[MixedRegime, ...]:
    import sympy

    s = signalling_structure(tree)
    game = _Game(s, sympy)
    out = []
    seen: set[str] = set()
    for supports in itertools.product(*(_subsets(s.messages) for _ in s.types)):
        sender_mixes = sum(len(x) - 1 for x in supports)
        sent = [m for m in s.messages if any(m in x for x in supports)]
        for answers in itertools.product(*(_subsets(s.actions[m]) for m in s.messages)):
            receiver_mixes = sum(len(r) - 1 for r in answers)
            if sender_mixes == receiver_mixes == 0:
                continue  # pure: pure_pbe_regimes
            for x_tight in _supersets(
                [answers[s.messages.index(m)] for m in sent],
                [s.actions[m] for m in sent],
                sender_mixes,
            ):
                for y_tight in _supersets(
                    list(supports), [s.messages] * len(s.types), receiver_mixes
                ):
                    regime = game.candidate(
                        dict(zip(s.types, supports, strict=True)),
                        dict(zip(s.messages, answers, strict=True)),
                        dict(zip(sent, x_tight, strict=True)),
                        dict(zip(s.types, y_tight, strict=True)),
                    )
                    if regime is None or not regime.possible:
                        continue
                    key = repr((regime.sender, regime.receiver))
                    if key not in seen:  # an indifference that holds anyway adds nothing
                        seen.add(key)
                        out.append(regime)
    return tuple(out)


def _subsets(items: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [c for k in range(1, len(items) + 1) for c in itertools.combinations(items, k)]


def _supersets(
    cores: list[tuple[str, ...]], universes: list[tuple[str, ...]], excess: int
) -> list[tuple[tuple[str, ...], ...]]:
    """Each way to extend every core within its universe, adding at least ``excess`` over one each.

    The core comes first in each extension (its first element is the reference); the
    extensions come in order of size, the smallest first.
    """
    options = []
    for core, universe in zip(cores, universes, strict=True):
        rest = [a for a in universe if a not in core]
        options.append(
            [
                core + extra
                for k in range(len(rest) + 1)
                for extra in itertools.combinations(rest, k)
            ]
        )
    combos = [
        combo for combo in itertools.product(*options) if sum(len(c) - 1 for c in combo) >= excess
    ]
    return sorted(combos, key=lambda combo: sum(len(c) for c in combo))


class _Game:
    """A signalling game's payoffs in sympy, with the linear systems solved once each."""

    def __init__(self, s: SignallingStructure, sympy: Any) -> None:
        self.s = s
        self.sympy = sympy
        self.u = {
            (t, m, a): tuple(to_sympy(v) for v in s.payoffs(t, m, a))
            for t in s.types
            for m in s.messages
            for a in s.actions[m]
        }
        self.prior = dict(zip(s.types, (to_sympy(p) for p in s.prior), strict=True))
        self._solved: dict[Any, Any] = {}

    def sender_mix(
        self, supports: dict[str, tuple[str, ...]], tight: dict[str, tuple[str, ...]]
    ) -> Any:
        """The sender's probabilities making the receiver indifferent on ``tight``, or None."""
        key = ("x", tuple(supports.items()), tuple(tight.items()))
        if key not in self._solved:
            s, sp = self.s, self.sympy
            unknowns = {(t, m): sp.Dummy() for t in s.types for m in supports[t][1:]}
            mix = {t: _distribution(s.messages, supports[t], unknowns, t, sp) for t in s.types}
            equations = [
                self.weight(mix, m, a) - self.weight(mix, m, acts[0])
                for m, acts in tight.items()
                for a in acts[1:]
            ]
            self._solved[key] = _substitute(mix, _solve(equations, list(unknowns.values()), sp), sp)
        return self._solved[key]

    def receiver_mix(
        self, answers: dict[str, tuple[str, ...]], tight: dict[str, tuple[str, ...]]
    ) -> Any:
        """The receiver's probabilities making each type indifferent on ``tight``, or None."""
        key = ("y", tuple(answers.items()), tuple(tight.items()))
        if key not in self._solved:
            s, sp = self.s, self.sympy
            unknowns = {(m, a): sp.Dummy() for m in s.messages for a in answers[m][1:]}
            mix = {m: _distribution(s.actions[m], answers[m], unknowns, m, sp) for m in s.messages}
            equations = [
                self.value(mix, t, m) - self.value(mix, t, msgs[0])
                for t, msgs in tight.items()
                for m in msgs[1:]
            ]
            self._solved[key] = _substitute(mix, _solve(equations, list(unknowns.values()), sp), sp)
        return self._solved[key]

    def weight(self, sender: dict[str, dict[str, Any]], m: str, a: str) -> Any:
        """The receiver's payoff of ``a`` after ``m``, times the chance of ``m``."""
        return sum(
            (self.prior[t] * sender[t][m] * self.u[(t, m, a)][1] for t in self.s.types),
            self.sympy.Integer(0),
        )

    def value(self, receiver: dict[str, dict[str, Any]], t: str, m: str) -> Any:
        """Type ``t``'s expected payoff from sending ``m``."""
        return sum(
            (receiver[m][a] * self.u[(t, m, a)][0] for a in self.s.actions[m]),
            self.sympy.Integer(0),
        )

    def candidate(
        self,
        supports: dict[str, tuple[str, ...]],
        answers: dict[str, tuple[str, ...]],
        x_tight: dict[str, tuple[str, ...]],
        y_tight: dict[str, tuple[str, ...]],
    ) -> MixedRegime | None:
        s, sp = self.s, self.sympy
        x = self.sender_mix(supports, x_tight)
        y = self.receiver_mix(answers, y_tight)
        if x is None or y is None:
            return None
        (sender, x_dens), (receiver, y_dens) = x, y
        strict: list[Any] = []
        weak: list[Any] = []
        for t in s.types:
            if len(supports[t]) > 1:
                strict.extend(sender[t][m] for m in supports[t])
            here = self.value(receiver, t, supports[t][0])
            weak.extend(
                here - self.value(receiver, t, m) for m in s.messages if m not in y_tight[t]
            )
        off: dict[str, BeliefSet | None] = {}
        for m in s.messages:
            if len(answers[m]) > 1:
                strict.extend(receiver[m][a] for a in answers[m])
            if m in x_tight:
                strict.append(sum((self.prior[t] * sender[t][m] for t in s.types), sp.Integer(0)))
                best = self.weight(sender, m, answers[m][0])
                weak.extend(
                    best - self.weight(sender, m, b) for b in s.actions[m] if b not in x_tight[m]
                )
            else:
                parametric = any(
                    getattr(self.u[(t, m, a)][1], "free_symbols", None)
                    for t in s.types
                    for a in s.actions[m]
                )
                off[m] = None if parametric else supporting_beliefs(s, m, list(answers[m]))
        strict = [sp.cancel(e) for e in strict]
        weak = [sp.cancel(e) for e in weak]
        if any(_is_number(e) and e <= 0 for e in strict) or any(
            _is_number(e) and e < 0 for e in weak
        ):
            return None  # a probability that is never positive, a deviation that always pays
        return MixedRegime(
            sender=sender,
            receiver=receiver,
            kind=_kind(s, sender, sp),
            weak=tuple(weak),
            strict=tuple(strict),
            nonzero=tuple(d for d in (*x_dens, *y_dens) if getattr(d, "free_symbols", None)),
            off_path=off,
            label=_label(s, supports, answers, x_tight, y_tight, _kind(s, sender, sp)),
        )


def _distribution(
    choices: tuple[str, ...],
    support: tuple[str, ...],
    unknowns: dict[Any, Any],
    owner: str,
    sp: Any,
) -> dict[str, Any]:
    """Probabilities over ``choices``: unknowns on the support but its first, which takes the rest."""
    rest = sp.Integer(1) - sum((unknowns[(owner, c)] for c in support[1:]), sp.Integer(0))
    return {
        c: unknowns[(owner, c)]
        if (owner, c) in unknowns
        else rest
        if c == support[0]
        else sp.Integer(0)
        for c in choices
    }


def _substitute(mix: dict[str, dict[str, Any]], solved: Any, sp: Any) -> Any:
    if solved is None:
        return None
    values, dens = solved
    return (
        {
            k: {c: sp.cancel(sp.sympify(q).subs(values)) for c, q in d.items()}
            for k, d in mix.items()
        },
        dens,
    )


def _kind(s: SignallingStructure, sender: dict[str, dict[str, Any]], sp: Any) -> str:
    first = s.types[0]
    if all(sp.simplify(sender[t][m] - sender[first][m]) == 0 for t in s.types for m in s.messages):
        return "pooling"
    if any(sum(1 for q in sender[t].values() if q != 0) > 1 for t in s.types):
        return "semi-separating"
    sent = {next(m for m, q in sender[t].items() if q != 0) for t in s.types}
    return "separating" if len(sent) == len(s.types) else "other"


def _is_number(e: Any) -> bool:
    return not getattr(e, "free_symbols", None)


def _value(
    receiver: dict[str, dict[str, Any]],
    u: dict[tuple[str, str, str], tuple[Any, Any]],
    t: str,
    m: str,
    s: SignallingStructure,
    sympy: Any,
) -> Any:
    return sum((receiver[m][a] * u[(t, m, a)][0] for a in s.actions[m]), sympy.Integer(0))


def _solve(
    equations: list[Any], unknowns: list[Any], sympy: Any
) -> tuple[dict[Any, Any], list[Any]] | None:
    """The unique solution of a linear system, and the determinant it divides by.

    The system may have more equations than unknowns when some hold anyway (a type
    whose payoff does not depend on its message, say): the solution comes from the
    first regular square subsystem, and every other equation must then vanish
    identically. ``None`` when the solution is not unique for generic parameters.
    """
    if not unknowns:
        return ({}, []) if all(sympy.cancel(e) == 0 for e in equations) else None
    if len(equations) < len(unknowns):
        return None
    A, b = sympy.linear_eq_to_matrix(equations, unknowns)
    n = len(unknowns)
    for rows in itertools.combinations(range(len(equations)), n):
        minor = A.extract(list(rows), list(range(n)))
        det = sympy.factor(minor.det())
        if det == 0:
            continue
        # Cramer's rule through the adjugate: no pivot that might vanish identically.
        solution = minor.adjugate(method="berkowitz") * b.extract(list(rows), [0])
        values = {x: sympy.cancel(v / det) for x, v in zip(unknowns, solution, strict=True)}
        others = [e for k, e in enumerate(equations) if k not in rows]
        if all(sympy.cancel(sympy.sympify(e).subs(values)) == 0 for e in others):
            return values, [det]
        return None
    return None


def _label(
    s: SignallingStructure,
    supports: dict[str, tuple[str, ...]],
    answers: dict[str, tuple[str, ...]],
    x_tight: dict[str, tuple[str, ...]],
    y_tight: dict[str, tuple[str, ...]],
    kind: str,
) -> str:
    who = ", ".join(
        f"{t} {supports[t][0]}" if len(supports[t]) == 1 else f"{t} mixes {'/'.join(supports[t])}"
        for t in s.types
    )
    acts = ", ".join(
        f"{answers[m][0]} after {m}"
        if len(answers[m]) == 1
        else f"mixes {'/'.join(answers[m])} after {m}"
        for m in s.messages
    )
    notes = [
        f"{s.receiver} indifferent to {'/'.join(extra)} after {m}"
        for m, acts_ in x_tight.items()
        if (extra := [a for a in acts_ if a not in answers[m]])
    ] + [
        f"{t} indifferent to {'/'.join(extra)}"
        for t, msgs in y_tight.items()
        if (extra := [m for m in msgs if m not in supports[t]])
    ]
    tail = f" ({' and '.join(notes)})" if notes else ""
    return f"{kind} ({who}): {s.receiver} {acts}{tail}"
