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

from ..trees.spe import SubgamePerfectEquilibrium
from ..trees.tree import GameTree
from ._live import LiveArtists, player_colours, quick_text
from .style import FONT_SIZE, PALETTE, SOLUTION_COLOURS, new_figure
from .tables import format_payoff
from .trees import (
    _REACH_BOX,
    LIVE,
    _belief_spot,
    _belief_words,
    _beliefs_by_node,
    _check_leaves,
    _draw_headers,
    _draw_leader,
    _draw_links,
    _draw_nodes,
    _font_size,
    _frame,
    _label_spot,
    _layout,
    _legend_handles,
    _marks,
    _pick_equilibrium,
    _pick_profile,
    _place_legend,
    _reach_spot,
    _reach_text,
    _set_links,
)

__all__ = ["TreeArtists", "draw_game_tree"]

_PATH = SOLUTION_COLOURS["path"]
_HIGHLIGHT = "#F9E7C2"  # the path colour at 22% on white
_PAYOFF_CHARS = 8  # room for payoffs such as "−1,349" or "−0.625"


def _structure(tree: GameTree) -> tuple[Any, ...]:
    return (
        tuple(tree._kind),
        tuple(map(tuple, tree._children)),
        tuple(map(tuple, tree._actions)),
        tuple(s.nodes for s in tree.information_sets()),
    )


