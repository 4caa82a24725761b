"""A review that can misread compliance: trigger strategies under imperfect monitoring.

With perfect monitoring a snap-back punishes only cheating, so it never happens on the
path of play and a longer punishment only helps. A real review can be wrong. Suppose
it misreads one side's behaviour with probability ``error``: it reports a violation
when that side complied (a false alarm) and misses one when it cheated, each with
probability ``error``. Both sides follow the same strategy as before: keep the deal
while the review is clean, and after a bad report (or a visible deviation by the other
side) play the punishment profile for ``k`` periods, then return to the deal.

Two things change (Green and Porter 1984; Mailath and Samuelson 2006, chapter 7).
Punishments now happen **on the path of play**, after false alarms, so the deal is
worth less: with value ``V`` of a cooperative period and ``S_k = delta + ... +
delta**k``,

    V = (R + error * P * S_k) / (1 - (1 - error) * delta - error * delta**(k + 1)),

and the long-run share of periods spent in punishment is ``error k / (1 + error k)``
(all of them, eventually, under grim trigger). And cheating is punished only when it
is seen, so the reviewed side is deterred only by the *difference* it makes to the
chance of a snap-back, ``1 - 2 error``. The reviewed side keeps the deal when

    T - R <= (1 - 2 error) * S_k * ((1 - delta) V - P),

and the other side, whose deviations are seen for sure, when
``T - R <= (1 - error) * S_k * ((1 - delta) V - P)``. With ``error = 0`` both are the
perfect-monitoring condition ``T - R <= (R - P) S_k`` of
:func:`~negotiation.repeated.critical_discount_factor`; at ``error = 1/2`` the review
says nothing and no patience sustains the deal. A longer punishment deters more but
also punishes more often by mistake, so with errors the longest is no longer best.

>>> from negotiation import BimatrixGame
>>> from negotiation.repeated.monitoring import noisy_review
>>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Japan"),
...                   row_labels=("Keep", "Snap back"), col_labels=("Comply", "Shirk"))
>>> review = noisy_review(pd, ("Keep", "Comply"), error=0, periods=None)
>>> round(review.critical_delta, 4)  # grim trigger, no errors: (T - R) / (T - P)
0.5
>>> round(noisy_review(pd, ("Keep", "Comply"), error=0.1, periods=None).critical_delta, 4)
0.5882

References
----------
.. [GreenPorter1984] E. J. Green and R. H. Porter, "Noncooperative collusion under
   imperfect price information", *Econometrica* 52(1), 87-100, 1984.
.. [FLM1994] D. Fudenberg, D. K. Levine and E. Maskin, "The folk theorem with imperfect
   public information", *Econometrica* 62(5), 997-1039, 1994.
.. [MailathSamuelson2006] G. J. Mailath and L. Samuelson, *Repeated Games and
   Reputations*, Oxford University Press, 2006, chapter 7.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core._numbers import Number, format_number, to_exact
from ..core.game import BimatrixGame
from .cooperation import CooperationCheck, critical_discount_factor

__all__ = ["NoisyReview", "noisy_review"]

_GRID = 2000  # points of the search for the least sustaining discount factor


def _sum_of_powers(delta: Number, k: int | None) -> Number:
    """``delta + ... + delta**k`` (``delta / (1 - delta)`` for ``k = None``)."""
    if k is None:
        return delta / (1 - delta)
    return delta * (1 - delta**k) / (1 - delta)


@dataclass(frozen=True)
class NoisyReview:
    """A trigger strategy whose review misreads one side's behaviour with some probability.

    Attributes
    ----------
    check : CooperationCheck
        The same strategy under perfect monitoring (its ``T``, ``R`` and ``P``).
    error : Fraction
        The probability that the review misreads the reviewed side.
    reviewed : int
        The side whose behaviour is reviewed (0 the row player, 1 the column player).
    """

    check: CooperationCheck
    error: Fraction
    reviewed: int

    @property
    def periods(self) -> int | None:
        """The length of the punishment (``None``: forever)."""
        return self.check.periods

    def value(self, player: int, delta: Any) -> Number:
        """The player's discounted value of a period in which the deal is on."""
        d = to_exact(delta, "delta")
        inc = self.check.incentives[player]
        k, e = self.periods, self.error
        tail = 0 if k is None else d ** (k + 1)
        s = _sum_of_powers(d, k)
        return (inc.reward + e * inc.punishment * s) / (1 - (1 - e) * d - e * tail)

    def average(self, player: int, delta: Any) -> Number:
        """The player's average payoff per period while playing this strategy, ``(1 - delta) V``."""
        d = to_exact(delta, "delta")
        return (1 - d) * self.value(player, d)

    def slack(self, player: int, delta: Any) -> Number:
        """How much the player's deterrent exceeds its gain from cheating (``>= 0``: it keeps the deal)."""
        d = to_exact(delta, "delta")
        inc = self.check.incentives[player]
        seen = 1 - 2 * self.error if player == self.reviewed else 1 - self.error
        deterrent = (
            seen * _sum_of_powers(d, self.periods) * (self.average(player, d) - inc.punishment)
        )
        return deterrent - inc.gain

    def sustainable(self, delta: Any) -> bool:
        """Whether both sides keep the deal at discount factor ``delta``."""
        d = to_exact(delta, "delta")
        if not 0 < d < 1:
            raise ValueError(f"delta must be a discount factor in (0, 1), got {format_number(d)}")
        return all(self.slack(p, d) >= 0 for p in (0, 1))

    @property
    def critical_delta(self) -> float | None:
        """The least discount factor at which both sides keep the deal (``None``: none below 1).

        Found on a grid of 2000 points and refined by bisection to about ``1e-9``.
        """
        grid = [Fraction(i, _GRID) for i in range(1, _GRID)]
        first = next((k for k, d in enumerate(grid) if self._holds(float(d))), None)
        if first is None:
            return None
        if first == 0:
            return float(grid[0])
        lo, hi = float(grid[first - 1]), float(grid[first])
        for _ in range(40):
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if self._holds(mid) else (mid, hi)
        return hi

    def _holds(self, d: float) -> bool:
        return all(float(self.slack(p, d)) >= 0 for p in (0, 1))

    @property
    def punished_share(self) -> Number:
        """The long-run share of periods spent in punishment when both follow the strategy."""
        k, e = self.periods, self.error
        if e == 0:
            return Fraction(0)
        if k is None:
            return Fraction(1)
        return e * k / (1 + e * k)

    def describe(self, delta: Any = None) -> str:
        """Plain words: each side's threshold, and at ``delta`` whether the deal holds."""
        game = self.check.game
        k = self.periods
        length = "forever" if k is None else f"for {k} period{'s' if k != 1 else ''}"
        crit = self.critical_delta
        who = game.players[self.reviewed]
        text = (
            f"The review misreads {who} with probability {format_number(self.error)}; "
            f"punishment {length}. "
            + (
                f"Both keep the deal for delta >= {crit:.4f}"
                if crit is not None
                else "No discount factor below 1 sustains the deal"
            )
            + f"; in the long run {float(self.punished_share):.0%} of periods are spent in punishment."
        )
        if delta is not None:
            held = "holds" if self.sustainable(delta) else "does not hold"
            text += f" At delta = {format_number(to_exact(delta, 'delta'))} the deal {held}."
        return text


