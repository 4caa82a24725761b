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

import itertools
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


def _initials(players: tuple[str, ...]) -> tuple[str, ...]:
    found = tuple(p.strip()[0].upper() for p in players)
    if len(set(found)) == len(found):
        return found
    return tuple(str(k + 1) for k in range(len(players)))


#: The colours of a third, fourth, ... player (the first two are PLAYER_COLOURS).
_MORE_COLOURS = (PALETTE["bluish_green"], PALETTE["reddish_purple"], PALETTE["orange"], "#666666")


def _tree_colours(tree: GameTree) -> tuple[str, ...]:
    """One colour a player: PLAYER_COLOURS for the first two, then more of the palette."""
    n = len(tree.players)
    if n == 2:
        return PLAYER_COLOURS
    more = [_MORE_COLOURS[k % len(_MORE_COLOURS)] for k in range(n - 2)]
    return (*PLAYER_COLOURS, *more)


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
        if not tree.perfect_information:
            if spe is True:
                tree.require_perfect_information("marking the subgame-perfect equilibrium")
            return None, 0
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


@dataclass(frozen=True)
class _Marks:
    """What an equilibrium marks on a tree: where play goes, and the plans off its path."""

    reach: dict[int, Any]  # the nodes reached with positive probability, and that probability
    planned: frozenset[tuple[int, int]]  # (node, action position) chosen at nodes never reached
    probabilities: bool = False  # write the reach probabilities (a profile may mix)

    def on_path(self, k: int, c: int) -> bool:
        return k in self.reach and c in self.reach

    def planned_edge(self, k: int, pos: int) -> bool:
        return (k, pos) in self.planned


def _marks(
    tree: GameTree, equilibrium: SubgamePerfectEquilibrium | None, profile: Any = None
) -> _Marks:
    """The nodes an equilibrium reaches and the choices it plans elsewhere.

    From a subgame-perfect equilibrium (every reached node has probability 1) or a
    :class:`~negotiation.trees.BehaviourProfile` (reach probabilities, and every
    action of positive probability at a node play never reaches is planned).
    """
    reach: dict[int, Any] = {}
    planned: set[tuple[int, int]] = set()
    if profile is not None:
        for k, p in enumerate(tree._paths):
            r = profile.reach(p)
            if r:
                reach[k] = r
        for k in range(len(tree)):
            if k in reach or tree._kind[k] != GameTree.DECISION:
                continue
            dist = profile.probabilities[tree._iset[k]]
            if dist is not None:
                planned |= {(k, pos) for pos, q in enumerate(dist) if q}
        return _Marks(reach, frozenset(planned), probabilities=True)
    if equilibrium is not None:
        for k, p in enumerate(tree._paths):
            if p in equilibrium.reached:
                reach[k] = 1
        for k, p in enumerate(tree._paths):
            if p in equilibrium.choices and k not in reach:
                planned.add((k, tree._actions[k].index(equilibrium.choices[p])))
    return _Marks(reach, frozenset(planned))


def _pick_profile(tree: GameTree, profile: Any) -> Any:
    """The BehaviourProfile in ``profile`` (a profile, or an equilibrium that has one)."""
    from ..trees.behaviour import BehaviourProfile

    found = getattr(profile, "profile", profile)
    if not isinstance(found, BehaviourProfile):
        raise TypeError(
            "profile must be a BehaviourProfile, or an equilibrium with one (from nash_equilibria "
            f"or perfect_bayesian), got {type(profile).__name__}"
        )
    if found.tree != tree:
        raise ValueError("profile is a strategy profile of a different tree than the one drawn")
    return found


def _reach_text(marks: _Marks, tree: GameTree, k: int, pos: int, c: int) -> str:
    """The probability written on a branch of the path: its end's reach, where it is not 1.

    Not on a chance branch from a node reached for sure (its probability is written already).
    """
    if not marks.probabilities or not marks.on_path(k, c) or marks.reach[c] == 1:
        return ""
    if tree._kind[k] == GameTree.CHANCE and marks.reach[k] == 1:
        return ""
    return _text(marks.reach[c])


def _reach_spot(
    x: list[float], y: list[float], k: int, c: int
) -> tuple[tuple[float, float], tuple[float, float], str, str]:
    """Where a reach probability goes: on the side of the edge away from its action label."""
    t = 0.42
    rise = y[c] - y[k]
    if abs(rise) < 1e-9:
        offset, ha, va = (0.0, -5.0), "center", "top"
    elif rise > 0:
        offset, ha, va = (5.0, -3.0), "left", "top"
    else:
        offset, ha, va = (5.0, 3.0), "left", "bottom"
    return (x[k] + t * (x[c] - x[k]), y[k] + t * rise), offset, ha, va


