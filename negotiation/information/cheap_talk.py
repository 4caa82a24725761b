"""Cheap talk: costless messages, believed only as far as interests agree.

On 2 May 2025 Finance Minister Kato said Japan's US Treasuries "do exist as a
card"; two days later he said Japan was not considering selling them. Saying so
cost nothing, bound Japan to nothing and could not be checked: it was *cheap
talk* [FarrellRabin1996]_. Unlike a costly signal (a breakfast, an education),
such a message can only carry information if the listener has a reason to take
it at face value, and that reason is that the speaker's interests are close
enough to the listener's. Crawford and Sobel [CrawfordSobel1982]_ made this
exact: a sender knows a state ``θ`` (say, how far Tokyo would really go), the
receiver picks an action ``y`` (how hard Washington presses); the receiver wants
``y = θ``, the sender wants ``y = θ + b``. The *bias* ``b > 0`` measures the
conflict. In every equilibrium the sender only says which of finitely many
intervals the state lies in, and at most ``N(b)`` intervals can be told apart:
the smaller the bias, the more informative the talk; for ``b >= 1/4`` nothing
but *babbling* (talk that the receiver ignores) is left.

This module has

* :func:`crawford_sobel`, :func:`partition_equilibria` and :func:`max_intervals`:
  the uniform-quadratic model in closed form, exact when ``b`` is rational and
  symbolic (sympy) when ``b`` is an expression;
* :func:`cheap_talk_game`: a finite cheap-talk game as a signalling game whose
  payoffs do not depend on the message, to be solved by
  :func:`~negotiation.information.perfect_bayesian`;
* :func:`babbling_equilibrium` and :func:`babbling_equilibria`: the equilibrium
  every cheap-talk game has, in which the message is ignored;
* :func:`discrete_crawford_sobel`: a small finite version of the model.

>>> from negotiation.information.cheap_talk import crawford_sobel, max_intervals
>>> max_intervals(1/10), max_intervals(1/20), max_intervals(1/4)
(2, 3, 1)
>>> print(crawford_sobel(1/10).describe())  # doctest: +NORMALIZE_WHITESPACE
With bias 1/10 at most 2 messages can be told apart (2 b N (N - 1) < 1 holds for N = 2, not for N = 3).
In this equilibrium the sender only says which of 2 intervals the state is in: [0, 3/10], [3/10, 1].
The receiver takes the middle of the interval it hears: 3/20, 13/20.
Each interval is 4 b = 2/5 longer than the one before: the sender wants a higher action than the receiver, so talk about high states is coarser.
Expected payoffs: receiver -37/1200, sender -49/1200 (the receiver's minus b² = 1/100).

The intuition in [FarrellRabin1996]_: talk is cheap, so it is believed only when
the speaker would want it believed; Kato's hint could move Washington only as far
as Tokyo's and Washington's interests ran together.

References
----------
.. [CrawfordSobel1982] V. P. Crawford and J. Sobel, "Strategic information
   transmission", *Econometrica* 50(6), 1431-1451, 1982.
.. [FarrellRabin1996] J. Farrell and M. Rabin, "Cheap talk", *Journal of Economic
   Perspectives* 10(3), 103-118, 1996.
.. [Gibbons1992] R. Gibbons, *Game Theory for Applied Economists*, Princeton
   University Press, 1992 (published in the UK as *A Primer in Game Theory*,
   Harvester Wheatsheaf, 1992: the same book).
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from ..core._numbers import format_number, to_exact
from ..trees import BehaviourProfile, GameTree
from .beliefs import best_responses_to
from .pbe import PerfectBayesianEquilibrium, PerfectBayesianSolution, _assess
from .signalling import SignallingStructure, signalling_game, signalling_structure

__all__ = [
    "PartitionEquilibrium",
    "babbling_equilibria",
    "babbling_equilibrium",
    "cheap_talk_game",
    "crawford_sobel",
    "discrete_crawford_sobel",
    "max_intervals",
    "partition_equilibria",
]

_B = sympy.Symbol("b")


# --- the uniform-quadratic model in closed form -------------------------------------------------


@dataclass(frozen=True)
class PartitionEquilibrium:
    """An equilibrium of the uniform-quadratic Crawford-Sobel game with ``N`` intervals.

    The state ``θ`` is uniform on [0, 1]; the sender's payoff is ``-(y - θ - b)²``,
    the receiver's ``-(y - θ)²``. The sender says which interval ``[a_{i-1}, a_i]``
    holds ``θ``; the receiver, believing it, takes the interval's middle.

    Attributes
    ----------
    bias : Fraction or sympy expression
        ``b``.
    intervals : int
        ``N``, the number of intervals (messages told apart).
    boundaries : tuple
        ``a_0 = 0 < a_1 < ... < a_N = 1``, with ``a_i = i/N + 2 b i (i - N)``.
    actions : tuple
        The receiver's action after each message, ``y_i = (a_{i-1} + a_i) / 2``.
    receiver_payoff : Fraction or sympy expression
        The receiver's expected payoff, ``-1/(12 N²) - b² (N² - 1)/3``.
    sender_payoff : Fraction or sympy expression
        The sender's, ``receiver_payoff - b²``.
    max_intervals : int or sympy expression
        ``N(b)``, the most intervals any equilibrium has (see :func:`max_intervals`).
    condition : sympy boolean
        When ``N`` intervals are possible, as an inequality on the bias: on the
        symbol ``b`` when the bias is a number (``b < 1/4`` for ``N = 2``), on the
        bias itself when it is symbolic.
    """

    bias: Any
    intervals: int
    boundaries: tuple[Any, ...]
    actions: tuple[Any, ...]
    receiver_payoff: Any
    sender_payoff: Any
    max_intervals: Any
    condition: Any

    @property
    def symbolic(self) -> bool:
        """True when the bias has a free symbol (the results are expressions in it)."""
        return not isinstance(self.bias, Fraction) and bool(self.bias.free_symbols)

    @property
    def babbling(self) -> bool:
        """True for the one-interval equilibrium: the message tells the receiver nothing."""
        return self.intervals == 1

    @property
    def lengths(self) -> tuple[Any, ...]:
        """The length of each interval, ``1/N + 2 b (2 i - 1 - N)``: each is ``4 b`` longer."""
        return tuple(_simplify(hi - lo) for lo, hi in itertools.pairwise(self.boundaries))

    def action_for(self, state: Any) -> Fraction:
        """The receiver's action after the message the sender sends in ``state``.

        A state on a boundary belongs to the interval above it (the sender there is
        indifferent: a set of states of probability zero).

        Examples
        --------
        >>> from negotiation.information.cheap_talk import crawford_sobel
        >>> eq = crawford_sobel(1/10)
        >>> eq.action_for(0.2), eq.action_for(0.9)
        (Fraction(3, 20), Fraction(13, 20))
        """
        if not isinstance(self.bias, Fraction):
            raise TypeError(
                f"action_for() needs a rational bias; this equilibrium's bias is {self.bias}: "
                "substitute a rational value first (crawford_sobel(value, intervals))"
            )
        theta = to_exact(state, "state")
        if not 0 <= theta <= 1:
            raise ValueError(f"the state is in [0, 1], got {format_number(theta)}")
        for k in range(self.intervals):
            if theta < self.boundaries[k + 1]:
                return Fraction(self.actions[k])
        return Fraction(self.actions[-1])

    def describe(self) -> str:
        """The equilibrium in words: how much talk is possible, what is said, what it is worth."""
        b, n = self.bias, self.intervals
        f = _words
        if not isinstance(self.max_intervals, int):
            head = (
                f"With bias {f(b)}, an equilibrium with {n} interval{'s' * (n != 1)} exists "
                f"when {f(self.condition)}."
            )
        else:
            most = int(self.max_intervals)
            head = (
                f"With bias {f(b)} at most {most} message{'s' * (most != 1)} can be told apart "
                f"(2 b N (N - 1) < 1 holds for N = {most}, not for N = {most + 1})."
            )
        if n == 1:
            body = [
                "In this equilibrium the talk is babbling: the message says nothing, and the "
                f"receiver takes the middle of [0, 1], {f(self.actions[0])}."
            ]
        else:
            pieces = ", ".join(
                f"[{f(lo)}, {f(hi)}]" for lo, hi in itertools.pairwise(self.boundaries)
            )
            body = [
                f"In this equilibrium the sender only says which of {n} intervals the state "
                f"is in: {pieces}.",
                "The receiver takes the middle of the interval it hears: "
                + ", ".join(f(y) for y in self.actions)
                + ".",
                f"Each interval is 4 b{'' if self.symbolic else ' = ' + f(_simplify(4 * b))} "
                "longer than the one before: the "
                "sender wants a higher action than the receiver, so talk about high states is "
                "coarser.",
            ]
        tail = (
            f"Expected payoffs: receiver {f(self.receiver_payoff)}, sender "
            f"{f(self.sender_payoff)} (the receiver's minus b²"
            f"{'' if self.symbolic else ' = ' + f(_simplify(b**2))})."
        )
        return "\n".join([head, *body, tail])

    def __str__(self) -> str:
        return self.describe()


def max_intervals(bias: Any) -> Any:
    """``N(b)``: the most intervals (messages told apart) in any Crawford-Sobel equilibrium.

    An equilibrium with ``N`` intervals exists if and only if ``2 b N (N - 1) < 1``
    (the first interval, of length ``a_1 = 1/N - 2 b (N - 1)``, must not be empty), so
    ``N(b)`` is the largest such ``N``:
    ``N(b) = ceil(-1/2 + sqrt(1 + 2/b) / 2)``.

    At the boundaries ``b = 1/(2 N (N - 1))`` (``1/4``, ``1/12``, ``1/24``, ...)
    ``2 b N (N - 1) = 1`` exactly: the ``N``-interval "equilibrium" would have an
    empty first interval, so it does not exist and ``N(b) = N - 1``. The count is done
    in integers for a rational ``b``, so these boundaries are exact.

    Parameters
    ----------
    bias : number or sympy expression
        ``b > 0``. A float is read as the decimal it prints as (``0.1`` is ``1/10``).

    Returns
    -------
    int or sympy expression
        An ``int`` for a numeric bias; ``ceiling(sqrt(1 + 2/b)/2 - 1/2)`` for a
        symbolic one.

    Raises
    ------
    TypeError
        If ``bias`` is not a number or a sympy expression.
    ValueError
        If ``bias <= 0`` (with no conflict of interest, talk can be fully revealing:
        there is no largest ``N``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from negotiation.information.cheap_talk import max_intervals
    >>> [max_intervals(Fraction(1, k)) for k in (3, 4, 5, 12, 13, 24, 25)]
    [1, 1, 2, 2, 3, 3, 4]
    >>> import sympy
    >>> max_intervals(sympy.Symbol("b", positive=True))
    ceiling(sqrt(1 + 2/b)/2 - 1/2)
    """
    b = _read_bias(bias)
    if isinstance(b, Fraction):
        return _max_intervals_exact(b)
    n = sympy.ceiling(sympy.sqrt(1 + 2 / b) / 2 - sympy.Rational(1, 2))
    return int(n) if n.is_Integer else n


def crawford_sobel(bias: Any, intervals: int | None = None) -> PartitionEquilibrium:
    """The uniform-quadratic Crawford-Sobel equilibrium with ``intervals`` intervals, in closed form.

    The state ``θ`` is uniform on [0, 1]; the sender (who knows ``θ``) has payoff
    ``-(y - θ - b)²`` and the receiver (who picks ``y``) ``-(y - θ)²``. In an
    equilibrium with ``N`` intervals ([CrawfordSobel1982]_, section 4; [Gibbons1992]_,
    section 4.3.A):

    * the boundaries are ``a_i = i/N + 2 b i (i - N)``: the sender at ``a_i`` must be
      indifferent between the actions of the intervals on either side, which gives
      ``a_{i+1} - a_i = a_i - a_{i-1} + 4 b``, with ``a_0 = 0`` and ``a_N = 1``;
    * the receiver's actions are the middles ``y_i = (a_{i-1} + a_i) / 2``;
    * the receiver's expected payoff is the sum of ``-L³/12`` over the intervals'
      lengths ``L``, which is ``-1/(12 N²) - b² (N² - 1)/3``;
    * the sender's is the receiver's minus ``b²`` (the action is right on average,
      so the sender's extra loss is its bias squared).

    Parameters
    ----------
    bias : number or sympy expression
        ``b > 0``: exact arithmetic for a rational number (a float is read as the
        decimal it prints as), sympy for an expression such as ``Symbol("b")``.
    intervals : int, optional
        ``N``; by default :func:`max_intervals` (the most informative equilibrium,
        which both players prefer). Required when the bias is symbolic.

    Returns
    -------
    PartitionEquilibrium

    Raises
    ------
    TypeError
        If ``bias`` is not a number or a sympy expression, or ``intervals`` is not a
        whole number, or ``intervals`` is missing for a symbolic bias.
    ValueError
        If ``bias <= 0``, ``intervals < 1`` or ``intervals > N(b)``.

    Examples
    --------
    >>> from negotiation.information.cheap_talk import crawford_sobel
    >>> eq = crawford_sobel(1/20)
    >>> eq.intervals, eq.boundaries, eq.actions
    (3, (Fraction(0, 1), Fraction(2, 15), Fraction(7, 15), Fraction(1, 1)), (Fraction(1, 15), Fraction(3, 10), Fraction(11, 15)))
    >>> crawford_sobel(1/20, intervals=1).receiver_payoff  # babbling
    Fraction(-1, 12)

    With a symbolic bias, the equilibrium and the condition for it to exist:

    >>> import sympy
    >>> b = sympy.Symbol("b", positive=True)
    >>> eq = crawford_sobel(b, intervals=2)
    >>> eq.boundaries, eq.condition
    ((0, 1/2 - 2*b, 1), b < 1/4)
    >>> eq.receiver_payoff
    -b**2 - 1/48
    """
    b = _read_bias(bias)
    exact = isinstance(b, Fraction)
    most = max_intervals(b)
    if intervals is None:
        if not isinstance(most, int):
            raise TypeError(
                f"with the symbolic bias {b} the number of intervals cannot be chosen for you "
                f"(N(b) = {most} depends on b): pass intervals=N, and the result's condition "
                "says for which b it exists"
            )
        n = most
    else:
        n = _read_intervals(intervals)
    numeric = isinstance(b, Fraction) or not b.free_symbols
    condition = _condition(_B if numeric else b, n)
    if exact:
        if n > most:
            raise ValueError(_too_many(b, n, most))
    elif condition == sympy.false or (isinstance(most, int) and n > most):
        raise ValueError(
            f"with bias {b} an equilibrium with {n} intervals does not exist: it needs "
            f"2 b N (N - 1) < 1, that is b < {sympy.Rational(1, 2 * n * (n - 1))}"
        )
    if exact:
        bounds: tuple[Any, ...] = tuple(Fraction(i, n) + 2 * b * i * (i - n) for i in range(n + 1))
        receiver: Any = -Fraction(1, 12 * n * n) - b * b * (n * n - 1) / 3
        sender: Any = receiver - b * b
    else:
        bounds = tuple(
            sympy.expand(sympy.Rational(i, n) + 2 * b * i * (i - n)) for i in range(n + 1)
        )
        receiver = sympy.expand(
            -sympy.Rational(1, 12 * n * n) - b**2 * sympy.Rational(n * n - 1, 3)
        )
        sender = sympy.expand(receiver - b**2)
    actions = tuple(_simplify((lo + hi) / 2) for lo, hi in itertools.pairwise(bounds))
    return PartitionEquilibrium(
        bias=b,
        intervals=n,
        boundaries=bounds,
        actions=actions,
        receiver_payoff=receiver,
        sender_payoff=sender,
        max_intervals=most,
        condition=condition,
    )


def partition_equilibria(bias: Any) -> tuple[PartitionEquilibrium, ...]:
    """Every Crawford-Sobel equilibrium for a numeric bias: ``N = 1, 2, ..., N(b)`` intervals.

    Both players prefer more intervals (the payoffs fall as ``N`` falls), so the last
    is the one usually singled out.

    Examples
    --------
    >>> from negotiation.information.cheap_talk import partition_equilibria
    >>> [(eq.intervals, eq.receiver_payoff) for eq in partition_equilibria(1/10)]
    [(1, Fraction(-1, 12)), (2, Fraction(-37, 1200))]
    """
    b = _read_bias(bias)
    most = max_intervals(b)
    if not isinstance(most, int):
        raise TypeError(
            f"with the symbolic bias {b}, N(b) = {most} is not a number: call "
            "crawford_sobel(bias, intervals=N) for each N you want"
        )
    return tuple(crawford_sobel(b, n) for n in range(1, most + 1))


def _read_bias(bias: Any) -> Any:
    if isinstance(bias, bool):
        raise TypeError(f"the bias must be a number or a sympy expression, got {bias!r}")
    if isinstance(bias, sympy.Basic) and bias.is_Float:
        bias = to_exact(bias, "the bias")  # read as the decimal it prints as, like a float
    if isinstance(bias, sympy.Basic):
        if bias.is_Rational:
            value = Fraction(int(bias.p), int(bias.q))
        else:
            if not isinstance(bias, sympy.Expr):
                raise TypeError(f"the bias must be a number or a sympy expression, got {bias}")
            if bias.is_extended_real is False:
                raise TypeError(f"the bias must be real, got {bias}")
            if bias.is_positive is False:
                raise ValueError(
                    f"the bias must be positive (the sender wants a higher action than the "
                    f"receiver), got {bias}"
                )
            if not bias.free_symbols and not bias.is_finite:
                raise ValueError(f"the bias must be finite, got {bias}")
            return bias
    else:
        try:
            value = to_exact(bias, "the bias")  # type: ignore[assignment]
        except TypeError as err:
            raise TypeError(
                f"the bias must be a number or a sympy expression, got {bias!r}"
            ) from err
    if value <= 0:
        raise ValueError(
            f"the bias must be positive (the sender wants a higher action than the receiver), "
            f"got {format_number(value)}; with b = 0 interests agree and talk can reveal "
            "everything"
        )
    return value


def _read_intervals(intervals: Any) -> int:
    if isinstance(intervals, bool) or not isinstance(intervals, numbers.Integral):
        raise TypeError(f"intervals must be a whole number (N >= 1), got {intervals!r}")
    n = int(intervals)
    if n < 1:
        raise ValueError(f"intervals must be at least 1, got {n}")
    return n


def _max_intervals_exact(b: Fraction) -> int:
    p, q = b.numerator, b.denominator

    def fits(n: int) -> bool:  # 2 b n (n - 1) < 1, in integers
        return 2 * p * n * (n - 1) < q

    n = max(1, (1 + math.isqrt(1 + 2 * q // p)) // 2)
    while fits(n + 1):
        n += 1
    while not fits(n):
        n -= 1
    return n


def _condition(b: Any, n: int) -> Any:
    positive = sympy.StrictGreaterThan(b, 0)
    if n == 1:
        return positive
    return sympy.And(positive, sympy.StrictLessThan(b, sympy.Rational(1, 2 * n * (n - 1))))


def _too_many(b: Fraction, n: int, most: int) -> str:
    product = 2 * b * n * (n - 1)
    why = (
        "the first interval would be empty (a_1 = 0)"
        if product == 1
        else f"the first interval would have the negative length a_1 = {Fraction(1, n) - 2 * b * (n - 1)}"
    )
    return (
        f"with bias {b} an equilibrium has at most {most} interval{'s' * (most != 1)}; "
        f"intervals={n} needs 2 b N (N - 1) < 1 (b < {Fraction(1, 2 * n * (n - 1))}), but "
        f"2 b N (N - 1) = {product}: {why}"
    )


def _simplify(value: Any) -> Any:
    return value if isinstance(value, Fraction) else sympy.expand(value)


def _words(value: Any) -> str:
    # str, not format_number: payoffs such as -37/1200 stay exact fractions in words too
    if isinstance(value, sympy.Basic) and value.is_Rational:
        return str(Fraction(int(value.p), int(value.q)))
    return str(value)


# --- finite cheap-talk games ---------------------------------------------------------------------


def cheap_talk_game(
    prior: Mapping[str, Any],
    messages: Sequence[str],
    actions: Sequence[str],
    payoffs: Callable[[str, str], Sequence[Any]] | Mapping[tuple[str, str], Sequence[Any]],
    *,
    players: tuple[str, str] = ("Sender", "Receiver"),
    title: str = "",
) -> GameTree:
    """A finite cheap-talk game: a signalling game whose payoffs do not depend on the message.

    The message is costless, does not bind and cannot be checked; only the type and
    the receiver's action matter to anyone. The tree is built by
    :func:`~negotiation.information.signalling_game`, so
    :func:`~negotiation.information.perfect_bayesian` solves it.

    Parameters
    ----------
    prior : mapping
        ``{type: probability}``.
    messages : sequence of str
        What the sender can say (the same for every type).
    actions : sequence of str
        The receiver's actions (the same after every message).
    payoffs : callable or mapping
        ``payoffs(type, action)``, or a mapping keyed by ``(type, action)``, gives
        ``(sender's payoff, receiver's payoff)``. There is no message argument: that
        is what makes the talk cheap.
    players : pair of str
        The sender's and the receiver's names.
    title : str, optional

    Raises
    ------
    TypeError
        If ``payoffs`` is neither callable nor a mapping.
    ValueError
        If there are no messages or no actions, or a mapping lacks a ``(type, action)``.

    Examples
    --------
    >>> from negotiation.information import perfect_bayesian
    >>> from negotiation.information.cheap_talk import cheap_talk_game
    >>> tree = cheap_talk_game(
    ...     {"resolved": 0.3, "bluffing": 0.7}, ("card", "no card"), ("soften", "press"),
    ...     lambda t, a: (1 if a == "soften" else 0, 1 if (a == "soften") == (t == "resolved") else 0),
    ...     players=("Japan", "US"),
    ... )
    >>> result = perfect_bayesian(tree)
    >>> result.kinds()
    {'pooling': 2, 'semi-separating': 2}

    Japan wants the US soft whatever its type, so whatever it says, the US presses:

    >>> all(eq.receiver[m]["press"] == 1 for eq in result for m in ("card", "no card"))
    True
    """
    msgs, acts = tuple(messages), tuple(actions)
    if not msgs:
        raise ValueError("a cheap-talk game needs at least one message")
    if not acts:
        raise ValueError("a cheap-talk game needs at least one action for the receiver")
    if isinstance(payoffs, Mapping):
        missing = [(t, a) for t in prior for a in acts if (t, a) not in payoffs]
        if missing:
            raise ValueError(
                f"payoffs has no entry for the (type, action) pairs {missing}; cheap-talk "
                "payoffs are keyed by (type, action), without the message"
            )
        table = payoffs

        def pay(t: str, m: str, a: str) -> Sequence[Any]:
            return table[(t, a)]

    elif callable(payoffs):
        rule = payoffs

        def pay(t: str, m: str, a: str) -> Sequence[Any]:
            return rule(t, a)

    else:
        raise TypeError(
            "payoffs must be a function payoffs(type, action) or a mapping keyed by "
            f"(type, action), got {type(payoffs).__name__}"
        )
    return signalling_game(prior, msgs, acts, pay, players=players, title=title)


def babbling_equilibrium(
    tree: GameTree, message: str | None = None, action: str | None = None
) -> PerfectBayesianEquilibrium:
    """A babbling equilibrium of a cheap-talk game, built directly.

    Every type sends the same ``message``, so the receiver, by Bayes' rule, still
    believes the prior; it plays ``action``, a best response to the prior, after
    *every* message, so no type gains by saying something else (the talk being
    free, the type's payoff does not depend on what it says). The receiver's belief
    after the unsent messages can be the prior too, which supports ``action``
    there. So a babbling equilibrium always exists. (Any sender strategy in which
    all types mix alike would do as well; this one pools on one message.)

    Parameters
    ----------
    tree : GameTree
        A cheap-talk game: a signalling game (see
        :func:`~negotiation.information.signalling_structure`) with the same actions
        after every message and payoffs that do not depend on the message.
    message : str, optional
        The message everyone sends; the first one by default.
    action : str, optional
        The receiver's action; by default the first best response to the prior.

    Returns
    -------
    PerfectBayesianEquilibrium
        Of kind ``"pooling"``; it is one of those
        :func:`~negotiation.information.perfect_bayesian` reports (a pure equilibrium
        is an extreme point).

    Raises
    ------
    ValueError
        If the tree is not a cheap-talk game (the message names a payoff that depends
        on the message), or ``message``/``action`` is not one of the game's, or
        ``action`` is not a best response to the prior.

    Examples
    --------
    >>> from negotiation.information.cheap_talk import babbling_equilibrium, discrete_crawford_sobel
    >>> print(babbling_equilibrium(discrete_crawford_sobel(1/10)).describe())  # doctest: +NORMALIZE_WHITESPACE
    Pooling: every type sends low.
    Receiver: y=1/2 after low; y=1/2 after high.
    After low (sent), Receiver believes θ=0 1/3, θ=1/2 1/3, θ=1 1/3 (Bayes' rule).
    After high (never sent), y=1/2 is a best response when Receiver believes θ=0 0 to 3/4, θ=1/2 0 to 1, θ=1 0 to 3/4.
    Payoffs: Sender θ=0 -4/25, θ=1/2 -1/100, θ=1 -9/25; Receiver -1/6.
    Passes the intuitive criterion: no unsent message is equilibrium-dominated for any type, so the test rules out no belief.
    """
    s = _cheap_talk_structure(tree)
    prior = [Fraction(p) for p in s.prior]
    replies = best_responses_to(s, s.messages[0], prior)
    said = s.messages[0] if message is None else message
    if said not in s.messages:
        raise ValueError(
            f"{said!r} is not a message of this game; its messages are {list(s.messages)}"
        )
    done = replies[0] if action is None else action
    if done not in replies:
        raise ValueError(
            f"{done!r} is not a best response to the prior; the receiver's best responses "
            f"to it are {list(replies)}"
        )
    profile = BehaviourProfile(
        tree,
        {
            s.sender: {(t,): {said: 1} for t in s.types},
            s.receiver: {s.receiver_sets[m].name: {done: 1} for m in s.messages},
        },
    )
    eq = _assess(s, profile)
    assert eq is not None  # the prior supports the action after every unsent message
    return eq


def babbling_equilibria(
    solution: PerfectBayesianSolution,
) -> tuple[PerfectBayesianEquilibrium, ...]:
    """The babbling equilibria among a solution's: pooling, and the message changes nothing.

    A babbling equilibrium is pooling (all types send the same mix of messages, so the
    receiver's belief after every message sent is the prior) *and* the receiver
    does the same after every message. An equilibrium in which the types say
    different things that the receiver then ignores has the same outcome but is not
    pooling, so it is not counted here.

    Parameters
    ----------
    solution : PerfectBayesianSolution
        What :func:`~negotiation.information.perfect_bayesian` returns.

    Returns
    -------
    tuple of PerfectBayesianEquilibrium
        In the solution's order; never empty for a cheap-talk game (see
        :func:`babbling_equilibrium`).

    Examples
    --------
    >>> from negotiation.information import perfect_bayesian
    >>> from negotiation.information.cheap_talk import babbling_equilibria, discrete_crawford_sobel
    >>> solution = perfect_bayesian(discrete_crawford_sobel(1/10))
    >>> [eq.messages_sent() for eq in babbling_equilibria(solution)]
    [('low',), ('high',)]
    """
    if not isinstance(solution, PerfectBayesianSolution):
        raise TypeError(
            "babbling_equilibria() needs the result of perfect_bayesian(tree), got "
            f"{type(solution).__name__}"
        )
    return tuple(
        eq
        for eq in solution
        if eq.kind == "pooling"
        and len({tuple(sorted(r.items())) for r in eq.receiver.values()}) == 1
    )


def discrete_crawford_sobel(
    bias: Any,
    states: Sequence[Any] = (0, Fraction(1, 2), 1),
    messages: Sequence[str] = ("low", "high"),
    *,
    prior: Sequence[Any] | None = None,
    actions: Sequence[Any] | None = None,
    players: tuple[str, str] = ("Sender", "Receiver"),
) -> GameTree:
    """A finite Crawford-Sobel game: a few states, a few actions, quadratic losses, a bias.

    The sender knows the state ``θ`` and has payoff ``-(y - θ - b)²``; the receiver
    picks ``y`` from ``actions`` and has payoff ``-(y - θ)²``. Types are named
    ``"θ=..."`` and actions ``"y=..."``.

    Parameters
    ----------
    bias : number
        ``b``, exact (a float is read as the decimal it prints as). Any sign is
        allowed here; ``b = 0`` is common interest.
    states : sequence of numbers
        The sender's types; ``0, 1/2, 1`` by default.
    messages : sequence of str
        Two by default: the receiver has ``len(actions) ** len(messages)`` plans and
        :func:`~negotiation.information.perfect_bayesian` enumerates them against the
        sender's ``len(messages) ** len(states)``, so three states with three
        messages and three actions (27 plans a side) is beyond it.
    prior : sequence of numbers, optional
        The probability of each state; uniform by default.
    actions : sequence of numbers, optional
        The receiver's actions; the states by default.
    players : pair of str

    Examples
    --------
    >>> from negotiation.information import perfect_bayesian
    >>> from negotiation.information.cheap_talk import discrete_crawford_sobel
    >>> tree = discrete_crawford_sobel(1/10)
    >>> sum(eq.pure for eq in perfect_bayesian(tree))
    10
    """
    b = to_exact(bias, "the bias")
    if not isinstance(b, Fraction):
        raise TypeError(f"the bias of a finite game must be rational, got {bias!r}")
    points = [to_exact(x, "a state") for x in states]
    ys = points if actions is None else [to_exact(y, "an action") for y in actions]
    if len(set(points)) != len(points) or not points:
        raise ValueError(f"the states must be distinct and at least one, got {list(states)}")
    if len(set(ys)) != len(ys) or not ys:
        raise ValueError(
            f"the actions must be distinct and at least one, got {list(actions or [])}"
        )
    weights = [Fraction(1, len(points))] * len(points) if prior is None else list(prior)
    if len(weights) != len(points):
        raise ValueError(
            f"prior must give one probability per state ({len(points)}), got {len(weights)}"
        )
    type_of = {f"θ={format_number(x)}": x for x in points}
    action_of = {f"y={format_number(y)}": y for y in ys}

    def pay(t: str, a: str) -> tuple[Fraction, Fraction]:
        theta, y = Fraction(type_of[t]), Fraction(action_of[a])
        return -((y - theta - b) ** 2), -((y - theta) ** 2)

    return cheap_talk_game(
        dict(zip(type_of, weights, strict=True)),
        messages,
        tuple(action_of),
        pay,
        players=players,
        title=f"Crawford-Sobel with {len(points)} states, bias {format_number(b)}",
    )


def _cheap_talk_structure(tree: GameTree) -> SignallingStructure:
    s = signalling_structure(tree)
    first = s.messages[0]
    for m in s.messages[1:]:
        if s.actions[m] != s.actions[first]:
            raise ValueError(
                f"in a cheap-talk game the receiver has the same actions after every message, "
                f"but after {first!r} they are {list(s.actions[first])} and after {m!r} "
                f"{list(s.actions[m])}"
            )
    for t in s.types:
        for a in s.actions[first]:
            here = s.payoffs(t, first, a)
            for m in s.messages[1:]:
                there = s.payoffs(t, m, a)
                if tuple(there) != tuple(here):
                    raise ValueError(
                        f"not a cheap-talk game: the payoffs of type {t!r} and action {a!r} "
                        f"depend on the message ({format_number(here[0])}, "
                        f"{format_number(here[1])} after {first!r} but "
                        f"{format_number(there[0])}, {format_number(there[1])} after {m!r}); "
                        "cheap talk costs nothing"
                    )
    return s
