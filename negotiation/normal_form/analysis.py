"""Teaching helpers: best responses, dominance and iterated elimination.

Best responses
    A pure strategy of a player is a *best response* to the opponent's (mixed)
    strategy ``y`` when no other pure strategy earns more against ``y``. A pure
    strategy profile ``(i, j)`` is a Nash equilibrium exactly when ``i`` is a best
    response to ``j`` and ``j`` to ``i`` [Nash1951]_; marking the best responses
    in a payoff table (by underlining, say) therefore shows the pure equilibria at
    a glance: they are the cells where both marks meet.

Dominance
    Strategy ``k`` of a player is *strictly dominated* by a (possibly mixed)
    strategy ``s`` when ``s`` earns strictly more than ``k`` against every
    strategy of the opponent, and *weakly dominated* when ``s`` earns at least as
    much against every strategy and strictly more against at least one. A
    strategy can be strictly dominated by a mix without being dominated by any
    pure strategy: with payoffs ``(2, -1)``, ``(0, 0)`` and ``(-1, 2)`` against the
    opponent's two strategies, the middle row is beaten by the half-half mix of the
    other two, which earns ``1/2`` against either column [FT1991]_ (section 2.1).
    Domination by a pure strategy is checked exactly; domination by a mix is
    found with a linear program (scipy's HiGHS) that maximises the smallest margin,
    and the mix it finds is then turned into exact fractions and *verified
    exactly* before it is reported.

Iterated elimination of strictly dominated strategies (IESDS)
    A rational player never uses a strictly dominated strategy, so it can be
    deleted; in the smaller game further strategies may become dominated, and so
    on. :func:`iesds` deletes, round after round, every strategy that is strictly
    dominated in the game that is left, and records what was removed, by what and
    when. The order in which strictly dominated strategies are deleted does not
    change what survives [GKZ1990]_, [OR1994]_ (section 4.2), so this
    "all at once" order is as good as any. (For weak dominance the order *does*
    matter, which is why :func:`iesds` uses strict dominance only.) No strategy
    that is played in some Nash equilibrium is ever deleted.

References
----------
.. [Nash1951] J. Nash, "Non-cooperative games", *Annals of Mathematics* 54(2),
   286-295, 1951.
.. [GKZ1990] I. Gilboa, E. Kalai and E. Zemel, "On the order of eliminating
   dominated strategies", *Operations Research Letters* 9(2), 85-89, 1990.
.. [OR1994] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
   Press, 1994.
.. [FT1991] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991.
.. [Gibbons1992] R. Gibbons, *Game Theory for Applied Economists*, Princeton
   University Press, 1992 (published in the UK as *A Primer in Game Theory*,
   Harvester Wheatsheaf, 1992: the same book).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..core._numbers import Number, format_number
from ..core.game import BimatrixGame, as_strategy

__all__ = [
    "Domination",
    "Elimination",
    "EliminationStep",
    "NearTie",
    "best_response_table",
    "best_responses",
    "dominated_strategies",
    "iesds",
    "is_dominance_solvable",
    "near_ties",
    "pure_equilibria",
]

Matrix = list[list[Any]]
"""A payoff matrix as nested lists: all Fractions (exact games) or all floats."""

#: Relative tolerance for games with irrational (float) payoffs.
_FLOAT_TOL = 1e-9
#: Denominators tried, in order, when turning the LP's mix into exact fractions.
_DENOMINATORS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 100, 1000, 10**4, 10**6, 10**9)


# --- validation and small helpers -------------------------------------------------------


def _check_game(game: Any, where: str) -> BimatrixGame:
    if not isinstance(game, BimatrixGame):
        raise TypeError(
            f"{where}() needs a BimatrixGame, got {type(game).__name__}; "
            "build one with BimatrixGame(A, B)"
        )
    return game


def _check_flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return bool(value)


def _player_index(game: BimatrixGame, player: Any) -> int:
    """0 (row), 1 (column) or a player's name, as an index."""
    if isinstance(player, str):
        if player not in game.players:
            raise ValueError(
                f"unknown player {player!r}; expected 0 (row), 1 (column) or one of "
                f"{list(game.players)}"
            )
        return game.players.index(player)
    if isinstance(player, bool | np.bool_) or not isinstance(player, int | np.integer):
        raise TypeError(
            f"player must be 0 (row), 1 (column) or a player's name, got "
            f"{type(player).__name__} {player!r}"
        )
    if player not in (0, 1):
        raise ValueError(
            f"player must be 0 (row), 1 (column) or one of {list(game.players)}, got {player!r}"
        )
    return int(player)


