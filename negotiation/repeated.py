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

:func:`critical_discount_factor` does this for any :class:`~negotiation.game.BimatrixGame`
with a named cooperative profile and a punishment profile, checks that the
punishment is credible (a stage Nash equilibrium), and reports each side's
threshold. :func:`simulate` plays the strategies out, so the threshold can be
seen in discounted payoff streams. :func:`fictitious_play` and
:func:`replicator_dynamics` wrap nashpy's learning dynamics and return labelled
trajectories: "how might play evolve over rounds" when the sides are not
forward-looking.

References
----------
.. [Friedman1971] J. W. Friedman, "A non-cooperative equilibrium for supergames",
   *Review of Economic Studies* 38(1), 1-12, 1971.
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

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ._numbers import Number, format_number, to_exact
from .game import BimatrixGame, as_strategy
from .solve import is_equilibrium, solve

__all__ = [
    "CooperationCheck",
    "LearningTrajectory",
    "PlayerIncentive",
    "RepeatedPlay",
    "critical_delta",
    "critical_discount_factor",
    "fictitious_play",
    "replicator_dynamics",
    "simulate",
]

#: Above this many punishment periods the exact root is not computed (numeric only):
#: isolating the root of a degree-k polynomial exactly gets slow beyond this.
MAX_EXACT_PERIODS = 12


def _fmt(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, Fraction | float | int):
        return format_number(value, decimals=True)  # 3.92, not 98/25
    return str(value)


def _is_symbolic(value: Any) -> bool:
    return type(value).__module__.startswith("sympy") and bool(getattr(value, "free_symbols", ()))


def _check_periods(periods: Any) -> int | None:
    if periods is None:
        return None
    if isinstance(periods, bool) or not isinstance(periods, int | np.integer) or periods < 1:
        raise ValueError(
            f"periods must be a positive whole number of punishment periods, or None for "
            f"grim trigger (punish forever), got {periods!r}"
        )
    return int(periods)


def _sym(value: Number) -> Any:
    import sympy

    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Float(value)


def _root_in_unit_interval(
    gain: Number, loss: Number, k: int, exact_roots: bool = True
) -> tuple[float, Any]:
    """The root in (0, 1) of ``loss * (d + ... + d**k) - gain``: ``(float, exact or None)``.

    Exact for rational payoffs: a square root for ``k = 2``, a sympy ``CRootOf`` (an
    exact algebraic number: the polynomial's only positive root) for ``3 <= k <=``
    :data:`MAX_EXACT_PERIODS`. It is always checked against Brent's numerical root.
    """
    from scipy.optimize import brentq

    g, lo = float(gain), float(loss)

    def h(d: float) -> float:
        return lo * sum(d**j for j in range(1, k + 1)) - g

    numeric = float(brentq(h, 0.0, 1.0, xtol=1e-15, rtol=4 * np.finfo(float).eps))
    exact: Any = None
    if (
        exact_roots
        and isinstance(gain, Fraction)
        and isinstance(loss, Fraction)
        and k <= MAX_EXACT_PERIODS
    ):
        import sympy

        if k == 2:
            exact = (-1 + sympy.sqrt(1 + 4 * _sym(gain) / _sym(loss))) / 2
        else:
            d = sympy.Symbol("delta")
            poly = sympy.Poly(_sym(loss) * sum(d**j for j in range(1, k + 1)) - _sym(gain), d)
            # one sign change (Descartes): exactly one positive root, the largest real one
            exact = sympy.CRootOf(poly, len(poly.intervals()) - 1)
        value = float(exact.evalf(30))
        if abs(value - numeric) > 1e-12:  # pragma: no cover - the two methods disagree
            raise RuntimeError(
                f"internal error: exact ({exact} = {value}) and numerical ({numeric}) critical "
                f"discount factors disagree; please report T - R = {gain}, R - P = {loss}, k = {k}"
            )
    return numeric, exact


