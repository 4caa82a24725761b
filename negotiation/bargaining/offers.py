"""Alternating offers: how patience, deadlines, outside options and the risk of breakdown split a pie.

Two sides divide a pie worth 1 (the gains from a deal). In round 1 one side
proposes a split and the other accepts or rejects; after a rejection the roles
swap and the next round begins. Delay is costly: a side with *discount factor*
``delta`` values a share ``x`` received one round later like ``delta * x`` today.

**Rubinstein (1982).** With no deadline the game has a unique subgame-perfect
equilibrium. The first proposer offers the responder exactly what the responder
would get by rejecting and proposing next round, and the offer is accepted at
once. The proposer's share is

    x* = (1 - delta2) / (1 - delta1 * delta2),

so the more patient side gets more, and the proposer has an edge that vanishes
as the time between offers shrinks. With ``delta1 = delta2 = 9/10`` the first
proposer gets ``(1 - 9/10) / (1 - 81/100) = 10/19``:

>>> from negotiation.bargaining.offers import rubinstein_shares
>>> rubinstein_shares(0.9, 0.9)
Shares(proposer=Fraction(10, 19), responder=Fraction(9, 19))

**Deadlines.** With ``T`` rounds the game is solved by backward induction: in the
last round the proposer makes a take-it-or-leave-it offer. Letting patience fall
as the deadline nears (a *schedule* of discount factors) models the squeeze of
July 2025 (the Jul 9 and Aug 1 tariff dates, the Jul 20 election). As ``T``
grows, the finite-horizon split approaches Rubinstein's: the gap shrinks by a
factor ``delta1 * delta2`` every two rounds.

**Outside options** (Binmore, Shaked and Sutton 1989). A responder who can walk
away to ``w`` must be offered at least ``w``, but an outside option worth less
than what the responder gets anyway changes nothing: the *outside-option
principle*.

**Risk of breakdown** (Binmore, Rubinstein and Wolinsky 1986). After each
rejection the talks may collapse with probability ``p``, leaving the sides at the
disagreement point ``d``. As ``p`` goes to 0 (or the time between offers goes to
0) the split converges to the Nash bargaining solution with disagreement point
``d`` -- which is why the axiomatic Nash solution of :mod:`negotiation.bargaining`
is a good prediction of strategic bargaining.

Every function is exact with exact input (Fractions in, Fractions out; floats are
read as the decimals they print as), and :func:`rubinstein_shares` also accepts
sympy symbols and returns the formula.

References
----------
.. [Rubinstein1982] A. Rubinstein, "Perfect equilibrium in a bargaining model",
   *Econometrica* 50(1), 97-109, 1982.
.. [BRW1986] K. Binmore, A. Rubinstein and A. Wolinsky, "The Nash bargaining solution
   in economic modelling", *RAND Journal of Economics* 17(2), 176-188, 1986.
.. [BSS1989] K. Binmore, A. Shaked and J. Sutton, "An outside option experiment",
   *Quarterly Journal of Economics* 104(4), 753-770, 1989.
.. [OsborneRubinstein1990] M. J. Osborne and A. Rubinstein, *Bargaining and Markets*,
   Academic Press, 1990, chapters 3-4.
.. [Muthoo1999] A. Muthoo, *Bargaining Theory with Applications*, Cambridge University
   Press, 1999, chapters 3-5.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal, NamedTuple

from ..core._numbers import Number, format_number, to_exact
from ..core.game import _check_players

__all__ = [
    "OfferRound",
    "OffersResult",
    "Shares",
    "alternating_offers",
    "linear_schedule",
    "rubinstein_shares",
]

DEFAULT_PLAYERS = ("Player 1", "Player 2")


class Shares(NamedTuple):
    """The first proposer's and the responder's shares of a unit pie."""

    proposer: Any
    responder: Any


def _fmt(value: Any) -> str:
    if isinstance(value, Fraction | float | int):
        return format_number(value)
    return str(value)


def _is_symbolic(value: Any) -> bool:
    return type(value).__module__.startswith("sympy") and bool(getattr(value, "free_symbols", ()))


def _check_delta(value: Any, what: str, allow_one: bool = False) -> Number:
    d = to_exact(value, what)
    if not (0 < d < 1 or (allow_one and d == 1)):
        interval = "(0, 1]" if allow_one else "(0, 1)"
        raise ValueError(
            f"{what} must be a discount factor in {interval} (the value today of 1 received a "
            f"round later), got {_fmt(d)}"
        )
    return d


def rubinstein_shares(delta1: Any, delta2: Any) -> Shares:
    """The Rubinstein (1982) split of a unit pie with no deadline.

    Parameters
    ----------
    delta1, delta2 : number in (0, 1), or sympy expression
        The first proposer's and the responder's discount factors.

    Returns
    -------
    Shares
        ``(proposer, responder)`` with ``proposer = (1 - delta2) / (1 - delta1 * delta2)``:
        Fractions for exact input, sympy expressions for symbols.

    Raises
    ------
    ValueError
        For a numeric discount factor outside (0, 1).

    Examples
    --------
    >>> from fractions import Fraction
    >>> rubinstein_shares(Fraction(1, 2), Fraction(2, 3))
    Shares(proposer=Fraction(1, 2), responder=Fraction(1, 2))
    >>> import sympy
    >>> d1, d2 = sympy.symbols("delta1 delta2")
    >>> rubinstein_shares(d1, d2)
    Shares(proposer=(1 - delta2)/(-delta1*delta2 + 1), responder=delta2*(1 - delta1)/(-delta1*delta2 + 1))
    >>> rubinstein_shares(1, 0.5)
    Traceback (most recent call last):
    ...
    ValueError: delta1 must be a discount factor in (0, 1) (the value today of 1 received a round later), got 1
    """
    if _is_symbolic(delta1) or _is_symbolic(delta2):
        a = delta1 if _is_symbolic(delta1) else _as_sympy(_check_delta(delta1, "delta1"))
        b = delta2 if _is_symbolic(delta2) else _as_sympy(_check_delta(delta2, "delta2"))
        return Shares((1 - b) / (1 - a * b), b * (1 - a) / (1 - a * b))
    a = _check_delta(delta1, "delta1")
    b = _check_delta(delta2, "delta2")
    x = (1 - b) / (1 - a * b)
    return Shares(x, 1 - x)


def _as_sympy(value: Number) -> Any:
    import sympy

    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Float(value)


def linear_schedule(start: Any, end: Any, steps: int) -> tuple[Number, ...]:
    """``steps`` numbers from ``start`` to ``end`` in equal steps (exact for exact input).

    Use it for patience that falls as a deadline nears: the discount factor between
    rounds ``t`` and ``t + 1`` for ``t = 1, ..., T - 1``.

    Examples
    --------
    >>> [format_number(v) for v in linear_schedule(0.95, 0.5, 4)]
    ['19/20', '4/5', '13/20', '1/2']
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"steps must be a positive integer, got {steps!r}")
    a = to_exact(start, "start")
    b = to_exact(end, "end")
    if steps == 1:
        return (a,)
    return tuple(a + (b - a) * k / (steps - 1) for k in range(steps))