def _matrices(game: BimatrixGame) -> tuple[Matrix, Matrix]:
    """``(A, B)`` as nested lists: Fractions for exact games, floats otherwise."""
    if game.A_exact is not None and game.B_exact is not None:
        return [list(r) for r in game.A_exact], [list(r) for r in game.B_exact]
    return game.A.tolist(), game.B.tolist()


def _own_matrix(game: BimatrixGame, player: int) -> Matrix:
    """The player's payoffs with one row per own strategy, one column per opponent strategy."""
    A, B = _matrices(game)
    if player == 0:
        return A
    return [list(col) for col in zip(*B, strict=True)]


def _tolerance(game: BimatrixGame) -> float:
    """0 for exact games; a small slack, relative to the payoff scale, otherwise."""
    if game.exact:
        return 0.0
    return _FLOAT_TOL * (1.0 + float(max(np.abs(game.A).max(), np.abs(game.B).max())))


def _at_least(x: Any, y: Any, tol: float) -> bool:
    """``x >= y``, exactly when ``tol`` is 0 (never mixing Fractions with floats)."""
    return bool(x >= y) if tol == 0 else bool(x >= y - tol)


def _unit(k: int, size: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(int(i == k)) for i in range(size))


def _opponent_strategy(game: BimatrixGame, opponent: int, against: Any) -> tuple[Number, ...]:
    """A probability vector for ``opponent`` from an index, a label or a vector."""
    size = game.shape[opponent]
    who = f"the strategy of {game.players[opponent]} (against)"
    if isinstance(against, str):
        return _unit(game._index(against, opponent), size)
    if isinstance(against, bool | np.bool_):
        raise TypeError(
            f"{who} must be a strategy index, a label or a list of {size} probabilities, "
            f"got the boolean {against!r}"
        )
    if isinstance(against, int | np.integer):
        return _unit(game._index(int(against), opponent), size)
    return as_strategy(against, size, who)


def _values_against(U: Matrix, y: Sequence[Number], exact: bool) -> list[Number]:
    """Expected payoff of each row of ``U`` against the mixed strategy ``y``."""
    if exact:
        return [sum((row[j] * y[j] for j in range(len(y)) if y[j]), Fraction(0)) for row in U]
    yf = [float(v) for v in y]
    return [float(sum(float(row[j]) * yf[j] for j in range(len(yf)))) for row in U]


# --- best responses ---------------------------------------------------------------------


def best_responses(game: BimatrixGame, player: int | str, against: Any) -> tuple[int, ...]:
    """The pure best responses of ``player`` to the opponent's strategy ``against``.

    Parameters
    ----------
    game : BimatrixGame
        The game.
    player : {0, 1} or str
        0 for the row player, 1 for the column player, or the player's name.
    against : int, str or sequence of numbers
        The opponent's strategy: a pure strategy given by its index or label, or a
        mixed strategy given as a probability vector (exact numbers or floats).

    Returns
    -------
    tuple of int
        Indices of the player's pure strategies that earn the most against
        ``against``, in increasing order. Comparisons are exact when the game and
        ``against`` are exact, so ties are real ties.

    Raises
    ------
    TypeError, ValueError
        For something that is not a game, an unknown player, an unknown label, an
        index out of range, or a probability vector of the wrong length or sum.

    Examples
    --------
    In the Prisoner's Dilemma (Axelrod 1984, ch. 1) defecting is the best response
    to anything:

    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Japan", "US"),
    ...                   row_labels=("Cooperate", "Defect"), col_labels=("Cooperate", "Defect"))
    >>> best_responses(pd, "Japan", "Cooperate"), best_responses(pd, 1, [0.5, 0.5])
    ((1,), (1,))

    In Matching Pennies, against the half-half mix every strategy is a best response:

    >>> mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]])
    >>> best_responses(mp, 0, [1/2, 1/2])
    (0, 1)
    """
    _check_game(game, "best_responses")
    p = _player_index(game, player)
    y = _opponent_strategy(game, 1 - p, against)
    U = _own_matrix(game, p)
    exact = game.exact and all(isinstance(v, Fraction) for v in y)
    values = _values_against(U, y, exact)
    best = max(values)
    tol = 0.0 if exact else _tolerance(game)
    return tuple(i for i, v in enumerate(values) if _at_least(v, best, tol))


