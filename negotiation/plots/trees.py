"""Drawing game trees, with the subgame-perfect equilibrium marked.

The tree grows from left to right, so long action labels ("Treasury card")
and many leaves stay readable. A decision node is a disc in its player's colour
with the player's initial inside (the legend says who is who); a chance node
is a grey diamond, with the probabilities on its branches. The payoffs of every
leaf are lined up on the right, one column per player in the player's colour.
The equilibrium path is drawn thick, and the choices that the equilibrium plans
at nodes never reached (the threats and promises that hold it together) are
drawn dashed, so students see both at once.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core._numbers import format_number
from ..trees.spe import SubgamePerfectEquilibrium, SubgamePerfectSolution, subgame_perfect
from ..trees.tree import GameTree
from .style import FONT_SIZE, PALETTE, PLAYER_COLOURS, SOLUTION_COLOURS, new_figure

__all__ = ["MAX_LEAVES", "plot_tree"]

#: More leaves than this and the figure gets too tall to read; a ValueError says so.
MAX_LEAVES = 80

_CHAR = 0.6  # average character width, in units of the font size


def _text(value: Any) -> str:
    """A payoff or probability for the page, with a true minus sign."""
    if isinstance(value, Fraction | float | int):
        return format_number(value).replace("-", "\u2212")
    return str(value).replace("-", "\u2212")


def _layout(tree: GameTree) -> tuple[list[float], list[float]]:
    """x = depth, y = leaf order (0, -1, -2, ...), parents centred on their children."""
    n = len(tree)
    kind, children = tree._kind, tree._children
    x = [float(len(p)) for p in tree._paths]
    y = [0.0] * n
    row = 0
    for k in range(n):  # preorder gives the leaves top to bottom
        if kind[k] == GameTree.TERMINAL:
            y[k] = -float(row)
            row += 1
    for k in range(n - 1, -1, -1):
        ch = children[k]
        if ch:
            y[k] = (y[ch[0]] + y[ch[-1]]) / 2
    return x, y


def _initials(players: tuple[str, str]) -> tuple[str, str]:
    a, b = (p.strip()[0].upper() for p in players)
    return (a, b) if a != b else ("1", "2")


# --- what the printed tree (plot_tree) and the live one (tree_updates) share -----------------


@dataclass(frozen=True)
class _Look:
    """The sizes in which the printed and the live tree differ (both are drawn by this module's parts)."""

    disc: float  # the marker size of a decision node
    diamond: float  # the marker size of a chance node
    path_width: float  # the line width of the equilibrium path
    label_at: float  # where along its edge an action label sits (0 parent, 1 child)
    label_dx: float  # points left of a sloping edge
    label_dy: float  # points above a level edge


#: plot_tree: a figure for the page.
PRINTED = _Look(disc=19, diamond=13, path_width=4.0, label_at=0.68, label_dx=3, label_dy=4)
#: draw_game_tree: a smaller, fixed figure for an app.
LIVE = _Look(disc=21, diamond=14, path_width=4.5, label_at=0.62, label_dx=4, label_dy=5)

_PLANNED = (0, (4, 2.5))  # the dash of a choice planned off the equilibrium path


def _font_size(leaves: int) -> int:
    return FONT_SIZE if leaves <= 12 else (FONT_SIZE - 2 if leaves <= 24 else FONT_SIZE - 3)


def _check_leaves(tree: GameTree, advice: str = "") -> int:
    leaves = tree.leaf_count
    if leaves > MAX_LEAVES:
        raise ValueError(
            f"the tree has {leaves} leaves; a drawing with more than {MAX_LEAVES} is unreadable"
            + advice
        )
    return leaves


def _pick_equilibrium(
    tree: GameTree, spe: Any, *, true_allowed: bool
) -> tuple[SubgamePerfectEquilibrium | None, int]:
    """The equilibrium to mark and how many there are (``spe`` as plot_tree and draw_game_tree take it)."""
    if spe is False:
        return None, 0
    if spe is None or (spe is True and true_allowed):
        if tree.symbolic:
            if spe is True:
                tree.require_numeric("marking the subgame-perfect equilibrium")
            return None, 0
        solution = subgame_perfect(tree)
        return solution.first(), solution.count
    if isinstance(spe, SubgamePerfectSolution):
        if spe.tree != tree:
            raise ValueError("spe is the solution of a different tree than the one drawn")
        return spe.first(), spe.count
    if isinstance(spe, SubgamePerfectEquilibrium):
        if spe.tree != tree:
            raise ValueError("spe is an equilibrium of a different tree than the one drawn")
        return spe, 1
    allowed = "True, False or None" if true_allowed else "False or None"
    raise TypeError(
        f"spe must be a SubgamePerfectEquilibrium, a SubgamePerfectSolution, {allowed}, "
        f"got {type(spe).__name__}"
    )


def _marks(
    tree: GameTree, equilibrium: SubgamePerfectEquilibrium | None
) -> tuple[dict[int, int], set[int]]:
    """The equilibrium's choice at every node (the action's position) and the nodes it reaches."""
    chosen: dict[int, int] = {}
    reached: set[int] = set()
    if equilibrium is not None:
        for k, p in enumerate(tree._paths):
            if p in equilibrium.choices:
                chosen[k] = tree._actions[k].index(equilibrium.choices[p])
            if p in equilibrium.reached:
                reached.add(k)
    return chosen, reached


def _label_spot(
    x: list[float], y: list[float], k: int, c: int, look: _Look
) -> tuple[tuple[float, float], tuple[float, float], str, str]:
    """Where the label of the edge from ``k`` to ``c`` goes: point, offset in points, ha, va.

    Beside the edge, on the side away from its siblings (above-left of a rising edge,
    below-left of a falling one, above a level one), nearer the child than the parent,
    where sibling edges have spread apart.
    """
    t = look.label_at
    rise = y[c] - y[k]
    if abs(rise) < 1e-9:
        offset, ha, va = (0.0, look.label_dy), "center", "bottom"
    elif rise > 0:
        offset, ha, va = (-look.label_dx, 3.0), "right", "bottom"
    else:
        offset, ha, va = (-look.label_dx, -3.0), "right", "top"
    return (x[k] + t * (x[c] - x[k]), y[k] + t * rise), offset, ha, va


def _draw_nodes(
    ax: Any,
    tree: GameTree,
    x: list[float],
    y: list[float],
    colours: tuple[str, str],
    look: _Look,
    font: int,
    write: Any = None,
) -> list[Any]:
    """Discs with the players' initials, chance diamonds and leaf squares; returns the artists.

    ``write(x, y, text, **style)`` draws the initials (by default ``ax.text``).
    """
    write = write or ax.text
    kind, n = tree._kind, len(tree)
    artists: list[Any] = []
    for i in range(2):
        mine = [k for k in range(n) if kind[k] == GameTree.DECISION and tree._owner[k] == i]
        if mine:
            artists += ax.plot(
                [x[k] for k in mine],
                [y[k] for k in mine],
                "o",
                ms=look.disc,
                color=colours[i],
                mec="white",
                mew=1.5,
                ls="none",
                zorder=5,
            )
    chance_nodes = [k for k in range(n) if kind[k] == GameTree.CHANCE]
    if chance_nodes:
        artists += ax.plot(
            [x[k] for k in chance_nodes],
            [y[k] for k in chance_nodes],
            "D",
            ms=look.diamond,
            color=PALETTE["grey"],
            mec="white",
            mew=1.5,
            ls="none",
            zorder=5,
        )
    initials = _initials(tree.players)
    for k in range(n):
        if kind[k] == GameTree.DECISION:
            artists.append(
                write(
                    x[k],
                    y[k],
                    initials[tree._owner[k]],
                    ha="center",
                    va="center",
                    fontsize=font - 2,
                    color="white",
                    fontweight="bold",
                    zorder=6,
                )
            )
    leaves = [k for k in range(n) if kind[k] == GameTree.TERMINAL]
    artists += ax.plot(
        [x[k] for k in leaves],
        [y[k] for k in leaves],
        "s",
        ms=6,
        color=PALETTE["black"],
        ls="none",
        zorder=5,
    )
    return artists


def _draw_leader(ax: Any, xk: float, yk: float, pay_x: float) -> None:
    """A dotted line from a leaf short of the deepest ones to the payoff columns."""
    ax.plot([xk + 0.05, pay_x], [yk, yk], color=PALETTE["grey"], lw=0.8, ls=":", zorder=0)


def _draw_headers(
    ax: Any,
    players: tuple[str, str],
    colours: tuple[str, str],
    xs: list[float],
    ha: str,
    payoffs_x: float,
    top: float,
    font: int,
    grey: str,
) -> None:
    """The players' names over their payoff columns, and "payoffs" over both."""
    for j in range(2):
        ax.text(
            xs[j],
            top,
            players[j],
            ha=ha,
            va="bottom",
            fontsize=font - 1,
            color=colours[j],
            fontweight="bold",
        )
    ax.text(
        payoffs_x,
        top + 0.5,
        "payoffs",
        ha="left",
        va="bottom",
        fontsize=font - 2,
        color=grey,
    )


def _legend_handles(
    tree: GameTree, colours: tuple[str, str], look: _Look, marked: bool, off_path: bool
) -> list[Any]:
    from matplotlib.lines import Line2D

    initials = _initials(tree.players)
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
    if any(k == GameTree.CHANCE for k in tree._kind):
        handles.append(
            Line2D([], [], ls="", marker="D", ms=8, color=PALETTE["grey"], label="chance")
        )
    path = SOLUTION_COLOURS["path"]
    if marked:
        handles.append(Line2D([], [], color=path, lw=look.path_width, label="equilibrium path"))
    if marked and off_path:
        handles.append(
            Line2D([], [], color=path, lw=2.5, ls=_PLANNED, label="planned, never reached")
        )
    return handles


def _place_legend(ax: Any, handles: list[Any], font: int) -> None:
    """The legend in one row (up to five entries) under the tree."""
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=min(len(handles), 5),
        frameon=False,
        fontsize=font - 2,
        handlelength=2.2,
    )


