"""Best responses as pictures: the 2x2 best-response diagram and best-response functions.

**The best-response diagram** of a 2x2 game (Gibbons 1992, section 1.3.A) has the
row player's probability ``p`` of her first strategy across and the column
player's probability ``q`` of his first strategy up. The row player's best
response to each ``q`` is ``p = 1``, ``p = 0``, or, where she is indifferent, any
``p``: a path that jumps across the square at the indifference point (the
*indifference principle*: her opponent's mix makes her indifferent). The column
player's best response is the same kind of path the other way round. **Nash
equilibria are where the two paths meet**: dots for isolated equilibria, thick
segments (or shaded boxes) for a continuum in a degenerate game.

**Best-response functions** of a game whose strategies are levels of one quantity
(tariffs from 0% to 25%) plot each side's best level against each level of the
other (Johnson 1953; Feenstra 2016, section 7.1): pure Nash equilibria are where
the two functions cross, and the jointly efficient point (largest total payoff)
is usually far from them.

:func:`draw_best_responses` and :func:`draw_best_response_functions` return artists
objects whose ``update`` method redraws only what depends on the payoffs.

References
----------
.. [Gibbons1992] R. Gibbons, *Game Theory for Applied Economists*, Princeton
   University Press, 1992 (published in the UK as *A Primer in Game Theory*,
   Harvester Wheatsheaf, 1992: the same book).
.. [Johnson1953] H. G. Johnson, "Optimum tariffs and retaliation", *Review of
   Economic Studies* 21(2), 142-153, 1953.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ._live import LiveArtists, player_colours, subject
from .style import FONT_SIZE, PALETTE, SOLUTION_COLOURS, style_axes

__all__ = [
    "BestResponseArtists",
    "BestResponseFunctionArtists",
    "best_response_paths",
    "draw_best_response_functions",
    "draw_best_responses",
    "plot_best_response_functions",
    "plot_best_responses",
]

_EQ = SOLUTION_COLOURS["equilibrium"]
_EFFICIENT = PALETTE["bluish_green"]
_MAX_LABELS = 4


def _check_game(game: Any, who: str) -> Any:
    from ..core.game import BimatrixGame

    if not isinstance(game, BimatrixGame):
        raise TypeError(f"{who} needs a BimatrixGame, got {type(game).__name__}")
    return game


def _check_solution(game: Any, solution: Any) -> Any:
    from ..normal_form.equilibria import Solution, solve

    if solution is None:
        return solve(game)
    if not isinstance(solution, Solution):
        raise TypeError(f"solution must be a Solution from solve(), got {type(solution).__name__}")
    if solution.game != game:
        raise ValueError("solution belongs to a different game than the one drawn")
    return solution


# --- the 2x2 diagram ------------------------------------------------------------------


def _path(d0: Any, d1: Any, tol: float) -> tuple[list[tuple[float, float]], bool]:
    """One player's best response as a path of ``(t, s)`` points.

    ``t`` is the opponent's probability of their first strategy, ``s`` the player's
    own probability of her first strategy; ``d0`` and ``d1`` are the payoff advantage
    of her first strategy over her second at ``t = 0`` and ``t = 1`` (it is linear in
    between). Returns the path and whether she is indifferent everywhere.
    """

    def sign(v: Any) -> int:
        if isinstance(v, Fraction):
            return (v > 0) - (v < 0)
        return 0 if abs(float(v)) <= tol else (1 if v > 0 else -1)

    s0, s1 = sign(d0), sign(d1)
    if s0 == 0 and s1 == 0:
        return [], True
    if s0 != 0 and s0 == s1:  # the same best response all the way
        own = 1.0 if s0 > 0 else 0.0
        return [(0.0, own), (1.0, own)], False
    if s0 == 0:  # indifferent only at t = 0
        own = 1.0 if s1 > 0 else 0.0
        return [(0.0, 1 - own), (0.0, own), (1.0, own)], False
    if s1 == 0:  # indifferent only at t = 1
        own = 1.0 if s0 > 0 else 0.0
        return [(0.0, own), (1.0, own), (1.0, 1 - own)], False
    root = (
        float(Fraction(d0) / (Fraction(d0) - Fraction(d1)))
        if isinstance(d0, Fraction) and isinstance(d1, Fraction)
        else float(d0) / (float(d0) - float(d1))
    )
    left = 1.0 if s0 > 0 else 0.0
    return [(0.0, left), (root, left), (root, 1 - left), (1.0, 1 - left)], False


def best_response_paths(game: Any) -> dict[str, Any]:
    """Both best-response correspondences of a 2x2 game as paths in the ``(p, q)`` square.

    Parameters
    ----------
    game : BimatrixGame
        A 2x2 game; ``p`` is the probability that the row player plays her first
        strategy, ``q`` that the column player plays his first strategy.

    Returns
    -------
    dict
        ``"row"`` and ``"col"``: arrays of ``(p, q)`` points along each player's best
        response (empty when the player is indifferent everywhere);
        ``"row_everywhere"``, ``"col_everywhere"``: whether that player is indifferent
        whatever the other does; ``"q_star"``, ``"p_star"``: the opponent's mix that
        makes each player indifferent (``None`` if there is none in ``[0, 1]``).

    Examples
    --------
    Matching Pennies: each player is indifferent when the other mixes half-half.

    >>> from negotiation import BimatrixGame
    >>> paths = best_response_paths(BimatrixGame.zero_sum([[1, -1], [-1, 1]]))
    >>> paths["row"].tolist()
    [[0.0, 0.0], [0.0, 0.5], [1.0, 0.5], [1.0, 1.0]]
    >>> paths["p_star"], paths["q_star"]
    (0.5, 0.5)
    """
    _check_game(game, "best_response_paths")
    if game.shape != (2, 2):
        raise ValueError(
            f"the best-response diagram needs a 2x2 game, got a {game.shape[0]}x{game.shape[1]} "
            f"game; use plot_best_response_functions for larger games"
        )
    A, B = game.payoff_matrices(exact=game.exact)
    tol = 1e-12 * max(1.0, float(np.abs(game.A).max()), float(np.abs(game.B).max()))
    # row player: advantage of row 0 over row 1 against column 1 (q = 0) and column 0 (q = 1)
    row, row_all = _path(A[0][1] - A[1][1], A[0][0] - A[1][0], tol)
    # column player: advantage of column 0 over column 1 against row 1 (p = 0) and row 0 (p = 1)
    col, col_all = _path(B[1][0] - B[1][1], B[0][0] - B[0][1], tol)

    def star(points: list[tuple[float, float]]) -> float | None:
        xs = [t for t, _ in points[1:-1]] if len(points) == 4 else []
        return xs[0] if xs else None

    return {
        "row": np.array([(s, t) for t, s in row], dtype=float).reshape(-1, 2),
        "col": np.array([(t, s) for t, s in col], dtype=float).reshape(-1, 2),
        "row_everywhere": row_all,
        "col_everywhere": col_all,
        "q_star": star(row),
        "p_star": star(col),
    }


def _pieces(solution: Any) -> tuple[list[tuple[float, float]], list[Any], list[Any]]:
    """Isolated points, segments and boxes of the equilibrium set in ``(p, q)``."""
    points: list[tuple[float, float]] = []
    segments: list[Any] = []
    boxes: list[Any] = []
    for component in solution.components:
        for subset in component.nash_subsets:
            ps = [float(v[0]) for v in subset.row_vertices]
            qs = [float(v[0]) for v in subset.col_vertices]
            p0, p1, q0, q1 = min(ps), max(ps), min(qs), max(qs)
            if p0 == p1 and q0 == q1:
                points.append((p0, q0))
            elif p0 == p1 or q0 == q1:
                segments.append([(p0, q0), (p1, q1)])
            else:
                boxes.append([(p0, q0), (p1, q0), (p1, q1), (p0, q1)])
    return points, segments, boxes


class BestResponseArtists(LiveArtists):
    """The parts of a drawn best-response diagram, for cheap updates.

    Attributes
    ----------
    figure, ax
    row_line, col_line : Line2D
        The two best-response paths.
    row_fill, col_fill : Rectangle
        Shown when a player is indifferent whatever the other does.
    points : Line2D
        Dots at the isolated equilibria (``get_data()`` gives their ``(p, q)``).
    segments : LineCollection
        Thick segments where a continuum of equilibria lies.
    boxes : PolyCollection
        Shaded boxes for two-dimensional sets of equilibria.
    labels : list of Text
        Coordinates written next to the isolated equilibria.
    paths : dict
        The last :func:`best_response_paths`.
    """

    def __init__(
        self, game: Any, solution: Any, ax: Any, annotate: bool, legend: bool = True
    ) -> None:
        from matplotlib.collections import LineCollection, PolyCollection
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        ax = self._open(ax, legend, (7.0, 6.6), (6.4, 5.7))
        self.annotate = annotate
        self.show_legend = legend
        self._names: tuple[Any, ...] = ()
        row_c, col_c = player_colours(game.players)
        self.row_fill = Rectangle(
            (0, 0), 1, 1, facecolor=row_c, alpha=0.12, hatch="//", edgecolor=row_c, lw=0
        )
        self.col_fill = Rectangle(
            (0, 0), 1, 1, facecolor=col_c, alpha=0.12, hatch="\\\\", edgecolor=col_c, lw=0
        )
        for patch in (self.row_fill, self.col_fill):
            patch.set_visible(False)
            ax.add_patch(patch)
        (self.row_line,) = ax.plot(
            [], [], color=row_c, lw=6, alpha=0.85, solid_capstyle="round", zorder=3
        )
        (self.col_line,) = ax.plot(
            [], [], color=col_c, lw=3.5, ls=(0, (5, 2.5)), solid_capstyle="round", zorder=4
        )
        self.boxes = PolyCollection(
            [], facecolor=_EQ, alpha=0.45, edgecolor=PALETTE["black"], lw=1.5, zorder=5
        )
        ax.add_collection(self.boxes)
        self.segments = LineCollection(
            [], colors=_EQ, linewidths=11, alpha=0.8, capstyle="round", zorder=5
        )
        ax.add_collection(self.segments)
        (self.points,) = ax.plot(
            [],
            [],
            ls="none",
            marker="o",
            ms=17,
            mfc=_EQ,
            mec=PALETTE["black"],
            mew=2,
            zorder=6,
        )
        self.labels = [
            ax.text(
                0,
                0,
                "",
                fontsize=FONT_SIZE - 1,
                visible=False,
                zorder=7,
                bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#888888", "alpha": 0.9},
            )
            for _ in range(_MAX_LABELS)
        ]
        ax.set_xlim(-0.04, 1.04)
        ax.set_ylim(-0.04, 1.04)
        ax.set_aspect("equal")

        def handles(names: tuple[str, str]) -> list[Any]:
            return [
                Line2D([], [], color=row_c, lw=6, alpha=0.85, label=f"{names[0]}'s best response"),
                Line2D(
                    [],
                    [],
                    color=col_c,
                    lw=3.5,
                    ls=(0, (5, 2.5)),
                    label=f"{names[1]}'s best response",
                ),
                Line2D(
                    [],
                    [],
                    ls="none",
                    marker="o",
                    ms=13,
                    mfc=_EQ,
                    mec=PALETTE["black"],
                    mew=2,
                    label="Nash equilibrium",
                ),
                Line2D([], [], color=_EQ, lw=9, alpha=0.8, label="a continuum of equilibria"),
            ]

        self._legend_handles = handles
        self.legend: Any = None
        self.update(game, solution)

    def _set_frame(self, game: Any) -> bool:
        names = (game.players, game.row_labels, game.col_labels)
        if names == self._names:
            return False
        self._names = names
        ax = self.ax
        (row, col), rows, cols = names
        style_axes(
            ax,
            textwrap.fill(
                f"p = probability that {subject(row)} plays {rows[0]} (0: {rows[1]})", 52
            ),
            textwrap.fill(
                f"q = probability that {subject(col)} plays {cols[0]} (0: {cols[1]})", 44
            ),
            "Best responses in mixed strategies",
        )
        ticks = [0, 0.25, 0.5, 0.75, 1]
        ax.set_xticks(ticks, ["0", "0.25", "0.5", "0.75", "1"])
        ax.set_yticks(ticks, ["0", "0.25", "0.5", "0.75", "1"])
        if self.legend is not None:
            self.legend.remove()
            self.legend = None
        self.legend_handles = list(self._legend_handles((row, col)))
        if not self.show_legend:
            return True
        self.legend = ax.legend(
            handles=self.legend_handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.16),
            ncol=2,
            fontsize=FONT_SIZE - 2,
            frameon=False,
        )
        return True

    def update(self, game: Any, solution: Any = None) -> bool:
        """Show a new 2x2 game (same or new labels); ``True`` if labels changed too."""
        from ..core._numbers import format_number

        game = _check_game(game, "BestResponseArtists.update")
        paths = best_response_paths(game)
        solution = _check_solution(game, solution)
        self.paths = paths
        changed = self._set_frame(game)
        self.row_line.set_data(paths["row"][:, 0], paths["row"][:, 1])
        self.col_line.set_data(paths["col"][:, 0], paths["col"][:, 1])
        self.row_fill.set_visible(bool(paths["row_everywhere"]))
        self.col_fill.set_visible(bool(paths["col_everywhere"]))
        points, segments, boxes = _pieces(solution)
        self.points.set_data([p for p, _ in points], [q for _, q in points])
        self.segments.set_segments(segments)
        self.boxes.set_verts(boxes)
        isolated = [c.equilibria[0] for c in solution.components if c.is_isolated]
        for k, text in enumerate(self.labels):
            if not self.annotate or k >= len(isolated) or k >= len(points):
                text.set_visible(False)
                continue
            e = isolated[k]
            x, y = e.strategies
            p, q = float(x[0]), float(y[0])
            if e.is_pure:
                label = f"{game.row_labels[e.row_support[0]]}, {game.col_labels[e.col_support[0]]}"
            else:
                label = f"p = {format_number(x[0], 3)}, q = {format_number(y[0], 3)}"
            text.set_text(label)
            text.set_position((p + (0.05 if p < 0.6 else -0.05), q + (0.06 if q < 0.6 else -0.06)))
            text.set_ha("left" if p < 0.6 else "right")
            text.set_va("bottom" if q < 0.6 else "top")
            text.set_visible(True)
        return changed

    def dynamic_artists(self) -> list[Any]:
        return [
            self.row_fill,
            self.col_fill,
            self.row_line,
            self.col_line,
            self.boxes,
            self.segments,
            self.points,
            *self.labels,
        ]


def draw_best_responses(
    game: Any, solution: Any = None, ax: Any = None, *, annotate: bool = True, legend: bool = True
) -> BestResponseArtists:
    """Draw the best-response diagram of a 2x2 game and return its artists for updates.

    Parameters are as for :func:`plot_best_responses`.

    Examples
    --------
    >>> from negotiation import BimatrixGame
    >>> bos = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> artists = draw_best_responses(bos)
    >>> sorted(zip(*artists.points.get_data()))
    [(0.0, 0.0), (0.6666666666666666, 0.3333333333333333), (1.0, 1.0)]
    >>> _ = artists.update(BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]]))  # a Prisoner's Dilemma
    >>> list(zip(*artists.points.get_data()))
    [(0.0, 0.0)]
    """
    game = _check_game(game, "draw_best_responses")
    if not isinstance(annotate, bool):
        raise TypeError(f"annotate must be True or False, got {annotate!r}")
    if game.shape != (2, 2):
        raise ValueError(
            f"the best-response diagram needs a 2x2 game, got a {game.shape[0]}x{game.shape[1]} "
            f"game; use plot_best_response_functions for larger games"
        )
    if not isinstance(legend, bool):
        raise TypeError(f"legend must be True or False, got {legend!r}")
    return BestResponseArtists(game, solution, ax, annotate, legend)


def plot_best_responses(
    game: Any, solution: Any = None, ax: Any = None, *, annotate: bool = True
) -> Any:
    """Draw the best-response diagram of a 2x2 game in mixed strategies, with its equilibria.

    Parameters
    ----------
    game : BimatrixGame
        A 2x2 game.
    solution : Solution, optional
        ``solve(game)`` (computed when not given). Isolated equilibria are drawn as
        dots; a continuum (a degenerate game) as thick segments or shaded boxes.
    ax : matplotlib Axes, optional
    annotate : bool
        Write ``(p, q)`` next to each isolated equilibrium.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from negotiation import BimatrixGame
    >>> mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]], players=("Japan", "US"),
    ...                            row_labels=("Heads", "Tails"), col_labels=("Heads", "Tails"))
    >>> fig = plot_best_responses(mp)
    >>> print(fig.axes[0].get_xlabel())
    p = probability that Japan plays Heads (0: Tails)
    """
    return draw_best_responses(game, solution, ax, annotate=annotate).figure


# --- best-response functions ----------------------------------------------------------


def _levels(values: Any, count: int, what: str) -> np.ndarray:
    if values is None:
        return np.arange(count, dtype=float)
    if isinstance(values, str):
        raise TypeError(f"{what} must be {count} numbers, got the string {values!r}")
    try:
        arr = np.array([float(v) for v in values], dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{what} must be {count} numbers, got {values!r}") from exc
    if arr.shape != (count,):
        raise ValueError(f"{what} must have {count} entries (one per strategy), got {len(arr)}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{what} must be finite numbers, got {values!r}")
    return arr


class BestResponseFunctionArtists(LiveArtists):
    """The parts of a drawn best-response-functions plot, for cheap updates.

    Attributes
    ----------
    figure, ax
    row_line, col_line : Line2D
        Each side's best level against each level of the other (``get_data()``).
    nash : Line2D
        The pure Nash equilibria.
    efficient : Line2D
        The cells with the largest total payoff.
    row_levels, col_levels : numpy.ndarray
        The levels on the two axes.
    """

    def __init__(
        self,
        game: Any,
        solution: Any,
        ax: Any,
        row_levels: np.ndarray,
        col_levels: np.ndarray,
        unit: str,
        quantity: str,
        legend: bool = True,
    ) -> None:
        from matplotlib.lines import Line2D

        ax = self._open(ax, legend, (10.0, 5.8), (6.0, 5.8))
        self.row_levels, self.col_levels = row_levels, col_levels
        self.shape = game.shape
        row_c, col_c = player_colours(game.players)
        (self.row_line,) = ax.plot(
            [], [], color=row_c, lw=3, marker="o", ms=10, alpha=0.9, zorder=3
        )
        (self.col_line,) = ax.plot(
            [], [], color=col_c, lw=3, ls=(0, (5, 2.5)), marker="s", ms=9, alpha=0.9, zorder=4
        )
        (self.efficient,) = ax.plot(
            [],
            [],
            ls="none",
            marker="*",
            ms=26,
            mfc=_EFFICIENT,
            mec=PALETTE["black"],
            mew=1.5,
            zorder=5,
        )
        (self.nash,) = ax.plot(
            [], [], ls="none", marker="o", ms=22, mfc="none", mec=_EQ, mew=4.5, zorder=6
        )
        unit_text = f" ({unit})" if unit else ""
        row, col = game.players
        style_axes(
            ax,
            f"{row} {quantity}{unit_text}",
            f"{col} {quantity}{unit_text}",
            "Best-response functions",
        )
        ax.set_xticks(row_levels, [str(label) for label in game.row_labels])
        ax.set_yticks(col_levels, [str(label) for label in game.col_labels])
        pad_x = 0.06 * float(np.ptp(row_levels) or 1.0)
        pad_y = 0.06 * float(np.ptp(col_levels) or 1.0)
        ax.set_xlim(row_levels.min() - pad_x, row_levels.max() + pad_x)
        ax.set_ylim(col_levels.min() - pad_y, col_levels.max() + pad_y)
        ax.set_aspect("equal" if np.ptp(row_levels) == np.ptp(col_levels) else "auto")
        handles = [
            Line2D(
                [],
                [],
                color=row_c,
                lw=3,
                marker="o",
                ms=10,
                label=f"{row}'s best {quantity} for each {col} {quantity}",
            ),
            Line2D(
                [],
                [],
                color=col_c,
                lw=3,
                ls=(0, (5, 2.5)),
                marker="s",
                ms=9,
                label=f"{col}'s best {quantity} for each {row} {quantity}",
            ),
            Line2D(
                [],
                [],
                ls="none",
                marker="o",
                ms=18,
                mfc="none",
                mec=_EQ,
                mew=4.5,
                label="Nash equilibrium (the functions cross)",
            ),
            Line2D(
                [],
                [],
                ls="none",
                marker="*",
                ms=20,
                mfc=_EFFICIENT,
                mec=PALETTE["black"],
                mew=1.5,
                label="jointly efficient (largest total payoff)",
            ),
        ]
        self._set_legend(handles, legend, x=1.03, labelspacing=1.1, borderaxespad=0.5)
        self.update(game, solution)

    def update(self, game: Any, solution: Any = None) -> bool:
        """Show a game of the same shape and labels; ``False`` (only dynamic artists change)."""
        from ..normal_form.analysis import best_response_table

        game = _check_game(game, "BestResponseFunctionArtists.update")
        if game.shape != self.shape:
            raise ValueError(
                f"the new game is {game.shape[0]}x{game.shape[1]}, the drawn one "
                f"{self.shape[0]}x{self.shape[1]}; draw a new figure instead"
            )
        solution = _check_solution(game, solution)
        row_best, col_best = best_response_table(game)
        m, n = game.shape
        # the row player's best level for each column level, and vice versa (first of ties)
        rx = [float(self.row_levels[int(np.flatnonzero(row_best[:, j])[0])]) for j in range(n)]
        self.row_line.set_data(rx, self.col_levels.tolist())
        cy = [float(self.col_levels[int(np.flatnonzero(col_best[i, :])[0])]) for i in range(m)]
        self.col_line.set_data(self.row_levels.tolist(), cy)
        pure = [(e.row_support[0], e.col_support[0]) for e in solution.pure]
        self.nash.set_data(
            [float(self.row_levels[i]) for i, _ in pure],
            [float(self.col_levels[j]) for _, j in pure],
        )
        cells = efficient_cells(game)
        self.efficient.set_data(
            [float(self.row_levels[i]) for i, _ in cells],
            [float(self.col_levels[j]) for _, j in cells],
        )
        return False

    def dynamic_artists(self) -> list[Any]:
        return [self.row_line, self.col_line, self.efficient, self.nash]


def efficient_cells(game: Any) -> list[tuple[int, int]]:
    """The cells with the largest total payoff (exactly, when the game is exact).

    Examples
    --------
    >>> from negotiation import BimatrixGame
    >>> efficient_cells(BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    [(0, 0)]
    """
    game = _check_game(game, "efficient_cells")
    m, n = game.shape
    if game.exact:
        A, B = game.payoff_matrices(exact=True)
        totals = {(i, j): A[i][j] + B[i][j] for i in range(m) for j in range(n)}
        best = max(totals.values())
        return [cell for cell, v in totals.items() if v == best]
    total = game.A + game.B
    best_f = float(total.max())
    tol = 1e-9 * max(1.0, abs(best_f))
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(total >= best_f - tol), strict=True)]


def draw_best_response_functions(
    game: Any,
    solution: Any = None,
    ax: Any = None,
    *,
    row_levels: Sequence[Any] | None = None,
    col_levels: Sequence[Any] | None = None,
    unit: str = "",
    quantity: str = "strategy",
    legend: bool = True,
) -> BestResponseFunctionArtists:
    """Draw best-response functions and return the artists for updates.

    Parameters are as for :func:`plot_best_response_functions`.

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> from negotiation.models.tariff_ladder import GRID
    >>> game = MODELS["tariff_ladder"].at()
    >>> artists = draw_best_response_functions(game, row_levels=GRID, col_levels=GRID,
    ...                                        unit="%", quantity="tariff")
    >>> artists.nash.get_data(), artists.efficient.get_data()
    (([20.0], [25.0]), ([0.0], [0.0]))
    """
    game = _check_game(game, "draw_best_response_functions")
    if not isinstance(unit, str) or not isinstance(quantity, str):
        raise TypeError(f"unit and quantity must be strings, got {unit!r} and {quantity!r}")
    m, n = game.shape
    rows = _levels(row_levels, m, "row_levels")
    cols = _levels(col_levels, n, "col_levels")
    return BestResponseFunctionArtists(game, solution, ax, rows, cols, unit, quantity, legend)


def plot_best_response_functions(
    game: Any,
    solution: Any = None,
    ax: Any = None,
    *,
    row_levels: Sequence[Any] | None = None,
    col_levels: Sequence[Any] | None = None,
    unit: str = "",
    quantity: str = "strategy",
) -> Any:
    """Each side's best level against each level of the other, with Nash and efficient points.

    Parameters
    ----------
    game : BimatrixGame
        Any ``m x n`` game whose strategies are levels of one quantity (tariffs).
    solution : Solution, optional
        ``solve(game)`` (computed when not given); its pure equilibria are circled.
    ax : matplotlib Axes, optional
    row_levels, col_levels : sequence of numbers, optional
        The level of each row and column strategy (default ``0, 1, 2, ...``); tick
        labels are the strategy labels.
    unit : str
        Unit of the levels, shown on both axes (for example ``"%"``).
    quantity : str
        What the levels are, for the axis labels and legend (for example ``"tariff"``).

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Where a player has several best responses to one level, the line goes through
    the first (lowest); the payoff table shows all of them.

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> from negotiation.models.tariff_ladder import GRID
    >>> fig = plot_best_response_functions(MODELS["tariff_ladder"].at(), row_levels=GRID,
    ...                                    col_levels=GRID, unit="%", quantity="tariff")
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('US tariff (%)', 'Japan tariff (%)')
    """
    return draw_best_response_functions(
        game,
        solution,
        ax,
        row_levels=row_levels,
        col_levels=col_levels,
        unit=unit,
        quantity=quantity,
    ).figure
