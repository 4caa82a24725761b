"""The classic picture of a signalling game, with a perfect Bayesian equilibrium marked.

Textbooks draw a signalling game (Cho and Kreps's beer-quiche, Spence's education)
not as a tree growing in one direction but from the middle out: chance (nature)
in the centre picks the sender's type, one row per type; each type's messages go
left and right; the receiver, who sees the message but not the type, moves in one
information set per message, drawn as a dashed line across the rows; the
receiver's actions and the payoffs are at the outer ends. :func:`plot_signalling`
draws that picture, and marks an equilibrium from
:func:`~negotiation.information.perfect_bayesian`: the messages sent and the
receiver's replies thick, the replies to messages nobody sends dashed, and the
receiver's beliefs beside its nodes (by Bayes' rule on the path, as the range that
supports the reply off it: ``μ(weak) ≥ 1/2``).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from ..information.pbe import PerfectBayesianEquilibrium, PerfectBayesianSolution
from ..information.signalling import SignallingStructure, signalling_structure
from ..trees.tree import GameTree
from .style import FONT_SIZE, PALETTE, PLAYER_COLOURS, SOLUTION_COLOURS, new_figure
from .trees import (
    _PLANNED,
    _REACH_BOX,
    PRINTED,
    _belief_words,
    _draw_links,
    _draw_nodes,
    _pbe_beliefs,
    _set_links,
    _text,
)

__all__ = ["plot_signalling"]

_ROW = 2.8  # the distance between two types' rows (about inches: the axes have equal scales)
_RECEIVER_X = 2.3  # how far out the receiver's nodes are
_LEAF_X = 3.8  # how far out the leaves are
_LEAF_GAP = 0.55  # between the leaves of one receiver node
_SCALE = 0.85  # inches per unit of a new figure


def _parts(game: Any, equilibrium: Any) -> tuple[SignallingStructure, Any]:
    if isinstance(game, PerfectBayesianSolution):
        raise TypeError(
            "plot_signalling() draws one equilibrium: pass one of the solution's equilibria, "
            "for example solution[0], or the tree"
        )
    if isinstance(game, PerfectBayesianEquilibrium):
        if equilibrium is not None and equilibrium is not game:
            raise ValueError("give the equilibrium once: as the first argument or as equilibrium")
        return game.structure, game
    if not isinstance(game, GameTree):
        raise TypeError(
            "plot_signalling() needs a signalling game (a GameTree) or a perfect Bayesian "
            f"equilibrium, got {type(game).__name__}"
        )
    s = signalling_structure(game)
    if equilibrium is not None:
        if not isinstance(equilibrium, PerfectBayesianEquilibrium):
            raise TypeError(
                "equilibrium must be a PerfectBayesianEquilibrium (from perfect_bayesian), "
                f"got {type(equilibrium).__name__}"
            )
        if equilibrium.structure.tree != game:
            raise ValueError("equilibrium is an equilibrium of a different tree than the one drawn")
    return s, equilibrium


def _place(s: SignallingStructure) -> tuple[list[float], list[float], dict[str, int], float]:
    """Every node's position, each message's side (-1 left, +1 right), and the rows' top."""
    tree = s.tree
    n_types = len(s.types)
    half = math.ceil(len(s.messages) / 2)
    side = {m: (-1 if j < half else 1) for j, m in enumerate(s.messages)}
    blocks = {m: max(len(s.actions[m]), 2) * _LEAF_GAP for m in s.messages}
    row = max(
        _ROW,
        max(sum(blocks[m] for m in s.messages if side[m] == d) for d in (-1, 1)) + 1.6,
    )
    x = [0.0] * len(tree)
    y = [0.0] * len(tree)
    top = (n_types - 1) / 2 * row
    nature_y = 0.0 if n_types % 2 == 0 else row / 2
    x[0], y[0] = 0.0, nature_y
    for i, t in enumerate(s.types):
        yt = top - i * row
        k = tree._path_index[(t,)]
        x[k], y[k] = 0.0, yt
        for d in (-1, 1):
            mine = [m for m in s.messages if side[m] == d]
            height = sum(blocks[m] for m in mine)
            start = yt + height / 2
            for m in mine:
                ym = start - blocks[m] / 2
                start -= blocks[m]
                r = tree._path_index[(t, m)]
                x[r], y[r] = d * _RECEIVER_X, ym
                acts = s.actions[m]
                for a_i, a in enumerate(acts):
                    leaf = tree._path_index[(t, m, a)]
                    x[leaf] = d * _LEAF_X
                    y[leaf] = ym + ((len(acts) - 1) / 2 - a_i) * _LEAF_GAP
    return x, y, side, top