def _deters(gain: Number, loss: Number, k: int | None, delta: Number) -> bool:
    """Whether the discounted loss from punishment outweighs the one-shot gain at ``delta``."""
    if gain <= 0:
        return True
    if k is None:  # gain <= loss * delta / (1 - delta)
        return bool(gain * (1 - delta) <= loss * delta)
    return bool(gain <= loss * sum(delta**j for j in range(1, k + 1)))


def critical_delta(
    temptation: Any, reward: Any, punishment: Any, periods: int | None = None
) -> Any:
    """The smallest discount factor at which the threat of punishment deters a deviation.

    Parameters
    ----------
    temptation, reward, punishment : number or sympy expression
        ``T`` (best one-shot deviation payoff), ``R`` (cooperation payoff) and ``P``
        (payoff while punished).
    periods : int or None
        ``None`` for grim trigger (punishment forever), or ``k`` for a punishment of
        ``k`` periods after which cooperation resumes.

    Returns
    -------
    Fraction, sympy expression, or None
        Exact: a Fraction when rational, otherwise an exact sympy number (a square
        root, or a ``CRootOf`` for ``k >= 3``; ``float()`` gives its value). ``0`` when
        there is no temptation (``T <= R``), ``None`` when no discount factor below 1
        deters (the punishment is not worse than cooperating, or too short). With
        sympy symbols, the formula (for grim trigger, ``k = 1`` and ``k = 2``).

    Raises
    ------
    ValueError
        For a non-positive ``periods``, or symbols with ``k >= 3`` (no closed form).

    Examples
    --------
    >>> critical_delta(5, 3, 1)  # Friedman (1971)
    Fraction(1, 2)
    >>> critical_delta(4, 3, 1, periods=1), critical_delta(6, 3, 1, periods=1)
    (Fraction(1, 2), None)
    >>> float(critical_delta(5, 3, 1, periods=3))  # doctest: +ELLIPSIS
    0.5436890126...
    >>> import sympy
    >>> T, R, P = sympy.symbols("T R P")
    >>> critical_delta(T, R, P)
    (-R + T)/(-P + T)
    """
    k = _check_periods(periods)
    values = (temptation, reward, punishment)
    if any(_is_symbolic(v) for v in values):
        import sympy

        T, R, P = (
            v if _is_symbolic(v) else _sym(to_exact(v, n))
            for v, n in zip(values, "TRP", strict=True)
        )
        if k is None:
            return (T - R) / (T - P)
        if k == 1:
            return (T - R) / (R - P)
        if k == 2:
            return (-1 + sympy.sqrt(1 + 4 * (T - R) / (R - P))) / 2
        raise ValueError(
            f"with symbolic payoffs there is a closed form only for grim trigger, periods=1 and "
            f"periods=2 (a polynomial of degree {k} has none in general); substitute numbers"
        )
    T, R, P = (
        to_exact(v, n) for v, n in zip(values, ("temptation", "reward", "punishment"), strict=True)
    )
    numeric, exact = _threshold(T - R, R - P, k)
    return numeric if exact is None else exact


def _threshold(
    gain: Number, loss: Number, k: int | None, exact_roots: bool = True
) -> tuple[float | None, Any]:
    """``(numeric, exact)`` critical discount factor; ``(None, None)`` if none below 1 deters.

    ``exact`` is a Fraction when rational, an exact sympy number otherwise, or ``None``
    when not computed (irrational payoffs, or more than :data:`MAX_EXACT_PERIODS`).
    """
    rational = isinstance(gain, Fraction) and isinstance(loss, Fraction)
    if gain <= 0:
        return 0.0, (0 * gain if rational else None)
    if loss <= 0:
        return None, None
    if k is None:
        value = gain / (gain + loss)
        return float(value), (value if rational else None)
    if k * loss <= gain:
        return None, None
    if k == 1:
        value = gain / loss
        return float(value), (value if rational else None)
    numeric, exact = _root_in_unit_interval(gain, loss, k, exact_roots)
    if exact is not None and getattr(exact, "is_Rational", False):
        exact = to_exact(exact)
    return numeric, exact


# --- the game-level check -------------------------------------------------------------


