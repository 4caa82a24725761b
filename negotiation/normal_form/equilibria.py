"""Every Nash equilibrium of a bimatrix game, exactly.

:func:`solve` returns a :class:`Solution` with

* ``equilibria``: every *extreme* Nash equilibrium. In a non-degenerate game these
  are all the equilibria; in a degenerate game they are the vertices of the
  equilibrium components.
* ``components``: the connected pieces of the set of equilibria, each the union
  of *maximal Nash subsets* (convex products of strategy sets), so a continuum of
  equilibria is reported as a segment or face rather than missed.
* ``degenerate`` and ``note``: whether some strategy has more best responses than
  the size of its support, explained in plain words.

How it works: the extreme equilibria are the completely labelled vertex pairs of
the best-response polytopes, enumerated in exact arithmetic
(:mod:`negotiation.normal_form.vertex_labels`); the same enumeration tells whether
the game is degenerate. Each equilibrium is checked in exact arithmetic to be a
pair of mutual best responses before it is returned. ``method="nashpy"`` shows
what nashpy's support enumeration finds on the same game, for comparison.
Maximal Nash subsets are the maximal bicliques of the bipartite graph of
extreme equilibria (Winkels 1979; Avis et al. 2010, section 4) and components
are its connected components.

References
----------
.. [vonStengel2007b] B. von Stengel, "Equilibrium computation for two-player games
   in strategic and extensive form", *Algorithmic Game Theory*, chapter 3, 2007.
.. [Winkels1979] H.-M. Winkels, "An algorithm to determine all equilibrium points
   of a bimatrix game", in *Game Theory and Related Topics*, North-Holland, 1979.
.. [Avis2010b] D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of
   Nash equilibria for two-player games", *Economic Theory* 42, 9-37, 2010.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ..core._numbers import Number, format_number
from ..core.game import BimatrixGame
from .vertex_labels import (
    Polytope,
    best_response_polytopes,
    completely_labelled_pairs,
    count_bases,
)

__all__ = ["Component", "Equilibrium", "NashSubset", "Solution", "is_equilibrium", "solve"]

#: The largest number of (support, tight set) pairs ``solve`` will enumerate.
MAX_BASES = 2_000_000
_MATCH_TOL = 1e-6


def _readonly(values: Sequence[Number]) -> npt.NDArray[np.float64]:
    arr = np.array([float(v) for v in values], dtype=np.float64)
    arr.setflags(write=False)
    return arr


def _describe_strategy(
    labels: Sequence[str], probs: Sequence[Number], verb_pure: str = "plays"
) -> str:
    support = [k for k, p in enumerate(probs) if p > 0]
    if len(support) == 1:
        return f"{verb_pure} {labels[support[0]]}"
    parts = ", ".join(f"{labels[k]} {format_number(probs[k])}" for k in support)
    return f"mixes {parts}"


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One Nash equilibrium: a pair of mixed strategies that are best responses to each other.

    Attributes
    ----------
    row, col : numpy.ndarray
        The row and column player's mixed strategies (read-only float arrays).
    row_exact, col_exact : tuple of Fraction or None
        The same probabilities exactly, when the game's payoffs are rational.
    payoffs : tuple of float
        Expected payoffs ``(row player, column player)``.
    payoffs_exact : tuple of Fraction or None
        The expected payoffs exactly.
    row_support, col_support : tuple of int
        Indices of the strategies played with positive probability.
    """

    row: npt.NDArray[np.float64]
    col: npt.NDArray[np.float64]
    row_exact: tuple[Fraction, ...] | None
    col_exact: tuple[Fraction, ...] | None
    payoffs: tuple[float, float]
    payoffs_exact: tuple[Fraction, Fraction] | None
    row_support: tuple[int, ...]
    col_support: tuple[int, ...]
    game: BimatrixGame = field(repr=False)

    @property
    def is_pure(self) -> bool:
        """True when both players play a single strategy."""
        return len(self.row_support) == 1 and len(self.col_support) == 1

    @property
    def strategies(self) -> tuple[tuple[Number, ...], tuple[Number, ...]]:
        """``(row, col)`` as exact tuples when available, else float tuples."""
        if self.row_exact is not None and self.col_exact is not None:
            return self.row_exact, self.col_exact
        return tuple(self.row.tolist()), tuple(self.col.tolist())

    def probability(self, player: int | str, strategy: int | str) -> Number:
        """Probability that ``player`` (0, 1 or a name) plays ``strategy`` (index or label).

        Examples
        --------
        >>> mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]], players=("Japan", "US"))
        >>> solve(mp).equilibria[0].probability("US", "C1")
        Fraction(1, 2)
        """
        p = _player_index(self.game, player)
        j = self.game._index(strategy, p)
        return self.strategies[p][j]

    def key(self) -> tuple[Any, ...]:
        """A hashable identity: exact probabilities, or floats rounded to 9 decimals."""
        if self.row_exact is not None and self.col_exact is not None:
            return (self.row_exact, self.col_exact)
        return (tuple(np.round(self.row, 9)), tuple(np.round(self.col, 9)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def describe(self, payoff_text: Callable[[int, Number], str] | None = None) -> str:
        """One plain sentence.

        Parameters
        ----------
        payoff_text : callable, optional
            ``payoff_text(player index, payoff) -> str`` to write the payoffs with their
            units; by default exact numbers.

        Examples
        --------
        >>> bos = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Japan", "US"),
        ...                    row_labels=("Autos", "Rice"), col_labels=("Autos", "Rice"))
        >>> print(solve(bos).equilibria[-1].describe())
        Japan mixes Autos 2/3, Rice 1/3; US mixes Autos 1/3, Rice 2/3 (expected payoffs 2/3 and 2/3).
        >>> print(solve(bos).equilibria[0].describe(lambda i, v: f"{v} points"))
        Japan plays Autos; US plays Autos (expected payoffs 2 points and 1 points).
        """
        if payoff_text is not None and not callable(payoff_text):
            raise TypeError(f"payoff_text must be callable, got {type(payoff_text).__name__}")
        show = payoff_text or (lambda _, v: format_number(v))
        g = self.game
        x, y = self.strategies
        u = self.payoffs_exact if self.payoffs_exact is not None else self.payoffs
        return (
            f"{g.players[0]} {_describe_strategy(g.row_labels, x)}; "
            f"{g.players[1]} {_describe_strategy(g.col_labels, y)} "
            f"(expected payoffs {show(0, u[0])} and {show(1, u[1])})."
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary; exact values as strings such as ``"2/3"``."""
        x, y = self.strategies
        u = self.payoffs_exact if self.payoffs_exact is not None else self.payoffs
        g = self.game
        return {
            "row": {g.row_labels[k]: _json_number(v) for k, v in enumerate(x)},
            "col": {g.col_labels[k]: _json_number(v) for k, v in enumerate(y)},
            "payoffs": {g.players[0]: _json_number(u[0]), g.players[1]: _json_number(u[1])},
            "pure": self.is_pure,
            "description": self.describe(),
        }


def _json_number(v: Number) -> str | float | int:
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return float(v)


def _player_index(game: BimatrixGame, player: int | str) -> int:
    if isinstance(player, str):
        if player not in game.players:
            raise ValueError(f"unknown player {player!r}; expected one of {list(game.players)}")
        return game.players.index(player)
    if player not in (0, 1):
        raise ValueError(f"player must be 0, 1 or a player's name, got {player!r}")
    return int(player)


@dataclass(frozen=True)
class NashSubset:
    """A maximal convex set of equilibria: every mix of ``row_vertices`` with every mix of ``col_vertices``.

    Any row strategy in the convex hull of ``row_vertices`` together with any
    column strategy in the convex hull of ``col_vertices`` is an equilibrium
    (a *maximal Nash subset*, Winkels 1979).
    """

    row_vertices: tuple[tuple[Number, ...], ...]
    col_vertices: tuple[tuple[Number, ...], ...]

    @property
    def dimension(self) -> int:
        """Affine dimension of the set (0 a point, 1 a segment, 2 a face, ...)."""
        return _affine_dim(self.row_vertices) + _affine_dim(self.col_vertices)


def _affine_dim(points: Sequence[Sequence[Number]]) -> int:
    if len(points) <= 1:
        return 0
    if all(isinstance(v, Fraction) for p in points for v in p):
        rows = [[Fraction(p[k] - points[0][k]) for k in range(len(p))] for p in points[1:]]
        return _exact_rank(rows)
    arr = np.array([[float(v) for v in p] for p in points])
    return int(np.linalg.matrix_rank(arr[1:] - arr[0], tol=1e-9))


def _exact_rank(rows: list[list[Fraction]]) -> int:
    """Rank of a small rational matrix by Gaussian elimination."""
    rank, width = 0, len(rows[0])
    for col in range(width):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(rank + 1, len(rows)):
            f = rows[r][col] / rows[rank][col]
            if f:
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def _short_strategy(labels: Sequence[str], probs: Sequence[Number]) -> str:
    support = [k for k, p in enumerate(probs) if p > 0]
    if len(support) == 1:
        return labels[support[0]]
    return "(" + ", ".join(f"{labels[k]} {format_number(probs[k])}" for k in support) + ")"


def _describe_side(player: str, labels: Sequence[str], vertices: Sequence[Sequence[Number]]) -> str:
    if len(vertices) == 1:
        return f"{player} {_describe_strategy(labels, vertices[0])}"
    names = [_short_strategy(labels, v) for v in vertices]
    if len(names) == 2:
        return f"{player} plays anything between {names[0]} and {names[1]}"
    return f"{player} plays any mix of {', '.join(names[:-1])} and {names[-1]}"


@dataclass(frozen=True)
class Component:
    """A connected component of the set of Nash equilibria.

    Attributes
    ----------
    equilibria : tuple of Equilibrium
        The extreme equilibria in the component (its vertices).
    nash_subsets : tuple of NashSubset
        The maximal convex pieces whose union is the component.
    """

    equilibria: tuple[Equilibrium, ...]
    nash_subsets: tuple[NashSubset, ...]

    @property
    def is_isolated(self) -> bool:
        """True for a single equilibrium point."""
        return len(self.equilibria) == 1

    @property
    def dimension(self) -> int:
        """Largest dimension of its Nash subsets: 0 for a point, 1 for a segment, ..."""
        return max(s.dimension for s in self.nash_subsets)

    def contains(self, row: Any, col: Any, tol: float = 1e-9) -> bool:
        """Whether ``(row, col)`` lies in one of the component's convex pieces."""
        from scipy.optimize import linprog

        x = np.asarray(row, dtype=float)
        y = np.asarray(col, dtype=float)
        for subset in self.nash_subsets:
            ok = True
            for target, verts in ((x, subset.row_vertices), (y, subset.col_vertices)):
                V = np.array([[float(v) for v in p] for p in verts]).T
                res = linprog(
                    np.zeros(V.shape[1]),
                    A_eq=np.vstack([V, np.ones(V.shape[1])]),
                    b_eq=np.append(target, 1.0),
                    bounds=(0, None),
                    method="highs",
                )
                if not res.success or np.abs(V @ res.x - target).max() > tol * 10:
                    ok = False
                    break
            if ok:
                return True
        return False

    def describe(self) -> str:
        """Plain words: the point, or the sets the players may mix over."""
        if self.is_isolated:
            return self.equilibria[0].describe()
        g = self.equilibria[0].game
        kind = {1: "a segment", 2: "a two-dimensional face"}.get(
            self.dimension, f"a {self.dimension}-dimensional set"
        )
        pieces = []
        for s in self.nash_subsets:
            row_part = _describe_side(g.players[0], g.row_labels, s.row_vertices)
            col_part = _describe_side(g.players[1], g.col_labels, s.col_vertices)
            pieces.append(f"{row_part}, while {col_part}")
        return f"A continuum of equilibria ({kind}): " + "; or ".join(pieces) + "."


@dataclass(frozen=True)
class Solution:
    """Everything :func:`solve` found about a game.

    Attributes
    ----------
    game : BimatrixGame
    equilibria : tuple of Equilibrium
        Every extreme equilibrium, pure ones first.
    components : tuple of Component
        Connected components of the equilibrium set.
    degenerate : bool
        Whether some mixed strategy has more pure best responses than the size of its support.
    note : str
        Plain-language explanation when the game is degenerate (empty otherwise).
    method : str
        Which algorithm produced the equilibria.
    """

    game: BimatrixGame
    equilibria: tuple[Equilibrium, ...]
    components: tuple[Component, ...]
    degenerate: bool
    note: str
    method: str

    @property
    def exact(self) -> bool:
        """True when probabilities and payoffs are exact fractions."""
        return self.game.exact

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        """The pure-strategy equilibria."""
        return tuple(e for e in self.equilibria if e.is_pure)

    @property
    def mixed(self) -> tuple[Equilibrium, ...]:
        """The equilibria in which someone randomises."""
        return tuple(e for e in self.equilibria if not e.is_pure)

    @property
    def has_continuum(self) -> bool:
        """True when some component is more than a single point."""
        return any(not c.is_isolated for c in self.components)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]

    def summary(self) -> str:
        """Several lines of plain text: counts, each equilibrium or component, the note."""
        n = len(self.equilibria)
        lines = []
        if self.has_continuum:
            lines.append(
                f"{len(self.components)} component(s) of equilibria, with {n} extreme equilibria:"
            )
            lines.extend(f"  - {c.describe()}" for c in self.components)
        else:
            lines.append(f"{n} equilibri{'um' if n == 1 else 'a'}:")
            lines.extend(f"  - {e.describe()}" for e in self.equilibria)
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary of the whole solution."""
        index = {e.key(): k for k, e in enumerate(self.equilibria)}
        return {
            "equilibria": [e.to_dict() for e in self.equilibria],
            "components": [
                {
                    "equilibria": [index[e.key()] for e in c.equilibria],
                    "dimension": c.dimension,
                    "description": c.describe(),
                }
                for c in self.components
            ],
            "degenerate": self.degenerate,
            "note": self.note,
            "exact": self.exact,
            "method": self.method,
        }


# --- building and checking ------------------------------------------------------------


def _best_response_gaps(
    game: BimatrixGame, x: Sequence[Number], y: Sequence[Number]
) -> tuple[list[Any], list[Any]]:
    """Payoff of each pure strategy against the other's mix, for both players (floats)."""
    xf = np.array([float(v) for v in x])
    yf = np.array([float(v) for v in y])
    return list(game.A @ yf), list(xf @ game.B)


def _integers(values: Sequence[Fraction]) -> tuple[list[int], int]:
    """Fractions as integers over one common denominator: ``(numerators, denominator)``."""
    d = 1
    for v in values:
        d = math.lcm(d, v.denominator)
    return [v.numerator * (d // v.denominator) for v in values], d


def _mutual_best_responses(
    game: BimatrixGame, row: Sequence[Number], col: Sequence[Number], tol: float
) -> tuple[bool, Number, Number]:
    """Whether ``(row, col)`` are best responses to each other, and each side's best payoff."""
    A, B = game.A_exact, game.B_exact
    if A is not None and B is not None and all(isinstance(v, Fraction) for v in (*row, *col)):
        # exact, in integers over common denominators (a Fraction per product is slow)
        m, n = game.shape
        a, da = _integers([v for r in A for v in r])
        b, db = _integers([v for r in B for v in r])
        x, dx = _integers(row)  # type: ignore[arg-type]
        y, dy = _integers(col)  # type: ignore[arg-type]
        rv = [sum(a[i * n + j] * y[j] for j in range(n) if y[j]) for i in range(m)]
        cv = [sum(b[i * n + j] * x[i] for i in range(m) if x[i]) for j in range(n)]
        top_r, top_c = max(rv), max(cv)
        ok = all(rv[i] == top_r for i in range(m) if x[i]) and all(
            cv[j] == top_c for j in range(n) if y[j]
        )
        return ok, Fraction(top_r, da * dy), Fraction(top_c, db * dx)
    row_values, col_values = _best_response_gaps(game, row, col)
    slack = tol * (1 + max(np.abs(game.A).max(), np.abs(game.B).max()))
    best_r, best_c = max(row_values), max(col_values)
    ok = all(row_values[i] >= best_r - slack for i, p in enumerate(row) if p > 0) and all(
        col_values[j] >= best_c - slack for j, q in enumerate(col) if q > 0
    )
    return ok, best_r, best_c


def is_equilibrium(
    game: BimatrixGame, row: Sequence[Number], col: Sequence[Number], tol: float = 1e-9
) -> bool:
    """Whether each strategy is a best response to the other (exactly, when all inputs are exact).

    Examples
    --------
    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> is_equilibrium(pd, [0, 1], [0, 1]), is_equilibrium(pd, [1, 0], [1, 0])
    (True, False)
    """
    return _mutual_best_responses(game, row, col, tol)[0]


def _make_equilibrium(
    game: BimatrixGame, x: Sequence[Number], y: Sequence[Number], tol: float = 1e-9
) -> Equilibrium:
    ok, best_r, best_c = _mutual_best_responses(game, x, y, tol)
    if not ok:
        raise RuntimeError(
            "internal error: a computed strategy pair is not a Nash equilibrium "
            f"(row {list(map(format_number, x))}, col {list(map(format_number, y))}); please report this game"
        )
    # In an equilibrium every strategy played earns the best payoff, so the expected
    # payoffs are the best-response values.
    exact = all(isinstance(v, Fraction) for v in (*x, *y)) and isinstance(best_r, Fraction)
    if exact:
        payoffs_exact: tuple[Fraction, Fraction] | None = (Fraction(best_r), Fraction(best_c))
        payoffs = (float(best_r), float(best_c))
    else:
        xf, yf = np.array([float(v) for v in x]), np.array([float(v) for v in y])
        payoffs_exact = None
        payoffs = (float(xf @ game.A @ yf), float(xf @ game.B @ yf))
    return Equilibrium(
        row=_readonly(x),
        col=_readonly(y),
        row_exact=tuple(x) if exact else None,  # type: ignore[arg-type]
        col_exact=tuple(y) if exact else None,  # type: ignore[arg-type]
        payoffs=payoffs,
        payoffs_exact=payoffs_exact,
        row_support=tuple(i for i, p in enumerate(x) if p > 0),
        col_support=tuple(j for j, q in enumerate(y) if q > 0),
        game=game,
    )


def _sort_key(e: Equilibrium) -> tuple[Any, ...]:
    return (
        len(e.row_support) + len(e.col_support),
        e.row_support,
        e.col_support,
        tuple((-e.row).tolist()),
        tuple((-e.col).tolist()),
    )


def _maximal_bicliques(
    rows: set[int], cols: set[int], edges: set[tuple[int, int]]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal complete bipartite subgraphs of a connected bipartite graph."""
    if len(edges) == 1:
        ((p, q),) = edges
        return [((p,), (q,))]
    import networkx as nx

    G = nx.Graph()
    xs = [("x", p) for p in sorted(rows)]
    ys = [("y", q) for q in sorted(cols)]
    G.add_nodes_from(xs + ys)
    G.add_edges_from((a, b) for k, a in enumerate(xs) for b in xs[k + 1 :])
    G.add_edges_from((a, b) for k, a in enumerate(ys) for b in ys[k + 1 :])
    G.add_edges_from((("x", p), ("y", q)) for p, q in edges)
    out = []
    for clique in nx.find_cliques(G):
        ps = tuple(sorted(v for side, v in clique if side == "x"))
        qs = tuple(sorted(v for side, v in clique if side == "y"))
        if ps and qs:
            out.append((ps, qs))
    return sorted(out)


def _components(
    P: Polytope, Q: Polytope, pairs: list[tuple[int, int]], made: dict[tuple[int, int], Equilibrium]
) -> tuple[Component, ...]:
    adjacency: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for p, q in pairs:
        adjacency.setdefault(("x", p), set()).add(("y", q))
        adjacency.setdefault(("y", q), set()).add(("x", p))
    seen: set[tuple[str, int]] = set()
    components = []
    for start in sorted(adjacency):
        if start in seen:
            continue
        stack, nodes = [start], set()
        while stack:
            v = stack.pop()
            if v in nodes:
                continue
            nodes.add(v)
            stack.extend(adjacency[v] - nodes)
        seen |= nodes
        rows = {v for side, v in nodes if side == "x"}
        cols = {v for side, v in nodes if side == "y"}
        edges = {(p, q) for p, q in pairs if p in rows}
        subsets = tuple(
            NashSubset(
                row_vertices=tuple(P.vertices[p].point for p in ps),
                col_vertices=tuple(Q.vertices[q].point for q in qs),
            )
            for ps, qs in _maximal_bicliques(rows, cols, edges)
        )
        eqs = tuple(sorted((made[e] for e in edges), key=_sort_key))
        components.append(Component(equilibria=eqs, nash_subsets=subsets))
    return tuple(sorted(components, key=lambda c: _sort_key(c.equilibria[0])))


def _degeneracy_note(game: BimatrixGame, P: Polytope, Q: Polytope, has_continuum: bool) -> str:
    m, n = game.shape
    witness = None
    for v in P.degenerate_vertices:
        brs = [game.col_labels[j] for j in range(n) if v.labels >> (m + j) & 1]
        support = [k for k, p in enumerate(v.point) if p > 0]
        witness = (
            game.players[0],
            _describe_strategy(game.row_labels, v.point),
            len(support),
            game.players[1],
            brs,
        )
        break
    if witness is None:
        for v in Q.degenerate_vertices:
            brs = [game.row_labels[i] for i in range(m) if v.labels >> i & 1]
            support = [k for k, p in enumerate(v.point) if p > 0]
            witness = (
                game.players[1],
                _describe_strategy(game.col_labels, v.point),
                len(support),
                game.players[0],
                brs,
            )
            break
    assert witness is not None
    who, strategy, k, other, brs = witness
    uses = "one strategy" if k == 1 else f"{k} strategies"
    text = (
        f"This game is degenerate: when {who} {strategy}, {other} has {len(brs)} best responses "
        f"({', '.join(brs)}) although {who} uses only {uses}. "
    )
    if has_continuum:
        text += (
            "Ties like this create a continuum of equilibria; the components list every "
            "extreme point and the convex sets between them."
        )
    else:
        text += (
            "Here the ties do not create a continuum: every equilibrium is still an isolated point."
        )
    return text


def _nashpy_search(
    game: BimatrixGame, exact_set: dict[tuple[Any, ...], Equilibrium]
) -> tuple[list[Equilibrium], int]:
    """Equilibria found by nashpy's support enumeration, matched to the exact ones.

    Returns the matched exact equilibria (plus, verified with a tolerance, any
    nashpy result that matches none) and how many exact ones nashpy missed.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(game.to_nashpy().support_enumeration(non_degenerate=True))
    found: dict[tuple[Any, ...], Equilibrium] = {}
    for x, y in theirs:
        match = next(
            (
                e
                for e in exact_set.values()
                if np.allclose(e.row, x, atol=_MATCH_TOL) and np.allclose(e.col, y, atol=_MATCH_TOL)
            ),
            None,
        )
        if match is None:  # pragma: no cover - nashpy returning a non-extreme point
            if not is_equilibrium(game, list(x), list(y), tol=1e-7):
                continue
            match = _make_equilibrium(game, [float(v) for v in x], [float(v) for v in y], tol=1e-7)
        found[match.key()] = match
    missed = sum(1 for k in exact_set if k not in found)
    return list(found.values()), missed


def solve(game: BimatrixGame, *, method: Literal["exact", "nashpy"] = "exact") -> Solution:
    """Find every extreme Nash equilibrium of a bimatrix game, and the components they span.

    Parameters
    ----------
    game : BimatrixGame
        The game to solve.
    method : {"exact", "nashpy"}
        ``"exact"`` (default): enumerate the extreme equilibria exactly; complete in
        every game, degenerate or not. ``"nashpy"``: report what nashpy's support
        enumeration finds (each result verified and matched to its exact value), with a
        note counting the extreme equilibria it missed; for comparisons and teaching.

    Returns
    -------
    Solution
        Equilibria (exact fractions when the payoffs are rational), components,
        the degeneracy flag and a plain-language note.

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`BimatrixGame`.
    ValueError
        For an unknown ``method`` or a game too large to enumerate.

    Notes
    -----
    nashpy's support enumeration (von Stengel 2007, Algorithm 3.4) is right in
    principle for non-degenerate games, but it compares floating-point payoffs with
    ``==``. On von Stengel's non-degenerate 6x6 game with 75 equilibria it returns
    9 of them; on degenerate games, where equilibria come in segments and faces, it
    is incomplete by design. That is why the default is the exact enumeration.

    Examples
    --------
    Battle of the Sexes has three equilibria (Luce and Raiffa 1957, section 5.3):

    >>> bos = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sol = solve(bos)
    >>> [e.strategies for e in sol]  # doctest: +NORMALIZE_WHITESPACE
    [((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1))),
     ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))),
     ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))]
    >>> sol.degenerate
    False

    A degenerate game with a segment of equilibria: against Top, Column is
    indifferent between Left and Right.

    >>> g = BimatrixGame([[1, 1], [0, 2]], [[1, 1], [0, 2]])
    >>> sol = solve(g)
    >>> sol.degenerate, [c.dimension for c in sol.components]
    (True, [1, 0])
    >>> len(solve(g, method="nashpy")), solve(g, method="nashpy").note
    (2, "nashpy's support enumeration found 2 of the 3 extreme equilibria; it missed 1.")
    """
    if not isinstance(game, BimatrixGame):
        raise TypeError(
            f"solve() needs a BimatrixGame, got {type(game).__name__}; build one with BimatrixGame(A, B)"
        )
    if method not in ("exact", "nashpy"):
        raise ValueError(f"method must be 'exact' or 'nashpy', got {method!r}")
    m, n = game.shape
    if count_bases(m, n) > MAX_BASES:
        raise ValueError(
            f"a {m}x{n} game is too large to enumerate all equilibria ({count_bases(m, n):,} candidate "
            f"supports); use game.to_nashpy().lemke_howson(0) to find one equilibrium"
        )
    P, Q = best_response_polytopes(game.A, game.B, game.A_exact, game.B_exact)
    pairs = completely_labelled_pairs(P, Q)
    made = {
        (p, q): _make_equilibrium(game, P.vertices[p].point, Q.vertices[q].point) for p, q in pairs
    }
    degenerate = bool(P.degenerate_vertices or Q.degenerate_vertices)
    if method == "nashpy":
        exact_set = {e.key(): e for e in made.values()}
        found, missed = _nashpy_search(game, exact_set)
        equilibria = tuple(sorted(found, key=_sort_key))
        note = (
            f"nashpy's support enumeration found {len(found)} of the {len(exact_set)} extreme "
            f"equilibria; it missed {missed}."
            if missed
            else "nashpy's support enumeration found every extreme equilibrium."
        )
        return Solution(
            game=game,
            equilibria=equilibria,
            components=_isolated(equilibria),
            degenerate=degenerate,
            note=note,
            method="nashpy support enumeration (verified, matched to exact values)",
        )
    equilibria = tuple(sorted(made.values(), key=_sort_key))
    if degenerate:
        components = _components(P, Q, pairs, made)
        has_continuum = any(not c.is_isolated for c in components)
        note = _degeneracy_note(game, P, Q, has_continuum)
    else:
        components = _isolated(equilibria)
        note = ""
    return Solution(
        game=game,
        equilibria=equilibria,
        components=components,
        degenerate=degenerate,
        note=note,
        method="exact labelled-vertex enumeration",
    )


def _isolated(equilibria: Sequence[Equilibrium]) -> tuple[Component, ...]:
    return tuple(
        Component(
            equilibria=(e,), nash_subsets=(NashSubset((e.strategies[0],), (e.strategies[1],)),)
        )
        for e in equilibria
    )