@dataclass(frozen=True)
class OfferRound:
    """One round of alternating offers.

    Attributes
    ----------
    round : int
        1, 2, ...
    proposer : int
        0 if the first player proposes, 1 if the second does.
    offer : tuple
        The proposed shares ``(player 1, player 2)`` of the pie.
    reservation : number
        The least the responder accepts: what saying no is worth to them this round
        (rejecting and bargaining on, or taking their outside option).
    response : {"accept", "reject", "opt out"}
        What the responder does (subgame-perfect play).
    on_path : bool
        Whether the round is reached. Rounds after an agreement are the equilibrium
        *plan*: what would be offered if the talks got that far.
    discount : tuple or None
        The discount factors ``(delta1, delta2)`` applied to a rejection in this round
        (``None`` in the last round of a finite game).
    """

    round: int
    proposer: int
    offer: tuple[Number, Number]
    reservation: Number
    response: Literal["accept", "reject", "opt out"]
    on_path: bool
    discount: tuple[Number, Number] | None


@dataclass(frozen=True)
class OffersResult:
    """The outcome of an alternating-offers game, with a round-by-round trace.

    Attributes
    ----------
    players : tuple of str
    first : int
        Who proposes in round 1 (0 or 1).
    rounds : int or None
        The deadline (number of rounds), or ``None`` for no deadline.
    agreement_round : int or None
        The round in which an offer is accepted, or ``None`` if the talks end without one.
    shares : tuple or None
        The agreed split ``(player 1, player 2)``, or ``None``.
    payoffs : tuple
        Each side's expected payoff valued at round 1 (discounting, and the risk that
        talks broke down before the agreement).
    outcome : {"agreement", "opt out", "deadline"}
        How the talks end on the path of play.
    path : tuple of OfferRound
        The rounds actually played.
    breakdown : number
        The probability that talks collapse after a rejection.
    disagreement, outside_options : tuple
    """

    players: tuple[str, str]
    first: int
    rounds: int | None
    agreement_round: int | None
    shares: tuple[Number, Number] | None
    payoffs: tuple[Number, Number]
    outcome: Literal["agreement", "opt out", "deadline"]
    path: tuple[OfferRound, ...]
    breakdown: Number
    disagreement: tuple[Number, Number]
    outside_options: tuple[Number, Number] | None
    _plan: _Plan = field(repr=False, compare=False)

    @cached_property
    def trace(self) -> tuple[OfferRound, ...]:
        """Every round: those played, then the equilibrium plan for the rest (``on_path`` False).

        With a deadline the plan runs to the last round; without one it shows one more
        round, so both sides' stationary offers appear. Built on first use (with exact
        numbers this takes a while for thousands of rounds; :meth:`plan_arrays` is fast).
        """
        rows = list(self.path)
        last = self.path[-1].round if self.path else 0
        stop = self.rounds if self.rounds is not None else max(last + 1, 2)
        rows.extend(self._plan.offer_round(t, on_path=False) for t in range(last + 1, stop + 1))
        return tuple(rows)

    def plan_arrays(self) -> dict[str, Any]:
        """The equilibrium plan for every round as float arrays (for plots of long games).

        Returns a dict with ``round``, ``proposer`` (0/1), ``share1``, ``share2`` (the
        split proposed in each round if it is reached) and ``reservation`` (the
        responder's least acceptable share).

        Examples
        --------
        >>> alternating_offers(0.9, 0.9, rounds=3).plan_arrays()["share1"].tolist()
        [0.91, 0.9, 1.0]
        """
        import numpy as np

        stop = self.rounds if self.rounds is not None else max(len(self.path) + 1, 2)
        rows = [self._plan.floats(t) for t in range(1, stop + 1)]
        return {
            "round": np.arange(1, stop + 1),
            "proposer": np.array([(self.first + t) % 2 for t in range(stop)]),
            "share1": np.array([r[0] for r in rows]),
            "share2": np.array([r[1] for r in rows]),
            "reservation": np.array([r[2] for r in rows]),
        }

    @property
    def exact(self) -> bool:
        """Whether every number is an exact Fraction."""
        return all(isinstance(v, Fraction) for v in self.payoffs)

    @property
    def shares_float(self) -> tuple[float, float] | None:
        """The agreed split as floats."""
        return None if self.shares is None else (float(self.shares[0]), float(self.shares[1]))

    @property
    def payoffs_float(self) -> tuple[float, float]:
        """The expected payoffs as floats."""
        return float(self.payoffs[0]), float(self.payoffs[1])

    @property
    def proposer_share(self) -> Number | None:
        """The round-1 proposer's share in the agreement."""
        return None if self.shares is None else self.shares[self.first]

    def describe(self) -> str:
        """Plain words.

        Examples
        --------
        >>> print(alternating_offers(0.9, 0.9, rounds=3, players=("Japan", "US")).describe())
        With a deadline of 3 rounds, Japan proposes first and US accepts at once in round 1: Japan gets 91/100 and US gets 9/100.
        """
        p = self.players
        deadline = (
            f"With a deadline of {self.rounds} round{'s' if self.rounds != 1 else ''}"
            if self.rounds is not None
            else "With no deadline"
        )
        responder = p[1 - self.first]
        if self.outcome == "agreement":
            assert self.shares is not None
            assert self.agreement_round is not None
            if self.agreement_round == 1:
                when = f"{responder} accepts at once in round 1"
            else:
                when = (
                    f"after {self.agreement_round - 1} rejected offer"
                    f"{'s' if self.agreement_round > 2 else ''} they agree in round {self.agreement_round}"
                )
            text = (
                f"{deadline}, {p[self.first]} proposes first and {when}: "
                f"{p[0]} gets {_fmt(self.shares[0])} and {p[1]} gets {_fmt(self.shares[1])}"
            )
            if self.agreement_round > 1:
                text += (
                    f" (worth {_fmt(self.payoffs[0])} and {_fmt(self.payoffs[1])} in round-1 terms"
                    + (", allowing for the risk of breakdown" if self.breakdown else "")
                    + ")"
                )
            return text + "."
        if self.outcome == "opt out":
            who = p[1 - self.path[-1].proposer]
            return (
                f"{deadline}, {who} walks away to the outside option: expected payoffs "
                f"{_fmt(self.payoffs[0])} and {_fmt(self.payoffs[1])}."
            )
        return (
            f"{deadline}, no offer is accepted before the deadline: expected payoffs "
            f"{_fmt(self.payoffs[0])} and {_fmt(self.payoffs[1])} (the disagreement point)."
        )

    def __str__(self) -> str:
        return self.describe()


