"""Private information: signalling games, beliefs and perfect Bayesian equilibrium.

The talks of 2025 turned on what each side did not know: Washington could not see
how far Tokyo would go, and a hint about Treasuries is a message that may or may
not reveal it. This folder holds the theory of such games, built on the trees of
:mod:`negotiation.trees` (information sets, behaviour strategies, every Nash
equilibrium):

* :mod:`~negotiation.information.bayesian`: Bayesian games in normal form, the
  Harsanyi transformation and every Bayes-Nash equilibrium;
* :mod:`~negotiation.information.cheap_talk`: Crawford and Sobel's cheap talk in
  closed form, and finite cheap-talk games with their babbling equilibria;
* :mod:`~negotiation.information.reputation`: Kreps and Wilson's chain store, where a
  little doubt about the incumbent's type deters entry in all but the last markets;
* :mod:`~negotiation.information.signalling`: signalling games as trees, and their
  parts (types, prior, messages, actions);
* :mod:`~negotiation.information.beliefs`: beliefs about the sender's type, and the
  beliefs that support an action;
* :mod:`~negotiation.information.pbe`: every perfect Bayesian equilibrium, classified
  (pooling, separating, semi-separating) and put to the intuitive criterion;
* :mod:`~negotiation.information.assessments`: perfect Bayesian equilibrium in any
  finite tree (beliefs at every information set);
* :mod:`~negotiation.information.regimes`: which pure equilibria exist as
  inequalities in the parameters, and on a map over two of them.

>>> from negotiation.information import perfect_bayesian
>>> from negotiation.trees.examples import beer_quiche
>>> perfect_bayesian(beer_quiche()).kinds()
{'pooling': 4}
"""

from .assessments import (
    Assessment,
    AssessmentSolution,
    PerfectBayesianCheck,
    check_weak_perfect_bayesian,
    pure_weak_perfect_bayesian,
    weak_perfect_bayesian,
)
from .bayes_nash import (
    BayesNashEquilibrium,
    BayesNashSolution,
    bayes_nash_equilibria,
    bayesian_cournot,
)
from .bayesian import BayesianGame, harsanyi
from .beliefs import BeliefSet, best_responses_to, supporting_beliefs
from .cheap_talk import (
    PartitionEquilibrium,
    babbling_equilibria,
    babbling_equilibrium,
    cheap_talk_game,
    crawford_sobel,
    discrete_crawford_sobel,
    max_intervals,
    partition_equilibria,
)
from .mixed_regimes import MixedRegime, mixed_pbe_regimes
from .pbe import (
    IntuitiveCriterion,
    PerfectBayesianEquilibrium,
    PerfectBayesianSolution,
    intuitive_criterion,
    perfect_bayesian,
)
from .regimes import PBEMap, PureRegime, pbe_map, pure_pbe_regimes
from .reputation import MarketPlay, ReputationGame, reputation_game
from .signalling import SignallingStructure, signalling_game, signalling_structure

__all__ = [
    "Assessment",
    "AssessmentSolution",
    "BayesNashEquilibrium",
    "BayesNashSolution",
    "BayesianGame",
    "BeliefSet",
    "IntuitiveCriterion",
    "MarketPlay",
    "MixedRegime",
    "PBEMap",
    "PartitionEquilibrium",
    "PerfectBayesianCheck",
    "PerfectBayesianEquilibrium",
    "PerfectBayesianSolution",
    "PureRegime",
    "ReputationGame",
    "SignallingStructure",
    "babbling_equilibria",
    "babbling_equilibrium",
    "bayes_nash_equilibria",
    "bayesian_cournot",
    "best_responses_to",
    "cheap_talk_game",
    "check_weak_perfect_bayesian",
    "crawford_sobel",
    "discrete_crawford_sobel",
    "harsanyi",
    "intuitive_criterion",
    "max_intervals",
    "mixed_pbe_regimes",
    "partition_equilibria",
    "pbe_map",
    "perfect_bayesian",
    "pure_pbe_regimes",
    "pure_weak_perfect_bayesian",
    "reputation_game",
    "signalling_game",
    "signalling_structure",
    "supporting_beliefs",
    "weak_perfect_bayesian",
]