@dataclass(frozen=True)
class PlayerIncentive:
    """One side's incentive to keep cooperating.

    Attributes
    ----------
    player : str
    reward : number
        The stage payoff from cooperating (``R``).
    temptation : number
        The best stage payoff from deviating while the other cooperates (``T``).
    best_deviation : str
        The strategy that earns it (the cooperative strategy if no deviation pays).
    punishment : number
        The stage payoff while punished (``P``).
    critical_delta : float or None
        The least discount factor at which this side prefers to cooperate; ``None`` if
        none below 1 does.
    critical_delta_exact : Fraction, sympy number or None
        The same, exactly.
    """

    player: str
    reward: Number
    temptation: Number
    best_deviation: str
    punishment: Number
    critical_delta: float | None
    critical_delta_exact: Any

    @property
    def gain(self) -> Number:
        """The one-shot gain from deviating, ``T - R``."""
        return self.temptation - self.reward

    @property
    def loss(self) -> Number:
        """The loss per punishment period, ``R - P``."""
        return self.reward - self.punishment


@dataclass(frozen=True)
class CooperationCheck:
    """Whether (and from which discount factor) a trigger strategy sustains cooperation.

    Attributes
    ----------
    game : BimatrixGame
    cooperate : tuple of str
        The cooperative profile (row strategy, column strategy).
    punishment : tuple of tuple
        The punishment profile as mixed strategies (exact when possible).
    periods : int or None
        Punishment length (``None``: grim trigger, forever).
    incentives : tuple of PlayerIncentive
        Row player's, then column player's.
    credible : bool
        Whether the punishment is a Nash equilibrium of the stage game (so carrying it
        out is itself rational: the trigger strategy is subgame perfect).
    note : str
        Why the punishment is not credible, or other remarks.
    """

    game: BimatrixGame = field(repr=False)
    cooperate: tuple[str, str]
    punishment: tuple[tuple[Number, ...], tuple[Number, ...]]
    periods: int | None
    incentives: tuple[PlayerIncentive, PlayerIncentive]
    credible: bool
    note: str

    @property
    def critical_delta(self) -> float | None:
        """The least discount factor at which both sides prefer to cooperate (None: never)."""
        values = [i.critical_delta for i in self.incentives]
        if any(v is None for v in values):
            return None
        return max(v for v in values if v is not None)

    @property
    def critical_delta_exact(self) -> Any:
        """The same, exactly (Fraction or sympy number), when known exactly."""
        if self.critical_delta is None:
            return None
        binding = max(self.incentives, key=lambda i: i.critical_delta or 0.0)
        return binding.critical_delta_exact

    def sustainable(self, delta: Any) -> bool:
        """Whether cooperation is an equilibrium outcome at discount factor ``delta``.

        Compared exactly when ``delta`` and the threshold are exact.

        Examples
        --------
        >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_labels=("C", "D"),
        ...                   col_labels=("C", "D"))
        >>> check = critical_discount_factor(pd, ("C", "C"))
        >>> check.sustainable(0.5), check.sustainable(0.49)
        (True, False)
        """
        d = to_exact(delta, "delta")
        if not 0 < d < 1:
            raise ValueError(f"delta must be a discount factor in (0, 1), got {_fmt(d)}")
        exact = isinstance(d, Fraction) and all(
            isinstance(v, Fraction) for i in self.incentives for v in (i.gain, i.loss)
        )
        return all(
            _deters(i.gain, i.loss, self.periods, d)
            if exact
            else _deters(float(i.gain), float(i.loss), self.periods, float(d))
            for i in self.incentives
        )

    def describe(self) -> str:
        """Plain words naming the sides.

        Examples
        --------
        >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Japan", "US"),
        ...                   row_labels=("Comply", "Cheat"), col_labels=("Comply", "Cheat"))
        >>> print(critical_discount_factor(pd, ("Comply", "Comply")).describe())
        Cooperation on (Comply, Comply), enforced by punishing with (Cheat, Cheat) forever (grim trigger): Japan needs delta >= 1/2 (deviation gain 2, loss 2 per period of punishment); US needs delta >= 1/2 (deviation gain 2, loss 2 per period of punishment). Sustainable for delta >= 1/2.
        """
        g = self.game
        punish = _profile_text(g, self.punishment)
        how = (
            "forever (grim trigger)"
            if self.periods is None
            else f"for {self.periods} period{'s' if self.periods != 1 else ''} (then cooperation resumes)"
        )
        parts = []
        for inc in self.incentives:
            if inc.gain <= 0:
                parts.append(f"{inc.player} has no reason to deviate")
            elif inc.critical_delta is None:
                why = (
                    "the punishment is no worse than cooperating"
                    if inc.loss <= 0
                    else "the punishment is too short to outweigh the gain"
                )
                parts.append(
                    f"{inc.player} always gains by deviating to {inc.best_deviation} ({why})"
                )
            else:
                parts.append(
                    f"{inc.player} needs delta >= {_fmt_delta(inc.critical_delta_exact, inc.critical_delta)} "
                    f"(deviation gain {_fmt(inc.gain)}, loss {_fmt(inc.loss)} per period of punishment)"
                )
        text = (
            f"Cooperation on ({self.cooperate[0]}, {self.cooperate[1]}), enforced by punishing with "
            f"{punish} {how}: " + "; ".join(parts) + "."
        )
        if self.critical_delta is None:
            text += " Cooperation cannot be sustained with this punishment."
        elif self.critical_delta == 0:
            text += " Sustainable at any discount factor: it is already a stage equilibrium."
        else:
            text += (
                f" Sustainable for delta >= "
                f"{_fmt_delta(self.critical_delta_exact, self.critical_delta)}."
            )
        if self.note:
            text += " " + self.note
        return text

    def __str__(self) -> str:
        return self.describe()


