"""Drawing trees with information sets, chance, beliefs and a strategy profile (issue: textbook trees)."""

from __future__ import annotations

from fractions import Fraction

import matplotlib
import pytest

from negotiation.information import perfect_bayesian
from negotiation.plots import draw_game_tree, plot_tree
from negotiation.plots.style import SOLUTION_COLOURS
from negotiation.plots.trees import _layout
from negotiation.trees import BehaviourProfile, GameTree, chance, decision, nash_equilibria
from negotiation.trees.examples import beer_quiche, entry_deterrence

matplotlib.use("Agg")

PATH = matplotlib.colors.to_rgba(SOLUTION_COLOURS["path"])


def not_level() -> GameTree:
    """B cannot tell whether A moved Left at once or chance sent A to Right later: a set across depths."""
    b = {"x": (1, 0), "y": (0, 1)}
    return GameTree(
        ("A", "B"),
        decision(
            "A",
            {
                "Left": decision("B", b, information_set="B's guess"),
                "Wait": chance(
                    {
                        "up": (Fraction(1, 3), (2, 2)),
                        "down": (Fraction(2, 3), decision("B", b, information_set="B's guess")),
                    }
                ),
            },
        ),
        title="A set across depths",
    )


def set_lines(ax) -> dict[str, list[tuple[float, float]]]:
    return {
        line.get_gid().removeprefix("information set "): list(
            zip(*map(lambda v: [float(a) for a in v], line.get_data()), strict=True)
        )
        for line in ax.get_lines()
        if (line.get_gid() or "").startswith("information set ")
    }


def texts_by_gid(ax, prefix: str) -> dict[str, str]:
    return {
        t.get_gid().removeprefix(prefix): t.get_text()
        for t in ax.texts
        if (t.get_gid() or "").startswith(prefix)
    }


@pytest.mark.parametrize("tree", [beer_quiche(), not_level()], ids=["beer-quiche", "not-level"])
def test_each_information_set_is_one_dashed_line_through_exactly_its_nodes(tree):
    x, y = _layout(tree)
    for ax in (plot_tree(tree).axes[0], draw_game_tree(tree).ax):
        lines = set_lines(ax)
        sets = [s for s in tree.information_sets() if len(s.nodes) > 1]
        assert sorted(lines) == sorted(s.label for s in sets)
        for s in sets:
            points = lines[s.label]
            nodes = sorted(
                ((x[k], y[k]) for k in map(tree._path_index.get, s.nodes)), key=lambda p: -p[1]
            )
            assert points[0] == nodes[0] and points[-1] == nodes[-1]
            assert all(p in points for p in nodes)
            # every other node is kept clear of the line
            others = [(x[k], y[k]) for k in range(len(tree)) if (x[k], y[k]) not in nodes]
            assert (
                min(
                    ((px - ox) ** 2 + (py - oy) ** 2) ** 0.5
                    for px, py in points
                    for ox, oy in others
                )
                > 0.15
            )
        labels = [
            t.get_text()
            for t in ax.texts
            if (t.get_gid() or "").startswith("information set label")
        ]
        assert sorted(labels) == sorted(s.label for s in sets)  # each label once


