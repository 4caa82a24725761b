"""A game tree whose payoffs and equilibrium path can be updated in place.

:func:`~negotiation.plots.plot_tree` draws one tree once. An app whose sliders
change the payoffs (but not the shape of the tree) needs the same picture many
times a second: :func:`draw_game_tree` draws what never changes (nodes, branches,
action labels, legend) once, and :meth:`TreeArtists.update` changes only the
payoffs, the chance probabilities and the subgame-perfect path. The look follows
:func:`~negotiation.plots.plot_tree`: the tree grows left to right, decision nodes
are discs in the player's colour, payoffs line up in one column per player, the
equilibrium path is thick and the planned-but-unreached choices are dashed.
Payoffs are shown as decimals (three significant digits), easier to compare at a
glance than fractions such as ``-16974/125``.
"""

from __future__ import annotations

import textwrap
from typing import Any

from ..trees.spe import SubgamePerfectEquilibrium, SubgamePerfectSolution, subgame_perfect
from ..trees.tree import GameTree
from ._live import LiveArtists, player_colours, quick_text
from .style import FONT_SIZE, PALETTE, SOLUTION_COLOURS, new_figure
from .tables import format_payoff
from .trees import MAX_LEAVES, _initials, _layout

__all__ = ["TreeArtists", "draw_game_tree"]

_PATH = SOLUTION_COLOURS["path"]
_HIGHLIGHT = "#F9E7C2"  # the path colour at 22% on white
_PAYOFF_CHARS = 8  # room for payoffs such as "−1,349" or "−0.625"


def _structure(tree: GameTree) -> tuple[Any, ...]:
    return (tuple(tree._kind), tuple(map(tuple, tree._children)), tuple(map(tuple, tree._actions)))


def _pick(tree: GameTree, spe: Any) -> tuple[SubgamePerfectEquilibrium | None, int]:
    if spe is False:
        return None, 0
    if spe is None:
        solution = subgame_perfect(tree)
        return solution.first(), solution.count
    if isinstance(spe, SubgamePerfectSolution):
        return spe.first(), spe.count
    if isinstance(spe, SubgamePerfectEquilibrium):
        return spe, 1
    raise TypeError(
        "spe must be a SubgamePerfectEquilibrium, a SubgamePerfectSolution, False or None, "
        f"got {type(spe).__name__}"
    )