def _fmt_delta(exact: Any, numeric: float) -> str:
    """A threshold for people: ``1/2``; ``0.618 (exactly -1/2 + sqrt(5)/2)``; or ``0.5437``."""
    if isinstance(exact, Fraction):
        return format_number(exact)
    if exact is not None and len(str(exact)) <= 30:
        return f"{numeric:.4g} (exactly {exact})"
    return f"{numeric:.4g}"


def _profile_text(
    game: BimatrixGame, profile: tuple[tuple[Number, ...], tuple[Number, ...]]
) -> str:
    parts = []
    for player, probs in enumerate(profile):
        labels = game.labels(player)
        support = [k for k, p in enumerate(probs) if p > 0]
        if len(support) == 1:
            parts.append(labels[support[0]])
        else:
            parts.append(
                "mix " + ", ".join(f"{labels[k]} {format_number(probs[k])}" for k in support)
            )
    return f"({parts[0]}, {parts[1]})"


def _pure(game: BimatrixGame, player: int, k: int) -> tuple[Number, ...]:
    size = game.shape[player]
    return tuple(Fraction(1 if j == k else 0) for j in range(size))


def _as_profile(
    game: BimatrixGame, profile: Any, what: str
) -> tuple[tuple[Number, ...], tuple[Number, ...]]:
    """A profile of two pure strategies (labels or indices) or two mixed strategies."""
    if isinstance(profile, str | bytes) or not hasattr(profile, "__len__") or len(profile) != 2:
        raise ValueError(
            f"{what} must be a pair (row strategy, column strategy) of labels, indices or "
            f"probability vectors, got {profile!r}"
        )
    out = []
    for player, item in enumerate(profile):
        if isinstance(item, str | int | np.integer) and not isinstance(item, bool):
            key = int(item) if isinstance(item, np.integer) else item
            out.append(_pure(game, player, game._index(key, player)))
        else:
            out.append(as_strategy(item, game.shape[player], f"{what}[{player}]"))
    return out[0], out[1]


def _payoffs(game: BimatrixGame, x: Sequence[Number], y: Sequence[Number]) -> tuple[Number, Number]:
    return game.expected_payoffs(list(x), list(y))


