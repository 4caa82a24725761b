"""negotiation-games: game theory taught through the 2025 Japan-US trade talks.

The package is laid out by theory, one folder each, every folder with the same
shape (the data type at the bottom, the solvers above it, the plain-words
explanations on top):

* :mod:`negotiation.core`: the ground, exact numbers and :class:`BimatrixGame`;
* :mod:`negotiation.normal_form`: :func:`solve` finds every extreme Nash
  equilibrium exactly, with best responses, dominance and :func:`classify`;
* :mod:`negotiation.trees`: game trees, subgame perfection, credible threats;
* :mod:`negotiation.symbolic`: games with formulas for payoffs;
* :mod:`negotiation.bargaining`: bargaining solutions, rounds of offers, linked issues;
* :mod:`negotiation.repeated`: repeated play and learning;

and above them the calibrated models of the talks (:mod:`negotiation.models`,
:mod:`negotiation.scenarios`), figures (:mod:`negotiation.plots`), the
interactive apps (:mod:`negotiation.widgets`) and the course's exercises
(:mod:`negotiation.course`). The names below are the ones used most; each is
also at home in its folder.

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

from . import normal_form
from ._version import __version__
from .core import BimatrixGame, format_number
from .normal_form import *  # noqa: F403  (every name of the normal-form folder, as ng.solve)

__all__ = ["BimatrixGame", "__version__", "format_number", *normal_form.__all__]