class TreeArtists(LiveArtists):
    """The parts of a drawn game tree, for cheap updates of payoffs and the equilibrium path.

    Attributes
    ----------
    figure, ax
    payoff_texts : list of (Text, Text)
        Each leaf's payoffs (first player, second player), top to bottom.
    leaves : list of int
        The node index of each leaf, top to bottom.
    path_lines : dict of (int, int) to Line2D
        The overlay of every branch ``(parent, child)``: visible when on the path
        (thick) or planned off the path (dashed).
    highlights : list of Rectangle
        The shading behind each leaf's payoffs (visible for reached leaves).
    probability_texts : dict of (int, int) to Text
        The probability of every chance branch.
    equilibrium : SubgamePerfectEquilibrium or None
        The equilibrium drawn.
    count : int
        How many subgame-perfect equilibria there are.
    """

    def __init__(
        self,
        tree: GameTree,
        spe: Any,
        ax: Any,
        digits: int,
        legend: bool = True,
        title: bool = True,
    ) -> None:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle
        from matplotlib.transforms import ScaledTranslation

        if tree.symbolic:
            tree.require_numeric("drawing a tree with updatable payoffs")
        leaves = tree.leaf_count
        if leaves > MAX_LEAVES:
            raise ValueError(
                f"the tree has {leaves} leaves; a drawing with more than {MAX_LEAVES} is unreadable"
            )
        self.digits = digits
        self.structure = _structure(tree)
        depth = tree.depth
        font = FONT_SIZE if leaves <= 12 else (FONT_SIZE - 2 if leaves <= 24 else FONT_SIZE - 3)
        if ax is None:
            height = max(3.4, 0.45 * leaves + (1.9 if legend else 1.3))
            width = min(9.0, max(6.5, 1.25 * depth + 2.8))
            fig, ax = new_figure(width, height)
        else:
            fig = ax.figure
        self.figure, self.ax = fig, ax
        colours = player_colours(tree.players)
        x, y = _layout(tree)
        self.x, self.y = x, y
        kind, children, actions = tree._kind, tree._children, tree._actions
        pay_x = depth + 0.45
        col_w = 0.115 * _PAYOFF_CHARS * font / FONT_SIZE
        col_x = [pay_x + 0.05, pay_x + 0.05 + col_w]
        right = col_x[1] + col_w
        self.path_lines: dict[tuple[int, int], Any] = {}
        self.edge_labels: dict[tuple[int, int], Any] = {}
        self.probability_texts: dict[tuple[int, int], Any] = {}
        for k in range(len(tree)):
            for pos, c in enumerate(children[k]):
                ax.plot(
                    [x[k], x[c]],
                    [y[k], y[c]],
                    color=PALETTE["grey"],
                    lw=1.4,
                    zorder=2,
                    solid_capstyle="round",
                )
                (line,) = ax.plot(
                    [x[k], x[c]],
                    [y[k], y[c]],
                    color=_PATH,
                    lw=4.5,
                    zorder=3,
                    solid_capstyle="butt",
                    visible=False,
                )
                self.path_lines[(k, c)] = line
                rise = y[c] - y[k]
                if abs(rise) < 1e-9:
                    offset, ha, va = (0, 5), "center", "bottom"
                elif rise > 0:
                    offset, ha, va = (-4, 3), "right", "bottom"
                else:
                    offset, ha, va = (-4, -3), "right", "top"
                at = (x[k] + 0.62 * (x[c] - x[k]), y[k] + 0.62 * rise)
                ax.annotate(
                    textwrap.fill(actions[k][pos], 16),
                    at,
                    xytext=offset,
                    textcoords="offset points",
                    ha=ha,
                    va=va,
                    fontsize=font - 1,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
                    zorder=4,
                )
                # the same words again, redrawn over the path when a path passes near them
                self.edge_labels[(k, c)] = quick_text(
                    ax,
                    at[0],
                    at[1],
                    textwrap.fill(actions[k][pos], 16),
                    transform=ax.transData
                    + ScaledTranslation(offset[0] / 72, offset[1] / 72, fig.dpi_scale_trans),
                    ha=ha,
                    va=va,
                    fontsize=font - 1,
                    zorder=4,
                    visible=False,
                )
                if kind[k] == GameTree.CHANCE:
                    shift = ScaledTranslation(
                        offset[0] / 72,
                        (offset[1] + (-16 if rise <= 0 else 16)) / 72,
                        fig.dpi_scale_trans,
                    )
                    self.probability_texts[(k, c)] = quick_text(
                        ax,
                        at[0],
                        at[1],
                        "",
                        transform=ax.transData + shift,
                        ha=ha,
                        va=va,
                        fontsize=font - 1,
                        color="#333333",
                        zorder=4,
                    )
        initials = _initials(tree.players)
        # nodes are drawn over the path, so they are redrawn with it (a few markers and letters)
        self.nodes: list[Any] = []
        self.leaves: list[int] = []
        self.payoff_texts: list[tuple[Any, Any]] = []
        self.highlights: list[Any] = []
        for i in range(2):
            mine = [
                k for k in range(len(tree)) if kind[k] == GameTree.DECISION and tree._owner[k] == i
            ]
            if mine:
                self.nodes += ax.plot(
                    [x[k] for k in mine],
                    [y[k] for k in mine],
                    "o",
                    ms=21,
                    color=colours[i],
                    mec="white",
                    mew=1.5,
                    ls="none",
                    zorder=5,
                )
        chance_nodes = [k for k in range(len(tree)) if kind[k] == GameTree.CHANCE]
        if chance_nodes:
            self.nodes += ax.plot(
                [x[k] for k in chance_nodes],
                [y[k] for k in chance_nodes],
                "D",
                ms=14,
                color=PALETTE["grey"],
                mec="white",
                mew=1.5,
                ls="none",
                zorder=5,
            )
        for k in range(len(tree)):
            if kind[k] == GameTree.DECISION:
                i = tree._owner[k]
                self.nodes.append(
                    quick_text(
                        ax,
                        x[k],
                        y[k],
                        initials[i],
                        ha="center",
                        va="center",
                        fontsize=font - 2,
                        color="white",
                        fontweight="bold",
                        zorder=6,
                    )
                )
            elif kind[k] == GameTree.TERMINAL:
                if x[k] < depth:
                    ax.plot(
                        [x[k] + 0.05, pay_x],
                        [y[k], y[k]],
                        color=PALETTE["grey"],
                        lw=0.8,
                        ls=":",
                        zorder=0,
                    )
                box = Rectangle(
                    (pay_x, y[k] - 0.36),
                    right - pay_x,
                    0.72,
                    color=_HIGHLIGHT,  # opaque: faster to fill than a transparent orange
                    lw=0,
                    zorder=0,
                    visible=False,
                )
                ax.add_patch(box)
                texts = tuple(
                    quick_text(
                        ax,
                        col_x[j] + col_w - 0.12,
                        y[k],
                        "",
                        ha="right",
                        va="center",
                        fontsize=font,
                        color=colours[j],
                        zorder=6,
                    )
                    for j in range(2)
                )
                self.leaves.append(k)
                self.payoff_texts.append((texts[0], texts[1]))
                self.highlights.append(box)
        self.nodes += ax.plot(
            [x[k] for k in self.leaves],
            [y[k] for k in self.leaves],
            "s",
            ms=6,
            color=PALETTE["black"],
            ls="none",
            zorder=5,
        )
        top = max(y) + 0.75
        for j in range(2):
            ax.text(
                col_x[j] + col_w - 0.12,
                top,
                tree.players[j],
                ha="right",
                va="bottom",
                fontsize=font - 1,
                color=colours[j],
                fontweight="bold",
            )
        ax.text(
            col_x[0],
            top + 0.5,
            "payoffs",
            ha="left",
            va="bottom",
            fontsize=font - 2,
            color="#666666",
        )
        handles = [
            Line2D(
                [],
                [],
                ls="",
                marker=f"$\\mathbf{{{initials[i]}}}$",
                ms=9,
                color=colours[i],
                label=f"{tree.players[i]} moves",
            )
            for i in range(2)
        ]
        if any(k == GameTree.CHANCE for k in kind):
            handles.append(
                Line2D([], [], ls="", marker="D", ms=8, color=PALETTE["grey"], label="chance")
            )
        handles.append(Line2D([], [], color=_PATH, lw=4.5, label="equilibrium path"))
        handles.append(
            Line2D([], [], color=_PATH, lw=2.5, ls=(0, (4, 2.5)), label="planned, never reached")
        )
        self.legend_handles = handles
        self.legend_ncol = min(len(handles), 5)
        if legend:
            ax.legend(
                handles=handles,
                loc="upper center",
                bbox_to_anchor=(0.5, 0.0),
                ncol=min(len(handles), 5),
                frameon=False,
                fontsize=font - 2,
                handlelength=2.2,
            )
        ax.set_xlim(-0.45, right + 0.1)
        ax.set_ylim(min(y) - 0.7, top + 1.1)
        ax.set_axis_off()
        if tree.title and title:
            ax.set_title(tree.title, fontsize=font + 1)
        self.equilibrium: SubgamePerfectEquilibrium | None = None
        self.count = 0
        self.update(tree, spe)

    def update(self, tree: GameTree, spe: Any = None) -> bool:
        """Show new payoffs and a new equilibrium of a tree of the same shape; returns ``False``."""
        if not isinstance(tree, GameTree):
            raise TypeError(f"TreeArtists.update needs a GameTree, got {type(tree).__name__}")
        if _structure(tree) != self.structure:
            raise ValueError("the new tree has a different shape; draw a new figure instead")
        if tree.symbolic:
            tree.require_numeric("updating a drawn tree")
        equilibrium, count = _pick(tree, spe)
        if equilibrium is not None and equilibrium.tree != tree:
            raise ValueError("spe is an equilibrium of a different tree than the one drawn")
        self.equilibrium, self.count = equilibrium, count
        reached: set[int] = set()
        chosen: dict[int, int] = {}
        if equilibrium is not None:
            for k, p in enumerate(tree._paths):
                if p in equilibrium.choices:
                    chosen[k] = tree._actions[k].index(equilibrium.choices[p])
                if p in equilibrium.reached:
                    reached.add(k)
        for (k, c), line in self.path_lines.items():
            pos = tree._children[k].index(c)
            if k in reached and c in reached:
                line.set_visible(True)
                line.set_linewidth(4.5)
                line.set_linestyle("-")
            elif chosen.get(k) == pos:
                line.set_visible(True)
                line.set_linewidth(2.5)
                line.set_linestyle((0, (4, 2.5)))
            else:
                line.set_visible(False)
        # a label sits on the side of its edge towards one sibling (above a rising edge,
        # below a falling one): redraw it on top when that sibling's branch is highlighted
        for (k, c), label in self.edge_labels.items():
            kids = tree._children[k]
            pos = kids.index(c)
            near = pos - 1 if self.y[c] >= self.y[k] else pos + 1
            crossed = 0 <= near < len(kids) and self.path_lines[(k, kids[near])].get_visible()
            label.set_visible(bool(crossed))
        for (k, c), text in self.probability_texts.items():
            pos = tree._children[k].index(c)
            text.set_text(f"({format_payoff(tree._probs[k][pos], digits=3)})")
        for leaf, (a, b), box in zip(self.leaves, self.payoff_texts, self.highlights, strict=True):
            hit = leaf in reached
            for j, text in enumerate((a, b)):
                text.set_text(format_payoff(tree._payoffs[leaf][j], digits=self.digits))
                text.set_fontweight("bold" if hit else "normal")
            box.set_visible(hit)
        return False

    def dynamic_artists(self) -> list[Any]:
        return [
            *self.highlights,
            *self.path_lines.values(),
            *self.probability_texts.values(),
            *self.edge_labels.values(),
            *(t for pair in self.payoff_texts for t in pair),
            *self.nodes,
        ]


