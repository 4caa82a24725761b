"""Normal-form games: every Nash equilibrium, exactly, and the ideas that lead to it.

* :mod:`~negotiation.normal_form.equilibria`: :func:`solve` finds every extreme
  equilibrium and the components they span, also in degenerate games, by exact
  vertex enumeration (:mod:`~negotiation.normal_form.vertex_labels`);
* :mod:`~negotiation.normal_form.analysis`: best responses, dominance and iterated
  elimination, the steps a student takes before solving;
* :mod:`~negotiation.normal_form.classification`: the name of a 2x2 game
  (Prisoner's Dilemma, Chicken, Deadlock...) from its ordinal structure;
* :mod:`~negotiation.normal_form.nfg`: Gambit's ``.nfg`` files.

Every name here is also available as ``negotiation.<name>``.

>>> from negotiation.normal_form import solve
>>> from negotiation import BimatrixGame
>>> len(solve(BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])).equilibria)
1
"""

from .analysis import (
    Domination,
    Elimination,
    EliminationStep,
    NearTie,
    best_response_table,
    best_responses,
    dominated_strategies,
    iesds,
    is_dominance_solvable,
    near_ties,
    pure_equilibria,
)
from .classification import GameClass, classify
from .equilibria import Component, Equilibrium, NashSubset, Solution, is_equilibrium, solve
from .nfg import dumps_nfg, loads_nfg, read_nfg, write_nfg

__all__ = [
    "Component",
    "Domination",
    "Elimination",
    "EliminationStep",
    "Equilibrium",
    "GameClass",
    "NashSubset",
    "NearTie",
    "Solution",
    "best_response_table",
    "best_responses",
    "classify",
    "dominated_strategies",
    "dumps_nfg",
    "iesds",
    "is_dominance_solvable",
    "is_equilibrium",
    "loads_nfg",
    "near_ties",
    "pure_equilibria",
    "read_nfg",
    "solve",
    "write_nfg",
]
