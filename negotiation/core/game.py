"""Two-player normal-form (bimatrix) games.

A bimatrix game is given by two payoff matrices of the same shape: ``A[i, j]``
is what the row player gets and ``B[i, j]`` what the column player gets when
the row player picks strategy ``i`` and the column player strategy ``j``
[Nash1951]_. A *mixed strategy* is a probability vector over a player's pure
strategies, and a pair of mixed strategies is a *Nash equilibrium* when each is
a best response to the other.

:class:`BimatrixGame` is immutable and keeps payoffs exactly (as fractions)
whenever they were given exactly, so equilibria can be reported as ``2/3``
rather than ``0.6666666666666666``. :meth:`BimatrixGame.to_nashpy` is the one
place where the convention "rows are the first player, ``A`` and ``B`` have
equal shapes" meets nashpy.

References
----------
.. [Nash1951] J. Nash, "Non-cooperative games", *Annals of Mathematics* 54(2),
   286-295, 1951.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ._numbers import Number, as_payoff_matrix, format_number, to_exact

if TYPE_CHECKING:
    import nashpy

__all__ = ["BimatrixGame", "as_strategy"]

ExactMatrix = tuple[tuple[Fraction, ...], ...]


def _check_labels(
    labels: Sequence[str] | None, count: int, what: str, default: str
) -> tuple[str, ...]:
    if labels is None:
        return tuple(f"{default}{k + 1}" for k in range(count))
    if isinstance(labels, str):
        raise TypeError(
            f"{what} must be a list of {count} strings, got the single string {labels!r}"
        )
    labels = tuple(labels)
    if len(labels) != count:
        raise ValueError(
            f"{what} must have {count} entries (one per strategy), got {len(labels)}: {labels!r}"
        )
    for k, label in enumerate(labels):
        if not isinstance(label, str):
            raise TypeError(f"{what}[{k}] must be a string, got {type(label).__name__} {label!r}")
        if not label.strip():
            raise ValueError(f"{what}[{k}] must be a non-empty label, got {label!r}")
    seen: dict[str, int] = {}
    for k, label in enumerate(labels):
        if label in seen:
            raise ValueError(
                f"{what} has the duplicate label {label!r} at positions {seen[label]} and {k}; labels must be unique"
            )
        seen[label] = k
    return labels


def _check_players(players: Sequence[str]) -> tuple[str, str]:
    if isinstance(players, str):
        raise TypeError(f"players must be two names, got the single string {players!r}")
    players = tuple(players)
    if len(players) != 2:
        raise ValueError(
            f"players must be two names (row player, column player), got {len(players)}: {players!r}"
        )
    for k, name in enumerate(players):
        if not isinstance(name, str):
            raise TypeError(f"players[{k}] must be a string, got {type(name).__name__} {name!r}")
        if not name.strip():
            raise ValueError(f"players[{k}] must be a non-empty name, got {name!r}")
    if players[0] == players[1]:
        raise ValueError(f"players must have two different names, got {players[0]!r} twice")
    return players[0], players[1]


def as_strategy(strategy: Any, size: int, who: str = "strategy") -> tuple[Number, ...]:
    """Validate a mixed strategy: ``size`` non-negative numbers summing to one.

    Exact input (ints, Fractions, decimals) stays exact and must sum to exactly 1;
    floats may be off by at most ``1e-9``.

    Examples
    --------
    >>> as_strategy([0.5, 0.5], 2)
    (Fraction(1, 2), Fraction(1, 2))
    >>> as_strategy([1, 1], 2)
    Traceback (most recent call last):
    ...
    ValueError: strategy must sum to 1, got 2 (entries (1, 1))
    """
    if isinstance(strategy, str | bytes):
        raise TypeError(
            f"{who} must be a list of {size} probabilities, got the string {strategy!r}"
        )
    try:
        values = (
            list(np.asarray(strategy, dtype=object).ravel())
            if isinstance(strategy, np.ndarray)
            else list(strategy)
        )
    except TypeError:
        raise TypeError(
            f"{who} must be a list of {size} probabilities, got {type(strategy).__name__}"
        ) from None
    if len(values) != size:
        raise ValueError(
            f"{who} must have {size} probabilities (one per strategy), got {len(values)}"
        )
    probs = tuple(to_exact(v, f"{who}[{k}]") for k, v in enumerate(values))
    for k, p in enumerate(probs):
        if p < 0:
            raise ValueError(
                f"{who}[{k}] is a negative probability {format_number(p)}; probabilities must be >= 0"
            )
    total = sum(probs)
    if all(isinstance(p, Fraction) for p in probs):
        # Exact input must sum to one exactly, unless it came from floats that are close.
        if total != 1 and abs(float(total) - 1) > 1e-9:
            shown = ", ".join(format_number(p) for p in probs)
            raise ValueError(f"{who} must sum to 1, got {format_number(total)} (entries ({shown}))")
        if total != 1:
            return tuple(float(p) / float(total) for p in probs)
        return probs
    if abs(float(total) - 1) > 1e-9:
        raise ValueError(f"{who} must sum to 1, got {float(total):.6g}")
    return probs


class BimatrixGame:
    """An immutable two-player game in normal form.

    Parameters
    ----------
    A : array_like
        The row player's payoffs, one row per row strategy.
    B : array_like
        The column player's payoffs, same shape as ``A``.
    players : pair of str, optional
        Names of the row and column players.
    row_labels, col_labels : sequence of str, optional
        Names of the strategies (default ``R1, R2, ...`` and ``C1, C2, ...``).
    title : str, optional
        A short title used in tables and plots.

    Notes
    -----
    Payoffs may be ints, floats, :class:`~fractions.Fraction`, :class:`~decimal.Decimal`,
    numpy numbers or sympy numbers. They are kept exactly when every entry is
    rational (a float counts as the decimal it prints as), which :attr:`exact`
    reports. Strings are refused, never parsed.

    Examples
    --------
    The Prisoner's Dilemma:

    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                   players=("Japan", "US"),
    ...                   row_labels=("Cooperate", "Defect"), col_labels=("Cooperate", "Defect"))
    >>> pd.shape
    (2, 2)
    >>> pd.payoff("Defect", "Defect")
    (Fraction(1, 1), Fraction(1, 1))
    >>> pd.exact
    True
    """

    __slots__ = (
        "_A",
        "_A_exact",
        "_B",
        "_B_exact",
        "_col_labels",
        "_hash",
        "_players",
        "_row_labels",
        "_title",
    )

    def __init__(
        self,
        A: Any,
        B: Any,
        *,
        players: Sequence[str] = ("Row", "Column"),
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
        title: str = "",
    ) -> None:
        A_float, A_exact = as_payoff_matrix(A, "A")
        B_float, B_exact = as_payoff_matrix(B, "B")
        if A_float.shape != B_float.shape:
            raise ValueError(
                f"A and B must have the same shape (rows = row player's strategies, columns = "
                f"column player's strategies), got A {A_float.shape} and B {B_float.shape}"
            )
        if not isinstance(title, str):
            raise TypeError(f"title must be a string, got {type(title).__name__}")
        exact = A_exact is not None and B_exact is not None
        self._A = A_float
        self._B = B_float
        self._A_exact: ExactMatrix | None = A_exact if exact else None
        self._B_exact: ExactMatrix | None = B_exact if exact else None
        self._players = _check_players(players)
        m, n = A_float.shape
        self._row_labels = _check_labels(row_labels, m, "row_labels", "R")
        self._col_labels = _check_labels(col_labels, n, "col_labels", "C")
        self._title = title
        self._hash: int | None = None

    @classmethod
    def zero_sum(cls, A: Any, **kwargs: Any) -> BimatrixGame:
        """A zero-sum game: the column player gets ``-A``.

        Examples
        --------
        >>> BimatrixGame.zero_sum([[1, -1], [-1, 1]]).payoff(0, 1)
        (Fraction(-1, 1), Fraction(1, 1))
        """
        floats, exact = as_payoff_matrix(A, "A")
        B = [[-v for v in row] for row in exact] if exact is not None else -floats
        return cls(exact if exact is not None else floats, B, **kwargs)

    # --- attributes -------------------------------------------------------------------
    @property
    def A(self) -> npt.NDArray[np.float64]:
        """The row player's payoffs as a read-only float array."""
        return self._A

    @property
    def B(self) -> npt.NDArray[np.float64]:
        """The column player's payoffs as a read-only float array."""
        return self._B

    @property
    def A_exact(self) -> ExactMatrix | None:
        """The row player's payoffs as Fractions, or ``None`` if not exact."""
        return self._A_exact

    @property
    def B_exact(self) -> ExactMatrix | None:
        """The column player's payoffs as Fractions, or ``None`` if not exact."""
        return self._B_exact

    @property
    def exact(self) -> bool:
        """Whether every payoff is rational and kept exactly."""
        return self._A_exact is not None

    @property
    def players(self) -> tuple[str, str]:
        """Names of the row and the column player."""
        return self._players

    @property
    def row_labels(self) -> tuple[str, ...]:
        """Names of the row player's strategies."""
        return self._row_labels

    @property
    def col_labels(self) -> tuple[str, ...]:
        """Names of the column player's strategies."""
        return self._col_labels

    @property
    def title(self) -> str:
        """A short title for tables and plots."""
        return self._title

    @property
    def shape(self) -> tuple[int, int]:
        """``(number of row strategies, number of column strategies)``."""
        m, n = self._A.shape
        return int(m), int(n)

    def labels(self, player: int) -> tuple[str, ...]:
        """The strategy labels of player 0 (row) or 1 (column)."""
        if player not in (0, 1):
            raise ValueError(f"player must be 0 (row) or 1 (column), got {player!r}")
        return self._row_labels if player == 0 else self._col_labels

    def payoff_matrices(self, exact: bool = False) -> tuple[Any, Any]:
        """``(A, B)`` as float arrays, or as nested tuples of Fractions with ``exact=True``."""
        if exact:
            if self._A_exact is None:
                raise ValueError("this game has irrational payoffs, so there are no exact matrices")
            return self._A_exact, self._B_exact
        return self._A, self._B

    # --- look-ups ---------------------------------------------------------------------
    def index(self, strategy: int | str, player: int) -> int:
        """The index of ``strategy`` (a label or an index) of player 0 (row) or 1 (column).

        Examples
        --------
        >>> BimatrixGame([[1, 2]], [[3, 4]], col_labels=("Hold", "Cut")).index("Cut", 1)
        1
        """
        if player not in (0, 1):
            raise ValueError(f"player must be 0 (row) or 1 (column), got {player!r}")
        return self._index(strategy, player)

    def _index(self, key: int | str, player: int) -> int:
        labels = self.labels(player)
        what = "row" if player == 0 else "column"
        if isinstance(key, str):
            try:
                return labels.index(key)
            except ValueError:
                raise ValueError(
                    f"unknown {what} strategy {key!r}; expected one of {list(labels)}"
                ) from None
        if isinstance(key, bool) or not isinstance(key, int | np.integer):
            raise TypeError(f"{what} strategy must be a label or an index, got {key!r}")
        if not 0 <= key < len(labels):
            raise ValueError(f"{what} strategy index {key} is out of range 0..{len(labels) - 1}")
        return int(key)

    def payoff(self, row: int | str, col: int | str) -> tuple[Number, Number]:
        """Payoffs ``(row player, column player)`` of a pure profile, exact when possible."""
        i, j = self._index(row, 0), self._index(col, 1)
        if self._A_exact is not None and self._B_exact is not None:
            return self._A_exact[i][j], self._B_exact[i][j]
        return float(self._A[i, j]), float(self._B[i, j])

    def expected_payoffs(self, row: Any, col: Any) -> tuple[Number, Number]:
        """Expected payoffs of a pair of mixed strategies, exact when both are exact.

        Examples
        --------
        >>> mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]])
        >>> mp.expected_payoffs([0.5, 0.5], [1, 0])
        (Fraction(0, 1), Fraction(0, 1))
        """
        m, n = self.shape
        x = as_strategy(row, m, "row strategy")
        y = as_strategy(col, n, "column strategy")
        if (
            self._A_exact is not None
            and self._B_exact is not None
            and all(isinstance(v, Fraction) for v in (*x, *y))
        ):
            A, B = self._A_exact, self._B_exact
            u = sum(x[i] * A[i][j] * y[j] for i in range(m) for j in range(n) if x[i] and y[j])
            v = sum(x[i] * B[i][j] * y[j] for i in range(m) for j in range(n) if x[i] and y[j])
            return Fraction(u), Fraction(v)
        xf = np.array([float(v) for v in x])
        yf = np.array([float(v) for v in y])
        return float(xf @ self._A @ yf), float(xf @ self._B @ yf)

    # --- transformations --------------------------------------------------------------
    def replace(self, **changes: Any) -> BimatrixGame:
        """A copy with some of ``A``, ``B``, ``players``, ``row_labels``, ``col_labels``, ``title`` changed."""
        allowed = {"A", "B", "players", "row_labels", "col_labels", "title"}
        unknown = set(changes) - allowed
        if unknown:
            raise TypeError(
                f"replace() got unknown field(s) {sorted(unknown)}; allowed: {sorted(allowed)}"
            )
        fields: dict[str, Any] = {
            "A": self._A_exact if self._A_exact is not None else self._A,
            "B": self._B_exact if self._B_exact is not None else self._B,
            "players": self._players,
            "row_labels": self._row_labels,
            "col_labels": self._col_labels,
            "title": self._title,
        }
        fields.update(changes)
        A, B = fields.pop("A"), fields.pop("B")
        return BimatrixGame(A, B, **fields)

    def transpose(self) -> BimatrixGame:
        """The same game with the players' roles swapped (the column player becomes the row player).

        Examples
        --------
        >>> g = BimatrixGame([[1, 2]], [[3, 4]], players=("US", "Japan"))
        >>> t = g.transpose()
        >>> t.players, t.shape, t.payoff(1, 0)
        (('Japan', 'US'), (2, 1), (Fraction(4, 1), Fraction(2, 1)))
        """
        A = self._A_exact if self._A_exact is not None else self._A
        B = self._B_exact if self._B_exact is not None else self._B
        return BimatrixGame(
            [list(r) for r in zip(*B, strict=True)],
            [list(r) for r in zip(*A, strict=True)],
            players=(self._players[1], self._players[0]),
            row_labels=self._col_labels,
            col_labels=self._row_labels,
            title=self._title,
        )

    def subgame(self, rows: Sequence[int | str], cols: Sequence[int | str]) -> BimatrixGame:
        """The game restricted to some strategies (labels are kept).

        Examples
        --------
        >>> g = BimatrixGame([[1, 2], [3, 4]], [[5, 6], [7, 8]], row_labels=("a", "b"))
        >>> sub = g.subgame(["b"], [0, 1])
        >>> sub.shape, sub.payoff("b", "C2")
        ((1, 2), (Fraction(4, 1), Fraction(8, 1)))
        """
        r = [self._index(k, 0) for k in rows]
        c = [self._index(k, 1) for k in cols]
        for picked, what in ((r, "rows"), (c, "cols")):
            if not picked:
                raise ValueError(f"subgame needs at least one of the {what}, got none")
            if len(set(picked)) != len(picked):
                raise ValueError(f"subgame {what} must not repeat a strategy, got {list(picked)}")
        A = self._A_exact if self._A_exact is not None else self._A
        B = self._B_exact if self._B_exact is not None else self._B
        return BimatrixGame(
            [[A[i][j] for j in c] for i in r],
            [[B[i][j] for j in c] for i in r],
            players=self._players,
            row_labels=[self._row_labels[i] for i in r],
            col_labels=[self._col_labels[j] for j in c],
            title=self._title,
        )

    def permute(self, row_order: Sequence[int], col_order: Sequence[int]) -> BimatrixGame:
        """Reorder the strategies: new row ``k`` is old row ``row_order[k]`` (labels move too)."""
        m, n = self.shape
        for order, size, what in ((row_order, m, "row_order"), (col_order, n, "col_order")):
            if sorted(int(k) for k in order) != list(range(size)):
                raise ValueError(
                    f"{what} must be a permutation of 0..{size - 1}, got {list(order)}"
                )
        A = self._A_exact if self._A_exact is not None else self._A
        B = self._B_exact if self._B_exact is not None else self._B
        return BimatrixGame(
            [[A[i][j] for j in col_order] for i in row_order],
            [[B[i][j] for j in col_order] for i in row_order],
            players=self._players,
            row_labels=[self._row_labels[i] for i in row_order],
            col_labels=[self._col_labels[j] for j in col_order],
            title=self._title,
        )

    def to_nashpy(self) -> nashpy.Game:
        """The game as a :class:`nashpy.Game` (float payoffs).

        Examples
        --------
        >>> BimatrixGame([[1, 0], [0, 1]], [[1, 0], [0, 1]]).to_nashpy()
        Bi matrix game with payoff matrices:
        ...
        """
        import nashpy

        return nashpy.Game(np.array(self._A), np.array(self._B))

    # --- comparison and display -------------------------------------------------------
    def _key(self) -> tuple[Any, ...]:
        payoffs: Any = (
            (self._A_exact, self._B_exact)
            if self.exact
            else (self._A.tobytes(), self._B.tobytes(), self.shape)
        )
        return (payoffs, self._players, self._row_labels, self._col_labels, self._title)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BimatrixGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self._key())
        return self._hash

    def __repr__(self) -> str:
        m, n = self.shape
        title = f" {self._title!r}" if self._title else ""
        return f"<BimatrixGame{title} {m}x{n}: {self._players[0]} vs {self._players[1]}>"

    def __str__(self) -> str:
        return self.table()

    def table(self) -> str:
        """The payoff table as plain text, ``row payoff, column payoff`` in each cell.

        Examples
        --------
        >>> print(BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]]).table())
        Row \\ Column |  C1  |  C2
        R1           | 3, 3 | 0, 5
        R2           | 5, 0 | 1, 1
        """
        m, n = self.shape
        cells = [
            [
                f"{format_number(self._cell(i, j)[0])}, {format_number(self._cell(i, j)[1])}"
                for j in range(n)
            ]
            for i in range(m)
        ]
        corner = f"{self._players[0]} \\ {self._players[1]}"
        first = max(len(corner), *(len(s) for s in self._row_labels))
        widths = [
            max(len(self._col_labels[j]), *(len(cells[i][j]) for i in range(m))) for j in range(n)
        ]
        lines = [
            corner.ljust(first)
            + " | "
            + " | ".join(self._col_labels[j].center(widths[j]) for j in range(n))
        ]
        for i in range(m):
            lines.append(
                self._row_labels[i].ljust(first)
                + " | "
                + " | ".join(cells[i][j].center(widths[j]) for j in range(n))
            )
        out = "\n".join(line.rstrip() for line in lines)
        return (self._title + "\n" + out) if self._title else out

    def _cell(self, i: int, j: int) -> tuple[Number, Number]:
        if self._A_exact is not None and self._B_exact is not None:
            return self._A_exact[i][j], self._B_exact[i][j]
        return float(self._A[i, j]), float(self._B[i, j])

    def _repr_html_(self) -> str:
        m, n = self.shape
        esc = html.escape
        head = "".join(f"<th>{esc(c)}</th>" for c in self._col_labels)
        body = "".join(
            f"<tr><th>{esc(self._row_labels[i])}</th>"
            + "".join(
                f"<td>{format_number(self._cell(i, j)[0])}, {format_number(self._cell(i, j)[1])}</td>"
                for j in range(n)
            )
            + "</tr>"
            for i in range(m)
        )
        caption = f"<caption>{esc(self._title)}</caption>" if self._title else ""
        corner = f"{esc(self._players[0])} \\ {esc(self._players[1])}"
        return f"<table>{caption}<tr><th>{corner}</th>{head}</tr>{body}</table>"
