"""Figures for the lessons: each function takes results and returns a matplotlib ``Figure``.

Plotting never changes a result; the layers below (games, solvers, models)
never import this package.
"""

from .maps import EquilibriumMapArtists, draw_equilibrium_map, plot_equilibrium_map
from .style import PALETTE, PLAYER_COLOURS, SOLUTION_COLOURS, new_figure, style_axes
from .trees import plot_tree

__all__ = [
    "PALETTE",
    "PLAYER_COLOURS",
    "SOLUTION_COLOURS",
    "EquilibriumMapArtists",
    "draw_equilibrium_map",
    "new_figure",
    "plot_equilibrium_map",
    "plot_tree",
    "style_axes",
]
