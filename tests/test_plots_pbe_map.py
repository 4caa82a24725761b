"""The map of perfect Bayesian equilibria: regions, numbers inside them, legend, errors."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from negotiation.information import pbe_map
from negotiation.information.examples import hint_game
from negotiation.plots import plot_pbe_map, region_descriptions
from negotiation.symbolic import Parameter

F = Fraction


@pytest.fixture(scope="module")
def hint_map():
    p = Parameter("p", 0.5, F(1, 20), F(19, 20), description="prior that Japan is resolved")
    c = Parameter("c", 1, 0, 4, description="cost of a hint to a bluffer")
    return pbe_map(hint_game(p.symbol, c.symbol), p, c, resolution=81)


def test_four_regions_split_at_prior_one_half_and_cost_two(hint_map):
    # By hand: separating needs c >= 2 (a bluffer must not mimic), the US's answer to
    # an uninformative message flips at p = 1/2; both are boundaries of the map.
    fig = plot_pbe_map(hint_map)
    texts = {t.get_text(): t.get_position() for t in fig.axes[0].texts}
    assert sorted(texts) == ["1", "2", "3", "4"]
    entries = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert entries[-1] == "on a line only (a boundary)"
    described = {k: short for k, short, _ in region_descriptions(hint_map)}
    for number, (x, y) in texts.items():
        j = int(np.argmin(abs(hint_map.xs - x)))
        i = int(np.argmin(abs(hint_map.ys - y)))
        label = hint_map.labels[i, j]
        assert not hint_map.exact[i, j]  # the number sits inside its region, off the lines
        assert f"{number}: {described[label]}" in entries
        separating = "separating" in described[label].replace("semi-separating", "")
        assert separating == (y > 2)
        semi = "semi-separating" in described[label]
        # a bluffer mixes (and the US after a hint) only where hints are cheap enough to fake
        if x < 0.5:
            assert semi == (y < 2)


def test_errors(hint_map):
    with pytest.raises(TypeError, match="PBEMap"):
        plot_pbe_map("map")
    with pytest.raises(ValueError, match="outside the map"):
        plot_pbe_map(hint_map, current=(2, 1))
    with pytest.raises(ValueError, match="pair of numbers"):
        plot_pbe_map(hint_map, current="here")