def noisy_review(
    stage: BimatrixGame,
    cooperate: Sequence[Any],
    *,
    error: Any,
    periods: int | None,
    reviewed: int | str = 1,
    punishment: Sequence[Any] | None = None,
) -> NoisyReview:
    """A trigger strategy whose review misreads one side with probability ``error``.

    Parameters
    ----------
    stage : BimatrixGame
        The game played every period.
    cooperate : pair
        The cooperative profile (labels or indices).
    error : number in [0, 1/2]
        The chance that the review misreads the reviewed side (a false alarm when it
        kept the deal, a miss when it cheated).
    periods : int or None
        The punishment length (``None``: grim trigger).
    reviewed : 0, 1 or a player's name
        The side whose behaviour is reviewed (default: the column player). The other
        side's deviations are seen for sure.
    punishment : pair, optional
        The punishment profile (default: the stage game's Nash equilibrium), as for
        :func:`~negotiation.repeated.critical_discount_factor`.

    Returns
    -------
    NoisyReview

    Examples
    --------
    With no errors the threshold is the perfect-monitoring one:

    >>> from negotiation import BimatrixGame
    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> review = noisy_review(pd, (0, 0), error=0, periods=2)
    >>> round(review.critical_delta, 6), review.punished_share  # (sqrt(5) - 1) / 2
    (0.618034, Fraction(0, 1))
    """
    e = to_exact(error, "error")
    if not 0 <= e <= Fraction(1, 2):
        raise ValueError(
            f"error must be a probability from 0 to 1/2 (beyond 1/2 the review is read "
            f"backwards), got {format_number(e)}"
        )
    if isinstance(reviewed, str):
        if reviewed not in stage.players:
            raise ValueError(f"reviewed must be one of {list(stage.players)}, got {reviewed!r}")
        side = stage.players.index(reviewed)
    elif reviewed in (0, 1) and not isinstance(reviewed, bool):
        side = int(reviewed)
    else:
        raise ValueError(f"reviewed must be 0, 1 or a player's name, got {reviewed!r}")
    check = critical_discount_factor(
        stage, cooperate, punishment, periods=periods, exact_roots=False
    )
    return NoisyReview(check=check, error=Fraction(e), reviewed=side)
