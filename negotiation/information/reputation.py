"""Reputation over repeated encounters: Kreps and Wilson's chain store, in closed form.

An incumbent meets a sequence of ``N`` entrants, one market at a time. Each
entrant stays out, or enters; after an entry the incumbent fights or accommodates,
and every later entrant sees what happened. With complete information the answer is
Selten's chain-store paradox: in the last market the incumbent accommodates, so
the last entrant enters, and backward induction unravels every threat. Kreps and
Wilson [KrepsWilson1982]_ (and Milgrom and Roberts [MilgromRoberts1982]_) add a
little doubt: with probability ``prior`` the incumbent is *tough* and always fights.
Then a *weak* incumbent fights early to keep its reputation, and entrants stay out
of all but the last few markets, however small the doubt.

The payoffs are Kreps and Wilson's: an entrant gets 0 if it stays out, ``b`` if it
enters and is accommodated, ``b - 1`` if it is fought (``0 < b < 1``); a weak
incumbent gets ``a > 1`` from a market left alone, 0 if it accommodates, -1 if it
fights. With ``k`` markets left and reputation ``p`` (the entrants' probability that
the incumbent is tough), in the equilibrium

* the entrant enters if ``p < b**k``, stays out if ``p > b**k`` (at equality it
  stays out with probability ``1/a``, which keeps the weak incumbent indifferent one
  market earlier);
* after an entry, a weak incumbent accommodates in the last market; earlier it fights
  for sure if ``p >= b**(k-1)``, and otherwise with the probability that makes the
  entrants' posterior after a fight exactly ``b**(k-1)``;
* an accommodation reveals weakness (``p`` becomes 0); a fight raises ``p`` to
  ``max(p, b**(k-1))``.

So the entrants stay out while ``b**k < prior``: in every market but the last
``ceil(log(prior) / log(b))`` or so (:func:`reputation_game`).

>>> from fractions import Fraction
>>> from negotiation.information import reputation_game
>>> game = reputation_game(markets=10, prior=Fraction(1, 10), a=2, b=Fraction(1, 2))
>>> game.deterred  # markets 10 to 4: (1/2)**4 = 1/16 < 1/10 < 1/8
7
>>> print(game.market(5).describe())
5 markets left, reputation 1/10: the entrant stays out (1/10 > 1/32); a weak incumbent would fight, to keep its reputation.
>>> print(game.market(3).describe())
3 markets left, reputation 1/10: the entrant enters (1/10 < 1/8); a weak incumbent fights with probability 1/3, so that a fight lifts the reputation to 1/4.

References
----------
.. [KrepsWilson1982] D. M. Kreps and R. Wilson, "Reputation and imperfect information",
   *Journal of Economic Theory* 27(2), 253-279, 1982.
.. [MilgromRoberts1982] P. Milgrom and J. Roberts, "Predation, reputation, and entry
   deterrence", *Journal of Economic Theory* 27(2), 280-312, 1982.
.. [Selten1978] R. Selten, "The chain store paradox", *Theory and Decision* 9,
   127-159, 1978.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core._numbers import format_number, to_exact

__all__ = ["MarketPlay", "ReputationGame", "reputation_game"]


@dataclass(frozen=True)
class MarketPlay:
    """What happens in the market with ``left`` markets to go, at reputation ``reputation``.

    Attributes
    ----------
    left : int
        Markets left, this one included (``N`` first, 1 last).
    reputation : Fraction
        The entrant's probability that the incumbent is tough.
    threshold : Fraction
        ``b ** left``: the entrant enters below it and stays out above it.
    stay_out : Fraction
        The probability that the entrant stays out (0, 1, or ``1/a`` at the threshold).
    fight : Fraction
        The probability that a weak incumbent fights after an entry.
    after_fight : Fraction
        The reputation after a fight (``None`` in the last market, where a weak
        incumbent never fights and a fight reveals toughness: 1).
    """

    left: int
    reputation: Fraction
    threshold: Fraction
    stay_out: Fraction
    fight: Fraction
    after_fight: Fraction

    def describe(self) -> str:
        p, t = format_number(self.reputation), format_number(self.threshold)
        head = f"{self.left} market{'s' if self.left > 1 else ''} left, reputation {p}: "
        if self.stay_out == 1:
            entrant = f"the entrant stays out ({p} > {t})"
        elif self.stay_out == 0:
            entrant = f"the entrant enters ({p} < {t})"
        else:
            entrant = (
                f"the entrant stays out with probability {format_number(self.stay_out)} ({p} = {t})"
            )
        if self.left == 1:
            weak = "a weak incumbent accommodates (nothing is left to protect)"
        elif self.fight == 1:
            weak = "a weak incumbent would fight, to keep its reputation"
        else:
            weak = (
                f"a weak incumbent fights with probability {format_number(self.fight)}, so that a "
                f"fight lifts the reputation to {format_number(self.after_fight)}"
            )
        return f"{head}{entrant}; {weak}."


@dataclass(frozen=True)
class ReputationGame:
    """Kreps and Wilson's chain store with ``markets`` entrants, solved in closed form.

    Attributes
    ----------
    markets : int
    prior : Fraction
        The probability that the incumbent is tough.
    a, b : Fraction
        The weak incumbent's gain from a market left alone, and the entrant's from an
        accommodated entry.
    deterred : int
        How many of the first markets the entrants stay out of for sure while the
        incumbent is not revealed weak (those with ``b ** left < prior``).
    """

    markets: int
    prior: Fraction
    a: Fraction
    b: Fraction
    deterred: int

    def threshold(self, left: int) -> Fraction:
        """``b ** left``: the reputation above which the entrant with ``left`` markets to go stays out."""
        return self.b**left

    def market(self, left: int, reputation: Any = None) -> MarketPlay:
        """The equilibrium play in the market with ``left`` markets to go (the prior if no reputation is given)."""
        if isinstance(left, bool) or not isinstance(left, int) or not 1 <= left <= self.markets:
            raise ValueError(f"left must be a whole number from 1 to {self.markets}, got {left!r}")
        p = self.prior if reputation is None else _probability(reputation, "reputation")
        t = self.threshold(left)
        stay_out = Fraction(1) if p > t else Fraction(0) if p < t else 1 / self.a
        if left == 1:
            fight, after = Fraction(0), Fraction(1)
        else:
            lower = self.threshold(left - 1)
            if p >= lower:
                fight, after = Fraction(1), p
            else:
                fight = (1 - lower) * p / ((1 - p) * lower)
                after = lower
        return MarketPlay(left, p, t, stay_out, fight, after)

    def describe(self) -> str:
        n, k = self.markets, self.deterred
        return (
            f"With a {format_number(self.prior)} chance that the incumbent is tough, entrants "
            f"stay out of the first {k} of {n} markets: a weak incumbent would fight there to "
            f"protect its reputation. Entry starts when {n - k} markets are left."
        )


def reputation_game(markets: int, prior: Any, a: Any, b: Any) -> ReputationGame:
    """Kreps and Wilson's chain-store game with ``markets`` entrants and a ``prior`` chance of a tough incumbent.

    Raises
    ------
    ValueError
        For fewer than one market, a prior outside (0, 1), ``a <= 1`` or ``b`` outside (0, 1).
    TypeError
        For values that are not numbers.
    """
    if isinstance(markets, bool) or not isinstance(markets, int) or markets < 1:
        raise ValueError(f"markets must be a whole number of at least 1, got {markets!r}")
    p = _probability(prior, "prior")
    if not 0 < p < 1:
        raise ValueError(f"prior must be strictly between 0 and 1, got {format_number(p)}")
    aa = Fraction(to_exact(a, "a"))
    bb = Fraction(to_exact(b, "b"))
    if aa <= 1:
        raise ValueError(
            f"a, the weak incumbent's gain from a market left alone, must exceed 1, got {format_number(aa)}"
        )
    if not 0 < bb < 1:
        raise ValueError(
            f"b, the entrant's gain when accommodated, must be between 0 and 1, got {format_number(bb)}"
        )
    deterred = sum(1 for left in range(markets, 0, -1) if bb**left < p)
    return ReputationGame(markets, p, aa, bb, deterred)


def _probability(value: Any, what: str) -> Fraction:
    v = Fraction(to_exact(value, what))
    if not 0 <= v <= 1:
        raise ValueError(f"{what} must be a probability between 0 and 1, got {format_number(v)}")
    return v