def rounded(value: Number | int, digits: int = 3) -> str:
    """``value`` as a table or a sentence shows it: ``digits`` significant digits (whole
    numbers with thousands separators from ``10**digits`` on).

    Examples
    --------
    >>> rounded(-5.5095), rounded(-5.512), rounded(-5.5095, 5)
    ('-5.51', '-5.51', '-5.5095')
    """
    f = float(value)
    return f"{f:.{digits}g}" if abs(f) < 10**digits else f"{f:,.0f}"


def digits_to_tell_apart(a: Number | int, b: Number | int, digits: int = 3) -> int:
    """The fewest significant digits, at least ``digits``, at which ``a`` and ``b`` look
    different (12 at most, for numbers that differ further out).

    Examples
    --------
    >>> digits_to_tell_apart(-5.5095, -5.512)
    4
    """
    d = digits
    while d < 12 and rounded(a, d) == rounded(b, d):
        d += 1
    return d


@dataclass(frozen=True)
class NearTie:
    """A best reply that beats the next best by less than the rounded payoffs show.

    Attributes
    ----------
    player : int
        0 for the row player, 1 for the column player.
    against : int
        The other player's strategy it is a best reply to.
    best, runner_up : int
        The best reply and the next best strategy.
    margin : number
        How much more the best reply pays (positive).
    digits : int
        The significant digits needed to tell the two payoffs apart.
    """

    player: int
    against: int
    best: int
    runner_up: int
    margin: Number
    digits: int

    def describe(
        self, game: BimatrixGame, unit: str = "", names: Sequence[str] | None = None
    ) -> str:
        """In words, with the margin in ``unit`` (``"$bn"`` reads as dollars); ``names``
        are the players as a sentence names them (by default the game's, with "the"
        before a short acronym: "the US")."""
        other = 1 - self.player
        labels, other_labels = game.labels(self.player), game.labels(other)
        who = (
            tuple(names)
            if names is not None
            else tuple(f"the {n}" if n.isupper() and len(n) <= 3 else n for n in game.players)
        )
        margin = rounded(self.margin, 2)
        amount = f"{margin} {unit}".strip()
        if unit.startswith("$bn"):
            amount = f"${margin}bn"
            if abs(float(self.margin)) < 1:  # in millions too: $0.0025bn is about $2.5m
                amount += f", about ${rounded(1000 * self.margin, 2)}m"
        return (
            f"a near tie: against {who[other]} playing {other_labels[self.against]}, "
            f"{who[self.player]}'s {labels[self.best]} beats "
            f"{labels[self.runner_up]} by only {amount}"
        )


def near_ties(game: BimatrixGame, digits: int = 3) -> tuple[NearTie, ...]:
    """The best replies that win by less than ``digits`` significant digits can show.

    A table rounded to three digits shows ``-5.5095`` and ``-5.512`` as the same
    ``-5.51``, yet the first is a strict best reply and an equilibrium may rest on it.
    Each near tie is reported once per player and opponent strategy (the best reply
    against its closest rival), so that tables, headlines and explanations can show it
    as a near tie, not as a tie or as a clear choice.

    Examples
    --------
    >>> g = BimatrixGame([[1, 0], [0, 1]], [[-5.5095, -5.512], [0, 1]])
    >>> [(t.player, t.against, t.best, t.runner_up, t.digits) for t in near_ties(g)]
    [(1, 0, 0, 1, 4)]
    """
    _check_game(game, "near_ties")
    out = []
    for player in (0, 1):
        own = _own_matrix(game, player)  # own strategies x opponent strategies
        k = len(own)
        for against in range(len(own[0])):
            column = [own[s][against] for s in range(k)]
            best = max(column)
            winners = [s for s in range(k) if column[s] == best]
            rivals = [s for s in range(k) if column[s] < best]
            if len(winners) != 1 or not rivals:
                continue
            runner = max(rivals, key=lambda s: column[s])
            if rounded(best, digits) == rounded(column[runner], digits):
                out.append(
                    NearTie(
                        player,
                        against,
                        winners[0],
                        runner,
                        best - column[runner],
                        digits_to_tell_apart(best, column[runner], digits),
                    )
                )
    return tuple(out)