def critical_discount_factor(
    stage: BimatrixGame,
    cooperate: Sequence[Any],
    punishment: Sequence[Any] | None = None,
    *,
    periods: int | None = None,
    exact_roots: bool = True,
) -> CooperationCheck:
    """When can a trigger strategy sustain a cooperative profile of a repeated stage game?

    Each side compares cooperating forever (``R`` per period) with its best one-shot
    deviation (``T`` once), followed by the punishment profile (``P`` per period) for
    ``periods`` periods (forever for grim trigger), after which cooperation resumes.
    By the one-shot deviation principle that comparison is all that matters when the
    punishment is a stage Nash equilibrium (Friedman 1971; Mailath and Samuelson 2006,
    section 2.4).

    Parameters
    ----------
    stage : BimatrixGame
        The game played every period.
    cooperate : pair
        The cooperative profile: (row strategy, column strategy) as labels or indices.
    punishment : pair, optional
        The punishment profile, pure (labels or indices) or mixed (probability vectors).
        Default: the stage game's unique Nash equilibrium (an error if it has several).
    periods : int or None
        Punishment length: ``None`` for grim trigger, ``k`` for a k-period snap-back.
    exact_roots : bool
        Compute the exact algebraic threshold for ``k >= 2`` (a square root or a sympy
        ``CRootOf``; 10-20 ms each). ``False`` keeps only the numerical root (accurate to
        machine precision), which is what a slider needs; rational thresholds stay exact.

    Returns
    -------
    CooperationCheck
        Each side's threshold (float and exact), the overall threshold, and whether
        the punishment is credible (a stage Nash equilibrium). A punishment that is
        not credible is reported in ``credible`` and ``note``, not refused: the
        thresholds then say what the threat would achieve if it were believed.

    Examples
    --------
    The Prisoner's Dilemma (Friedman 1971): delta* = (T - R) / (T - P) = 1/2.

    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_labels=("C", "D"),
    ...                   col_labels=("C", "D"))
    >>> critical_discount_factor(pd, ("C", "C")).critical_delta_exact
    Fraction(1, 2)
    >>> critical_discount_factor(pd, ("C", "C"), periods=2).critical_delta_exact
    -1/2 + sqrt(5)/2

    A threat to play (C, D) is not a stage equilibrium, so it is not credible:

    >>> critical_discount_factor(pd, ("C", "C"), ("C", "D")).credible
    False
    """
    if not isinstance(stage, BimatrixGame):
        raise TypeError(
            f"stage must be a BimatrixGame, got {type(stage).__name__}; build one with BimatrixGame(A, B)"
        )
    k = _check_periods(periods)
    coop = _as_profile(stage, cooperate, "cooperate")
    for player, probs in enumerate(coop):
        if sum(1 for p in probs if p > 0) != 1:
            raise ValueError(
                f"cooperate must be a pure profile (one strategy each), got a mixed strategy for "
                f"{stage.players[player]}: {[format_number(p) for p in probs]}"
            )
    ci = next(i for i, p in enumerate(coop[0]) if p > 0)
    cj = next(j for j, p in enumerate(coop[1]) if p > 0)
    note = ""
    if punishment is None:
        equilibria = solve(stage).equilibria
        if len(equilibria) != 1:
            shown = "; ".join(e.describe() for e in equilibria[:3])
            raise ValueError(
                f"the stage game has {len(equilibria)} Nash equilibria, so the punishment is "
                f"ambiguous; pass punishment= one of them (for example: {shown})"
            )
        pun = equilibria[0].strategies
    else:
        pun = _as_profile(stage, punishment, "punishment")
    credible = is_equilibrium(stage, pun[0], pun[1])
    if not credible:
        note = _credibility_note(stage, pun)
    R = stage.payoff(ci, cj)
    P = _payoffs(stage, pun[0], pun[1])
    incentives = []
    for player in (0, 1):
        if player == 0:
            options = [(stage.payoff(i, cj)[0], i) for i in range(stage.shape[0])]
        else:
            options = [(stage.payoff(ci, j)[1], j) for j in range(stage.shape[1])]
        own = ci if player == 0 else cj
        best_value = max(v for v, _ in options)
        best = (
            own if options[own][0] == best_value else next(i for v, i in options if v == best_value)
        )
        numeric, exact = _threshold(best_value - R[player], R[player] - P[player], k, exact_roots)
        incentives.append(
            PlayerIncentive(
                player=stage.players[player],
                reward=R[player],
                temptation=best_value,
                best_deviation=stage.labels(player)[best],
                punishment=P[player],
                critical_delta=numeric,
                critical_delta_exact=exact,
            )
        )
    return CooperationCheck(
        game=stage,
        cooperate=(stage.row_labels[ci], stage.col_labels[cj]),
        punishment=pun,
        periods=k,
        incentives=(incentives[0], incentives[1]),
        credible=credible,
        note=note,
    )


