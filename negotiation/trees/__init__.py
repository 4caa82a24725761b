"""Game trees: sequential moves, credible and non-credible threats, brinkmanship.

The Treasury story is a sequential game. The US demands concessions under
tariffs; Japan accepts, retaliates, or plays its "Treasury card" (hints that it
might sell US government bonds); the US holds or backs down; Japan then sells
or not. Whether the hint is worth anything is the question of **subgame
perfection** [Selten1965]_: would Japan really sell, when the moment came?

This package holds small, exact game trees built for teaching:

* :class:`GameTree` with the builders :func:`decision`, :func:`chance`,
  :func:`leaf` (payoffs may be numbers or sympy expressions; :meth:`GameTree.at`
  substitutes values);
* :func:`subgame_perfect`: every subgame-perfect equilibrium, by backward induction;
* :func:`to_bimatrix` and :func:`nash_vs_spe`: the reduced normal form, all its
  Nash equilibria, and the non-credible threats behind those that are not subgame perfect;
* :func:`regrets`, :func:`best_response` and :func:`pure_nash_equilibria`: Nash
  equilibrium checks for any number of players (Selten's horse has three);
* :func:`credibility`: is carrying out an action optimal when its node is reached
  (and, with parameters, *when* is it);
* :class:`Brinkmanship` and :func:`brinkmanship`: Schelling's threat that leaves
  something to chance [Schelling1960]_;
* :func:`read_efg` / :func:`write_efg`: Gambit's ``.efg`` files.

A tiny example: a threat that is not credible.

>>> from negotiation.trees import GameTree, decision, subgame_perfect, credibility
>>> tree = GameTree(("Japan", "US"), decision("US", {
...     "Back down": (2, 1),
...     "Hold": decision("Japan", {"Sell": (-3, -2), "Don't sell": (0, 3)}),
... }))
>>> subgame_perfect(tree)[0].path
('Hold', "Don't sell")
>>> credibility(tree, ("Hold",), "Sell").credible
False

References
----------
.. [Selten1965] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121,
   301-324 and 667-689, 1965.
.. [Schelling1960] T. C. Schelling, *The Strategy of Conflict*, Harvard
   University Press, 1960.
"""

from .behaviour import BehaviourProfile
from .brinkmanship import Brinkmanship, BrinkmanshipResult, ProbabilityInterval, brinkmanship
from .credibility import Credibility, credibility
from .efg import dumps_efg, loads_efg, read_efg, write_efg
from .nash import ExtensiveEquilibrium, ExtensiveSolution, nash_equilibria
from .nodes import Chance, Decision, Node, Path, Terminal, chance, decision, format_path, leaf
from .normal_form import NashVsSpe, NonCredibleEquilibrium, Threat, nash_vs_spe, to_bimatrix
from .regret import best_response, pure_nash_equilibria, pure_profiles, regrets
from .spe import SubgamePerfectEquilibrium, SubgamePerfectSolution, subgame_perfect
from .strategies import ReducedStrategy, reduced_strategies
from .subgames import proper_subgames, subgame_perfect_equilibria
from .tree import GameTree, InformationSet

__all__ = [
    "BehaviourProfile",
    "Brinkmanship",
    "BrinkmanshipResult",
    "Chance",
    "Credibility",
    "Decision",
    "ExtensiveEquilibrium",
    "ExtensiveSolution",
    "GameTree",
    "InformationSet",
    "NashVsSpe",
    "Node",
    "NonCredibleEquilibrium",
    "Path",
    "ProbabilityInterval",
    "ReducedStrategy",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectSolution",
    "Terminal",
    "Threat",
    "best_response",
    "brinkmanship",
    "chance",
    "credibility",
    "decision",
    "dumps_efg",
    "format_path",
    "leaf",
    "loads_efg",
    "nash_equilibria",
    "nash_vs_spe",
    "proper_subgames",
    "pure_nash_equilibria",
    "pure_profiles",
    "read_efg",
    "reduced_strategies",
    "regrets",
    "subgame_perfect",
    "subgame_perfect_equilibria",
    "to_bimatrix",
    "write_efg",
]