def _check_pair(value: Any, what: str) -> tuple[Number, Number]:
    if isinstance(value, str | bytes):
        raise TypeError(f"{what} must be a pair of numbers, got the string {value!r}")
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{what} must be a pair of numbers, got {type(value).__name__}") from None
    if len(items) != 2:
        raise ValueError(f"{what} must be a pair of numbers, got {len(items)} values: {items!r}")
    return to_exact(items[0], f"{what}[0]"), to_exact(items[1], f"{what}[1]")


def _check_split_values(pair: tuple[Number, Number], what: str) -> None:
    for k, v in enumerate(pair):
        if not 0 <= v < 1:
            raise ValueError(
                f"{what}[{k}] must be a share of the unit pie in [0, 1), got {_fmt(v)}"
            )
    if pair[0] + pair[1] >= 1:
        raise ValueError(
            f"{what} must add up to less than 1 (the pie), got {_fmt(pair[0])} + {_fmt(pair[1])} "
            f"= {_fmt(pair[0] + pair[1])}: nothing would be left to gain from agreeing"
        )


def _schedule(
    value: Any, what: str, rounds: int | None, allow_one: bool
) -> tuple[Number, ...] | Number:
    """A single discount factor, or one per gap between rounds for a finite game."""
    if isinstance(value, str | bytes):
        raise TypeError(f"{what} must be a number or a list of numbers, got the string {value!r}")
    if hasattr(value, "__iter__"):
        if rounds is None:
            raise ValueError(
                f"{what} may be a schedule (one discount factor per round) only with a deadline; "
                f"pass rounds=T, or a single number for no deadline"
            )
        items = list(value)
        if len(items) != max(rounds - 1, 0):
            raise ValueError(
                f"{what} must have rounds - 1 = {rounds - 1} entries (the discount between rounds "
                f"t and t + 1), got {len(items)}"
            )
        return tuple(
            _check_delta(v, f"{what}[{k}]", allow_one=allow_one) for k, v in enumerate(items)
        )
    return _check_delta(value, what, allow_one=allow_one)


