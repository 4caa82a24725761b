"""Every extreme Nash equilibrium of a signalling game, in behaviour strategies, exactly.

A signalling game's normal form gives the receiver one strategy per way of
answering every message (``actions ** messages``), which grows too fast to
enumerate. In behaviour strategies the game is small: the sender chooses a
distribution over messages for each type, the receiver a distribution over
actions after each message. Written that way (the *sequence form* of Koller,
Megiddo and von Stengel 1996, which for a signalling game is the behaviour form),
the two best-response polyhedra are

.. math::

    P = \\{(x, v) : x_t \\in \\Delta(M)\\ \\forall t,\\;
        v_m \\ge \\textstyle\\sum_t p_t\\, u_R(t, m, a)\\, x_{t,m}\\ \\forall m, a\\},

    Q = \\{(y, w) : y_m \\in \\Delta(A_m)\\ \\forall m,\\;
        w_t \\ge \\textstyle\\sum_a u_S(t, m, a)\\, y_{m,a}\\ \\forall t, m\\}.

A point of ``P`` carries the label ``(t, m)`` when type ``t`` never sends ``m``
and the label ``(m, a)`` when ``a`` is a best reply after ``m``; a point of ``Q``
carries ``(m, a)`` when the receiver never plays ``a`` after ``m`` and ``(t, m)``
when ``m`` is a best message for ``t``. A pair is a Nash equilibrium exactly when
every label appears at one of its two points, and the extreme equilibria are the
completely labelled pairs of *vertices* (von Stengel 1996, Theorem 4.1; the same
argument as for bimatrix games, von Stengel 2007, section 3.6).

The vertices are found by choosing, for every type (message), which messages
(actions) it may use, and which constraints of the other kind are tight, with as
many equations as unknowns; a vectorised floating-point pass discards systems that
are singular or infeasible, and every survivor is solved, checked and labelled in
exact arithmetic.

References
----------
.. [KMvS1996] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of
   equilibria for extensive two-person games", *Games and Economic Behavior* 14,
   247-259, 1996.
.. [vonStengel1996] B. von Stengel, "Efficient computation of behavior strategies",
   *Games and Economic Behavior* 14, 220-246, 1996.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import numpy as np

from ..trees import BehaviourProfile
from .beliefs import _solve
from .signalling import SignallingStructure

Mix = dict[str, dict[str, Fraction]]

#: Slack of the floating-point pre-filter; every survivor is checked exactly.
_SLACK = 1e-7
#: Relative size of a determinant below which a system counts as singular in floats.
_SINGULAR = 1e-10


@dataclass(frozen=True)
class _Vertex:
    strategy: tuple[Fraction, ...]  # x (or y), one entry per (type, message) (or (message, action))
    labels: int  # bit mask over all labels


@dataclass(frozen=True)
class _Side:
    """One player's best-response polyhedron, in a shape common to both players.

    The player picks a distribution for each of its ``groups`` (types, or messages)
    over that group's ``choices``; ``columns[g]`` are the indices of those variables.
    Each row ``r`` of the opponent's constraints (a message's actions, or a type's
    messages) belongs to a block ``block[r]`` and reads
    ``value[block] >= sum_k coef[r][k] * z[k]``.
    """

    groups: tuple[tuple[int, ...], ...]  # variable indices per group
    blocks: tuple[tuple[int, ...], ...]  # constraint rows per block
    coef: np.ndarray  # (rows, variables), floats
    exact: tuple[tuple[Fraction, ...], ...]  # the same, exact
    var_labels: tuple[int, ...]  # label bit of "z_k = 0"
    row_labels: tuple[int, ...]  # label bit of "row r is tight"

    @cached_property
    def block_of(self) -> np.ndarray:
        """The block of each row."""
        out = np.empty(len(self.exact), dtype=int)
        for b, rs in enumerate(self.blocks):
            out[list(rs)] = b
        return out

    @cached_property
    def full_exact(self) -> list[list[Fraction]]:
        """All equations at once: a row per group (its sum), then a row per constraint
        (``value[block] - coef . z``); columns the variables, then the block values."""
        n_vars, n_blocks = len(self.var_labels), len(self.blocks)
        rows = [
            [Fraction(int(k in g)) for k in range(n_vars)] + [Fraction(0)] * n_blocks
            for g in self.groups
        ]
        block_of = self.block_of
        for r, coef in enumerate(self.exact):
            rows.append(
                [-c for c in coef] + [Fraction(int(b == block_of[r])) for b in range(n_blocks)]
            )
        return rows

    @cached_property
    def full(self) -> np.ndarray:
        return np.array(self.full_exact, dtype=float)


def extreme_equilibria(s: SignallingStructure) -> list[tuple[Mix, Mix]]:
    """Every extreme Nash equilibrium ``(sender, receiver)`` of a numeric signalling game.

    ``sender`` is ``{type: {message: probability}}`` and ``receiver``
    ``{message: {action: probability}}``, exact, each equilibrium once.
    """
    types, messages = s.types, s.messages
    prior = [Fraction(p) for p in s.prior]
    tm = [(t, m) for t in types for m in messages]
    ma = [(m, a) for m in messages for a in s.actions[m]]
    bit = {key: 1 << k for k, key in enumerate([*tm, *ma])}
    pay = {
        (t, m, a): tuple(Fraction(v) for v in s.payoffs(t, m, a))
        for t, m in tm
        for a in s.actions[m]
    }

    # P: the sender's x (one variable per (t, m)); rows (m, a): p_t u_R(t, m, a) x_{t,m}.
    p_rows = [
        tuple(prior[types.index(t)] * pay[(t, m, a)][1] if m2 == m else Fraction(0) for t, m2 in tm)
        for m, a in ma
    ]
    sender_side = _Side(
        groups=tuple(tuple(k for k, (t2, _) in enumerate(tm) if t2 == t) for t in types),
        blocks=tuple(tuple(r for r, (m2, _) in enumerate(ma) if m2 == m) for m in messages),
        coef=np.array(p_rows, dtype=float),
        exact=tuple(p_rows),
        var_labels=tuple(bit[key] for key in tm),
        row_labels=tuple(bit[key] for key in ma),
    )
    # Q: the receiver's y (one variable per (m, a)); rows (t, m): u_S(t, m, a) y_{m,a}.
    q_rows = [tuple(pay[(t, m, a)][0] if m2 == m else Fraction(0) for m2, a in ma) for t, m in tm]
    receiver_side = _Side(
        groups=tuple(tuple(k for k, (m2, _) in enumerate(ma) if m2 == m) for m in messages),
        blocks=tuple(tuple(r for r, (t2, _) in enumerate(tm) if t2 == t) for t in types),
        coef=np.array(q_rows, dtype=float),
        exact=tuple(q_rows),
        var_labels=tuple(bit[key] for key in ma),
        row_labels=tuple(bit[key] for key in tm),
    )
    full = (1 << len(bit)) - 1
    xs = _vertices(sender_side)
    ys = _vertices(receiver_side, [x.labels for x in xs], full)
    out: list[tuple[Mix, Mix]] = []
    for x in xs:
        for y in ys:
            if x.labels | y.labels == full:
                sender = {t: {m: x.strategy[tm.index((t, m))] for m in messages} for t in types}
                receiver = {
                    m: {a: y.strategy[ma.index((m, a))] for a in s.actions[m]} for m in messages
                }
                out.append((sender, receiver))
    return out


def behaviour_profile(
    s: SignallingStructure,
    sender: dict[str, dict[str, Fraction]],
    receiver: dict[str, dict[str, Fraction]],
) -> BehaviourProfile:
    """The behaviour profile of the tree with these strategies."""
    tree = s.tree
    probs: list[tuple[Fraction, ...] | None] = [None] * len(tree.information_sets())
    for t in s.types:
        probs[tree.information_set((t,)).index] = tuple(sender[t][m] for m in s.messages)
    for m in s.messages:
        probs[s.receiver_sets[m].index] = tuple(receiver[m][a] for a in s.actions[m])
    return BehaviourProfile._of(tree, probs)


def _vertices(side: _Side, partners: Sequence[int] | None = None, full: int = 0) -> list[_Vertex]:
    """The vertices of one best-response polyhedron, exact and labelled.

    Every basis that survives the floating-point pass is either explained by a
    vertex already found (its equations all hold there, so, being non-singular, it
    has that vertex as its only solution) or solved exactly. With ``partners`` (the
    label masks of the other side's vertices), only vertices that could complete
    one of them to ``full`` are wanted: a basis whose labels in floats (a superset
    of its exact labels, thanks to the slack) complete none is skipped.
    """
    n_vars, n_groups = side.coef.shape[1], len(side.groups)
    found: dict[tuple[Fraction, ...], _Vertex] = {}
    for support, tight, near in _feasible_bases(side):
        if partners is not None and not any(near | p == full for p in partners):
            continue
        mask = 0
        for k in range(n_vars):
            if k not in support:
                mask |= side.var_labels[k]
        for r in tight:
            mask |= side.row_labels[r]
        if any(mask & v.labels == mask for v in found.values()):
            continue
        rows = [*range(n_groups), *(n_groups + r for r in tight)]
        cols = [*support, *range(n_vars, n_vars + len(side.blocks))]
        solution = _solve(
            [tuple(side.full_exact[i][j] for j in cols) for i in rows],
            [Fraction(int(i < n_groups)) for i in rows],
        )
        if solution is None:
            continue
        z = [Fraction(0)] * n_vars
        for k, v in zip(support, solution, strict=False):
            z[k] = v
        vertex = _check(side, tuple(z), tight)
        if vertex is not None:
            found.setdefault(vertex.strategy, vertex)
    return list(found.values())


def _nonempty_subsets(items: Sequence[int]) -> list[tuple[int, ...]]:
    return [c for k in range(1, len(items) + 1) for c in itertools.combinations(items, k)]


def _feasible_bases(side: _Side) -> Iterator[tuple[tuple[int, ...], tuple[int, ...], int]]:
    """Every basis ``(support, tight rows, labels)`` that is regular and feasible in floats.

    ``labels`` are those of its solution in floats, counting anything within the
    slack as tight: a superset of the exact labels.

    Unknowns: the variables of the support and one value per block; equations: one
    sum-to-one per group and one per tight row. Each group needs a non-empty support
    and each block at least one tight row (else its value is free), and there must
    be as many equations as unknowns: the support's excess over one variable per
    group equals the tight rows' excess over one row per block. The systems of each
    excess are built and solved together with numpy.
    """
    n_vars, n_groups, n_blocks = side.coef.shape[1], len(side.groups), len(side.blocks)
    matrix = side.full
    scale = max(1.0, float(np.abs(side.coef).max()))
    supports: dict[int, list[tuple[int, ...]]] = {}
    for combo in itertools.product(*(_nonempty_subsets(g) for g in side.groups)):
        supports.setdefault(sum(len(c) - 1 for c in combo), []).append(
            tuple(k for c in combo for k in c)
        )
    tights: dict[int, list[tuple[int, ...]]] = {}
    for combo in itertools.product(*(_nonempty_subsets(b) for b in side.blocks)):
        tights.setdefault(sum(len(c) - 1 for c in combo), []).append(
            tuple(r for c in combo for r in c)
        )
    for excess, sups in sorted(supports.items()):
        if excess not in tights:
            continue
        size = n_groups + excess + n_blocks
        cols = np.array([[*sup, *range(n_vars, n_vars + n_blocks)] for sup in sups])
        rows = np.array([[*range(n_groups), *(n_groups + r for r in t)] for t in tights[excess]])
        ci = np.repeat(np.arange(len(cols)), len(rows))
        ri = np.tile(np.arange(len(rows)), len(cols))
        systems = matrix[rows[ri][:, :, None], cols[ci][:, None, :]]
        rhs = np.zeros((len(ci), size, 1))
        rhs[:, :n_groups] = 1.0
        det = np.linalg.det(systems)
        bound = np.prod(np.maximum(np.linalg.norm(systems, axis=2), 1.0), axis=1)
        regular = np.abs(det) > _SINGULAR * bound
        if not regular.any():
            continue
        solution = np.linalg.solve(systems[regular], rhs[regular])[..., 0]
        chosen = np.flatnonzero(regular)
        z = np.zeros((len(chosen), n_vars))
        np.put_along_axis(
            z, cols[ci[chosen], : n_groups + excess], solution[:, : n_groups + excess], 1
        )
        values = solution[:, n_groups + excess :]
        slack = values[:, side.block_of] - z @ side.coef.T
        ok = (z >= -_SLACK).all(axis=1) & (slack >= -_SLACK * scale).all(axis=1)
        zero = np.abs(z) <= _SLACK
        tight = np.abs(slack) <= _SLACK * scale
        for k in np.flatnonzero(ok):
            near = 0
            for j in np.flatnonzero(zero[k]):
                near |= side.var_labels[j]
            for r in np.flatnonzero(tight[k]):
                near |= side.row_labels[r]
            yield sups[ci[chosen[k]]], tights[excess][ri[chosen[k]]], near


def _check(side: _Side, z: tuple[Fraction, ...], tight: tuple[int, ...]) -> _Vertex | None:
    """Label an exact basic solution, or None if it is not in the polyhedron.

    Feasible means ``z >= 0`` and, in every block, the rows made tight are the
    largest (the block's value is the best payoff there).
    """
    if any(v < 0 for v in z):
        return None
    labels = 0
    for k, v in enumerate(z):
        if v == 0:
            labels |= side.var_labels[k]
    for rs in side.blocks:
        payoffs = {
            r: sum((c * v for c, v in zip(side.exact[r], z, strict=True) if c and v), Fraction(0))
            for r in rs
        }
        best = max(payoffs.values())
        if any(payoffs[r] != best for r in tight if r in payoffs):
            return None
        for r, u in payoffs.items():
            if u == best:
                labels |= side.row_labels[r]
    return _Vertex(z, labels)