def _credibility_note(
    stage: BimatrixGame, pun: tuple[tuple[Number, ...], tuple[Number, ...]]
) -> str:
    x, y = pun
    u = _payoffs(stage, x, y)
    pieces = []
    for player in (0, 1):
        size = stage.shape[player]
        best, best_label = u[player], None
        for k in range(size):
            alt = _pure(stage, player, k)
            v = _payoffs(stage, alt, y)[0] if player == 0 else _payoffs(stage, x, alt)[1]
            if v > best:
                best, best_label = v, stage.labels(player)[k]
        if best_label is not None:
            pieces.append(
                f"{stage.players[player]} would rather play {best_label} "
                f"({format_number(best)} instead of {format_number(u[player])})"
            )
    return (
        "The punishment is not a Nash equilibrium of the stage game, so the threat is not "
        "credible (the trigger strategy is not subgame perfect): during it, "
        + " and ".join(pieces)
        + "."
    )


# --- playing it out -------------------------------------------------------------------


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


# --- learning dynamics ----------------------------------------------------------------


@dataclass(frozen=True)
class LearningTrajectory:
    """How each side's play evolves under a learning rule, with strategy labels.

    Attributes
    ----------
    method : str
        ``"fictitious play"`` or ``"replicator dynamics"``.
    time : numpy.ndarray
        Round numbers (fictitious play) or times (replicator dynamics).
    row, col : numpy.ndarray
        Shape ``(len(time), number of strategies)``: the row and column player's
        empirical frequencies (fictitious play) or population shares (replicator).
    row_labels, col_labels : tuple of str
    players : tuple of str
    plays : tuple of (str, str)
        For fictitious play, the strategies played in each round.
    """

    method: str
    time: npt.NDArray[np.float64]
    row: npt.NDArray[np.float64]
    col: npt.NDArray[np.float64]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    players: tuple[str, str]
    plays: tuple[tuple[str, str], ...] = ()

    def strategy(self, player: int | str, label: int | str) -> npt.NDArray[np.float64]:
        """The trajectory of one strategy's frequency or share.

        Examples
        --------
        >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_labels=("C", "D"),
        ...                   col_labels=("C", "D"))
        >>> float(replicator_dynamics(pd).strategy(0, "D")[-1]) > 0.99
        True
        """
        if isinstance(player, str):
            if player not in self.players:
                raise ValueError(f"unknown player {player!r}; expected one of {list(self.players)}")
            player = self.players.index(player)
        if player not in (0, 1):
            raise ValueError(f"player must be 0, 1 or a player's name, got {player!r}")
        labels = self.row_labels if player == 0 else self.col_labels
        data = self.row if player == 0 else self.col
        if isinstance(label, str):
            if label not in labels:
                raise ValueError(f"unknown strategy {label!r}; expected one of {list(labels)}")
            label = labels.index(label)
        if not 0 <= int(label) < len(labels):
            raise ValueError(f"strategy index {label} is out of range 0..{len(labels) - 1}")
        return data[:, int(label)]

    @property
    def final(self) -> tuple[dict[str, float], dict[str, float]]:
        """The last frequencies (or shares), by label."""
        return (
            {lab: float(v) for lab, v in zip(self.row_labels, self.row[-1], strict=True)},
            {lab: float(v) for lab, v in zip(self.col_labels, self.col[-1], strict=True)},
        )

    def describe(self) -> str:
        """Where play ends up, in words."""
        r, c = self.final

        def top(d: dict[str, float]) -> str:
            return ", ".join(f"{k} {v:.2f}" for k, v in sorted(d.items(), key=lambda kv: -kv[1]))

        span = (
            f"{len(self.time)} rounds"
            if self.method == "fictitious play"
            else f"time {self.time[-1]:g}"
        )
        return f"After {span} of {self.method}: {self.players[0]} {top(r)}; {self.players[1]} {top(c)}."