def _player(value: Any, players: tuple[str, str]) -> int:
    if isinstance(value, str):
        if value not in players:
            raise ValueError(
                f"first must be 0, 1 or a player's name {list(players)}, got {value!r}"
            )
        return players.index(value)
    if isinstance(value, bool) or value not in (0, 1):
        raise ValueError(f"first must be 0, 1 or a player's name {list(players)}, got {value!r}")
    return int(value)


def alternating_offers(
    delta1: Any,
    delta2: Any,
    *,
    rounds: int | None = None,
    first: int | str = 0,
    breakdown: Any = 0,
    disagreement: Any = (0, 0),
    outside_options: Any = None,
    proposals: Sequence[Any] | None = None,
    players: Sequence[str] = DEFAULT_PLAYERS,
) -> OffersResult:
    """Subgame-perfect play of alternating-offers bargaining over a unit pie.

    Parameters
    ----------
    delta1, delta2 : number or sequence of numbers
        The players' discount factors. With a deadline each may be a schedule of
        ``rounds - 1`` factors, the discount applied between rounds ``t`` and ``t + 1``
        (patience that falls as the deadline nears; see :func:`linear_schedule`). A
        factor of 1 (no impatience) is allowed with a deadline or a positive breakdown
        risk, which then supply the pressure to agree.
    rounds : int, optional
        The deadline: after a rejection in round ``rounds`` the talks end at the
        disagreement point. ``None`` (default) means no deadline (Rubinstein 1982).
    first : 0, 1 or a player's name
        Who proposes in round 1.
    breakdown : number in [0, 1]
        The probability that the talks collapse after each rejection, leaving both at the
        disagreement point (Binmore, Rubinstein and Wolinsky 1986).
    disagreement : pair of numbers in [0, 1)
        Payoffs if the talks collapse or the deadline passes (default ``(0, 0)``).
    outside_options : pair of numbers in [0, 1), optional
        What each side gets by walking away after receiving an offer (then both take
        their outside options).
    proposals : sequence of numbers, optional
        Offers actually made in the first rounds, each as player 1's share. The
        responder answers each optimally; once they run out, equilibrium play resumes.
        Use it to ask "what if the US opened with a demand of 80%?".
    players : pair of str

    Returns
    -------
    OffersResult
        The agreement, the payoffs and a round-by-round trace (for a deadline, the plan
        for every round; off-path rounds are marked).

    Raises
    ------
    ValueError
        For discount factors outside (0, 1) (or 1 where not allowed), a negative or
        too large breakdown probability, disagreement payoffs or outside options that
        are negative or leave nothing to gain, a schedule of the wrong length, or a
        proposal outside [0, 1].

    Notes
    -----
    Backward induction with a deadline ``T``: in round ``t`` the responder ``R``
    accepts any offer of at least ``r_R(t) = max(w_R, p d_R + (1 - p) delta_R(t) V_R(t + 1))``
    (``r_R(T) = max(w_R, d_R)``), where ``V(t + 1)`` is the split agreed in round
    ``t + 1``; the proposer offers exactly ``r_R(t)`` (Osborne and Rubinstein 1990,
    section 3.10; Muthoo 1999, sections 3.2-5.3). Without a deadline the stationary
    shares solve the same two conditions as equations. Ties are broken by accepting.

    Examples
    --------
    Rubinstein's split, and the same with a two-round deadline:

    >>> alternating_offers(0.9, 0.9).shares
    (Fraction(10, 19), Fraction(9, 19))
    >>> alternating_offers(0.9, 0.9, rounds=2).shares
    (Fraction(1, 10), Fraction(9, 10))

    An outside option below the Rubinstein share changes nothing; above it, it binds:

    >>> alternating_offers(0.9, 0.9, outside_options=(0, 0.4)).shares
    (Fraction(10, 19), Fraction(9, 19))
    >>> alternating_offers(0.9, 0.9, outside_options=(0, 0.6)).shares
    (Fraction(2, 5), Fraction(3, 5))

    A greedy opening demand is rejected:

    >>> r = alternating_offers(0.9, 0.9, rounds=4, proposals=[0.9], players=("Japan", "US"))
    >>> [(t.round, t.response) for t in r.trace if t.on_path]
    [(1, 'reject'), (2, 'accept')]
    """
    players_t = _check_players(players)
    if rounds is not None and (
        isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1
    ):
        raise ValueError(
            f"rounds must be a positive integer (the deadline) or None, got {rounds!r}"
        )
    p = to_exact(breakdown, "breakdown")
    if not 0 <= p <= 1:
        raise ValueError(
            f"breakdown must be a probability in [0, 1] (the chance that talks collapse after "
            f"a rejection), got {_fmt(p)}"
        )
    allow_one = rounds is not None or p > 0
    s1 = _schedule(delta1, "delta1", rounds, allow_one)
    s2 = _schedule(delta2, "delta2", rounds, allow_one)
    d = _check_pair(disagreement, "disagreement")
    _check_split_values(d, "disagreement")
    w: tuple[Number, Number] | None = None
    if outside_options is not None:
        w = _check_pair(outside_options, "outside_options")
        _check_split_values(w, "outside_options")
    i0 = _player(first, players_t)
    offers: list[Number] = []
    if proposals is not None:
        if isinstance(proposals, str | bytes) or not hasattr(proposals, "__iter__"):
            raise TypeError(f"proposals must be a list of player 1's shares, got {proposals!r}")
        for k, v in enumerate(proposals):
            x = to_exact(v, f"proposals[{k}]")
            if not 0 <= x <= 1:
                raise ValueError(
                    f"proposals[{k}] must be player 1's share of the pie, in [0, 1], got {_fmt(x)}"
                )
            offers.append(x)
        if rounds is not None and len(offers) > rounds:
            raise ValueError(
                f"proposals has {len(offers)} offers but the deadline is {rounds} rounds"
            )
    return _play(_Plan(rounds, i0, (s1, s2), p, d, w), offers, players_t)