def plot_signalling(
    game: GameTree | PerfectBayesianEquilibrium,
    equilibrium: PerfectBayesianEquilibrium | None = None,
    *,
    ax: Any = None,
) -> Any:
    """Draw a signalling game the textbook way, optionally with a perfect Bayesian equilibrium.

    Chance is in the middle, one row per type of sender, the messages go left and
    right (the first half of them left), the receiver's information sets are dashed
    lines across the rows, and the receiver's actions and the payoffs (sender's,
    receiver's, in the players' colours) are at the outer ends.

    Parameters
    ----------
    game : GameTree or PerfectBayesianEquilibrium
        A signalling game (any tree that
        :func:`~negotiation.information.signalling_structure` accepts), or one of
        its perfect Bayesian equilibria (drawn with its game).
    equilibrium : PerfectBayesianEquilibrium, optional
        The equilibrium to mark: the messages sent and the receiver's replies on
        the path are thick, its planned replies to messages nobody sends dashed,
        mixing probabilities are written on their branches, and the receiver's
        belief is written beside each of its nodes (``μ(strong) = 9/10``; off the
        path the range that supports the reply, ``μ(weak) ≥ 1/2``).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure sized to the game.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``game`` is neither a GameTree nor a perfect Bayesian equilibrium (a
        whole solution must be narrowed to one equilibrium), or ``equilibrium`` is
        not one.
    ValueError
        If the tree is not a signalling game (the message of
        :func:`~negotiation.information.signalling_structure` says which node breaks
        the shape), or the equilibrium belongs to another tree.

    Examples
    --------
    >>> from negotiation.information import perfect_bayesian
    >>> from negotiation.trees.examples import beer_quiche
    >>> fig = plot_signalling(beer_quiche())
    >>> fig.axes[0].get_title()
    'Beer-quiche'
    >>> beer = perfect_bayesian(beer_quiche())[0]  # both types drink beer
    >>> fig = plot_signalling(beer)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("μ"))
    ['μ(strong) = 9/10', 'μ(strong) ≤ 1/2', 'μ(weak) = 1/10', 'μ(weak) ≥ 1/2']
    """
    s, eq = _parts(game, equilibrium)
    drawing = _SignallingDrawing(s, eq, ax)
    drawing.types()
    drawing.messages_and_replies()
    drawing.information_sets()
    if eq is not None:
        drawing.beliefs(eq)
    drawing.headers()
    drawing.finish()
    return drawing.fig


