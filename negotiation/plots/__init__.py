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

# Best responses, the HTML payoff table, and figures that update in place (issue 7).
from .bargaining_updates import (
    BargainingArtists,
    OffersTraceArtists,
    draw_bargaining_set,
    draw_offers_trace,
)
from .packages import PackagesArtists, draw_packages, plot_packages
from .patience import (
    PatienceArtists,
    critical_curve,
    draw_critical_discount,
    plot_critical_discount,
)
from .pbe_maps import plot_pbe_map, region_descriptions
from .responses import (
    BestResponseArtists,
    BestResponseFunctionArtists,
    best_response_paths,
    draw_best_response_functions,
    draw_best_responses,
    efficient_cells,
    plot_best_response_functions,
    plot_best_responses,
)
from .signalling import plot_signalling
from .tables import format_payoff, payoff_table_html
from .tree_updates import TreeArtists, draw_game_tree

__all__ += [
    "BargainingArtists",
    "BestResponseArtists",
    "BestResponseFunctionArtists",
    "OffersTraceArtists",
    "PackagesArtists",
    "PatienceArtists",
    "TreeArtists",
    "best_response_paths",
    "critical_curve",
    "draw_bargaining_set",
    "draw_best_response_functions",
    "draw_best_responses",
    "draw_critical_discount",
    "draw_game_tree",
    "draw_offers_trace",
    "draw_packages",
    "efficient_cells",
    "format_payoff",
    "payoff_table_html",
    "plot_best_response_functions",
    "plot_best_responses",
    "plot_critical_discount",
    "plot_packages",
    "plot_pbe_map",
    "plot_signalling",
    "region_descriptions",
]
