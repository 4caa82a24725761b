"""Playing a repeated game out: trigger strategies period by period, with discounted payoffs.

A two-period snap-back after Japan deviates in period 1, then back to the deal:

>>> from negotiation import BimatrixGame
>>> from negotiation.repeated import simulate
>>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Japan", "US"),
...                   row_labels=("C", "D"), col_labels=("C", "D"))
>>> simulate(pd, ("C", "C"), periods=2, rounds=5, deviations={"Japan": [1]}).phases
('cooperate', 'cooperate', 'punish', 'punish', 'cooperate')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..core._numbers import Number, format_number, to_exact
from ..core.game import BimatrixGame
from .cooperation import _fmt, critical_discount_factor

__all__ = ["RepeatedPlay", "simulate"]


@dataclass(frozen=True)
class RepeatedPlay:
    """A play of the repeated game, period by period.

    Attributes
    ----------
    actions : tuple of (str, str)
        The strategies played in each period (row, column).
    phases : tuple of str
        ``"cooperate"`` or ``"punish"`` in each period.
    payoffs : tuple of (number, number)
        Stage payoffs in each period (exact when the game is).
    players : tuple of str
    """

    actions: tuple[tuple[str, str], ...]
    phases: tuple[str, ...]
    payoffs: tuple[tuple[Number, Number], ...]
    players: tuple[str, str]

    def payoff_array(self) -> npt.NDArray[np.float64]:
        """Stage payoffs as a ``(periods, 2)`` float array."""
        return np.array([[float(a), float(b)] for a, b in self.payoffs])

    def discounted(self, delta: Any) -> tuple[Number, Number]:
        """``sum_t delta**t u_t`` for each side (period 0 undiscounted), exact for exact input.

        Examples
        --------
        >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_labels=("C", "D"),
        ...                   col_labels=("C", "D"))
        >>> simulate(pd, ("C", "C"), rounds=3).discounted(Fraction(1, 2))
        (Fraction(21, 4), Fraction(21, 4))
        """
        d = to_exact(delta, "delta")
        if not 0 < d <= 1:
            raise ValueError(f"delta must be a discount factor in (0, 1], got {_fmt(d)}")
        if isinstance(d, Fraction) and all(
            isinstance(v, Fraction) for u in self.payoffs for v in u
        ):
            return _horner(self.payoffs, d, 0), _horner(self.payoffs, d, 1)
        totals = [0.0, 0.0]
        weight = 1.0
        for u in self.payoffs:
            totals[0] += weight * float(u[0])
            totals[1] += weight * float(u[1])
            weight *= float(d)
        return totals[0], totals[1]


def _horner(payoffs: Sequence[tuple[Number, Number]], d: Fraction, who: int) -> Fraction:
    """``sum_t d**t u_t`` exactly, in integers (Horner's rule over a common denominator)."""
    values = [v[who] for v in payoffs]
    if not values:
        return Fraction(0)
    scale = math.lcm(*(v.denominator for v in values))  # type: ignore[union-attr]
    ints = [v.numerator * (scale // v.denominator) for v in values]  # type: ignore[union-attr]
    a, b = d.numerator, d.denominator
    acc, power = ints[-1], 1  # acc / b**k is the sum over the last k + 1 periods
    for u in reversed(ints[:-1]):
        power *= b
        acc = u * power + a * acc
    return Fraction(acc, scale * power)


def simulate(
    stage: BimatrixGame,
    cooperate: Sequence[Any],
    punishment: Sequence[Any] | None = None,
    *,
    periods: int | None = None,
    rounds: int = 20,
    deviations: Mapping[int | str, Sequence[int]] | None = None,
) -> RepeatedPlay:
    """Play trigger strategies for ``rounds`` periods, with deviations at chosen periods.

    Both sides follow the trigger strategy of :func:`critical_discount_factor`: play
    the cooperative profile; after any deviation from the prescribed profile play the
    punishment for ``periods`` periods (forever if ``None``), restarting it if someone
    deviates during it. A side listed in ``deviations`` plays, in those periods (counted
    from 0), its best one-shot deviation instead of what is prescribed.

    Parameters
    ----------
    stage : BimatrixGame
    cooperate, punishment, periods
        As for :func:`critical_discount_factor`; the punishment must be pure here.
    rounds : int
        How many periods to play.
    deviations : mapping of player (0, 1 or name) to periods, optional

    Returns
    -------
    RepeatedPlay

    Examples
    --------
    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Japan", "US"),
    ...                   row_labels=("C", "D"), col_labels=("C", "D"))
    >>> play = simulate(pd, ("C", "C"), periods=2, rounds=5, deviations={"Japan": [1]})
    >>> play.actions
    (('C', 'C'), ('D', 'C'), ('D', 'D'), ('D', 'D'), ('C', 'C'))
    >>> play.phases
    ('cooperate', 'cooperate', 'punish', 'punish', 'cooperate')
    """
    check = critical_discount_factor(stage, cooperate, punishment, periods=periods)
    k = check.periods
    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
        raise ValueError(f"rounds must be a positive integer, got {rounds!r}")
    pun = []
    for player, probs in enumerate(check.punishment):
        support = [j for j, p in enumerate(probs) if p > 0]
        if len(support) != 1:
            raise ValueError(
                f"simulate() needs a pure punishment profile; {stage.players[player]} mixes "
                f"{[format_number(p) for p in probs]}"
            )
        pun.append(support[0])
    coop = (stage.row_labels.index(check.cooperate[0]), stage.col_labels.index(check.cooperate[1]))
    when: list[set[int]] = [set(), set()]
    for who, at in (deviations or {}).items():
        if isinstance(who, str):
            if who not in stage.players:
                raise ValueError(
                    f"unknown player {who!r} in deviations; expected one of {list(stage.players)}"
                )
            player = stage.players.index(who)
        elif who in (0, 1) and not isinstance(who, bool):
            player = int(who)
        else:
            raise ValueError(f"deviations keys must be 0, 1 or a player's name, got {who!r}")
        for t in at:
            if isinstance(t, bool) or not isinstance(t, int | np.integer) or not 0 <= t < rounds:
                raise ValueError(
                    f"deviation period must be an integer in 0..{rounds - 1}, got {t!r}"
                )
            when[player].add(int(t))
    actions, phases, payoffs = [], [], []
    left: int | None = 0  # punishment periods left (None: forever)
    for t in range(rounds):
        punishing = left is None or left > 0
        prescribed = (pun[0], pun[1]) if punishing else coop
        played = list(prescribed)
        for player in (0, 1):
            if t in when[player]:
                other = prescribed[1 - player]
                if player == 0:
                    values = [stage.payoff(i, other)[0] for i in range(stage.shape[0])]
                else:
                    values = [stage.payoff(other, j)[1] for j in range(stage.shape[1])]
                alternatives = [j for j in range(len(values)) if j != prescribed[player]]
                played[player] = max(alternatives, key=lambda j: values[j])
        actions.append((stage.row_labels[played[0]], stage.col_labels[played[1]]))
        phases.append("punish" if punishing else "cooperate")
        payoffs.append(stage.payoff(played[0], played[1]))
        if tuple(played) != prescribed:
            left = None if k is None else k
        elif punishing and left is not None:
            left -= 1
    return RepeatedPlay(tuple(actions), tuple(phases), tuple(payoffs), stage.players)