def _check_game(stage: Any, who: str) -> BimatrixGame:
    if not isinstance(stage, BimatrixGame):
        raise TypeError(f"{who}() needs a BimatrixGame, got {type(stage).__name__}")
    return stage


def fictitious_play(
    stage: BimatrixGame, iterations: int = 200, *, seed: int | None = 0
) -> LearningTrajectory:
    """Fictitious play (Brown 1951): each side best-responds to the other's past frequencies.

    A wrapper over nashpy's ``Game.fictitious_play`` (Fudenberg and Levine 1998,
    chapter 2), through :meth:`BimatrixGame.to_nashpy`.

    Parameters
    ----------
    stage : BimatrixGame
    iterations : int
        Number of rounds.
    seed : int or None
        nashpy breaks ties between best responses with numpy's *global* random state;
        the wrapper seeds it from ``numpy.random.default_rng(seed)`` for the call and
        restores it afterwards, so results are reproducible and nothing leaks.

    Returns
    -------
    LearningTrajectory
        ``time`` is 1..iterations, ``row``/``col`` the empirical frequencies after each
        round, ``plays`` the strategies played.

    Examples
    --------
    In matching pennies the frequencies approach the mixed equilibrium (1/2, 1/2):

    >>> mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]], row_labels=("Heads", "Tails"),
    ...                            col_labels=("Heads", "Tails"))
    >>> t = fictitious_play(mp, 2000)
    >>> abs(t.final[0]["Heads"] - 0.5) < 0.05
    True
    """
    stage = _check_game(stage, "fictitious_play")
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise ValueError(f"iterations must be a positive integer, got {iterations!r}")
    # nashpy draws from numpy's legacy global state; seed it for this call only.
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(int(np.random.default_rng(seed).integers(2**32 - 1)))  # noqa: NPY002
        counts = [
            (np.asarray(a, dtype=float).copy(), np.asarray(b, dtype=float).copy())
            for a, b in stage.to_nashpy().fictitious_play(iterations=iterations)
        ]
    finally:
        np.random.set_state(state)  # noqa: NPY002
    rows = np.array([c[0] for c in counts[1:]])
    cols = np.array([c[1] for c in counts[1:]])
    steps = np.arange(1, iterations + 1, dtype=np.float64)
    prev_r = np.vstack([np.zeros(stage.shape[0]), rows[:-1]])
    prev_c = np.vstack([np.zeros(stage.shape[1]), cols[:-1]])
    plays = tuple(
        (stage.row_labels[int(np.argmax(r - pr))], stage.col_labels[int(np.argmax(c - pc))])
        for r, pr, c, pc in zip(rows, prev_r, cols, prev_c, strict=True)
    )
    return LearningTrajectory(
        method="fictitious play",
        time=steps,
        row=rows / steps[:, None],
        col=cols / steps[:, None],
        row_labels=stage.row_labels,
        col_labels=stage.col_labels,
        players=stage.players,
        plays=plays,
    )


