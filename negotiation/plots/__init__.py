"""Figures for the lessons: each function takes results and returns a matplotlib ``Figure``.

Plotting never changes a result; the layers below (games, solvers, models)
never import this package.
"""

from .bargaining import plot_bargaining, plot_offers_trace
from .dynamics import plot_learning
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
    "plot_bargaining",
    "plot_equilibrium_map",
    "plot_learning",
    "plot_offers_trace",
    "plot_tree",
    "style_axes",
]
