"""Backward induction with ties, on the flat arrays of a numeric :class:`GameTree`.

For each node we compute the *set of subgame-perfect values* of the subgame it
starts, with multiplicities: a dict ``{payoff vector: number of subgame-perfect
strategy profiles of the subgame with that value}``.

* At a leaf: ``{payoffs: 1}``.
* At a chance node: every combination of the children's values, weighted by the
  probabilities (the children's profiles combine freely).
* At a decision node of player ``i``: action ``a`` with child value ``v`` is part
  of a subgame-perfect profile exactly when every other child ``b`` is played
  with a value ``w`` such that ``w[i] <= v[i]``. So ``v`` gets
  ``count_a(v) * prod_b S_b(v[i])``, where ``S_b(x)`` counts the profiles of
  ``b``'s subgame with ``w[i] <= x``. This counts all equilibria without
  enumerating them, in time polynomial in the number of distinct values.

``behaviour`` prescribes what is played at some decision nodes: a list of
``(action index, probability)`` pairs. Every action played with positive
probability must then be optimal, and the node's value is the average. This
tests whether a given (mixed) plan can be completed to a subgame-perfect
equilibrium: it can when the root's value set is not empty. For a prescribed
mix the counts are not meaningful, only whether the set is empty.

Values are kept as ints where whole and Fractions otherwise: exact, and about
ten times faster than Fractions for integer payoffs.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from itertools import product
from typing import Any

from .tree import GameTree

#: The most value combinations a chance node may have to combine (ties below it).
MAX_COMBINATIONS = 200_000

Vec = tuple[Any, ...]
ValueSet = dict[Vec, int]


def fast(v: Any) -> Any:
    """A Fraction with denominator 1 as an int (exact and faster); anything else unchanged."""
    if type(v) is Fraction and v.denominator == 1:
        return v.numerator
    return v


def slow(v: Any) -> Any:
    """An int back to a Fraction, for results shown to people."""
    if isinstance(v, int):
        return Fraction(v)
    return v


class NumericTree:
    """The arrays of a numeric tree, with payoffs and probabilities as fast exact numbers."""

    __slots__ = (
        "actions",
        "children",
        "end",
        "kind",
        "owner",
        "parent",
        "paths",
        "payoffs",
        "probs",
        "tree",
    )

    def __init__(self, tree: GameTree, operation: str) -> None:
        if not isinstance(tree, GameTree):
            raise TypeError(f"{operation} needs a GameTree, got {type(tree).__name__}")
        tree.require_numeric(operation)
        self.tree = tree
        self.kind = tree._kind
        self.owner = tree._owner
        self.children = tree._children
        self.actions = tree._actions
        self.parent = tree._parent
        self.paths = tree._paths
        self.payoffs = [tuple(fast(v) for v in vals) for vals in tree._payoffs]
        self.probs = [tuple(fast(v) for v in vals) for vals in tree._probs]
        n = len(self.kind)
        end = list(range(1, n + 1))
        for k in range(n - 1, -1, -1):
            ch = self.children[k]
            if ch:
                end[k] = end[ch[-1]]
        self.end = end


Behaviour = Mapping[int, tuple[tuple[int, Any], ...]]


def value_sets(
    num: NumericTree, behaviour: Behaviour | None = None, root: int = 0
) -> list[ValueSet | None]:
    """The subgame-perfect value sets of every node in the subtree of ``root`` (others ``None``).

    ``behaviour`` maps a decision node's index to the ``(action index, probability)``
    pairs played there (a single pair ``(a, 1)`` for a pure choice).
    """
    kind, children, owner = num.kind, num.children, num.owner
    out: list[ValueSet | None] = [None] * len(kind)
    fixed = behaviour or {}
    for k in range(num.end[root] - 1, root - 1, -1):
        node_kind = kind[k]
        if node_kind == GameTree.TERMINAL:
            out[k] = {num.payoffs[k]: 1}
            continue
        sets: list[ValueSet] = [out[c] for c in children[k]]  # type: ignore[misc]
        if node_kind == GameTree.CHANCE:
            out[k] = _chance(sets, num.probs[k], k, num)
        else:
            mix = fixed.get(k)
            if mix is None or len(mix) == 1:
                out[k] = _decision(sets, owner[k], None if mix is None else mix[0][0])
            else:
                out[k] = _mixed_decision(sets, owner[k], mix, k, num)
    return out


def _mixed_decision(
    sets: list[ValueSet], i: int, mix: tuple[tuple[int, Any], ...], k: int, num: NumericTree
) -> ValueSet:
    size = 1
    for s in sets:
        size *= len(s)
    if size > MAX_COMBINATIONS:
        raise ValueError(
            f"ties below the decision node at {num.paths[k]!r} give {size:,} combinations of "
            f"subgame-perfect values to check (more than {MAX_COMBINATIONS:,})"
        )
    result: ValueSet = {}
    for combo in product(*(s.items() for s in sets)):
        best = max(w[i] for w, _ in combo)
        if all(combo[a][0][i] == best for a, _ in mix):
            vec = tuple(
                fast(sum((p * combo[a][0][j] for a, p in mix), Fraction(0))) for j in range(2)
            )
            cnt = 1
            for _, c in combo:
                cnt *= c
            result[vec] = result.get(vec, 0) + cnt
    return result


def _decision(sets: list[ValueSet], i: int, only: int | None) -> ValueSet:
    result: ValueSet = {}
    if all(len(s) == 1 for s in sets):
        # The common case without ties below: one value per child.
        vals = [next(iter(s.items())) for s in sets]
        best = max(v[i] for v, _ in vals)
        together = 1  # the children's profiles combine freely
        for _, cnt in vals:
            together *= cnt
        for a, (v, _) in enumerate(vals):
            if (only is None or a == only) and v[i] == best:
                result[v] = result.get(v, 0) + together
        return result
    candidates = range(len(sets)) if only is None else (only,)
    for a in candidates:
        for v, cnt in sets[a].items():
            x = v[i]
            total = cnt
            for b, other in enumerate(sets):
                if b == a:
                    continue
                s = sum(c for w, c in other.items() if w[i] <= x)
                if s == 0:
                    total = 0
                    break
                total *= s
            if total:
                result[v] = result.get(v, 0) + total
    return result


def _chance(sets: list[ValueSet], probs: tuple[Any, ...], k: int, num: NumericTree) -> ValueSet:
    if all(len(s) == 1 for s in sets):
        vals = [next(iter(s.items())) for s in sets]
        vec = tuple(
            fast(sum((p * v[j] for p, (v, _) in zip(probs, vals, strict=True)), Fraction(0)))
            for j in range(2)
        )
        cnt = 1
        for _, c in vals:
            cnt *= c
        return {vec: cnt}
    size = 1
    for s in sets:
        size *= len(s)
    if size > MAX_COMBINATIONS:
        raise ValueError(
            f"ties below the chance node at {num.paths[k]!r} give {size:,} combinations of "
            f"subgame-perfect values to combine (more than {MAX_COMBINATIONS:,}); break some "
            f"ties by changing payoffs slightly"
        )
    result: ValueSet = {}
    for combo in product(*(s.items() for s in sets)):
        vec = tuple(
            fast(sum((p * v[j] for p, (v, _) in zip(probs, combo, strict=True)), Fraction(0)))
            for j in range(2)
        )
        cnt = 1
        for _, c in combo:
            cnt *= c
        result[vec] = result.get(vec, 0) + cnt
    return result


def at_most(values: ValueSet, i: int, x: Any) -> int:
    """How many profiles in ``values`` give player ``i`` at most ``x``."""
    return sum(c for w, c in values.items() if w[i] <= x)