_REACH_BOX = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": SOLUTION_COLOURS["path"], "lw": 1.5}


# --- information sets and beliefs -----------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    """The dashed line that joins the nodes of an information set, and where its label goes."""

    player: int
    label: str
    nodes: tuple[int, ...]  # node indices, top to bottom
    xs: tuple[float, ...]  # the line: through every node of the set, in order
    ys: tuple[float, ...]
    label_at: tuple[float, float]
    label_side: int  # +1: the label goes right of label_at, -1: left


def _set_links(
    tree: GameTree, x: list[float], y: list[float], clearance: float = 0.3, side: int = 1
) -> list[_Link]:
    """The dashed links of the information sets with more than one node.

    Consecutive nodes (top to bottom) are joined straight when no other node lies
    near the straight line; otherwise by an arc that bows out to the side ``side``
    (+1 right, -1 left), further for each earlier arc in the same place, so it passes
    the nodes in between instead of running through them. The label goes beside
    the first piece: halfway between the first node and the next node below it when
    the set is level, nearer the first node when it is not.
    """
    import numpy as np

    links: list[_Link] = []
    placed: list[tuple[float, float, float]] = []  # (x, top, bottom) of the arcs so far
    n = len(tree)
    for s in tree.information_sets():
        if len(s.nodes) < 2:
            continue
        ks = sorted((tree._path_index[p] for p in s.nodes), key=lambda k: (-y[k], x[k]))
        xs: list[float] = [x[ks[0]]]
        ys: list[float] = [y[ks[0]]]
        label_at: tuple[float, float] | None = None
        for a, b in itertools.pairwise(ks):
            p0, p1 = np.array([x[a], y[a]]), np.array([x[b], y[b]])
            chord = p1 - p0
            length = float(np.hypot(*chord))
            others = [
                np.array([x[j], y[j]])
                for j in range(n)
                if j not in (a, b) and _near_segment(p0, p1, np.array([x[j], y[j]]), clearance)
            ]
            if not others:
                xs.append(x[b])
                ys.append(y[b])
                if label_at is None:  # halfway down a level link; near the top of a sloping one
                    at = p0 + (0.5 if abs(chord[0]) < 1e-9 else 0.3) * chord
                    label_at = (float(at[0]), float(at[1]))
                continue
            top, bottom = max(y[a], y[b]), min(y[a], y[b])
            nested = sum(
                1
                for px, ptop, pbottom in placed
                if abs(px - (x[a] + x[b]) / 2) < 0.5 and ptop > bottom and pbottom < top
            )
            placed.append(((x[a] + x[b]) / 2, top, bottom))
            bow = 0.24 + 0.13 * nested
            normal = np.array([-chord[1], chord[0]]) / length
            if normal[0] * side < 0 or (normal[0] == 0 and normal[1] * side < 0):
                normal = -normal
            control = (p0 + p1) / 2 + 2 * bow * normal
            ts = np.linspace(0.0, 1.0, 41)[1:]
            curve = (
                np.outer((1 - ts) ** 2, p0)
                + np.outer(2 * ts * (1 - ts), control)
                + np.outer(ts**2, p1)
            )
            curve[-1] = p1  # end exactly on the node
            xs += [float(v) for v in curve[:, 0]]
            ys += [float(v) for v in curve[:, 1]]
            if label_at is None:
                below = [float(o[1]) for o in others if o[1] < y[a]]
                gap_y = (y[a] + max(below)) / 2 if below else (y[a] + y[b]) / 2
                full = np.vstack([p0, curve])
                i = int(np.argmin(np.abs(full[:, 1] - gap_y)))
                label_at = (float(full[i, 0]), float(full[i, 1]))
        assert label_at is not None
        links.append(
            _Link(
                player=tree.players.index(s.player),
                label=s.label or s.name,
                nodes=tuple(ks),
                xs=tuple(xs),
                ys=tuple(ys),
                label_at=label_at,
                label_side=side,
            )
        )
    return links