def best_response_table(
    game: BimatrixGame,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Which cells of the payoff table are best responses, for each player.

    Parameters
    ----------
    game : BimatrixGame
        The game (``m`` row strategies, ``n`` column strategies).

    Returns
    -------
    row_best : numpy.ndarray of bool, shape (m, n)
        ``row_best[i, j]`` is True when row ``i`` is a best response to column ``j``
        (the row player's payoff is largest in its column).
    col_best : numpy.ndarray of bool, shape (m, n)
        ``col_best[i, j]`` is True when column ``j`` is a best response to row ``i``
        (the column player's payoff is largest in its row).

    Notes
    -----
    Comparisons are exact when the game is exact. Marking these cells (for example
    by underlining the payoffs) is the classroom method for finding pure
    equilibria: a cell marked for both players is one [Gibbons1992]_ (ch. 1).

    Examples
    --------
    >>> bos = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> row_best, col_best = best_response_table(bos)
    >>> row_best.tolist(), col_best.tolist()
    ([[True, False], [False, True]], [[True, False], [False, True]])
    """
    _check_game(game, "best_response_table")
    A, B = _matrices(game)
    m, n = game.shape
    tol = _tolerance(game)
    col_max = [max(A[i][j] for i in range(m)) for j in range(n)]
    row_max = [max(B[i][j] for j in range(n)) for i in range(m)]
    row_best = np.array([[_at_least(A[i][j], col_max[j], tol) for j in range(n)] for i in range(m)])
    col_best = np.array([[_at_least(B[i][j], row_max[i], tol) for j in range(n)] for i in range(m)])
    return row_best.astype(bool), col_best.astype(bool)


def pure_equilibria(game: BimatrixGame) -> tuple[tuple[int, int], ...]:
    """Every pure-strategy Nash equilibrium, as ``(row index, column index)`` pairs.

    A cell is a pure equilibrium when each player's strategy is a best response
    to the other's [Nash1951]_, i.e. when it is marked for both players in
    :func:`best_response_table`.

    Examples
    --------
    >>> bos = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> pure_equilibria(bos)
    ((0, 0), (1, 1))
    >>> pure_equilibria(BimatrixGame.zero_sum([[1, -1], [-1, 1]]))
    ()
    """
    _check_game(game, "pure_equilibria")
    row_best, col_best = best_response_table(game)
    both = row_best & col_best
    return tuple((int(i), int(j)) for i, j in zip(*np.nonzero(both), strict=True))


# --- dominance --------------------------------------------------------------------------


def _mix_text(labels: Sequence[str], by: Sequence[Number]) -> str:
    support = [k for k, p in enumerate(by) if p > 0]
    if len(support) == 1:
        return f"'{labels[support[0]]}'"
    parts = ", ".join(f"{format_number(by[k])} '{labels[k]}'" for k in support)
    return f"the mix {parts}"


@dataclass(frozen=True)
class Domination:
    """One dominated strategy and a strategy that dominates it.

    Attributes
    ----------
    player : int
        0 for the row player, 1 for the column player.
    strategy : int
        Index of the dominated strategy.
    label : str
        Its label.
    by : tuple of Fraction or float
        The dominating strategy as a probability vector over the player's
        strategies (a pure strategy is a unit vector). Exact fractions whenever the
        game is exact; the domination has then been verified in exact arithmetic.
    strict : bool
        True when ``by`` earns strictly more against every opponent strategy;
        False when it earns at least as much everywhere and more somewhere.
    game : BimatrixGame
        The game the statement is about.
    """

    player: int
    strategy: int
    label: str
    by: tuple[Number, ...]
    strict: bool
    game: BimatrixGame = field(repr=False, compare=False)

    @property
    def by_pure(self) -> int | None:
        """Index of the dominating pure strategy, or None when ``by`` is a proper mix."""
        support = [k for k, p in enumerate(self.by) if p > 0]
        return support[0] if len(support) == 1 else None

    def describe(self) -> str:
        """One plain sentence.

        Examples
        --------
        >>> g = BimatrixGame([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]],
        ...                  players=("Japan", "US"), row_labels=("A", "B", "C"))
        >>> print(dominated_strategies(g, "Japan")[0].describe())
        Japan's 'C' is strictly dominated by the mix 1/2 'A', 1/2 'B'.
        """
        name = self.game.players[self.player]
        labels = self.game.labels(self.player)
        kind = "strictly" if self.strict else "weakly"
        return f"{name}'s '{self.label}' is {kind} dominated by {_mix_text(labels, self.by)}."


def _margins(D: Matrix, sigma: Sequence[Any]) -> list[Any]:
    """Margins ``sum_l sigma_l D[l][j]`` of a mix over the rows of ``D``, per column."""
    cols = len(D[0])
    return [
        sum((sigma[q] * D[q][j] for q in range(len(D)) if sigma[q]), 0 * D[0][j])
        for j in range(cols)
    ]


def _dominates(margins: Sequence[Any], weak: bool, tol: float) -> bool:
    if weak:
        return all(v >= -tol for v in margins) and any(v > tol for v in margins)
    return all(v > tol for v in margins)


def _solve_exact(
    M: list[list[Fraction]], rhs: list[Fraction], guess: list[Fraction]
) -> list[Fraction] | None:
    """A solution of ``M x = rhs`` (exact); free variables keep their ``guess`` values."""
    rows, n = len(M), len(guess)
    a = [[*M[r], rhs[r]] for r in range(rows)]
    pivots: list[int] = []
    r = 0
    for c in range(n):
        p = next((k for k in range(r, rows) if a[k][c] != 0), None)
        if p is None:
            continue
        a[r], a[p] = a[p], a[r]
        piv = a[r][c]
        a[r] = [v / piv for v in a[r]]
        for k in range(rows):
            if k != r and a[k][c] != 0:
                f = a[k][c]
                a[k] = [v - f * w for v, w in zip(a[k], a[r], strict=True)]
        pivots.append(c)
        r += 1
        if r == rows:
            break
    if any(all(v == 0 for v in a[k][:n]) and a[k][n] != 0 for k in range(rows)):
        return None  # inconsistent
    x = guess[:]
    for k, c in enumerate(pivots):
        x[c] = a[k][n] - sum((a[k][j] * x[j] for j in range(n) if j not in pivots), Fraction(0))
    return x


def _exact_mix(
    D: list[list[Fraction]], approx: Sequence[float], weak: bool
) -> tuple[Fraction, ...] | None:
    """Turn the LP's float mix into exact fractions that verifiably dominate, or None."""
    k = len(D)
    support = [lidx for lidx in range(k) if approx[lidx] > 1e-9]
    if not support:
        return None
    for denominator in _DENOMINATORS:
        sigma = [
            Fraction(approx[lidx]).limit_denominator(denominator)
            if lidx in support
            else Fraction(0)
            for lidx in range(k)
        ]
        total = sum(sigma, Fraction(0))
        if total <= 0 or any(s < 0 for s in sigma):
            continue
        sigma = [s / total for s in sigma]
        if _dominates(_margins(D, sigma), weak, 0.0):
            return tuple(sigma)
    # Re-solve on the support: the constraints that are tight at the LP optimum hold
    # with equality, the rest of the mix stays as close to the LP's as fractions allow.
    scale = max(1.0, max(abs(float(v)) for row in D for v in row))
    float_margins = [
        sum(approx[lidx] * float(D[lidx][j]) for lidx in support) for j in range(len(D[0]))
    ]
    tight = [j for j, v in enumerate(float_margins) if abs(v) <= 1e-7 * scale]
    M = [[Fraction(1) for _ in support]] + [[D[lidx][j] for lidx in support] for j in tight]
    rhs = [Fraction(1)] + [Fraction(0) for _ in tight]
    guess = [Fraction(approx[lidx]).limit_denominator(10**9) for lidx in support]
    x = _solve_exact(M, rhs, guess)
    if x is None or any(v < 0 for v in x):
        return None
    sigma = [Fraction(0)] * k
    for pos, lidx in enumerate(support):
        sigma[lidx] = x[pos]
    if sum(sigma, Fraction(0)) == 1 and _dominates(_margins(D, sigma), weak, 0.0):
        return tuple(sigma)
    return None


def _lp_dominator(D: Matrix, weak: bool, exact: bool, tol: float) -> tuple[Number, ...] | None:
    """A mix over the rows of ``D`` (margins over the dominated strategy) that dominates.

    Strict: maximise ``t`` subject to ``sum_l s_l D[l][j] >= t`` for every column.
    Weak: maximise the total margin subject to every margin being ``>= 0``.
    """
    from scipy.optimize import linprog

    Df = np.array([[float(v) for v in row] for row in D], dtype=float)
    scale = float(np.abs(Df).max())
    if scale == 0.0:
        return None
    Ds = Df / scale
    k, n = Ds.shape
    if weak:
        res = linprog(
            -Ds.sum(axis=1),
            A_ub=-Ds.T,
            b_ub=np.zeros(n),
            A_eq=np.ones((1, k)),
            b_eq=[1.0],
            bounds=[(0, None)] * k,
            method="highs",
        )
        if res.status != 0 or -res.fun <= 1e-9:
            return None
        approx = np.clip(res.x, 0.0, None)
    else:
        res = linprog(
            np.r_[np.zeros(k), -1.0],
            A_ub=np.c_[-Ds.T, np.ones(n)],
            b_ub=np.zeros(n),
            A_eq=np.r_[np.ones(k), 0.0].reshape(1, -1),
            b_eq=[1.0],
            bounds=[(0, None)] * k + [(None, None)],
            method="highs",
        )
        if res.status != 0 or -res.fun <= 1e-9:
            return None
        approx = np.clip(res.x[:k], 0.0, None)
    approx = approx / approx.sum()
    if exact:
        sigma = _exact_mix(D, [float(v) for v in approx], weak)
        if sigma is None:
            warnings.warn(
                "the linear program suggests a domination by a mixed strategy that could not be "
                "verified in exact arithmetic, so it is not reported",
                RuntimeWarning,
                stacklevel=4,
            )
        return sigma
    sigma_f = tuple(float(v) for v in approx)
    return sigma_f if _dominates(_margins(D, sigma_f), weak, tol) else None


def _find_dominator(
    U: Matrix, k: int, *, weak: bool, mixed: bool, exact: bool, tol: float
) -> tuple[tuple[Number, ...], bool] | None:
    """A strategy dominating row ``k`` of ``U`` (as a probability vector) and whether strictly.

    Stronger statements first: pure strict, mixed strict, then (only when ``weak``)
    pure weak and mixed weak.
    """
    size = len(U)
    others = [lidx for lidx in range(size) if lidx != k]
    if not others:
        return None
    D = [[U[lidx][j] - U[k][j] for j in range(len(U[k]))] for lidx in others]

    def spread(sub: Sequence[Number]) -> tuple[Number, ...]:
        full: list[Number] = [Fraction(0) if exact else 0.0] * size
        for pos, lidx in enumerate(others):
            full[lidx] = sub[pos]
        return tuple(full)

    unit_of = [
        tuple((Fraction(int(q == pos)) if exact else float(q == pos)) for q in range(len(others)))
        for pos in range(len(others))
    ]
    passes = [(False, False), (False, True)] + ([(True, False), (True, True)] if weak else [])
    for is_weak, use_lp in passes:
        if not use_lp:
            for pos in range(len(others)):
                if _dominates(D[pos], is_weak, tol):
                    return spread(unit_of[pos]), not is_weak
        elif mixed and len(others) >= 2:
            # With one alternative a mix is a pure strategy, already checked. A mix that
            # puts weight on k itself dominates k only if its other part does, so k is left out.
            sigma = _lp_dominator(D, is_weak, exact, tol)
            if sigma is not None:
                return spread(sigma), _dominates(_margins(D, sigma), False, tol)
    return None


def dominated_strategies(
    game: BimatrixGame, player: int | str, *, strict: bool = True, mixed: bool = True
) -> tuple[Domination, ...]:
    """The dominated strategies of one player, each with a strategy that dominates it.

    Parameters
    ----------
    game : BimatrixGame
        The game.
    player : {0, 1} or str
        0 for the row player, 1 for the column player, or the player's name.
    strict : bool, default True
        True: report strictly dominated strategies only. False: report every weakly
        dominated strategy (at least as good everywhere, better somewhere); each
        :class:`Domination` says whether the domination found is in fact strict.
    mixed : bool, default True
        Also look for domination by mixed strategies (a linear program). With
        False only pure strategies are tried as dominators.

    Returns
    -------
    tuple of Domination
        One entry per dominated strategy, in index order. The strongest statement
        found is reported: strict domination before weak, and for equally strong
        ones a pure dominator before a mix.

    Notes
    -----
    Pure domination is checked exactly. Domination by a mix is searched with
    :func:`scipy.optimize.linprog` (``method="highs"``), maximising the smallest
    margin (strict) or the total margin subject to no negative margin (weak); on
    exact games the mix found is then made exact (rationalised, or re-solved on
    its support with fractions) and verified in exact arithmetic, and a
    domination that cannot be verified is not reported (with a RuntimeWarning).
    A domination by a mix whose margin is below 1e-9 of the largest payoff
    difference is too thin for the LP to see. On games with irrational payoffs,
    comparisons use a tolerance of 1e-9 relative to the largest payoff.

    Examples
    --------
    Fudenberg and Tirole (1991, section 2.1): the middle row is beaten by a mix only.

    >>> g = BimatrixGame([[2, -1], [0, 0], [-1, 2]], [[1, 1], [1, 1], [1, 1]],
    ...                  players=("Japan", "US"), row_labels=("Retaliate", "Wait", "Concede"))
    >>> [d.describe() for d in dominated_strategies(g, "Japan")]
    ["Japan's 'Wait' is strictly dominated by the mix 1/2 'Retaliate', 1/2 'Concede'."]
    >>> dominated_strategies(g, "Japan", mixed=False)
    ()

    Weak dominance: against column 1 both rows tie.

    >>> h = BimatrixGame([[1, 1], [1, 0]], [[0, 0], [0, 0]])
    >>> dominated_strategies(h, 0), dominated_strategies(h, 0, strict=False)[0].describe()
    ((), "Row's 'R2' is weakly dominated by 'R1'.")
    """
    _check_game(game, "dominated_strategies")
    p = _player_index(game, player)
    strict = _check_flag(strict, "strict")
    mixed = _check_flag(mixed, "mixed")
    U = _own_matrix(game, p)
    tol = _tolerance(game)
    labels = game.labels(p)
    found = []
    for k in range(len(U)):
        hit = _find_dominator(U, k, weak=not strict, mixed=mixed, exact=game.exact, tol=tol)
        if hit is not None:
            by, is_strict = hit
            found.append(
                Domination(
                    player=p, strategy=k, label=labels[k], by=by, strict=is_strict, game=game
                )
            )
    return tuple(found)


# --- iterated elimination ---------------------------------------------------------------


@dataclass(frozen=True)
class EliminationStep:
    """One deletion in :func:`iesds`.

    Attributes
    ----------
    round : int
        The round (1, 2, ...) in which the strategy was deleted; all strategies
        deleted in one round are strictly dominated in the game left after the
        previous round.
    player : int
        0 for the row player, 1 for the column player.
    strategy : int
        Index of the deleted strategy in the *original* game.
    label : str
        Its label.
    by : tuple of Fraction or float
        A strategy that strictly dominates it in that round's game, as a
        probability vector over the player's strategies in the original game
        (zero on strategies already deleted).
    text : str
        The step in plain words.
    """

    round: int
    player: int
    strategy: int
    label: str
    by: tuple[Number, ...]
    text: str


@dataclass(frozen=True)
class Elimination:
    """The result of iterated elimination of strictly dominated strategies.

    Attributes
    ----------
    game : BimatrixGame
        The original game.
    steps : tuple of EliminationStep
        Every deletion, in order.
    reduced : BimatrixGame
        The game that survives, with the original labels, names and title.
    rows, cols : tuple of int
        Original indices of the surviving row and column strategies.
    """

    game: BimatrixGame = field(repr=False)
    steps: tuple[EliminationStep, ...]
    reduced: BimatrixGame
    rows: tuple[int, ...]
    cols: tuple[int, ...]

    @property
    def rounds(self) -> int:
        """Number of rounds in which something was deleted."""
        return max((s.round for s in self.steps), default=0)

    @property
    def solved(self) -> bool:
        """True when one strategy is left for each player (the game is dominance solvable)."""
        return len(self.rows) == 1 and len(self.cols) == 1

    def describe(self) -> str:
        """Numbered lines of plain English, ending with what survives.

        Examples
        --------
        >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Japan", "US"),
        ...                   row_labels=("Cooperate", "Defect"), col_labels=("Cooperate", "Defect"))
        >>> print(iesds(pd).describe())
        1. Round 1: Japan's 'Cooperate' is strictly dominated by 'Defect'; delete it.
        2. Round 1: US's 'Cooperate' is strictly dominated by 'Defect'; delete it.
        Left: Japan plays Defect; US plays Defect. The game is dominance solvable.
        """
        lines = [f"{n}. {s.text}" for n, s in enumerate(self.steps, start=1)]
        if not lines:
            lines.append("No strategy is strictly dominated, so nothing is deleted.")
        g = self.game
        parts = []
        for who, kept in ((0, self.rows), (1, self.cols)):
            labels = [g.labels(who)[k] for k in kept]
            verb = "plays" if len(labels) == 1 else "keeps"
            parts.append(f"{g.players[who]} {verb} {', '.join(labels)}")
        tail = " The game is dominance solvable." if self.solved else ""
        lines.append("Left: " + "; ".join(parts) + "." + tail)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()


def _subgame(game: BimatrixGame, rows: Sequence[int], cols: Sequence[int]) -> BimatrixGame:
    A, B = _matrices(game)
    return BimatrixGame(
        [[A[i][j] for j in cols] for i in rows],
        [[B[i][j] for j in cols] for i in rows],
        players=game.players,
        row_labels=[game.row_labels[i] for i in rows],
        col_labels=[game.col_labels[j] for j in cols],
        title=game.title,
    )


def iesds(game: BimatrixGame, *, mixed: bool = True) -> Elimination:
    """Iterated elimination of strictly dominated strategies, with the full trace.

    Each round deletes, for both players at once, every strategy that is strictly
    dominated in the game left after the previous round; rounds continue until no
    strategy is dominated.

    Parameters
    ----------
    game : BimatrixGame
        The game.
    mixed : bool, default True
        Also delete strategies dominated only by a mixed strategy. With False only
        domination by pure strategies counts (as in many introductory texts).

    Returns
    -------
    Elimination
        The steps, the surviving game and the surviving original indices.

    Notes
    -----
    The order in which strictly dominated strategies are deleted does not change
    the surviving game [GKZ1990]_; with domination by mixed strategies the
    survivors are the rationalizable strategies of a two-player game [OR1994]_
    (section 4.2). No strategy played with positive probability in a Nash
    equilibrium is ever deleted.

    Examples
    --------
    The game of Gibbons (1992, section 1.1.B): Right, then Down, then Left go.

    >>> g = BimatrixGame([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
    ...                  row_labels=("Up", "Down"), col_labels=("Left", "Middle", "Right"))
    >>> result = iesds(g)
    >>> print(result.describe())
    1. Round 1: Column's 'Right' is strictly dominated by 'Middle'; delete it.
    2. Round 2: Row's 'Down' is strictly dominated by 'Up'; delete it.
    3. Round 3: Column's 'Left' is strictly dominated by 'Middle'; delete it.
    Left: Row plays Up; Column plays Middle. The game is dominance solvable.
    >>> result.rows, result.cols, result.reduced.shape
    ((0,), (1,), (1, 1))
    """
    _check_game(game, "iesds")
    mixed = _check_flag(mixed, "mixed")
    A, B = _matrices(game)
    tol = _tolerance(game)
    exact = game.exact
    alive: list[list[int]] = [list(range(game.shape[0])), list(range(game.shape[1]))]
    steps: list[EliminationStep] = []
    round_no = 0
    while True:
        round_no += 1
        rows, cols = alive
        own = [
            [[A[i][j] for j in cols] for i in rows],
            [[B[i][j] for i in rows] for j in cols],
        ]
        deleted: list[set[int]] = [set(), set()]
        for p in (0, 1):
            kept = alive[p]
            labels = game.labels(p)
            for pos in range(len(kept)):
                hit = _find_dominator(own[p], pos, weak=False, mixed=mixed, exact=exact, tol=tol)
                if hit is None:
                    continue
                sub_by, _ = hit
                by: list[Number] = [Fraction(0) if exact else 0.0] * game.shape[p]
                for q, orig in enumerate(kept):
                    by[orig] = sub_by[q]
                orig_k = kept[pos]
                text = (
                    f"Round {round_no}: {game.players[p]}'s '{labels[orig_k]}' is strictly "
                    f"dominated by {_mix_text(labels, by)}; delete it."
                )
                steps.append(
                    EliminationStep(
                        round=round_no,
                        player=p,
                        strategy=orig_k,
                        label=labels[orig_k],
                        by=tuple(by),
                        text=text,
                    )
                )
                deleted[p].add(orig_k)
        if not deleted[0] and not deleted[1]:
            break
        alive = [[k for k in alive[p] if k not in deleted[p]] for p in (0, 1)]
    rows_t, cols_t = tuple(alive[0]), tuple(alive[1])
    return Elimination(
        game=game,
        steps=tuple(steps),
        reduced=_subgame(game, rows_t, cols_t),
        rows=rows_t,
        cols=cols_t,
    )


def is_dominance_solvable(game: BimatrixGame, *, mixed: bool = True) -> bool:
    """Whether iterated strict dominance leaves a single strategy for each player.

    Such a game is "solvable by iterated strict dominance" [FT1991]_ (section 2.1):
    the surviving profile is then its unique Nash equilibrium.

    Examples
    --------
    >>> is_dominance_solvable(BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    True
    >>> is_dominance_solvable(BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    False
    """
    return iesds(game, mixed=mixed).solved
