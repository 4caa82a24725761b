"""Drawing game trees (negotiation.plots.trees)."""

from __future__ import annotations

import itertools
import re

import matplotlib
import pytest
import sympy
from matplotlib.figure import Figure

from negotiation.plots import plot_tree
from negotiation.plots.style import SOLUTION_COLOURS
from negotiation.trees import Brinkmanship, GameTree, decision, leaf, subgame_perfect
from negotiation.trees.examples import centipede, entry_deterrence, treasury_card, ultimatum

matplotlib.use("Agg")

PATH = matplotlib.colors.to_rgba(SOLUTION_COLOURS["path"])


def lines_in_path_colour(fig: Figure) -> list:
    return [
        line
        for line in fig.axes[0].get_lines()
        if matplotlib.colors.to_rgba(line.get_color()) == PATH
    ]


def test_returns_a_figure_with_the_title():
    fig = plot_tree(entry_deterrence())
    assert isinstance(fig, Figure)
    assert fig.axes[0].get_title() == "Entry deterrence"


def test_the_equilibrium_path_and_the_planned_choices_are_marked():
    fig = plot_tree(entry_deterrence())
    marked = lines_in_path_colour(fig)
    solid = [line for line in marked if line.get_linestyle() == "-"]
    dashed = [line for line in marked if line.get_linestyle() != "-"]
    assert len(solid) == 2  # In, Accommodate
    assert not dashed
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "equilibrium path" in labels and "planned, never reached" not in labels
    fig = plot_tree(treasury_card())
    marked = lines_in_path_colour(fig)
    # Demand, Accept on the path; Hold and Don't sell planned off it.
    assert len([m for m in marked if m.get_linestyle() == "-"]) == 2
    assert len([m for m in marked if m.get_linestyle() != "-"]) == 2
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == [
        "Japan moves",
        "US moves",
        "chance",
        "equilibrium path",
        "planned, never reached",
    ]


def test_payoffs_and_probabilities_are_shown():
    fig = plot_tree(treasury_card())
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"\u22128", "\u221210", "Japan", "US", "payoffs"} <= texts
    assert "Market stress\n(1/4)" in texts and "Orderly (3/4)" in texts


def test_several_equilibria_are_announced_and_one_can_be_chosen():
    tree = ultimatum(3)
    fig = plot_tree(tree)
    assert "one of 2 subgame-perfect equilibria" in fig.axes[0].get_title()
    second = subgame_perfect(tree)[1]
    fig = plot_tree(tree, spe=second)
    assert "one of" not in fig.axes[0].get_title()


def test_nothing_is_marked_on_request_or_for_symbolic_trees():
    assert not lines_in_path_colour(plot_tree(entry_deterrence(), spe=False))
    c = sympy.Symbol("selling_cost", positive=True)
    symbolic = treasury_card(selling_cost=c)
    fig = plot_tree(symbolic)
    assert not lines_in_path_colour(fig)
    assert any("selling_cost" in t.get_text() for t in fig.axes[0].texts)
    with pytest.raises(ValueError, match="needs numbers"):
        plot_tree(symbolic, spe=True)


def test_draws_into_given_axes():
    from negotiation.plots import new_figure

    fig, ax = new_figure(9, 6)
    assert plot_tree(entry_deterrence(), ax=ax) is fig


def test_bad_arguments():
    with pytest.raises(TypeError, match="plot_tree\\(\\) needs a GameTree"):
        plot_tree("tree")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="different tree"):
        plot_tree(entry_deterrence(), spe=subgame_perfect(treasury_card())[0])
    with pytest.raises(TypeError, match="spe must be"):
        plot_tree(entry_deterrence(), spe="yes")  # type: ignore[arg-type]
    wide = GameTree(("A", "B"), decision("A", {f"a{k}": leaf(k, 0) for k in range(81)}))
    with pytest.raises(ValueError, match="81 leaves"):
        plot_tree(wide)


def _overlaps(fig: Figure) -> list[tuple[str, str]]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [
        (t.get_text(), t.get_window_extent(renderer))
        for t in fig.axes[0].texts
        if t.get_text().strip()
    ]
    bad = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        dx = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        dy = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if dx > 1 and dy > 1:  # more than a pixel each way
            bad.append((a, b))
    return bad