def test_perfect_information_trees_draw_no_information_set():
    fig = plot_tree(entry_deterrence())
    assert set_lines(fig.axes[0]) == {}
    assert "information set" not in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_beliefs_are_written_beside_their_nodes_exactly():
    tree = beer_quiche()
    pooling = perfect_bayesian(tree)[0]  # both drink beer; duel after quiche
    ax = plot_tree(tree, profile=pooling).axes[0]
    assert texts_by_gid(ax, "belief ") == {
        repr(("strong", "beer")): "\u03bc = 9/10",
        repr(("weak", "beer")): "\u03bc = 1/10",
        repr(("strong", "quiche")): "\u03bc \u2264 1/2",
        repr(("weak", "quiche")): "\u03bc \u2265 1/2",
    }
    x, y = _layout(tree)
    for t in ax.texts:
        if (t.get_gid() or "").startswith("belief "):
            k = tree._path_index[eval(t.get_gid().removeprefix("belief "))]
            assert tuple(map(float, t.xy)) == (x[k], y[k])
    # from a mapping, and the live tree too
    given = {("strong", "quiche"): Fraction(1, 3), ("weak", "quiche"): (Fraction(1, 2), 1)}
    ax = plot_tree(tree, beliefs=given).axes[0]
    assert sorted(texts_by_gid(ax, "belief ").values()) == ["\u03bc = 1/3", "\u03bc \u2265 1/2"]
    live = draw_game_tree(tree, profile=pooling)
    assert {tree._paths[k]: t.get_text() for k, t in live.belief_texts.items()}[
        ("weak", "quiche")
    ] == "\u03bc \u2265 1/2"


def test_the_highlighted_path_is_the_leaves_of_positive_probability():
    tree = beer_quiche()
    x, y = _layout(tree)
    for eq in nash_equilibria(tree):
        profile = eq.profile
        played = {p for p, q in profile.outcome.items() if q}
        ax = plot_tree(tree, profile=eq).axes[0]
        thick = [
            line
            for line in ax.get_lines()
            if matplotlib.colors.to_rgba(line.get_color()) == PATH and line.get_linestyle() == "-"
        ]
        ends = {(float(line.get_xdata()[1]), float(line.get_ydata()[1])) for line in thick}
        leaves = {
            tree._paths[k]
            for k in range(len(tree))
            if tree._kind[k] == GameTree.TERMINAL and (x[k], y[k]) in ends
        }
        assert leaves == played
        # the reach probabilities written on the path: every one that is not 1
        written = texts_by_gid(ax, "reach ")
        for p in played:
            if profile.reach(p) != 1:
                assert written[repr(p)] == str(profile.reach(p))
        live = draw_game_tree(tree, profile=eq)
        assert {
            k
            for (k, c), line in live.path_lines.items()
            if line.get_visible() and line.get_linestyle() == "-"
        } <= {tree._path_index[p[:n]] for p in played for n in range(len(p))}
        assert {
            tree._paths[leaf]
            for leaf, box in zip(live.leaves, live.highlights, strict=True)
            if box.get_visible()
        } == played


def test_a_mixed_profile_writes_its_probabilities():
    tree = not_level()
    profile = BehaviourProfile(
        tree,
        {"A": {(): {"Wait": 1}}, "B": {"B's guess": {"x": Fraction(1, 4), "y": Fraction(3, 4)}}},
    )
    ax = plot_tree(tree, profile=profile).axes[0]
    written = texts_by_gid(ax, "reach ")
    assert written[repr(("Wait", "down", "x"))] == "1/6"
    assert written[repr(("Wait", "down", "y"))] == "1/2"
    assert repr(("Wait", "up")) not in written  # the chance probability is shown already
    assert any(t.get_text() == "up (1/3)" for t in ax.texts)


def test_bad_equilibrium_arguments():
    tree = beer_quiche()
    with pytest.raises(ValueError, match="needs perfect information"):
        plot_tree(tree, spe=True)
    with pytest.raises(TypeError, match="profile must be a BehaviourProfile"):
        plot_tree(tree, profile="beer")
    with pytest.raises(ValueError, match="different tree"):
        plot_tree(beer_quiche(Fraction(1, 2)), profile=perfect_bayesian(tree)[0])
    with pytest.raises(ValueError, match="information set of more than one node"):
        plot_tree(tree, beliefs={("strong",): Fraction(1, 2)})
    with pytest.raises(ValueError, match="must be a probability"):
        plot_tree(tree, beliefs={("strong", "beer"): 2})
    with pytest.raises(TypeError, match="beliefs must be a mapping"):
        plot_tree(tree, beliefs=[0.5])
    with pytest.raises(ValueError, match="not both"):
        plot_tree(entry_deterrence(), spe=True, profile=nash_equilibria(entry_deterrence())[0])