def _shifted(ax: Any, offset: tuple[float, float], dy: float) -> Any:
    """Data coordinates moved by ``offset`` points, and ``dy`` points more upwards."""
    from matplotlib.transforms import ScaledTranslation

    move = ScaledTranslation(offset[0] / 72, (offset[1] + dy) / 72, ax.figure.dpi_scale_trans)
    return ax.transData + move


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
    reach_texts : dict of (int, int) to Text
        The probability of reaching the end of every branch, shown on the path of a
        strategy profile where it is not 1 (empty otherwise).
    set_links : list of Line2D
        The dashed line of each information set of more than one node.
    belief_texts : dict of int to Text
        The belief at each node of those sets (empty when none is shown).
    equilibrium : SubgamePerfectEquilibrium or None
        The equilibrium drawn.
    profile : BehaviourProfile or None
        The strategy profile drawn instead of a subgame-perfect equilibrium.
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
        profile: Any = None,
        beliefs: Any = None,
    ) -> None:
        if tree.symbolic:
            tree.require_numeric("drawing a tree with updatable payoffs")
        leaves = _check_leaves(tree)
        self.digits = digits
        self.structure = _structure(tree)
        depth = tree.depth
        font = _font_size(leaves)
        if ax is None:
            height = max(3.4, 0.45 * leaves + (1.9 if legend else 1.3))
            width = min(9.0, max(6.5, 1.25 * depth + 2.8))
            fig, ax = new_figure(width, height)
        else:
            fig = ax.figure
        self.figure, self.ax = fig, ax
        colours = player_colours(tree.players)
        self.x, self.y = _layout(tree)
        self._draw_edges(tree, font)
        links = _set_links(tree, self.x, self.y)
        drawn = _draw_links(ax, links, colours, font)
        self.set_links: list[Any] = drawn[::2]
        self.belief_texts: dict[int, Any] = {}
        for link in links:
            for k in link.nodes:
                offset, ha, va = _belief_spot(tree, self.x, self.y, k)
                self.belief_texts[k] = quick_text(
                    ax,
                    self.x[k],
                    self.y[k],
                    "",
                    transform=_shifted(ax, offset, 0),
                    ha=ha,
                    va=va,
                    fontsize=font - 1,
                    color=PALETTE["black"],
                    zorder=6,
                )
        # nodes are drawn over the path, so they are redrawn with it (a few markers and letters)
        self.nodes: list[Any] = _draw_nodes(
            ax,
            tree,
            self.x,
            self.y,
            colours,
            LIVE,
            font,
            write=lambda *args, **style: quick_text(ax, *args, **style),
        )
        right, top = self._draw_payoff_columns(tree, colours, font)
        self.legend_handles = _legend_handles(
            tree, colours, LIVE, marked=True, off_path=True, sets=bool(links)
        )
        self.legend_ncol = min(len(self.legend_handles), 5)
        if legend:
            _place_legend(ax, self.legend_handles, font)
        _frame(ax, self.y, right, top)
        if tree.title and title:
            ax.set_title(tree.title, fontsize=font + 1)
        self.equilibrium: SubgamePerfectEquilibrium | None = None
        self.profile: Any = None
        self.count = 0
        self.update(tree, spe, profile=profile, beliefs=beliefs)

    def _draw_edges(self, tree: GameTree, font: int) -> None:
        """Every branch in grey with a hidden path overlay, its action and (chance) probability."""
        ax, x, y = self.ax, self.x, self.y
        self.path_lines: dict[tuple[int, int], Any] = {}
        self.edge_labels: dict[tuple[int, int], Any] = {}
        self.probability_texts: dict[tuple[int, int], Any] = {}
        self.reach_texts: dict[tuple[int, int], Any] = {}
        for k in range(len(tree)):
            for pos, c in enumerate(tree._children[k]):
                ends = ([x[k], x[c]], [y[k], y[c]])
                ax.plot(*ends, color=PALETTE["grey"], lw=1.4, zorder=2, solid_capstyle="round")
                (self.path_lines[(k, c)],) = ax.plot(
                    *ends,
                    color=_PATH,
                    lw=LIVE.path_width,
                    zorder=3,
                    solid_capstyle="butt",
                    visible=False,
                )
                at, offset, ha, va = _label_spot(x, y, k, c, LIVE)
                words = textwrap.fill(tree._actions[k][pos], 16)
                ax.annotate(
                    words,
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
                    *at,
                    words,
                    transform=_shifted(ax, offset, 0),
                    ha=ha,
                    va=va,
                    fontsize=font - 1,
                    zorder=4,
                    visible=False,
                )
                r_at, r_offset, r_ha, r_va = _reach_spot(x, y, k, c)
                self.reach_texts[(k, c)] = ax.text(
                    *r_at,
                    "",
                    transform=_shifted(ax, r_offset, 0),
                    ha=r_ha,
                    va=r_va,
                    fontsize=font - 2,
                    fontweight="bold",
                    bbox=_REACH_BOX,
                    zorder=4,
                    visible=False,
                )
                if tree._kind[k] == GameTree.CHANCE:
                    self.probability_texts[(k, c)] = quick_text(
                        ax,
                        *at,
                        "",
                        transform=_shifted(ax, offset, -16 if y[c] - y[k] <= 0 else 16),
                        ha=ha,
                        va=va,
                        fontsize=font - 1,
                        color="#333333",
                        zorder=4,
                    )

    def _draw_payoff_columns(
        self, tree: GameTree, colours: tuple[str, str], font: int
    ) -> tuple[float, float]:
        """Leader lines, hidden highlights and empty payoff texts, one row a leaf; the headers.

        Returns the right edge of the columns and the top of the headers.
        """
        from matplotlib.patches import Rectangle

        ax, x, y = self.ax, self.x, self.y
        pay_x = tree.depth + 0.45
        col_w = 0.115 * _PAYOFF_CHARS * font / FONT_SIZE
        col_x = [pay_x + 0.05, pay_x + 0.05 + col_w]
        right = col_x[1] + col_w
        ends = [cx + col_w - 0.12 for cx in col_x]  # payoffs are right-aligned
        self.leaves: list[int] = []
        self.payoff_texts: list[tuple[Any, Any]] = []
        self.highlights: list[Any] = []
        for k in range(len(tree)):
            if tree._kind[k] != GameTree.TERMINAL:
                continue
            if x[k] < tree.depth:
                _draw_leader(ax, x[k], y[k], pay_x)
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
            a, b = (
                quick_text(
                    ax,
                    ends[j],
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
            self.payoff_texts.append((a, b))
            self.highlights.append(box)
        top = max(y) + 0.75
        _draw_headers(ax, tree.players, colours, ends, "right", col_x[0], top, font, "#666666")
        return right, top

    def update(
        self, tree: GameTree, spe: Any = None, *, profile: Any = None, beliefs: Any = None
    ) -> bool:
        """Show new payoffs and a new equilibrium of a tree of the same shape; returns ``False``.

        ``profile`` and ``beliefs`` are those of :func:`~negotiation.plots.plot_tree`:
        a strategy profile to mark instead of the subgame-perfect equilibrium, and the
        beliefs to write at the nodes of information sets.
        """
        if not isinstance(tree, GameTree):
            raise TypeError(f"TreeArtists.update needs a GameTree, got {type(tree).__name__}")
        if _structure(tree) != self.structure:
            raise ValueError("the new tree has a different shape; draw a new figure instead")
        if tree.symbolic:
            tree.require_numeric("updating a drawn tree")
        if profile is not None:
            if spe is not None and spe is not False:
                raise ValueError("give spe or profile, not both")
            spe = False
        equilibrium, count = _pick_equilibrium(tree, spe, true_allowed=False)
        chosen_profile = None if profile is None else _pick_profile(tree, profile)
        if beliefs is None and profile is not None and hasattr(profile, "off_path"):
            beliefs = profile
        shown = {} if beliefs is None else _beliefs_by_node(tree, beliefs)
        self.equilibrium, self.count, self.profile = equilibrium, count, chosen_profile
        marks = _marks(tree, equilibrium, chosen_profile)
        reached = marks.reach
        for (k, c), line in self.path_lines.items():
            pos = tree._children[k].index(c)
            words = _reach_text(marks, tree, k, pos, c)
            self.reach_texts[(k, c)].set_text(words)
            self.reach_texts[(k, c)].set_visible(bool(words))
            if marks.on_path(k, c):
                line.set_visible(True)
                line.set_linewidth(LIVE.path_width)
                line.set_linestyle("-")
            elif marks.planned_edge(k, pos):
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
        for k, text in self.belief_texts.items():
            text.set_text(_belief_words(shown[k]) if k in shown else "")
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
            *(t for t in self.reach_texts.values() if t.get_visible()),
            *self.belief_texts.values(),
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
    profile: Any = None,
    beliefs: Any = None,
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
    profile : BehaviourProfile, or an equilibrium with a ``.profile``, optional
        A strategy profile to mark instead of the subgame-perfect equilibrium (a tree
        with information sets has none by backward induction), as in
        :func:`~negotiation.plots.plot_tree`.
    beliefs : mapping or PerfectBayesianEquilibrium, optional
        Beliefs at the nodes of information sets, as in :func:`~negotiation.plots.plot_tree`.

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

    A tree with information sets, and one of its perfect Bayesian equilibria:

    >>> from negotiation.information import perfect_bayesian
    >>> from negotiation.trees.examples import beer_quiche
    >>> artists = draw_game_tree(beer_quiche(), profile=perfect_bayesian(beer_quiche())[0])
    >>> len(artists.set_links), sorted(t.get_text() for t in artists.belief_texts.values())
    (2, ['μ = 1/10', 'μ = 9/10', 'μ ≤ 1/2', 'μ ≥ 1/2'])
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"draw_game_tree needs a GameTree, got {type(tree).__name__}")
    tree.require_two_players(
        "draw_game_tree() (the live drawing has two payoff columns; plot_tree draws any number)"
    )
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 8:
        raise ValueError(f"digits must be an integer from 1 to 8, got {digits!r}")
    if not isinstance(title, bool):
        raise TypeError(f"title must be True or False, got {title!r}")
    return TreeArtists(tree, spe, ax, digits, legend, title, profile, beliefs)
