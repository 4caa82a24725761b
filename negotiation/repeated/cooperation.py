"""Trigger strategies: the discount factor above which punishment sustains cooperation.

Grim trigger (Friedman 1971) and snap-backs for ``k`` periods, for a single
pair of payoffs (:func:`critical_delta`) and for a whole stage game with a named
cooperative profile and a punishment profile (:func:`critical_discount_factor`),
with each side's incentive spelled out. See :mod:`negotiation.repeated` for the
formulas.

>>> from negotiation.repeated import critical_delta
>>> critical_delta(5, 3, 1)
Fraction(1, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core._numbers import Number, format_number, to_exact
from ..core.game import BimatrixGame, as_strategy
from ..normal_form.equilibria import is_equilibrium, solve

__all__ = [
    "MAX_EXACT_PERIODS",
    "CooperationCheck",
    "PlayerIncentive",
    "critical_delta",
    "critical_discount_factor",
    "strategy_game",
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


def strategy_game(
    stage: BimatrixGame,
    cooperate: Sequence[Any],
    *,
    periods: int | None,
    delta: Any,
    punishment: Sequence[Any] | None = None,
) -> BimatrixGame:
    """The repeated game as a 2x2 game between two of its strategies: a trigger, or always defect.

    Learning rules such as replicator dynamics choose among the strategies they are given.
    Given the stage game's actions they choose an action afresh each period, and a
    trigger strategy is not among their options. This game gives them two strategies of
    the *repeated* game: **Trigger** (play the cooperative profile; after any deviation play
    the punishment profile for ``periods`` periods, then cooperate again) and **Always**
    the punishment action. Payoffs are average discounted payoffs,
    ``(1 - delta) * sum(delta**t * u_t)``, so they are in the stage game's units.

    Against an always-defector a trigger player is exploited once, punishes for ``k``
    periods, tries again, and so on: over a cycle of ``k + 1`` periods the average is
    ``(1 - delta) (u + P S_k) / (1 - delta**(k + 1))`` with ``S_k = delta + ... + delta**k``
    (``(1 - delta) u + delta P`` for grim trigger). The punishment profile must be pure.

    Examples
    --------
    The Prisoner's Dilemma with grim trigger at ``delta = 3/4``: (Trigger, Trigger) earns
    ``R = 3``; defecting against a trigger earns ``(1/4) 5 + (3/4) 1 = 2``.

    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_labels=("C", "D"),
    ...                   col_labels=("C", "D"))
    >>> g = strategy_game(pd, ("C", "C"), periods=None, delta=Fraction(3, 4))
    >>> g.payoff("Trigger", "Trigger"), g.payoff("Always D", "Trigger")
    ((Fraction(3, 1), Fraction(3, 1)), (Fraction(2, 1), Fraction(3, 4)))
    """
    check = critical_discount_factor(
        stage, cooperate, punishment, periods=periods, exact_roots=False
    )
    d = to_exact(delta, "delta")
    if not 0 < d < 1:
        raise ValueError(f"delta must be a discount factor in (0, 1), got {_fmt(d)}")
    pun = check.punishment
    if any(sum(1 for p in probs if p > 0) != 1 for probs in pun):
        raise ValueError("strategy_game needs a pure punishment profile (one action each)")
    ci, cj = stage.index(check.cooperate[0], 0), stage.index(check.cooperate[1], 1)
    pi = next(i for i, p in enumerate(pun[0]) if p > 0)
    pj = next(j for j, p in enumerate(pun[1]) if p > 0)
    P = stage.payoff(pi, pj)
    k = check.periods
    if k is None:
        tail: Number = Fraction(0)
        s = d / (1 - d)
    else:
        tail = d ** (k + 1)
        s = d * (1 - d**k) / (1 - d)

    def cycle(
        u: Number, p: Number
    ) -> Number:  # exploited (or exploiting) once, then k periods of P
        return (1 - d) * (u + p * s) / (1 - tail)

    rows, cols = (ci, pi), (cj, pj)
    A, B = [], []
    for a, i in enumerate(rows):
        row_a, row_b = [], []
        for b, j in enumerate(cols):
            u = stage.payoff(i, j)
            if a == b:  # both trigger (the deal), or both always defect (punishment for ever)
                row_a.append(u[0])
                row_b.append(u[1])
            else:
                row_a.append(cycle(u[0], P[0]))
                row_b.append(cycle(u[1], P[1]))
        A.append(row_a)
        B.append(row_b)
    return BimatrixGame(
        A,
        B,
        players=stage.players,
        row_labels=("Trigger", f"Always {stage.row_labels[pi]}"),
        col_labels=("Trigger", f"Always {stage.col_labels[pj]}"),
        title=f"{stage.title or 'The repeated game'}: trigger or always defect",
    )
