"""Symbolic games: payoffs as formulas, equilibria as functions of the parameters.

A student moving a slider asks "at what tariff rate does this flip?". The answer
is a formula, and this package derives it from the payoff formulas themselves:
the formulas are the single source of truth, and the fast numeric code that draws
maps is generated from them.

The indifference principle
--------------------------
In a mixed equilibrium a player randomises only between strategies that do equally
well against the other's mix, so **each player's mix is pinned down by the other
player's payoffs** [Nash1951c]_. Take an inspection game [Tsebelis1989b]_ in which a
trader cheats or complies, and an inspector inspects at cost ``h`` (a caught cheat is
worth 2 to her) or trusts:

==========  ===========  ========
            Cheat        Comply
==========  ===========  ========
Inspect     2 - h, -f    -h, 0
Trust       0, g         0, 0
==========  ===========  ========

If the trader cheats with probability ``q``, inspecting pays ``2q - h`` and trusting
pays ``0``; the inspector is willing to mix only when they are equal, so
``q = h / 2``. Likewise the inspector's probability ``p`` of inspecting must make
the trader indifferent, ``g (1 - p) - f p = 0``, so ``p = g / (f + g)``. A harsher
fine ``f`` lowers how often the inspector inspects, not how often the trader cheats:

>>> from negotiation.symbolic import Parameter, ParametricGame, mixed_closed_form
>>> g, f, h = Parameter("g", 1, 0.1, 5), Parameter("f", 2, 0.1, 5), Parameter("h", 1, 0.1, 1.9)
>>> inspection = ParametricGame(
...     [[2 - h.symbol, -h.symbol], [0, 0]], [[-f.symbol, 0], [g.symbol, 0]], [g, f, h],
...     players=("Inspector", "Trader"),
...     row_labels=("Inspect", "Trust"), col_labels=("Cheat", "Comply"))
>>> form = mixed_closed_form(inspection)
>>> form.p, form.q
(g/(f + g), h/2)
>>> solve_at = inspection.at(f=4)           # the same answer from the exact solver
>>> from negotiation import solve
>>> solve(solve_at).equilibria[0].strategies
((Fraction(1, 5), Fraction(4, 5)), (Fraction(1, 2), Fraction(1, 2)))

What is here
------------
* :class:`Parameter` and :class:`ParametricGame`: named symbols with slider metadata,
  and a bimatrix game of formulas; ``pgame.at(t=0.24)`` gives an exact
  :class:`~negotiation.core.game.BimatrixGame` in tens of microseconds.
* Closed forms: :func:`pure_conditions` (when each pure profile is an equilibrium),
  :func:`mixed_closed_form` (2x2) and :func:`support_closed_form` (any support pair).
* :func:`regimes`: exact thresholds along one parameter, with the structure on each
  interval and at each threshold.
* :func:`equilibrium_map`: the structure over a grid of two parameters, vectorised
  and exact at every grid point; draw it with
  :func:`negotiation.plots.plot_equilibrium_map`. :func:`structural_ties` lists the
  payoffs that are equal for every parameter value (decided once, symbolically).

Formulas come from code, never from text: nothing here calls ``sympify``, ``eval``
or ``lambdify`` on a string, and a string where a payoff is expected is refused.

References
----------
.. [Nash1951c] J. Nash, "Non-cooperative games", *Annals of Mathematics* 54(2), 286-295, 1951.
.. [Tsebelis1989b] G. Tsebelis, "The abuse of probability in political analysis: the
   Robinson Crusoe fallacy", *American Political Science Review* 83(1), 77-91, 1989.
"""

from .closed_forms import (
    MixedClosedForm,
    PureCondition,
    mixed_closed_form,
    pure_conditions,
    support_closed_form,
)
from .maps import EquilibriumMap, equilibrium_map, structural_ties
from .parametric import Parameter, ParametricGame
from .structure import Structure
from .thresholds import Regime, Regimes, Threshold, regimes

__all__ = [
    "EquilibriumMap",
    "MixedClosedForm",
    "Parameter",
    "ParametricGame",
    "PureCondition",
    "Regime",
    "Regimes",
    "Structure",
    "Threshold",
    "equilibrium_map",
    "mixed_closed_form",
    "pure_conditions",
    "regimes",
    "structural_ties",
    "support_closed_form",
]