class _SignallingDrawing:
    """The signalling picture, drawn one job at a time (layout, edges, labels, sets, beliefs)."""

    def __init__(
        self, s: SignallingStructure, eq: PerfectBayesianEquilibrium | None, ax: Any
    ) -> None:
        self.s, self.eq = s, eq
        tree = self.tree = s.tree
        self.x, self.y, self.side, _top = _place(s)
        self.font = FONT_SIZE
        self.bottom = min(self.y)
        longest = max(
            *(len(p) for p in tree.players),
            *(len(_text(v)) for pays in tree._payoffs if pays for v in pays),
        )
        self.column = max(0.55, 0.6 * self.font / 72 * longest / _SCALE + 0.2)
        self.width = 2 * (_LEAF_X + 0.25 + 2 * self.column) + 0.2
        self.head = max(self.y) + 0.55
        if ax is None:
            self.fig, self.ax = new_figure(
                self.width * _SCALE, (self.head + 0.5 - self.bottom + 0.5) * _SCALE + 1.9
            )
        else:
            self.fig, self.ax = ax.figure, ax
        self.sender = tree.players.index(s.sender)
        self.receiver = 1 - self.sender
        self.reach: dict[int, Any] = {}
        self.planned: set[int] = set()  # leaves (and their edges) planned but not reached
        if eq is not None:
            self.reach = {
                k: eq.profile.reach(p) for k, p in enumerate(tree._paths) if eq.profile.reach(p)
            }
            for m in s.messages:
                for t in s.types:
                    r = tree._path_index[(t, m)]
                    if r not in self.reach:
                        self.planned |= {
                            tree._path_index[(t, m, a)] for a, q in eq.receiver[m].items() if q
                        }

    # --- drawing primitives ---------------------------------------------------------------
    def edge(self, k: int, c: int) -> None:
        x, y = self.x, self.y
        if k in self.reach and c in self.reach:
            style: dict[str, Any] = {
                "color": SOLUTION_COLOURS["path"],
                "lw": PRINTED.path_width,
                "ls": "-",
            }
        elif c in self.planned:
            style = {"color": SOLUTION_COLOURS["path"], "lw": 2.5, "ls": _PLANNED}
        else:
            style = {"color": PALETTE["grey"], "lw": 1.4, "ls": "-"}
        self.ax.plot([x[k], x[c]], [y[k], y[c]], solid_capstyle="round", zorder=2, **style)

    def label(self, text: str, at: tuple[float, float], dy: float, bold: bool, **kw: Any) -> None:
        self.ax.annotate(
            text,
            at,
            xytext=(kw.pop("dx", 0.0), dy),
            textcoords="offset points",
            ha=kw.pop("ha", "center"),
            va="bottom" if dy > 0 else "top",
            fontsize=kw.pop("fontsize", self.font - 1),
            fontweight="bold" if bold else "normal",
            color=PALETTE["black"],
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
            zorder=4,
            **kw,
        )

    def mix(self, p: Any, at: tuple[float, float], dy: float, what: str) -> None:
        if self.eq is not None and 0 < p < 1:
            self.ax.annotate(
                _text(p),
                at,
                xytext=(0, dy),
                textcoords="offset points",
                ha="center",
                va="bottom" if dy > 0 else "top",
                fontsize=self.font - 2,
                fontweight="bold",
                bbox=_REACH_BOX,
                zorder=4,
                gid=f"mix {what}",
            )

    # --- the parts of the picture ---------------------------------------------------------
    def types(self) -> None:
        """Chance to the types, each labelled with its prior."""
        s, tree, x, y = self.s, self.tree, self.x, self.y
        for i, t in enumerate(s.types):
            k = tree._path_index[(t,)]
            self.edge(0, k)
            mid = ((x[0] + x[k]) / 2, (y[0] + y[k]) / 2)
            self.label(
                f"{t} ({_text(s.prior[i])})",
                mid,
                0.1,
                k in self.reach,
                dx=-10,
                ha="right",
                gid=f"type {t}",
            )

    def messages_and_replies(self) -> None:
        """Each type's messages, the receiver's replies and the payoffs at the ends."""
        s, tree, x, y, eq = self.s, self.tree, self.x, self.y, self.eq
        n_types = len(s.types)
        for i, t in enumerate(s.types):
            k = tree._path_index[(t,)]
            upper = i < n_types / 2
            for m in s.messages:
                r = tree._path_index[(t, m)]
                self.edge(k, r)
                d = self.side[m]
                mine = [mm for mm in s.messages if self.side[mm] == d]
                outer = (mine.index(m) < len(mine) / 2) if len(mine) > 1 else upper
                at = (x[k] + 0.5 * (x[r] - x[k]), y[k] + 0.5 * (y[r] - y[k]))
                self.label(m, at, 5 if outer else -5, r in self.reach, gid=f"message {t} {m}")
                if eq is not None:
                    self.mix(eq.sender[t][m], at, -5 if outer else 5, f"{t} {m}")
                self._replies(t, m, r)

    def _replies(self, t: str, m: str, r: int) -> None:
        s, tree, x, y, eq = self.s, self.tree, self.x, self.y, self.eq
        acts = s.actions[m]
        for a_i, a in enumerate(acts):
            leaf = tree._path_index[(t, m, a)]
            self.edge(r, leaf)
            lat = (x[r] + 0.55 * (x[leaf] - x[r]), y[r] + 0.55 * (y[leaf] - y[r]))
            above = a_i < (len(acts) - 1) / 2 or (len(acts) % 2 == 1 and a_i == len(acts) // 2)
            self.label(a, lat, 5 if above else -5, leaf in self.reach or leaf in self.planned)
            if eq is not None:  # on the path, or planned off it
                self.mix(eq.receiver[m][a], lat, -5 if above else 5, f"{t} {m} {a}")
            _payoffs(
                self.ax,
                tree,
                self.sender,
                leaf,
                (x[leaf], y[leaf]),
                self.side[m],
                leaf in self.reach,
                self.column,
            )

    def information_sets(self) -> None:
        """The receiver's information sets, labelled on the inner side, and the nodes."""
        links = []
        for d in (-1, 1):
            for link in _set_links(self.tree, self.x, self.y, side=d):  # arcs bow outwards
                if self.x[link.nodes[0]] * d > 0:
                    links.append(dataclasses.replace(link, label_side=-d))
        _draw_links(self.ax, links, PLAYER_COLOURS, self.font)
        _draw_nodes(self.ax, self.tree, self.x, self.y, PLAYER_COLOURS, PRINTED, self.font)

    def beliefs(self, eq: PerfectBayesianEquilibrium) -> None:
        """The receiver's beliefs beside its nodes: exact on the path, a range off it."""
        s, tree = self.s, self.tree
        n_types = len(s.types)
        for (t, m), value in _pbe_beliefs(eq).items():
            r = tree._path_index[(t, m)]
            d = self.side[m]
            below = s.types.index(t) < n_types / 2
            self.ax.annotate(
                _belief_words(value, t),
                (self.x[r], self.y[r]),
                xytext=(-d * 13, -10 if below else 10),
                textcoords="offset points",
                ha="left" if d < 0 else "right",
                va="top" if below else "bottom",
                fontsize=self.font - 1,
                color=PALETTE["black"],
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
                zorder=6,
                gid=f"belief {t} {m}",
            )

    def headers(self) -> None:
        """The players' names over the payoff columns on each side."""
        for d in (-1, 1):
            for j, who in enumerate((self.sender, self.receiver)):
                self.ax.text(
                    _column(d, j, self.column),
                    self.head,
                    self.tree.players[who],
                    ha="right" if d < 0 else "left",
                    va="bottom",
                    fontsize=self.font - 2,
                    color=PLAYER_COLOURS[who],
                    fontweight="bold",
                )

    def finish(self) -> None:
        """Legend, limits and the title (with the equilibrium's kind and the intuitive criterion)."""
        ax, eq = self.ax, self.eq
        _legend(
            ax, self.tree, PLAYER_COLOURS, self.s, eq is not None, bool(self.planned), self.font
        )
        ax.set_xlim(-self.width / 2, self.width / 2)
        ax.set_ylim(self.bottom - 0.5, self.head + 0.5)
        ax.set_aspect("equal")
        ax.set_axis_off()
        title = self.tree.title
        if eq is not None:
            words = eq.describe().splitlines()[0]
            if eq.intuitive is not None:
                words += (
                    " Passes the intuitive criterion."
                    if eq.intuitive.passes
                    else " Fails the intuitive criterion."
                )
            title = f"{title}\n{words}" if title else words
        if title:
            ax.set_title(title, fontsize=self.font + 1)


def _column(d: int, j: int, column: float) -> float:
    """Where payoff column ``j`` (0 sender, 1 receiver) is anchored on side ``d``.

    Reading left to right, the sender's payoff comes first on both sides.
    """
    if d > 0:
        return _LEAF_X + 0.25 + j * column
    return -(_LEAF_X + 0.25) - (1 - j) * column


def _payoffs(
    ax: Any,
    tree: GameTree,
    sender: int,
    leaf: int,
    at: tuple[float, float],
    d: int,
    hit: bool,
    column: float,
) -> None:
    """A leaf's payoffs, the sender's then the receiver's, highlighted when play reaches it."""
    from matplotlib.patches import Rectangle

    xl, yl = at
    pays = tree._payoffs[leaf]
    for j, who in enumerate((sender, 1 - sender)):
        ax.text(
            _column(d, j, column),
            yl,
            _text(pays[who]),
            ha="right" if d < 0 else "left",
            va="center",
            fontsize=FONT_SIZE,
            color=PLAYER_COLOURS[who],
            fontweight="bold" if hit else "normal",
            zorder=6,
            gid=f"payoff {tree._paths[leaf]!r} {who}",
        )
    if hit:
        left = xl + 0.1 if d > 0 else _column(-1, 0, column) - column
        ax.add_patch(
            Rectangle(
                (left, yl - 0.24),
                2 * column + 0.05,
                0.48,
                color=SOLUTION_COLOURS["path"],
                alpha=0.2,
                lw=0,
                zorder=0,
            )
        )


def _legend(
    ax: Any,
    tree: GameTree,
    colours: tuple[str, str],
    s: SignallingStructure,
    marked: bool,
    planned: bool,
    font: int,
) -> None:
    from .trees import _legend_handles, _place_legend

    handles = _legend_handles(tree, colours, PRINTED, marked, planned, sets=True)
    _place_legend(ax, handles, font)
