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

import math
from bisect import bisect_right
from collections.abc import Mapping
from fractions import Fraction
from itertools import product
from operator import itemgetter
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
        "_internal",
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
        "weights",
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
        self.payoffs = tree._fast_payoffs
        self.end = tree._end
        self.probs: dict[int, tuple[Any, ...]] = {}
        # Exact probabilities over a common denominator: p_j = weights[j] / denominator, so
        # an expectation is one integer sum and one division.
        self.weights: dict[int, tuple[int, tuple[int, ...]]] = {}
        terminal = GameTree.TERMINAL
        self._internal = [k for k in range(len(self.kind) - 1, -1, -1) if self.kind[k] != terminal]
        chance = GameTree.CHANCE
        for k in [k for k, kind in enumerate(self.kind) if kind == chance]:
            probs = tree._probs[k]
            self.probs[k] = tuple(fast(p) for p in probs)
            if all(type(p) is Fraction for p in probs):
                den = math.lcm(*(p.denominator for p in probs))
                self.weights[k] = (den, tuple(p.numerator * (den // p.denominator) for p in probs))

    def internal(self, root: int = 0) -> list[int]:
        """The non-leaf nodes of the subtree of ``root``, children before parents."""
        if root == 0:
            return self._internal
        end = self.end[root]
        return [k for k in self._internal if root <= k < end]


Behaviour = Mapping[int, tuple[tuple[int, Any], ...]]


def value_sets(num: NumericTree, behaviour: Behaviour | None = None, root: int = 0) -> Values:
    """The subgame-perfect value sets of every node in the subtree of ``root`` (others ``None``).

    ``behaviour`` maps a decision node's index to the ``(action index, probability)``
    pairs played there (a single pair ``(a, 1)`` for a pure choice).
    """
    kind, children, owner = num.kind, num.children, num.owner
    values = Values(len(kind))
    out = values.sets
    # Leaves first, all at once: a leaf's only value is its payoff vector.
    only: list[Vec | None] = [p or None for p in num.payoffs]
    values.only = only
    fixed = behaviour or {}
    decision_kind = GameTree.DECISION
    second = itemgetter(1)
    for k in num.internal(root):
        node_kind = kind[k]
        ch = children[k]
        vecs = [only[c] for c in ch]
        if None not in vecs:
            # The common case without ties below: one value per child.
            if node_kind == decision_kind and k not in fixed:
                i = owner[k]
                # Tuples compare by their first entry first, so plain max finds player 0's best.
                key = None if i == 0 else second if i == 1 else itemgetter(i)
                best = (max(vecs) if key is None else max(vecs, key=key))[i]  # type: ignore[type-var, arg-type, index]
                optimal = [v for v in vecs if v[i] == best]  # type: ignore[index]
                if len(optimal) == 1:
                    only[k] = optimal[0]
                    continue
                # A tie between children with one profile each: one profile per best action.
                tied: ValueSet = {}
                for v in optimal:
                    tied[v] = tied.get(v, 0) + 1  # type: ignore[index, arg-type]
                out[k] = tied
                continue
            elif node_kind != decision_kind:
                only[k] = expectation(vecs, k, num)
                continue
        sets: list[ValueSet] = [values[c] for c in ch]  # type: ignore[misc]
        if node_kind != decision_kind:
            result = _chance(sets, k, num)
        else:
            mix = fixed.get(k)
            if mix is None or len(mix) == 1:
                result = _decision(sets, owner[k], None if mix is None else mix[0][0])
            else:
                result = _mixed_decision(sets, owner[k], mix, k, num)
        if len(result) == 1 and next(iter(result.values())) == 1:
            only[k] = next(iter(result))
        else:
            out[k] = result
    return values


class Values:
    """Value sets by node index; nodes with a single continuation are stored as just their value."""

    __slots__ = ("only", "sets")

    def __init__(self, n: int) -> None:
        self.only: list[Vec | None] = [None] * n
        self.sets: list[ValueSet | None] = [None] * n

    def __getitem__(self, k: int) -> ValueSet | None:
        vec = self.only[k]
        if vec is not None:
            return {vec: 1}
        return self.sets[k]

    def __len__(self) -> int:
        return len(self.only)


def _divide(total: Any, den: int) -> Any:
    """``total / den`` exactly, as an int when it divides."""
    if type(total) is int:
        q, r = divmod(total, den)
        return q if r == 0 else Fraction(total, den)
    return fast(total / den)


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
                fast(sum((p * combo[a][0][j] for a, p in mix), Fraction(0)))
                for j in range(len(combo[0][0]))
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
    # S_b(x): how many profiles of child b's subgame give the mover at most x, by
    # bisection in b's sorted payoffs to the mover, with running totals of the counts.
    keys: list[Any] = []
    totals: list[list[int]] = []
    for other in sets:
        agg: dict[Any, int] = {}
        for w, c in other.items():
            agg[w[i]] = agg.get(w[i], 0) + c
        ordered = sorted(agg)
        running, acc = [0], 0
        for x in ordered:
            acc += agg[x]
            running.append(acc)
        keys.append(ordered)
        totals.append(running)
    n = len(sets)
    others_given: dict[tuple[int, Any], int] = {}  # the product over b != a, by (a, x)
    for a in range(n) if only is None else (only,):
        for v, cnt in sets[a].items():
            x = v[i]
            others = others_given.get((a, x))
            if others is None:
                others = 1
                for b in range(n):
                    if b != a:
                        others *= totals[b][bisect_right(keys[b], x)]
                        if not others:
                            break
                others_given[(a, x)] = others
            if others:
                result[v] = result.get(v, 0) + cnt * others
    return result


def expectation(vals: Any, k: int, num: NumericTree) -> Vec:
    """The probability-weighted average of the children's value vectors ``vals``."""
    weights = num.weights.get(k)
    if weights is not None:
        den, nums = weights
        if len(vals[0]) == 2:  # the common case, spelled out: about a third faster
            return (
                _divide(sum([w * v[0] for w, v in zip(nums, vals, strict=True)]), den),
                _divide(sum([w * v[1] for w, v in zip(nums, vals, strict=True)]), den),
            )
        return tuple(
            _divide(sum([w * v[j] for w, v in zip(nums, vals, strict=True)]), den)
            for j in range(len(vals[0]))
        )
    probs = num.probs[k]
    return tuple(
        fast(sum(p * v[j] for p, v in zip(probs, vals, strict=True))) for j in range(len(vals[0]))
    )


def _chance(sets: list[ValueSet], k: int, num: NumericTree) -> ValueSet:
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
        vec = expectation([v for v, _ in combo], k, num)
        cnt = 1
        for _, c in combo:
            cnt *= c
        result[vec] = result.get(vec, 0) + cnt
    return result