@pytest.mark.parametrize(
    "tree",
    [
        entry_deterrence(),
        treasury_card(),
        treasury_card(selling_cost=sympy.Symbol("selling_cost", positive=True)),
        ultimatum(6),
        ultimatum(14),  # 30 leaves
        centipede(6),
        Brinkmanship("Japan", "US", (1, -1), (-10, -10), (-2, 2), hardline=0.5).to_tree(0.3),
    ],
    ids=["entry", "treasury", "symbolic", "ultimatum-6", "ultimatum-14", "centipede", "brink"],
)
def test_labels_do_not_overlap(tree):
    assert _overlaps(plot_tree(tree)) == []


def test_png_output(tmp_path):
    path = tmp_path / "tree.png"
    plot_tree(treasury_card()).savefig(path, dpi=80)
    assert path.stat().st_size > 10_000


# --- the printed tree (plot_tree) and the live one (draw_game_tree) share their parts --------


def _nodes_drawn(ax) -> dict[str, list[tuple[float, float]]]:
    """The node markers of a drawn tree, by marker: "o" decisions, "D" chance, "s" leaves."""
    found: dict[str, list[tuple[float, float]]] = {}
    for line in ax.get_lines():
        if line.get_marker() in ("o", "D", "s") and line.get_linestyle() == "None":
            xs, ys = line.get_data()
            found.setdefault(line.get_marker(), []).extend(
                (float(a), float(b)) for a, b in zip(xs, ys, strict=True)
            )
    return {marker: sorted(points) for marker, points in found.items()}


def _initials_drawn(ax) -> list[tuple[str, float, float]]:
    return sorted(
        (t.get_text(), *map(float, t.get_position()))
        for t in ax.texts
        if t.get_color() == "white" and t.get_text()
    )


@pytest.mark.parametrize(
    "tree",
    [
        entry_deterrence(),
        treasury_card(),
        centipede(6),
        Brinkmanship("Japan", "US", (1, -1), (-10, -10), (-2, 2), hardline=0.5).to_tree(0.3),
    ],
    ids=["entry", "treasury", "centipede", "brink"],
)
def test_printed_and_live_trees_place_the_same_nodes_and_labels(tree):
    from negotiation.plots import draw_game_tree
    from negotiation.plots.trees import _layout

    printed = plot_tree(tree).axes[0]
    live = draw_game_tree(tree)
    x, y = _layout(tree)
    nodes = _nodes_drawn(printed)
    assert nodes == _nodes_drawn(live.ax)
    kinds = {"o": GameTree.DECISION, "D": GameTree.CHANCE, "s": GameTree.TERMINAL}
    for marker, points in nodes.items():
        expected = sorted((x[k], y[k]) for k in range(len(tree)) if tree._kind[k] == kinds[marker])
        assert points == expected
    assert _initials_drawn(printed) == _initials_drawn(live.ax)
    assert len(_initials_drawn(printed)) == sum(k == GameTree.DECISION for k in tree._kind)
    # the same action labels, and the same leaves top to bottom
    actions = sorted(a for acts in tree._actions for a in acts)

    def action_labels(ax) -> list[str]:
        # each branch's label is an annotation (the live tree's hidden copies are not); the
        # printed tree writes a chance branch's probability after its action
        texts = [
            re.sub(r"[ \n]\([^()]*\)$", "", t.get_text())
            for t in ax.texts
            if isinstance(t, matplotlib.text.Annotation)
        ]
        return sorted(t.replace("\n", " ") for t in texts if t.replace("\n", " ") in actions)

    assert action_labels(printed) == action_labels(live.ax) == sorted(actions)
    assert live.leaves == [k for k in range(len(tree)) if tree._kind[k] == GameTree.TERMINAL]
    # the same legend entries when an equilibrium with choices off its path is marked
    printed_legend = [t.get_text() for t in printed.get_legend().get_texts()]
    live_legend = [t.get_text() for t in live.ax.get_legend().get_texts()]
    assert printed_legend == live_legend[: len(printed_legend)]
