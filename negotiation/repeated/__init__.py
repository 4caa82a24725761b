"""Repeated play: when can the threat of punishment sustain cooperation?

Japan and the US do not meet once. The July 2025 deal is policed by a quarterly
review that can snap tariffs back to 25%, so compliance is a *repeated game*: the
same stage game is played every quarter, and each side weighs today's gain from
cheating against tomorrow's punishment. A *discount factor* ``delta`` in (0, 1)
says how much a payoff next period is worth today (it also covers the chance that
the relationship goes on).

**Grim trigger.** Cooperate as long as everyone has; after any deviation, play the
punishment (a stage Nash equilibrium) forever. With stage payoffs ``R`` (reward
for mutual cooperation), ``T`` (temptation: the best one-shot deviation) and ``P``
(punishment), deviating does not pay when

    R / (1 - delta) >= T + delta * P / (1 - delta),  that is,  delta >= (T - R) / (T - P)

(Friedman 1971). In the Prisoner's Dilemma with ``T, R, P = 5, 3, 1`` the
critical discount factor is ``(5 - 3) / (5 - 1) = 1/2``:

>>> from negotiation.repeated import critical_delta
>>> critical_delta(5, 3, 1)
Fraction(1, 2)

**Snap-back for k periods.** A finite punishment (tariffs back to 25% for ``k``
quarters, then back to the deal) deters cheating when the one-shot gain is
outweighed by the discounted loss over the ``k`` punishment periods:

    T - R <= (R - P) * (delta + delta**2 + ... + delta**k).

The right side grows with ``delta`` up to ``k (R - P)``, so a short punishment
deters nobody if ``k (R - P) <= T - R``. For ``k = 1`` the threshold is
``(T - R) / (R - P)``; for ``k = 2`` it solves a quadratic; in general it is the
unique root in (0, 1) of a polynomial, returned exactly (a sympy algebraic number)
for rational payoffs and checked against a numerical root:

>>> critical_delta(5, 3, 1, periods=2)
-1/2 + sqrt(5)/2

:func:`critical_discount_factor` does this for any :class:`~negotiation.core.game.BimatrixGame`
with a named cooperative profile and a punishment profile, checks that the
punishment is credible (a stage Nash equilibrium), and reports each side's
threshold. :func:`simulate` plays the strategies out, so the threshold can be
seen in discounted payoff streams. This is the **folk theorem** at work (Fudenberg
and Maskin 1986): in an infinitely repeated game any feasible payoffs above each
side's punishment payoffs can be sustained by a subgame-perfect equilibrium when the
players are patient enough; Friedman (1971) proved it for punishments by a stage Nash
equilibrium, as here. :func:`noisy_review` asks what happens when the review that
triggers the punishment can be wrong (imperfect monitoring), and
:func:`strategy_game` turns the repeated game into a small game between a trigger
strategy and always defecting, for learning rules to choose from. :func:`fictitious_play` and
:func:`replicator_dynamics` wrap nashpy's learning dynamics and return labelled
trajectories: "how might play evolve over rounds" when the sides are not
forward-looking.

References
----------
.. [Friedman1971] J. W. Friedman, "A non-cooperative equilibrium for supergames",
   *Review of Economic Studies* 38(1), 1-12, 1971.
.. [FudenbergMaskin1986] D. Fudenberg and E. Maskin, "The folk theorem in repeated
   games with discounting or with incomplete information", *Econometrica* 54(3),
   533-554, 1986.
.. [Abreu1988] D. Abreu, "On the theory of infinitely repeated games with discounting",
   *Econometrica* 56(2), 383-396, 1988.
.. [MailathSamuelson2006] G. J. Mailath and L. Samuelson, *Repeated Games and
   Reputations*, Oxford University Press, 2006, chapter 2.
.. [Brown1951] G. W. Brown, "Iterative solution of games by fictitious play", in
   *Activity Analysis of Production and Allocation*, Wiley, 1951.
.. [TaylorJonker1978] P. D. Taylor and L. B. Jonker, "Evolutionarily stable strategies
   and game dynamics", *Mathematical Biosciences* 40, 145-156, 1978.
.. [HofbauerSorinViossat2009] J. Hofbauer, S. Sorin and Y. Viossat, "Time average
   replicator and best-reply dynamics", *Mathematics of Operations Research* 34(2),
   263-269, 2009.
.. [Fudenberg1998] D. Fudenberg and D. K. Levine, *The Theory of Learning in Games*,
   MIT Press, 1998.
"""

from .cooperation import (
    CooperationCheck,
    PlayerIncentive,
    critical_delta,
    critical_discount_factor,
    strategy_game,
)
from .learning import LearningTrajectory, fictitious_play, replicator_dynamics
from .monitoring import NoisyReview, noisy_review
from .play import RepeatedPlay, simulate

__all__ = [
    "CooperationCheck",
    "LearningTrajectory",
    "NoisyReview",
    "PlayerIncentive",
    "RepeatedPlay",
    "critical_delta",
    "critical_discount_factor",
    "fictitious_play",
    "noisy_review",
    "replicator_dynamics",
    "simulate",
    "strategy_game",
]