# --- the signalling picture ---------------------------------------------------------------


def test_the_signalling_picture_puts_types_in_rows_and_the_receiver_sets_between_them():
    from negotiation.information import signalling_structure
    from negotiation.plots import plot_signalling
    from negotiation.plots.signalling import _place

    tree = beer_quiche()
    s = signalling_structure(tree)
    ax = plot_signalling(tree).axes[0]
    x, y, side, _ = _place(s)
    senders = [(x[tree._path_index[(t,)]], y[tree._path_index[(t,)]]) for t in s.types]
    assert (
        senders[0][0] == senders[1][0] == x[0] == 0.0
    )  # chance and both types in the middle column
    assert senders[0][1] > y[0] > senders[1][1]  # one row per type, chance between them
    assert side == {"beer": -1, "quiche": 1}  # messages left and right
    lines = set_lines(ax)
    assert sorted(lines) == ["after beer", "after quiche"]
    for m, points in (("beer", lines["after beer"]), ("quiche", lines["after quiche"])):
        nodes = [(x[tree._path_index[(t, m)]], y[tree._path_index[(t, m)]]) for t in s.types]
        assert points == nodes  # a straight dashed link across the types' rows
        assert (
            points[0][0] * side[m] > 0
            and points[0][1] == senders[0][1]
            and points[1][1] == senders[1][1]
        )
    # receiver actions and payoffs at the outer ends
    leaves = [k for k in range(len(tree)) if tree._kind[k] == GameTree.TERMINAL]
    assert all(abs(x[k]) > abs(x[tree._path_index[tree._paths[k][:2]]]) for k in leaves)
    payoffs = {
        t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("payoff")
    }
    assert payoffs[f"payoff {('weak', 'quiche', 'duel')!r} 0"] == "1"


def test_the_signalling_picture_marks_an_equilibrium_and_its_beliefs():
    from negotiation.plots import plot_signalling

    quiche = [eq for eq in perfect_bayesian(beer_quiche()) if eq.pure][1]  # both eat quiche
    ax = plot_signalling(quiche).axes[0]
    assert texts_by_gid(ax, "belief ") == {
        "strong quiche": "\u03bc(strong) = 9/10",
        "weak quiche": "\u03bc(weak) = 1/10",
        "strong beer": "\u03bc(strong) \u2264 1/2",
        "weak beer": "\u03bc(weak) \u2265 1/2",
    }
    assert "Fails the intuitive criterion" in ax.get_title()
    thick = [
        line
        for line in ax.get_lines()
        if matplotlib.colors.to_rgba(line.get_color()) == PATH and line.get_linestyle() == "-"
    ]
    assert len(thick) == 2 + 2 + 2  # chance to both types, quiche, don't after quiche
    mixed = [eq for eq in perfect_bayesian(beer_quiche()) if not eq.pure]
    if mixed:
        ax = plot_signalling(beer_quiche(), mixed[0]).axes[0]
        assert texts_by_gid(ax, "mix ")


def test_the_signalling_picture_refuses_other_input():
    from negotiation.plots import plot_signalling

    with pytest.raises(ValueError, match="root of this tree is not a chance node"):
        plot_signalling(entry_deterrence())
    with pytest.raises(TypeError, match="pass one of the solution's equilibria"):
        plot_signalling(perfect_bayesian(beer_quiche()))
    with pytest.raises(TypeError, match="needs a signalling game"):
        plot_signalling("beer")
    with pytest.raises(ValueError, match="different tree"):
        plot_signalling(beer_quiche(Fraction(1, 2)), perfect_bayesian(beer_quiche())[0])
    with pytest.raises(TypeError, match="equilibrium must be"):
        plot_signalling(beer_quiche(), nash_equilibria(beer_quiche())[0])
