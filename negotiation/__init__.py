"""negotiation-games: game theory taught through the 2025 Japan-US trade talks.

The core is small: :class:`BimatrixGame` holds a two-player game exactly and
:func:`solve` finds every extreme Nash equilibrium, the components they span and
whether the game is degenerate. Teaching helpers (best responses, dominance,
:func:`classify`) work on the same types.

Examples
--------
>>> import negotiation as ng
>>> pd = ng.BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> print(ng.solve(pd))
1 equilibrium:
  - Row plays R2; Column plays C2 (expected payoffs 1 and 1).
"""

from ._numbers import format_number
from ._version import __version__
from .game import BimatrixGame
from .solve import Component, Equilibrium, NashSubset, Solution, is_equilibrium, solve

__all__ = [
    "BimatrixGame",
    "Component",
    "Equilibrium",
    "NashSubset",
    "Solution",
    "__version__",
    "format_number",
    "is_equilibrium",
    "solve",
]