def _near_segment(p0: Any, p1: Any, q: Any, clearance: float) -> bool:
    """True when ``q`` lies within ``clearance`` of the segment from ``p0`` to ``p1``."""
    import numpy as np

    d = p1 - p0
    t = float(np.clip(np.dot(q - p0, d) / np.dot(d, d), 0.0, 1.0))
    return bool(np.hypot(*(p0 + t * d - q)) < clearance)


_SET_DASH = (0, (5, 3))  # the dash of an information set's link


def _draw_links(
    ax: Any, links: list[_Link], colours: tuple[str, ...], font: int, write: Any = None
) -> list[Any]:
    """The information sets' dashed links in their player's colour, each labelled once."""
    write = write or ax.text
    artists: list[Any] = []
    for link in links:
        (line,) = ax.plot(
            link.xs,
            link.ys,
            color=colours[link.player],
            lw=2.2,
            ls=_SET_DASH,
            zorder=3,
            gid=f"information set {link.label}",
        )
        artists.append(line)
        text = ax.annotate(
            link.label,
            link.label_at,
            xytext=(8 * link.label_side, 0),
            textcoords="offset points",
            ha="left" if link.label_side > 0 else "right",
            va="center",
            fontsize=font - 2,
            fontstyle="italic",
            color=colours[link.player],
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
            zorder=4,
            gid=f"information set label {link.label}",
        )
        artists.append(text)
    return artists


def _belief_words(value: Any, who: str = "") -> str:
    """``μ = 9/10`` for a probability, ``μ ≥ 1/2`` for a range ``(low, high)``."""
    mu = f"\u03bc({who})" if who else "\u03bc"
    if isinstance(value, tuple):
        low, high = value
        if low == high:
            return f"{mu} = {_text(low)}"
        if low == 0 and high == 1:
            return f"any {mu}"
        if high == 1:
            return f"{mu} \u2265 {_text(low)}"
        if low == 0:
            return f"{mu} \u2264 {_text(high)}"
        return f"{_text(low)} \u2264 {mu} \u2264 {_text(high)}"
    return f"{mu} = {_text(value)}"


def _pbe_beliefs(pbe: Any) -> dict[Any, Any]:
    """``{node path: belief}`` of a perfect Bayesian equilibrium; off the path a range ``(low, high)``."""
    s = pbe.structure
    out: dict[Any, Any] = {}
    for m in s.messages:
        for t in s.types:
            if m in pbe.beliefs:
                out[(t, m)] = pbe.beliefs[m][t]
            elif m in pbe.off_path:
                out[(t, m)] = pbe.off_path[m].range(t)
    return out


def _assessment_beliefs(assessment: Any) -> dict[Any, Any]:
    """``{node path: belief}`` of an assessment (beliefs and off-path vertices by information set)."""
    out: dict[Any, Any] = {}
    for belief in assessment.beliefs.values():
        out.update(belief)
    for vertices in assessment.off_path.values():
        for node in vertices[0]:
            values = [v[node] for v in vertices]
            out[node] = (min(values), max(values))
    return out


def _beliefs_by_node(tree: GameTree, beliefs: Any) -> dict[int, Any]:
    """``beliefs`` (a mapping {path: probability or (low, high)}, a PBE or an assessment) by node index."""
    from collections.abc import Mapping

    if hasattr(beliefs, "off_path") and hasattr(beliefs, "structure"):
        if beliefs.structure.tree != tree:
            raise ValueError(
                "beliefs come from an equilibrium of a different tree than the one drawn"
            )
        beliefs = _pbe_beliefs(beliefs)
    elif hasattr(beliefs, "off_path") and hasattr(beliefs, "profile"):
        # an Assessment, or a PerfectBayesianCheck (negotiation.information.assessments)
        if beliefs.profile.tree != tree:
            raise ValueError(
                "beliefs come from an equilibrium of a different tree than the one drawn"
            )
        beliefs = _assessment_beliefs(beliefs)
    if not isinstance(beliefs, Mapping):
        raise TypeError(
            "beliefs must be a mapping {node path: probability} or a perfect Bayesian "
            f"equilibrium, got {type(beliefs).__name__}"
        )
    out: dict[int, Any] = {}
    for where, value in beliefs.items():
        k = tree._index(where)
        if tree._kind[k] != GameTree.DECISION or len(tree._isets[tree._iset[k]].nodes) < 2:
            raise ValueError(
                f"a belief belongs to a node of an information set of more than one node; "
                f"{tree._paths[k]!r} is not one"
            )
        values = value if isinstance(value, tuple) else (value,)
        for v in values:
            if isinstance(v, bool) or not isinstance(v, Fraction | int | float) or not 0 <= v <= 1:
                raise ValueError(
                    f"the belief at {tree._paths[k]!r} must be a probability or a range "
                    f"(low, high) of probabilities, got {value!r}"
                )
        out[k] = tuple(Fraction(str(v)) if isinstance(v, float) else v for v in values)
        if len(out[k]) == 1:
            out[k] = out[k][0]
        elif len(out[k]) != 2 or out[k][0] > out[k][1]:
            raise ValueError(f"the belief range at {tree._paths[k]!r} must be (low, high)")
    return out