def replicator_dynamics(
    stage: BimatrixGame,
    x0: Any = None,
    y0: Any = None,
    *,
    time: Any = None,
) -> LearningTrajectory:
    """Two-population replicator dynamics (Taylor and Jonker 1978): strategies that do better spread.

    The share of a strategy grows at a rate equal to how much better than average
    it does against the other population:
    :math:`\\dot x_i = x_i\\,((Ay)_i - x^\\top A y)` and
    :math:`\\dot y_j = y_j\\,((B^\\top x)_j - x^\\top B y)`.

    Parameters
    ----------
    stage : BimatrixGame
    x0, y0 : probability vectors, optional
        Initial shares of the row and column populations (default uniform). Must be
        strictly positive: a strategy with share 0 never appears.
    time : array_like, optional
        Increasing times at which to report the shares (default ``linspace(0, 10, 1000)``);
        the initial shares are those at the first time.

    Returns
    -------
    LearningTrajectory

    Notes
    -----
    The shares are integrated in logarithms: with :math:`x_i \\propto e^{u_i}` the
    dynamics are exactly :math:`\\dot u = Ay` and :math:`\\dot v = B^\\top x` (each
    side's cumulative payoffs, as in [HofbauerSorinViossat2009]_), a smooth system
    whose speed is bounded by the payoffs. Shares computed from it are positive and
    sum to 1 whatever the step, where integrating the shares themselves (as nashpy's
    ``asymmetric_replicator_dynamics`` does with ``odeint``) can step outside the
    simplex and blow up when payoffs are large: with the tariff ladder's payoffs
    (billions of dollars) its shares reached :math:`10^{298}` by time 10 when we
    measured it (nashpy 0.0.43). The
    integrator is SciPy's DOP853 with relative tolerance :math:`10^{-10}`.

    Examples
    --------
    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_labels=("C", "D"),
    ...                   col_labels=("C", "D"), players=("Japan", "US"))
    >>> print(replicator_dynamics(pd).describe())
    After time 10 of replicator dynamics: Japan D 1.00, C 0.00; US D 1.00, C 0.00.
    """
    from scipy.integrate import solve_ivp

    stage = _check_game(stage, "replicator_dynamics")
    m, n = stage.shape
    x = _interior(x0, m, "x0")
    y = _interior(y0, n, "y0")
    if time is None:
        t = np.linspace(0.0, 10.0, 1000)
    else:
        t = np.asarray(time, dtype=float)
        if t.ndim != 1 or len(t) < 2 or not np.all(np.isfinite(t)) or np.any(np.diff(t) <= 0):
            raise ValueError(
                f"time must be an increasing 1-D array of at least two finite times, got {time!r}"
            )
    A, BT = stage.A, stage.B.T

    def cumulative_payoffs(_: float, z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.concatenate((A @ _shares(z[m:]), BT @ _shares(z[:m])))

    solution = solve_ivp(
        cumulative_payoffs,
        (t[0], t[-1]),
        np.concatenate((np.log(x), np.log(y))),
        method="DOP853",
        t_eval=t,
        rtol=1e-10,
        atol=1e-10,
    )
    if not solution.success:  # pragma: no cover - a smooth, bounded system
        raise RuntimeError(f"replicator dynamics: the integrator failed ({solution.message})")
    z = solution.y.T
    return LearningTrajectory(
        method="replicator dynamics",
        time=t,
        row=_shares(z[:, :m]),
        col=_shares(z[:, m:]),
        row_labels=stage.row_labels,
        col_labels=stage.col_labels,
        players=stage.players,
    )


def _shares(u: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Shares proportional to ``exp(u)`` along the last axis (without overflow)."""
    e = np.exp(u - u.max(axis=-1, keepdims=True))
    out: npt.NDArray[np.float64] = e / e.sum(axis=-1, keepdims=True)
    return out


def _interior(value: Any, size: int, what: str) -> npt.NDArray[np.float64]:
    if value is None:
        return np.full(size, 1.0 / size)
    probs = as_strategy(value, size, what)
    arr = np.array([float(p) for p in probs])
    if np.any(arr <= 0):
        k = int(np.argmin(arr))
        raise ValueError(
            f"{what}[{k}] is {format_number(probs[k])}; replicator dynamics needs every initial "
            f"share to be positive (a strategy nobody plays never spreads)"
        )
    return arr