def _frame(ax: Any, y: list[float], right: float, top: float) -> None:
    ax.set_xlim(-0.45, right + 0.1)
    ax.set_ylim(min(y) - 0.7, top + 1.1)
    ax.set_axis_off()


# --- plot_tree -----------------------------------------------------------------------------


def plot_tree(
    tree: GameTree,
    spe: SubgamePerfectEquilibrium | SubgamePerfectSolution | bool | None = None,
    ax: Any = None,
) -> Any:
    """Draw a game tree, with payoffs at the leaves and the subgame-perfect equilibrium marked.

    Parameters
    ----------
    tree : GameTree
        The tree (numeric or symbolic; symbolic payoffs are printed as formulas).
    spe : SubgamePerfectEquilibrium, SubgamePerfectSolution, bool or None
        The equilibrium to mark. ``None`` (default): the first subgame-perfect
        equilibrium of a numeric tree (the title says when there are several),
        nothing for a symbolic tree; ``True``: the same, but a symbolic tree is
        an error; ``False``: mark nothing.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure sized to the tree.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``tree`` is not a GameTree or ``spe`` is of the wrong type.
    ValueError
        If ``spe`` belongs to another tree, ``spe=True`` is asked of a symbolic
        tree, or the tree has more than :data:`MAX_LEAVES` leaves.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision
    >>> entry = GameTree(("Entrant", "Incumbent"), decision("Entrant", {
    ...     "Out": (1, 5),
    ...     "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
    ... }), title="Entry deterrence")
    >>> fig = plot_tree(entry)
    >>> fig.axes[0].get_title()
    'Entry deterrence'
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"plot_tree() needs a GameTree, got {type(tree).__name__}")
    leaves = _check_leaves(tree, ". Draw a subtree, or use print(tree) for an outline")
    equilibrium, count = _pick_equilibrium(tree, spe, true_allowed=True)
    depth = tree.depth
    font = _font_size(leaves)
    if ax is None:
        height = max(3.4, 0.6 * leaves + 2.0) if leaves <= 12 else 0.4 * leaves + 2.0
        width = min(15.0, max(7.0, 1.8 * depth + 4.2))
        fig, ax = new_figure(width, height)
    else:
        fig = ax.figure
    pay_x, col_x, right = _payoff_columns(fig, ax, tree, font)
    x, y = _layout(tree)
    chosen, reached = _marks(tree, equilibrium)
    _draw_edges(ax, tree, x, y, chosen, reached, font)
    _draw_nodes(ax, tree, x, y, PLAYER_COLOURS, PRINTED, font)
    _draw_names(ax, tree, x, y, font)
    for k in range(len(tree)):
        if tree._kind[k] == GameTree.TERMINAL:
            if x[k] < depth:
                _draw_leader(ax, x[k], y[k], pay_x)
            _draw_payoffs(ax, tree, k, y[k], col_x, right, pay_x, k in reached, font)
    top = max(y) + 0.75
    grey = PALETTE["grey"]
    _draw_headers(ax, tree.players, PLAYER_COLOURS, col_x, "left", col_x[0], top, font, grey)
    off_path = any(k not in reached for k in chosen)
    handles = _legend_handles(tree, PLAYER_COLOURS, PRINTED, equilibrium is not None, off_path)
    _place_legend(ax, handles, font)
    _frame(ax, y, right, top)
    title, note = tree.title, _several(count)
    if note:
        title = f"{title}\n{note}" if title else note
    if title:
        ax.set_title(title, fontsize=font + 1)
    return fig


def _payoff_columns(
    fig: Any, ax: Any, tree: GameTree, font: int
) -> tuple[float, list[float], float]:
    """Where the payoffs go: the leader lines' end, each column's left edge, the right edge.

    The columns are as wide as their longest entry; the tree gets the width they leave.
    """
    box = ax.get_position()
    width_in = fig.get_size_inches()[0] * box.width
    payoff_strings = [[_text(v) for v in tree._payoffs[k]] for k, _ in enumerate(tree._kind)]
    col_in = [
        max(
            0.75,
            _CHAR * font / 72 * max(len(tree.players[j]), *(len(s[j]) for s in payoff_strings if s))
            + 0.3,
        )
        for j in range(2)
    ]
    depth = tree.depth
    unit_in = max(0.5, (width_in - sum(col_in) - 0.3) / (depth + 0.9))
    pay_x = depth + 0.45
    col_x = [pay_x + 0.1, pay_x + 0.1 + col_in[0] / unit_in]
    right = pay_x + 0.1 + sum(col_in) / unit_in
    return pay_x, col_x, right


def _draw_names(ax: Any, tree: GameTree, x: list[float], y: list[float], font: int) -> None:
    """Node names in italics: under an inner node, right of a leaf."""
    for k in range(len(tree)):
        name = tree._nodes[k].name
        if not name:
            continue
        inner = tree._kind[k] != GameTree.TERMINAL
        box = {"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"}
        ax.annotate(
            name,
            (x[k], y[k]),
            xytext=(0, -13) if inner else (8, 0),
            textcoords="offset points",
            ha="center" if inner else "left",
            va="top" if inner else "center",
            fontsize=font - 2,
            fontstyle="italic",
            bbox=box | {"alpha": 0.85} if inner else box,
            zorder=6,
        )


def _draw_edges(
    ax: Any,
    tree: GameTree,
    x: list[float],
    y: list[float],
    chosen: dict[int, int],
    reached: set[int],
    font: int,
) -> None:
    kind, children, actions = tree._kind, tree._children, tree._actions
    path_colour = SOLUTION_COLOURS["path"]
    for k in range(len(tree)):
        for pos, c in enumerate(children[k]):
            on_path = k in reached and c in reached
            planned = chosen.get(k) == pos
            if on_path:
                style: dict[str, Any] = {"color": path_colour, "lw": PRINTED.path_width, "ls": "-"}
            elif planned:
                style = {"color": path_colour, "lw": 2.5, "ls": _PLANNED}
            else:
                style = {"color": PALETTE["grey"], "lw": 1.4, "ls": "-"}
            ax.plot([x[k], x[c]], [y[k], y[c]], solid_capstyle="round", zorder=2, **style)
            label = textwrap.fill(actions[k][pos], 16)
            if kind[k] == GameTree.CHANCE:
                prob = f"({_text(tree._probs[k][pos])})"
                label = f"{label} {prob}" if len(label) + len(prob) <= 14 else f"{label}\n{prob}"
            at, offset, ha, va = _label_spot(x, y, k, c, PRINTED)
            ax.annotate(
                label,
                at,
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=font - 1,
                fontweight="bold" if (on_path or planned) else "normal",
                color=PALETTE["black"],
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
                zorder=4,
            )


def _draw_payoffs(
    ax: Any,
    tree: GameTree,
    k: int,
    yk: float,
    col_x: list[float],
    right: float,
    pay_x: float,
    hit: bool,
    font: int,
) -> None:
    for j in range(2):
        ax.text(
            col_x[j],
            yk,
            _text(tree._payoffs[k][j]),
            ha="left",
            va="center",
            fontsize=font,
            color=PLAYER_COLOURS[j],
            fontweight="bold" if hit else "normal",
            zorder=6,
        )
    if hit:
        from matplotlib.patches import Rectangle

        ax.add_patch(
            Rectangle(
                (pay_x, yk - 0.36),
                right - pay_x,
                0.72,
                color=SOLUTION_COLOURS["path"],
                alpha=0.2,
                lw=0,
                zorder=0,
            )
        )


def _several(count: int) -> str:
    return f"(one of {count:,} subgame-perfect equilibria shown)" if count > 1 else ""
