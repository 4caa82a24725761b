"""Beliefs about the sender's type, and the beliefs under which an action is a best response.

A *belief* after a message is a probability for each type. After a message that
some type sends, Bayes' rule fixes it; after a message nobody sends (*off the
equilibrium path*), any belief is allowed, and an equilibrium needs one under
which the receiver's action there is a best response. :func:`supporting_beliefs`
finds all of them exactly: the set is a polytope in the simplex of beliefs (for
two types, an interval), returned by its vertices.

>>> from negotiation.information import signalling_structure, supporting_beliefs
>>> from negotiation.trees.examples import beer_quiche
>>> s = signalling_structure(beer_quiche())
>>> print(supporting_beliefs(s, "quiche", ["duel"]).describe())
weak 1/2 to 1 (strong 0 to 1/2)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core._numbers import format_number
from .signalling import SignallingStructure

__all__ = ["BeliefSet", "best_responses_to", "supporting_beliefs"]


@dataclass(frozen=True)
class BeliefSet:
    """A convex set of beliefs over the types, given by its vertices (exact).

    Attributes
    ----------
    types : tuple of str
    vertices : tuple of tuples
        Each vertex is a probability for each type, in the order of ``types``.
        Empty when no belief qualifies.
    """

    types: tuple[str, ...]
    vertices: tuple[tuple[Fraction, ...], ...]

    @property
    def empty(self) -> bool:
        """True when no belief qualifies."""
        return not self.vertices

    def range(self, t: str) -> tuple[Fraction, Fraction] | None:
        """The lowest and highest probability of type ``t`` over the set (``None`` if empty)."""
        if self.empty:
            return None
        k = self.types.index(t)
        values = [v[k] for v in self.vertices]
        return min(values), max(values)

    def __contains__(self, belief: object) -> bool:
        if self.empty or not isinstance(belief, Sequence) or len(belief) != len(self.types):
            return False
        # Two types: the set is the interval between its vertices.
        if len(self.types) == 2:
            low, high = self.range(self.types[0])  # type: ignore[misc]
            return bool(low <= Fraction(belief[0]) <= high)
        return tuple(Fraction(b) for b in belief) in self.vertices

    def describe(self) -> str:
        """In words, type by type, for example ``"weak 1/2 to 1 (strong 0 to 1/2)"``."""
        if self.empty:
            return "no belief"
        parts = []
        for t in self.types:
            low, high = self.range(t)  # type: ignore[misc]
            parts.append(
                f"{t} {format_number(low)}"
                if low == high
                else f"{t} {format_number(low)} to {format_number(high)}"
            )
        if len(parts) == 2:
            return f"{parts[1]} ({parts[0]})"
        return ", ".join(parts)


def best_responses_to(
    s: SignallingStructure, m: str, belief: Sequence[Fraction]
) -> tuple[str, ...]:
    """The receiver's best actions after ``m`` given a belief (a probability per type).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from negotiation.information import signalling_structure
    >>> from negotiation.trees.examples import beer_quiche
    >>> best_responses_to(signalling_structure(beer_quiche()), "beer", [F(9, 10), F(1, 10)])
    ("don't",)
    """
    values = {
        a: sum(
            (
                Fraction(p) * Fraction(s.payoffs(t, m, a)[1])
                for t, p in zip(s.types, belief, strict=True)
            ),
            Fraction(0),
        )
        for a in s.actions[m]
    }
    best = max(values.values())
    return tuple(a for a, v in values.items() if v == best)


def supporting_beliefs(
    s: SignallingStructure, m: str, support: Iterable[str], types: Iterable[str] | None = None
) -> BeliefSet:
    """Every belief (over ``types``, all by default) under which each action of ``support`` is a best response after ``m``.

    Exact: the vertices of the polytope ``{mu in the simplex: E_mu[u(a)] >= E_mu[u(b)]
    for a in support, every b}``, found by making as many constraints tight as the
    simplex has dimensions and keeping the feasible solutions.
    """
    if m not in s.actions:
        raise ValueError(
            f"{m!r} is not a message of this game; its messages are {list(s.messages)}"
        )
    chosen = tuple(support)
    unknown = [a for a in chosen if a not in s.actions[m]]
    if unknown or not chosen:
        raise ValueError(
            f"the support must be some of the receiver's actions after {m!r} "
            f"({list(s.actions[m])}), got {list(chosen)}"
        )
    kinds = tuple(s.types if types is None else types)
    u = {(t, a): Fraction(s.payoffs(t, m, a)[1]) for t in kinds for a in s.actions[m]}
    return BeliefSet(kinds, belief_polytope(kinds, s.actions[m], u, chosen))


def belief_polytope(
    states: Sequence[Any],
    actions: Sequence[str],
    values: Mapping[tuple[Any, str], Fraction],
    support: Sequence[str],
) -> tuple[tuple[Fraction, ...], ...]:
    """The vertices of ``{mu in the simplex over states: every action of support is a best response}``.

    ``values[(state, action)]`` is the mover's payoff of ``action`` at ``state``. Exact:
    as many constraints as the simplex has dimensions are made tight, the linear system
    is solved in Fractions, and the feasible solutions are kept. Empty when no belief
    makes the whole support optimal.
    """
    n = len(states)
    # constraints c . mu >= 0
    rows: list[tuple[Fraction, ...]] = [
        tuple(Fraction(int(j == k)) for j in range(n)) for k in range(n)
    ]
    for a in support:
        for b in actions:
            if b != a:
                rows.append(tuple(values[(t, a)] - values[(t, b)] for t in states))
    vertices: set[tuple[Fraction, ...]] = set()
    for tight in itertools.combinations(range(len(rows)), n - 1):
        system = [rows[k] for k in tight] + [tuple(Fraction(1) for _ in range(n))]
        rhs = [Fraction(0)] * (n - 1) + [Fraction(1)]
        point = _solve(system, rhs)
        if point is None:
            continue
        if all(
            sum((c * x for c, x in zip(row, point, strict=True)), Fraction(0)) >= 0 for row in rows
        ):
            vertices.add(point)
    return tuple(sorted(vertices))


def _solve(a: list[tuple[Fraction, ...]], b: list[Fraction]) -> tuple[Fraction, ...] | None:
    """The unique solution of a square linear system in exact arithmetic, or None."""
    n = len(b)
    m = [[*row, rhs] for row, rhs in zip(a, b, strict=True)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return tuple(m[k][n] / m[k][k] for k in range(n))