def draw_game_tree(
    tree: GameTree,
    spe: Any = None,
    ax: Any = None,
    *,
    digits: int = 3,
    legend: bool = True,
    title: bool = True,
) -> TreeArtists:
    """Draw a numeric game tree and return its artists, for updates of payoffs and path.

    Parameters
    ----------
    tree : GameTree
        A numeric tree (no symbols left) with at most ``MAX_LEAVES`` leaves.
    spe : SubgamePerfectEquilibrium, SubgamePerfectSolution, False or None
        The equilibrium to mark; ``None`` (default) finds the first one, ``False``
        marks nothing.
    ax : matplotlib Axes, optional
    digits : int
        Significant digits of the payoffs.
    legend : bool
        Draw the legend below the tree (``False``: ``legend_handles`` for a separate one).
    title : bool
        Show the tree's title.

    Returns
    -------
    TreeArtists
        ``.figure`` is the matplotlib Figure; ``.update(tree, spe)`` redraws a tree
        of the same shape.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision
    >>> def entry(fight):
    ...     return GameTree(("Entrant", "Incumbent"), decision("Entrant", {
    ...         "Out": (0, 5),
    ...         "In": decision("Incumbent", {"Fight": (-1, fight), "Accommodate": (2, 2)}),
    ...     }), title="Entry deterrence")
    >>> artists = draw_game_tree(entry(-1))
    >>> [a.get_text() for a, b in artists.payoff_texts]
    ['0', '−1', '2']
    >>> _ = artists.update(entry(3))  # fighting now pays: the entrant stays out
    >>> artists.equilibrium.path
    ('Out',)
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"draw_game_tree needs a GameTree, got {type(tree).__name__}")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 8:
        raise ValueError(f"digits must be an integer from 1 to 8, got {digits!r}")
    if not isinstance(title, bool):
        raise TypeError(f"title must be True or False, got {title!r}")
    return TreeArtists(tree, spe, ax, digits, legend, title)