def _belief_spot(
    tree: GameTree, x: list[float], y: list[float], k: int
) -> tuple[tuple[float, float], str, str]:
    """Where a node's belief goes: left of the node, on the side away from its incoming edge."""
    parent = tree._parent[k]
    above = parent < 0 or y[parent] <= y[k]  # the edge comes from below (or level): write above
    return ((-11.0, 9.0) if above else (-11.0, -9.0)), "right", ("bottom" if above else "top")


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
    colours: tuple[str, ...],
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
    for i in range(len(tree.players)):
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
    players: tuple[str, ...],
    colours: tuple[str, ...],
    xs: list[float],
    ha: str,
    payoffs_x: float,
    top: float,
    font: int,
    grey: str,
) -> None:
    """The players' names over their payoff columns, and "payoffs" over them all."""
    for j in range(len(players)):
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
    tree: GameTree,
    colours: tuple[str, ...],
    look: _Look,
    marked: bool,
    off_path: bool,
    sets: bool = False,
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
        for i in range(len(tree.players))
    ]
    if any(k == GameTree.CHANCE for k in tree._kind):
        handles.append(
            Line2D([], [], ls="", marker="D", ms=8, color=PALETTE["grey"], label="chance")
        )
    if sets:
        handles.append(
            Line2D([], [], color=PALETTE["black"], lw=2.2, ls=_SET_DASH, label="information set")
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
        ncol=len(handles) if len(handles) <= 5 else (len(handles) + 1) // 2,
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
    *,
    profile: Any = None,
    beliefs: Any = None,
) -> Any:
    """Draw a game tree, with payoffs at the leaves and the subgame-perfect equilibrium marked.

    The nodes of an information set with more than one node (a player who cannot
    tell them apart) are joined by a dashed line in the player's colour, labelled
    with the set's label once; the line bows around the nodes that lie between them.

    Parameters
    ----------
    tree : GameTree
        The tree (numeric or symbolic; symbolic payoffs are printed as formulas).
    spe : SubgamePerfectEquilibrium, SubgamePerfectSolution, bool or None
        The equilibrium to mark. ``None`` (default): the first subgame-perfect
        equilibrium of a numeric tree (the title says when there are several),
        nothing for a symbolic tree; ``True``: the same, but a symbolic tree is
        an error; ``False``: mark nothing. A tree with information sets has no
        subgame-perfect equilibrium by backward induction: ``None`` marks nothing
        there, and ``True`` is an error.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure sized to the tree.
    profile : BehaviourProfile, or an equilibrium with a ``.profile``, optional
        Mark this strategy profile instead of a subgame-perfect equilibrium (for
        example one of :func:`~negotiation.trees.nash_equilibria` or
        :func:`~negotiation.information.perfect_bayesian`): every branch that play
        takes with positive probability is thick, with the probability of reaching
        its end written on it where that is not 1; the actions planned at nodes that
        play never reaches are dashed. A perfect Bayesian equilibrium brings its
        beliefs too, unless ``beliefs`` is given.
    beliefs : mapping, PerfectBayesianEquilibrium or Assessment, optional
        Beliefs to write beside the nodes of information sets, ``{node path:
        probability}`` (``"\u03bc = 9/10"``) or ``{node path: (low, high)}`` for a
        range (``"\u03bc \u2265 1/2"``); or a perfect Bayesian equilibrium or an
        assessment (:func:`~negotiation.information.pure_weak_perfect_bayesian`),
        whose off-path beliefs are ranges.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``tree`` is not a GameTree, or ``spe``, ``profile`` or ``beliefs`` is of
        the wrong type.
    ValueError
        If ``spe``, ``profile`` or ``beliefs`` belongs to another tree, both ``spe``
        and ``profile`` are given, ``spe=True`` is asked of a symbolic tree or of a
        tree with information sets, a belief is not at a node of an information set
        of more than one node, or the tree has more than :data:`MAX_LEAVES` leaves.

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

    Beer-quiche, with the receiver's information sets and an equilibrium where
    both types drink beer:

    >>> from negotiation.information import perfect_bayesian
    >>> from negotiation.trees.examples import beer_quiche
    >>> pooling = perfect_bayesian(beer_quiche())[0]
    >>> fig = plot_tree(beer_quiche(), profile=pooling)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("\u03bc"))
    ['μ = 1/10', 'μ = 9/10', 'μ ≤ 1/2', 'μ ≥ 1/2']
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"plot_tree() needs a GameTree, got {type(tree).__name__}")
    leaves = _check_leaves(tree, ". Draw a subtree, or use print(tree) for an outline")
    if profile is not None:
        if spe is not None and spe is not False:
            raise ValueError("give spe or profile, not both")
        spe = False
    equilibrium, count = _pick_equilibrium(tree, spe, true_allowed=True)
    chosen_profile = None if profile is None else _pick_profile(tree, profile)
    if beliefs is None and profile is not None and hasattr(profile, "off_path"):
        beliefs = profile
    shown_beliefs = {} if beliefs is None else _beliefs_by_node(tree, beliefs)
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
    marks = _marks(tree, equilibrium, chosen_profile)
    _draw_edges(ax, tree, x, y, marks, font)
    links = _set_links(tree, x, y)
    colours = _tree_colours(tree)
    _draw_links(ax, links, colours, font)
    _draw_nodes(ax, tree, x, y, colours, PRINTED, font)
    _draw_names(ax, tree, x, y, font)
    _draw_beliefs(ax, tree, x, y, shown_beliefs, font)
    for k in range(len(tree)):
        if tree._kind[k] == GameTree.TERMINAL:
            if x[k] < depth:
                _draw_leader(ax, x[k], y[k], pay_x)
            _draw_payoffs(ax, tree, k, y[k], col_x, right, pay_x, k in marks.reach, font)
    top = max(y) + 0.75
    grey = PALETTE["grey"]
    _draw_headers(ax, tree.players, colours, col_x, "left", col_x[0], top, font, grey)
    marked = equilibrium is not None or chosen_profile is not None
    handles = _legend_handles(tree, colours, PRINTED, marked, bool(marks.planned), sets=bool(links))
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
        for j in range(len(tree.players))
    ]
    depth = tree.depth
    unit_in = max(0.5, (width_in - sum(col_in) - 0.3) / (depth + 0.9))
    pay_x = depth + 0.45
    col_x = [pay_x + 0.1]
    for w in col_in[:-1]:
        col_x.append(col_x[-1] + w / unit_in)
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
    ax: Any, tree: GameTree, x: list[float], y: list[float], marks: _Marks, font: int
) -> None:
    kind, children, actions = tree._kind, tree._children, tree._actions
    path_colour = SOLUTION_COLOURS["path"]
    for k in range(len(tree)):
        for pos, c in enumerate(children[k]):
            on_path = marks.on_path(k, c)
            planned = not on_path and marks.planned_edge(k, pos)
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
            reach = _reach_text(marks, tree, k, pos, c)
            if reach:
                at, offset, ha, va = _reach_spot(x, y, k, c)
                ax.annotate(
                    reach,
                    at,
                    xytext=offset,
                    textcoords="offset points",
                    ha=ha,
                    va=va,
                    fontsize=font - 2,
                    fontweight="bold",
                    color=PALETTE["black"],
                    bbox=_REACH_BOX,
                    zorder=4,
                    gid=f"reach {tree._paths[c]!r}",
                )


def _draw_beliefs(
    ax: Any, tree: GameTree, x: list[float], y: list[float], beliefs: dict[int, Any], font: int
) -> None:
    """``μ = 9/10`` beside each node that has a belief."""
    for k, value in beliefs.items():
        offset, ha, va = _belief_spot(tree, x, y, k)
        ax.annotate(
            _belief_words(value),
            (x[k], y[k]),
            xytext=offset,
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=font - 1,
            color=PALETTE["black"],
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
            zorder=6,
            gid=f"belief {tree._paths[k]!r}",
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
    colours = _tree_colours(tree)
    for j in range(len(tree.players)):
        ax.text(
            col_x[j],
            yk,
            _text(tree._payoffs[k][j]),
            ha="left",
            va="center",
            fontsize=font,
            color=colours[j],
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
