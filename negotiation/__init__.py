"""negotiation-games: game theory taught through the 2025 Japan-US trade talks.

The core is small: :class:`BimatrixGame` holds a two-player game exactly and
:func:`solve` finds every extreme Nash equilibrium, the components they span and
whether the game is degenerate. Teaching helpers (best responses, dominance,
:func:`classify`) work on the same types. Sub-packages add game trees
(:mod:`negotiation.trees`), games with formulas for payoffs
(:mod:`negotiation.symbolic`), bargaining (:mod:`negotiation.bargaining`,
:mod:`negotiation.offers`), repeated play (:mod:`negotiation.repeated`), linked
issues (:mod:`negotiation.linkage`), the calibrated models of the talks
(:mod:`negotiation.models`, :mod:`negotiation.scenarios`), figures
(:mod:`negotiation.plots`) and the interactive apps (:mod:`negotiation.widgets`).

Examples
--------
>>> import negotiation as ng
>>> pd = ng.BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> print(ng.solve(pd))
1 equilibrium:
  - Row plays R2; Column plays C2 (expected payoffs 1 and 1).
>>> ng.classify(pd).name
"Prisoner's Dilemma"
"""

from ._numbers import format_number
from ._version import __version__
from .analysis import (
    Domination,
    Elimination,
    EliminationStep,
    best_response_table,
    best_responses,
    dominated_strategies,
    iesds,
    is_dominance_solvable,
    pure_equilibria,
)
from .classify import GameClass, classify
from .game import BimatrixGame
from .io import dumps_nfg, loads_nfg, read_nfg, write_nfg
from .solve import Component, Equilibrium, NashSubset, Solution, is_equilibrium, solve

__all__ = [
    "BimatrixGame",
    "Component",
    "Domination",
    "Elimination",
    "EliminationStep",
    "Equilibrium",
    "GameClass",
    "NashSubset",
    "Solution",
    "__version__",
    "best_response_table",
    "best_responses",
    "classify",
    "dominated_strategies",
    "dumps_nfg",
    "format_number",
    "iesds",
    "is_dominance_solvable",
    "is_equilibrium",
    "loads_nfg",
    "pure_equilibria",
    "read_nfg",
    "solve",
    "write_nfg",
]
