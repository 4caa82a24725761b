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
    leaves = tree.leaf_count
    if leaves > MAX_LEAVES:
        raise ValueError(
            f"the tree has {leaves} leaves; a drawing with more than {MAX_LEAVES} is unreadable. "
            f"Draw a subtree, or use print(tree) for an outline"
        )
    equilibrium, note = _pick_equilibrium(tree, spe)

    depth = tree.depth
    font = FONT_SIZE if leaves <= 12 else (FONT_SIZE - 2 if leaves <= 24 else FONT_SIZE - 3)
    if ax is None:
        height = max(3.4, 0.6 * leaves + 2.0) if leaves <= 12 else 0.4 * leaves + 2.0
        width = min(15.0, max(7.0, 1.8 * depth + 4.2))
        fig, ax = new_figure(width, height)
    else:
        fig = ax.figure

    # Horizontal scale: the tree gets what the payoff columns leave.
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
    unit_in = max(0.5, (width_in - sum(col_in) - 0.3) / (depth + 0.9))
    pay_x = depth + 0.45
    col_x = [pay_x + 0.1, pay_x + 0.1 + col_in[0] / unit_in]
    right = pay_x + 0.1 + sum(col_in) / unit_in

    x, y = _layout(tree)
    kind, actions = tree._kind, tree._actions
    chosen: dict[int, int] = {}
    reached: set[int] = set()
    if equilibrium is not None:
        for k, p in enumerate(tree._paths):
            if p in equilibrium.choices:
                chosen[k] = actions[k].index(equilibrium.choices[p])
            if p in equilibrium.reached:
                reached.add(k)

    _draw_edges(ax, tree, x, y, chosen, reached, font)

    initials = _initials(tree.players)
    for k in range(len(tree)):
        name = tree._nodes[k].name
        if kind[k] == GameTree.DECISION:
            i = tree._owner[k]
            ax.plot(x[k], y[k], "o", ms=19, color=PLAYER_COLOURS[i], mec="white", mew=1.5, zorder=5)
            ax.text(
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
        elif kind[k] == GameTree.CHANCE:
            ax.plot(x[k], y[k], "D", ms=13, color=PALETTE["grey"], mec="white", mew=1.5, zorder=5)
        else:
            ax.plot(x[k], y[k], "s", ms=6, color=PALETTE["black"], zorder=5)
            if x[k] < depth:  # a leader line to the payoff columns
                ax.plot(
                    [x[k] + 0.05, pay_x],
                    [y[k], y[k]],
                    color=PALETTE["grey"],
                    lw=0.8,
                    ls=":",
                    zorder=0,
                )
            _draw_payoffs(ax, tree, k, y[k], col_x, right, pay_x, k in reached, font)
        if name and kind[k] != GameTree.TERMINAL:
            ax.annotate(
                name,
                (x[k], y[k]),
                xytext=(0, -13),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=font - 2,
                fontstyle="italic",
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
                zorder=6,
            )
        elif name:
            ax.annotate(
                name,
                (x[k], y[k]),
                xytext=(8, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=font - 2,
                fontstyle="italic",
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"},
                zorder=6,
            )

    top = max(y) + 0.75
    for j in range(2):
        ax.text(
            col_x[j],
            top,
            tree.players[j],
            ha="left",
            va="bottom",
            fontsize=font - 1,
            color=PLAYER_COLOURS[j],
            fontweight="bold",
        )
    ax.text(
        col_x[0],
        top + 0.5,
        "payoffs",
        ha="left",
        va="bottom",
        fontsize=font - 2,
        color=PALETTE["grey"],
    )

    off_path = any(k not in reached for k in chosen)
    _legend(ax, tree, initials, equilibrium is not None, off_path, font)
    ax.set_xlim(-0.45, right + 0.1)
    ax.set_ylim(min(y) - 0.7, top + 1.1)
    ax.set_axis_off()
    title = tree.title
    if note:
        title = f"{title}\n{note}" if title else note
    if title:
        ax.set_title(title, fontsize=font + 1)
    return fig


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
                style: dict[str, Any] = {"color": path_colour, "lw": 4.0, "ls": "-"}
            elif planned:
                style = {"color": path_colour, "lw": 2.5, "ls": (0, (4, 2.5))}
            else:
                style = {"color": PALETTE["grey"], "lw": 1.4, "ls": "-"}
            ax.plot([x[k], x[c]], [y[k], y[c]], solid_capstyle="round", zorder=2, **style)
            label = textwrap.fill(actions[k][pos], 16)
            if kind[k] == GameTree.CHANCE:
                prob = f"({_text(tree._probs[k][pos])})"
                label = f"{label} {prob}" if len(label) + len(prob) <= 14 else f"{label}\n{prob}"
            # Beside the edge, on the side away from its siblings (above-left of a rising
            # edge, below-left of a falling one, above a level one), nearer the child
            # than the parent, where sibling edges have spread apart.
            t = 0.68
            rise = y[c] - y[k]
            if abs(rise) < 1e-9:
                offset, ha, va = (0, 4), "center", "bottom"
            elif rise > 0:
                offset, ha, va = (-3, 3), "right", "bottom"
            else:
                offset, ha, va = (-3, -3), "right", "top"
            ax.annotate(
                label,
                (x[k] + t * (x[c] - x[k]), y[k] + t * rise),
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


def _legend(
    ax: Any, tree: GameTree, initials: tuple[str, str], marked: bool, off_path: bool, font: int
) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            ls="",
            marker=f"$\\mathbf{{{initials[i]}}}$",
            ms=9,
            color=PLAYER_COLOURS[i],
            label=f"{tree.players[i]} moves",
        )
        for i in range(2)
    ]
    if any(k == GameTree.CHANCE for k in tree._kind):
        handles.append(
            Line2D([], [], ls="", marker="D", ms=8, color=PALETTE["grey"], label="chance")
        )
    if marked:
        handles.append(
            Line2D([], [], color=SOLUTION_COLOURS["path"], lw=4, label="equilibrium path")
        )
    if marked and off_path:
        handles.append(
            Line2D(
                [],
                [],
                color=SOLUTION_COLOURS["path"],
                lw=2.5,
                ls=(0, (4, 2.5)),
                label="planned, never reached",
            )
        )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=min(len(handles), 5),
        frameon=False,
        fontsize=font - 2,
        handlelength=2.2,
    )


def _pick_equilibrium(tree: GameTree, spe: Any) -> tuple[SubgamePerfectEquilibrium | None, str]:
    if spe is False:
        return None, ""
    if spe is None or spe is True:
        if tree.symbolic:
            if spe is True:
                tree.require_numeric("marking the subgame-perfect equilibrium")
            return None, ""
        solution = subgame_perfect(tree)
        return solution.first(), _several(solution.count)
    if isinstance(spe, SubgamePerfectSolution):
        if spe.tree != tree:
            raise ValueError("spe is the solution of a different tree than the one drawn")
        return spe.first(), _several(spe.count)
    if isinstance(spe, SubgamePerfectEquilibrium):
        if spe.tree != tree:
            raise ValueError("spe is an equilibrium of a different tree than the one drawn")
        return spe, ""
    raise TypeError(
        "spe must be a SubgamePerfectEquilibrium, a SubgamePerfectSolution, True, False or None, "
        f"got {type(spe).__name__}"
    )


def _several(count: int) -> str:
    return f"(one of {count:,} subgame-perfect equilibria shown)" if count > 1 else ""
