"""The ground the package stands on: exact numbers and the two-player game.

:class:`BimatrixGame` holds a game's payoffs exactly (a decimal typed as ``0.1``
stays one tenth) and :func:`format_number` writes numbers as people read them.
Every theory folder (:mod:`negotiation.normal_form`, :mod:`negotiation.trees`,
:mod:`negotiation.bargaining`, ...) builds on these and nothing here imports them.

>>> from negotiation.core import BimatrixGame
>>> BimatrixGame([[0.1, 0]], [[0, 0.2]]).payoff(0, 0)
(Fraction(1, 10), Fraction(0, 1))
"""

from ._numbers import format_number
from .game import BimatrixGame

__all__ = ["BimatrixGame", "format_number"]