class _Plan:
    """The subgame-perfect plan: for each round, the proposed split and the responder's reservation.

    With exact data the finite game is solved in integers over a common denominator
    per round (numerators and denominators grow, but no gcd is ever taken), so a
    thousand rounds take milliseconds; a round's Fractions are made only when asked for.
    """

    def __init__(
        self,
        rounds: int | None,
        first: int,
        deltas: tuple[Any, Any],
        p: Number,
        d: tuple[Number, Number],
        w: tuple[Number, Number] | None,
    ) -> None:
        self.rounds, self.first, self.deltas, self.p, self.d, self.w = (
            rounds,
            first,
            deltas,
            p,
            d,
            w,
        )
        self.exact = all(
            isinstance(v, Fraction)
            for v in (p, *d, *(w or ()), *_flat(deltas[0]), *_flat(deltas[1]))
        )
        # per round t: (numerator of the reservation, denominator, opt out?)
        self._rows: list[tuple[Any, Any, bool]] = []
        self._stationary: tuple[Number, Number] | None = None
        if rounds is None:
            self._stationary = _stationary_shares(deltas, p, d, w)
        elif self.exact:
            self._solve_integers(rounds)
        else:
            self._solve_floats(rounds)

    def delta(self, who: int, t: int) -> Number:
        s = self.deltas[who]
        return s[t - 1] if isinstance(s, tuple) else s  # type: ignore[no-any-return]

    def discount(self, t: int) -> tuple[Number, Number] | None:
        if self.rounds is not None and t >= self.rounds:
            return None
        return self.delta(0, t), self.delta(1, t)

    def proposer(self, t: int) -> int:
        return (self.first + t - 1) % 2

    def _solve_integers(self, T: int) -> None:
        p: Any = self.p
        d: Any = self.d
        w: Any = self.w
        q = 1 - p
        dens = [p.denominator * v.denominator for v in d] + [
            v.denominator for v in (*d, *(w or ()))
        ]
        L = math.lcm(*dens)
        pd_L = [int(p * v * L) for v in d]
        d_L = [int(v * L) for v in d]
        w_L = [int(v * L) for v in w] if w is not None else None
        rows: list[tuple[Any, Any, bool]] = [(0, 1, False)] * (T + 1)
        G = 1  # the denominator is L * G
        nxt = (0, 0)
        for t in range(T, 0, -1):
            P = (self.first + t - 1) % 2
            R = 1 - P
            if t == T:
                r = d_L[R]
            else:
                f0: Any = q * self.delta(0, t)
                f1: Any = q * self.delta(1, t)
                g = math.lcm(f0.denominator, f1.denominator)
                G *= g
                nxt = (nxt[0] * g, nxt[1] * g)
                f = f0 if R == 0 else f1
                r = f.numerator * (g // f.denominator) * (nxt[R] // g)
                r = (pd_L[R] * G + r) if p else r
            opt = w_L is not None and w_L[R] * G > r
            res = w_L[R] * G if opt else r  # type: ignore[index]
            D = L * G
            keep = D - res
            nxt = (keep, res) if P == 0 else (res, keep)
            rows[t] = (res, D, opt)
        self._rows = rows

    def _solve_floats(self, T: int) -> None:
        p, d, w = (float(self.p), tuple(float(v) for v in self.d), self.w)
        q = 1 - p
        rows: list[tuple[Any, Any, bool]] = [(0.0, 1.0, False)] * (T + 1)
        nxt = (0.0, 0.0)
        for t in range(T, 0, -1):
            P = (self.first + t - 1) % 2
            R = 1 - P
            r = d[R] if t == T else p * d[R] + q * float(self.delta(R, t)) * nxt[R]
            opt = w is not None and float(w[R]) > r
            res = float(w[R]) if opt else r  # type: ignore[index]
            nxt = (1 - res, res) if P == 0 else (res, 1 - res)
            rows[t] = (res, 1.0, opt)
        self._rows = rows

    def row(self, t: int) -> tuple[Number, Number, Number, bool]:
        """``(share 1, share 2, reservation, opt out?)`` proposed in round ``t``, exactly."""
        P = self.proposer(t)
        R = 1 - P
        res: Number
        if self._stationary is not None:
            x = self._stationary
            res = 1 - x[P]
            r = self.p * self.d[R] + (1 - self.p) * self.delta(R, t) * x[R]
            opt = self.w is not None and self.w[R] > r
        else:
            num, den, opt = self._rows[t]
            res = Fraction(num, den) if self.exact else float(num)
        split = (1 - res, res) if P == 0 else (res, 1 - res)
        return split[0], split[1], res, opt

    def floats(self, t: int) -> tuple[float, float, float]:
        """``(share 1, share 2, reservation)`` in round ``t`` as floats (fast)."""
        if self._stationary is not None or not self.exact:
            a, b, res, _ = self.row(t)
            return float(a), float(b), float(res)
        num, den, _ = self._rows[t]
        r = num / den  # correctly rounded, without reducing the fraction
        return (1 - r, r, r) if self.proposer(t) == 0 else (r, 1 - r, r)

    def offer_round(self, t: int, on_path: bool) -> OfferRound:
        a, b, res, _ = self.row(t)
        return OfferRound(t, self.proposer(t), (a, b), res, "accept", on_path, self.discount(t))


def _flat(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


def _stationary_shares(
    deltas: tuple[Any, Any], p: Number, d: tuple[Number, Number], w: tuple[Number, Number] | None
) -> tuple[Number, Number]:
    """What each player keeps when proposing, in the stationary equilibrium without a deadline.

    The shares solve ``1 - x[i] = max(w[j], p d[j] + (1 - p) delta[j] x[j])`` for
    ``j = 1 - i``. The right-hand side is a contraction (modulus ``(1 - p) max(delta) < 1``),
    so the solution is unique; it is found exactly by trying which outside options bind.
    """
    q = 1 - p
    delta0, delta1 = deltas
    cases = (
        [(False, False)] if w is None else [(a, b) for a in (False, True) for b in (False, True)]
    )
    for bind0, bind1 in cases:  # bind_j: responder j is held to its outside option
        if bind0 and bind1:
            assert w is not None
            x0, x1 = 1 - w[1], 1 - w[0]
        elif bind1:
            assert w is not None
            x0 = 1 - w[1]
            x1 = 1 - (p * d[0] + q * delta0 * x0)
        elif bind0:
            assert w is not None
            x1 = 1 - w[0]
            x0 = 1 - (p * d[1] + q * delta1 * x1)
        else:
            x0 = (1 - p * d[1] - q * delta1 * (1 - p * d[0])) / (1 - q * q * delta0 * delta1)
            x1 = 1 - (p * d[0] + q * delta0 * x0)
        r0 = p * d[0] + q * delta0 * x0
        r1 = p * d[1] + q * delta1 * x1
        if w is None or (
            (w[0] >= r0 if bind0 else w[0] <= r0) and (w[1] >= r1 if bind1 else w[1] <= r1)
        ):
            return x0, x1
    raise AssertionError("the stationary conditions always have a solution")  # pragma: no cover


def _play(plan: _Plan, offers: list[Number], players: tuple[str, str]) -> OffersResult:
    """Follow the actual proposals, then equilibrium play; value the path backwards."""
    T, p, d, w = plan.rounds, plan.p, plan.d, plan.w
    rows: list[OfferRound] = []
    outcome: Literal["agreement", "opt out", "deadline"] = "deadline"
    agreement: int | None = None
    shares: tuple[Number, Number] | None = None
    t = 1
    while T is None or t <= T:
        P = plan.proposer(t)
        R = 1 - P
        s0, s1, res, opt = plan.row(t)
        offer = (offers[t - 1], 1 - offers[t - 1]) if t <= len(offers) else (s0, s1)
        if offer[R] >= res:
            response: Literal["accept", "reject", "opt out"] = "accept"
        elif opt:
            response = "opt out"
        else:
            response = "reject"
        rows.append(OfferRound(t, P, offer, res, response, True, plan.discount(t)))
        if response == "accept":
            outcome, agreement, shares = "agreement", t, offer
            break
        if response == "opt out":
            outcome = "opt out"
            break
        t += 1
    end = rows[-1]
    if outcome == "agreement":
        value = [end.offer[0], end.offer[1]]
    elif outcome == "opt out":
        assert w is not None
        value = [w[0], w[1]]
    else:
        value = [d[0], d[1]]
    for r in reversed(rows[:-1]):
        assert r.discount is not None
        value = [p * d[i] + (1 - p) * r.discount[i] * value[i] for i in (0, 1)]
    return OffersResult(
        players=players,
        first=plan.first,
        rounds=T,
        agreement_round=agreement,
        shares=shares,
        payoffs=(value[0], value[1]),
        outcome=outcome,
        path=tuple(rows),
        breakdown=p,
        disagreement=d,
        outside_options=w,
        _plan=plan,
    )
