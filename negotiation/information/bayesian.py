"""Bayesian games in normal form, the Harsanyi transformation, and every Bayes-Nash equilibrium.

In a *game of incomplete information* a player does not know something about the
other's payoffs: how far Tokyo would go, how much a tariff costs a rival's plants.
Harsanyi's idea [Harsanyi1967]_ is to let chance draw each player's *type* from a
*common prior* before play; each player learns its own type only. The game of
incomplete information becomes one of *imperfect information* about a move of
chance, which ordinary game theory can solve.

A :class:`BayesianGame` has two players, a finite set of types and of actions for
each (the actions may depend on the type), a common prior over type profiles (a
joint distribution, or independent priors with :meth:`BayesianGame.independent`),
and payoffs ``u_i(t1, t2, a1, a2)``, all kept exactly. Its *Harsanyi normal form*
(:meth:`BayesianGame.to_bimatrix`, or :func:`harsanyi`) has as a player's pure
strategies the plans "an action for each of my types", with the ex-ante expected
payoffs ``sum over (t1, t2) of prior(t1, t2) * u_i(t1, t2, s1(t1), s2(t2))``. A
*Bayes-Nash equilibrium* is a Nash equilibrium of that normal form;
:func:`~negotiation.information.bayes_nash_equilibria` finds every extreme one exactly with
:func:`~negotiation.normal_form.solve` and reports what each *type* does (its
conditional distribution over actions), with each type's interim expected payoff.
Because every type has positive probability, this is the same as asking each type
to play a best response given its posterior over the other's types (Bayes' rule
from the prior): a type with probability 0 would carry no weight in the ex-ante
payoffs, so such types are refused.

A stylized example (the numbers are made up to teach, not estimated): Japan is
*resolved* (will hold firm whatever happens) with probability 1/3, or *flexible*
(prefers conceding to a trade war); the US, not knowing which, presses or softens.

>>> from fractions import Fraction
>>> from negotiation.information import BayesianGame, bayes_nash_equilibria
>>> japan = {("resolved", "hold firm", "press"): 1, ("resolved", "hold firm", "soften"): 3,
...          ("resolved", "concede", "press"): 0, ("resolved", "concede", "soften"): 2,
...          ("flexible", "hold firm", "press"): -1, ("flexible", "hold firm", "soften"): 1,
...          ("flexible", "concede", "press"): 1, ("flexible", "concede", "soften"): 2}
>>> us = {("hold firm", "press"): -2, ("hold firm", "soften"): 0,
...       ("concede", "press"): 3, ("concede", "soften"): 1}
>>> def talks(p_resolved):
...     return BayesianGame.independent(
...         ({"resolved": p_resolved, "flexible": 1 - p_resolved}, {"US": 1}),
...         (("hold firm", "concede"), ("press", "soften")),
...         lambda t1, t2, a1, a2: (japan[t1, a1, a2], us[a1, a2]),
...         players=("Japan", "US"), title="Resolve as a private type")
>>> print(bayes_nash_equilibria(talks(Fraction(1, 3))))
1 Bayes-Nash equilibrium (extreme points):
  - Japan: hold firm if resolved, concede if flexible. US: press. Interim payoffs: Japan 1 if resolved, 1 if flexible; US 4/3.

The US presses because it thinks Japan is probably flexible: pressing brings
``1/3 * (-2) + 2/3 * 3 = 4/3`` against ``2/3`` from softening. Once resolve is
likelier than 1/2, softening pays better:

>>> print(bayes_nash_equilibria(talks(Fraction(2, 3)))[0].describe())
Japan: hold firm if resolved, concede if flexible. US: soften. Interim payoffs: Japan 3 if resolved, 2 if flexible; US 1/3.

References
----------
.. [Harsanyi1967] J. C. Harsanyi, "Games with incomplete information played by
   'Bayesian' players, I-III. Part I. The basic model", *Management Science* 14(3),
   159-182, 1967 (parts II and III: 14(5), 320-334 and 14(7), 486-502, 1968).
.. [Gibbons1992] R. Gibbons, *Game Theory for Applied Economists*, Princeton
   University Press, 1992 (published in the UK as *A Primer in Game Theory*,
   Harvester Wheatsheaf, 1992: the same book).
.. [Kuhn1953] H. W. Kuhn, "Extensive games and the problem of information", in
   *Contributions to the Theory of Games II*, Princeton University Press, 1953.
.. [Osborne2004] M. J. Osborne, *An Introduction to Game Theory*, Oxford University
   Press, 2004, chapter 9 (Bayesian games).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..core._numbers import format_number, to_exact
from ..core.game import BimatrixGame, _check_players

__all__ = ["BayesianGame", "harsanyi"]


def _labels(values: Any, what: str) -> tuple[str, ...]:
    """A non-empty tuple of unique, non-empty strings, or an error naming the bad entry."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | Mapping):
        raise TypeError(f"{what} must be a list of names, got {values!r}")
    out = tuple(values)
    if not out:
        raise ValueError(f"{what} must not be empty")
    seen: set[str] = set()
    for k, label in enumerate(out):
        if not isinstance(label, str):
            raise TypeError(f"{what}[{k}] must be a string, got {type(label).__name__} {label!r}")
        if not label.strip():
            raise ValueError(f"{what}[{k}] must be a non-empty name, got {label!r}")
        if label in seen:
            raise ValueError(f"the name {label!r} appears twice in {what}; names must be unique")
        seen.add(label)
    return out


def _probability(value: Any, where: str) -> Fraction:
    p = to_exact(value, where)
    if not isinstance(p, Fraction):
        raise ValueError(f"{where} must be a rational number, got {value!r}")
    if not 0 <= p <= 1:
        raise ValueError(f"{where} is {format_number(p)}, not a probability (between 0 and 1)")
    return p


def _payoff(value: Any, where: str) -> Fraction:
    u = to_exact(value, where)
    if not isinstance(u, Fraction):
        raise ValueError(f"{where} must be a rational number to be kept exactly, got {value!r}")
    return u


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class BayesianGame:
    """An immutable two-player Bayesian game in normal form, kept exactly.

    Parameters
    ----------
    types : pair of sequences of str
        Each player's types (unique names).
    actions : pair
        For each player, a sequence of action names shared by all its types, or a
        mapping ``{type: actions}`` when they differ by type.
    prior : mapping
        The common prior: ``{(type of player 1, type of player 2): probability}``. Type
        profiles left out have probability 0. Probabilities are exact (ints, Fractions,
        decimals; a float is read as the decimal it prints as) and must sum to exactly 1.
    payoffs : callable or mapping
        ``payoffs(t1, t2, a1, a2)`` or ``payoffs[t1, t2, a1, a2]`` gives the pair
        ``(player 1's payoff, player 2's payoff)``, rational numbers. It is read for
        every type profile with positive prior probability and every pair of actions;
        type profiles of probability 0 are never consulted (they cannot matter).
    players : pair of str, optional
        The players' names.
    title : str, optional

    Raises
    ------
    TypeError, ValueError
        With a message naming the bad value: duplicate or empty names, a prior key that
        is not a pair of types, a probability outside [0, 1], a prior that does not sum
        to 1, a missing or malformed payoff. A type whose (marginal) probability is 0 is
        refused: its choice would not enter any ex-ante payoff, so the Harsanyi normal
        form would put no condition on it, and Bayes' rule gives it no posterior. Drop
        such a type.

    See Also
    --------
    BayesianGame.independent : independent priors, one per player.

    Examples
    --------
    Two types for the first player, one for the second, correlated through nothing:

    >>> from negotiation.information.bayesian import BayesianGame
    >>> g = BayesianGame(
    ...     (("strong", "weak"), ("incumbent",)),
    ...     (("fight", "yield"), ("enter", "stay out")),
    ...     {("strong", "incumbent"): "1/4", ("weak", "incumbent"): 0.75},
    ...     lambda t1, t2, a1, a2: (0, 0),
    ... )
    Traceback (most recent call last):
    ...
    TypeError: prior[('strong', 'incumbent')] must be a number, got the string '1/4' (strings are never parsed)
    >>> g = BayesianGame(
    ...     (("strong", "weak"), ("incumbent",)),
    ...     (("fight", "yield"), ("enter", "stay out")),
    ...     {("strong", "incumbent"): 0.25, ("weak", "incumbent"): 0.75},
    ...     lambda t1, t2, a1, a2: (1 if a1 == "fight" and t1 == "strong" else 0, 0),
    ... )
    >>> g.marginal(0)
    {'strong': Fraction(1, 4), 'weak': Fraction(3, 4)}
    >>> g.payoff("strong", "incumbent", "fight", "enter")
    (Fraction(1, 1), Fraction(0, 1))
    >>> g.strategy_label(0, ("fight", "yield"))
    'fight if strong, yield if weak'
    """

    __slots__ = ("_actions", "_hash", "_payoffs", "_players", "_prior", "_title", "_types")

    def __init__(
        self,
        types: Sequence[Sequence[str]],
        actions: Sequence[Sequence[str] | Mapping[str, Sequence[str]]],
        prior: Mapping[tuple[str, str], Any],
        payoffs: Callable[[str, str, str, str], Sequence[Any]]
        | Mapping[tuple[str, str, str, str], Sequence[Any]],
        *,
        players: Sequence[str] = ("Player 1", "Player 2"),
        title: str = "",
    ) -> None:
        self._players = _check_players(players)
        if not isinstance(title, str):
            raise TypeError(f"title must be a string, got {type(title).__name__}")
        self._title = title
        if isinstance(types, str | bytes) or len(types) != 2:
            raise ValueError(f"types must be a pair (one list of types per player), got {types!r}")
        self._types = (
            _labels(types[0], f"the types of {self._players[0]}"),
            _labels(types[1], f"the types of {self._players[1]}"),
        )
        if isinstance(actions, str | bytes) or len(actions) != 2:
            raise ValueError(f"actions must be a pair (one entry per player), got {actions!r}")
        self._actions = (self._read_actions(0, actions[0]), self._read_actions(1, actions[1]))
        self._prior = self._read_prior(prior)
        self._payoffs = self._read_payoffs(payoffs)
        self._hash: int | None = None

    # --- construction -----------------------------------------------------------------
    @classmethod
    def independent(
        cls,
        priors: Sequence[Mapping[str, Any]],
        actions: Sequence[Sequence[str] | Mapping[str, Sequence[str]]],
        payoffs: Callable[[str, str, str, str], Sequence[Any]]
        | Mapping[tuple[str, str, str, str], Sequence[Any]],
        *,
        players: Sequence[str] = ("Player 1", "Player 2"),
        title: str = "",
    ) -> BayesianGame:
        """A Bayesian game whose players' types are drawn independently.

        Parameters
        ----------
        priors : pair of mappings
            ``({type of player 1: probability}, {type of player 2: probability})``; the
            types are the keys, in order. A player with one type (complete information
            about it) has the prior ``{name: 1}``.
        actions, payoffs, players, title
            As for :class:`BayesianGame`.

        Examples
        --------
        >>> from negotiation.information.bayesian import BayesianGame
        >>> g = BayesianGame.independent(
        ...     ({"high": 0.5, "low": 0.5}, {"high": 0.25, "low": 0.75}),
        ...     (("in", "out"), ("in", "out")), lambda t1, t2, a1, a2: (0, 0))
        >>> g.probability("high", "low"), g.posterior(0, "high")
        (Fraction(3, 8), {'high': Fraction(1, 4), 'low': Fraction(3, 4)})
        """
        if len(priors) != 2:
            raise ValueError(
                f"priors must be a pair of mappings {{type: probability}}, got {priors!r}"
            )
        names = _check_players(players)
        read = []
        for k, p in enumerate(priors):
            if not isinstance(p, Mapping) or not p:
                raise TypeError(
                    f"the prior of {names[k]} must be a non-empty mapping {{type: probability}}, "
                    f"got {p!r}"
                )
            read.append(
                {t: _probability(v, f"the prior of {names[k]}[{t!r}]") for t, v in p.items()}
            )
        for k, p in enumerate(read):
            total = sum(p.values(), Fraction(0))
            if total != 1:
                raise ValueError(
                    f"the prior of {names[k]} must sum to 1, got {format_number(total)}"
                )
        joint = {(t1, t2): p1 * p2 for t1, p1 in read[0].items() for t2, p2 in read[1].items()}
        return cls(
            (tuple(read[0]), tuple(read[1])),
            actions,
            joint,
            payoffs,
            players=names,
            title=title,
        )

    def _read_actions(
        self, i: int, spec: Sequence[str] | Mapping[str, Sequence[str]]
    ) -> tuple[tuple[str, ...], ...]:
        who = self._players[i]
        if isinstance(spec, Mapping):
            unknown = [t for t in spec if t not in self._types[i]]
            if unknown:
                raise ValueError(
                    f"the actions of {who} name the unknown type(s) {unknown}; "
                    f"its types are {list(self._types[i])}"
                )
            missing = [t for t in self._types[i] if t not in spec]
            if missing:
                raise ValueError(f"the actions of {who} have no entry for the type(s) {missing}")
            return tuple(_labels(spec[t], f"the actions of {who} when {t}") for t in self._types[i])
        shared = _labels(spec, f"the actions of {who}")
        return tuple(shared for _ in self._types[i])

    def _read_prior(self, prior: Mapping[tuple[str, str], Any]) -> dict[tuple[str, str], Fraction]:
        if not isinstance(prior, Mapping) or not prior:
            raise TypeError(
                f"prior must be a non-empty mapping {{(type of {self._players[0]}, type of "
                f"{self._players[1]}): probability}}, got {prior!r}"
            )
        T1, T2 = self._types
        for key in prior:
            if not isinstance(key, tuple) or len(key) != 2 or key[0] not in T1 or key[1] not in T2:
                raise ValueError(
                    f"prior has the key {key!r}, which is not a pair (type of {self._players[0]} "
                    f"in {list(T1)}, type of {self._players[1]} in {list(T2)})"
                )
        out = {
            (t1, t2): _probability(prior[t1, t2], f"prior[{(t1, t2)!r}]")
            if (t1, t2) in prior
            else Fraction(0)
            for t1 in T1
            for t2 in T2
        }
        total = sum(out.values(), Fraction(0))
        if total != 1:
            raise ValueError(f"the prior must sum to 1, got {format_number(total)}")
        for i in (0, 1):
            for t in self._types[i]:
                if self._marginal(out, i, t) == 0:
                    raise ValueError(
                        f"the type {t!r} of {self._players[i]} has probability 0: its choice "
                        "would enter no ex-ante payoff (the Harsanyi normal form would put no "
                        "condition on it) and Bayes' rule gives it no posterior; drop the type"
                    )
        return out

    def _marginal(self, prior: Mapping[tuple[str, str], Fraction], i: int, t: str) -> Fraction:
        return sum((p for key, p in prior.items() if key[i] == t), Fraction(0))

    def _read_payoffs(
        self,
        payoffs: Callable[[str, str, str, str], Sequence[Any]]
        | Mapping[tuple[str, str, str, str], Sequence[Any]],
    ) -> dict[tuple[str, str, str, str], tuple[Fraction, Fraction]]:
        if not isinstance(payoffs, Mapping) and not callable(payoffs):
            raise TypeError(
                "payoffs must be a callable payoffs(t1, t2, a1, a2) or a mapping keyed by "
                f"(t1, t2, a1, a2), got {type(payoffs).__name__}"
            )
        out: dict[tuple[str, str, str, str], tuple[Fraction, Fraction]] = {}
        for (t1, t2), p in self._prior.items():
            if p == 0:
                continue
            for a1 in self.actions(0, t1):
                for a2 in self.actions(1, t2):
                    key = (t1, t2, a1, a2)
                    if isinstance(payoffs, Mapping):
                        if key not in payoffs:
                            raise ValueError(
                                f"payoffs has no entry for the types {(t1, t2)!r} and the "
                                f"actions {(a1, a2)!r} (key {key!r})"
                            )
                        value = payoffs[key]
                    else:
                        value = payoffs(t1, t2, a1, a2)
                    if (
                        isinstance(value, str | bytes)
                        or not isinstance(value, Sequence)
                        or len(value) != 2
                    ):
                        raise TypeError(
                            f"the payoffs for {key!r} must be a pair ({self._players[0]}, "
                            f"{self._players[1]}), got {value!r}"
                        )
                    out[key] = (
                        _payoff(value[0], f"the payoff of {self._players[0]} at {key!r}"),
                        _payoff(value[1], f"the payoff of {self._players[1]} at {key!r}"),
                    )
        return out

    # --- attributes -------------------------------------------------------------------
    @property
    def players(self) -> tuple[str, str]:
        """The two players' names."""
        return self._players

    @property
    def types(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Each player's types, in order."""
        return self._types

    @property
    def title(self) -> str:
        """A short title."""
        return self._title

    @property
    def prior(self) -> dict[tuple[str, str], Fraction]:
        """The common prior ``{(t1, t2): probability}``, every type profile (a copy)."""
        return dict(self._prior)

    def player_index(self, player: int | str) -> int:
        """0 or 1, from an index or a player's name."""
        if isinstance(player, str):
            if player not in self._players:
                raise ValueError(
                    f"unknown player {player!r}; expected one of {list(self._players)}"
                )
            return self._players.index(player)
        if isinstance(player, bool) or player not in (0, 1):
            raise ValueError(f"player must be 0, 1 or a player's name, got {player!r}")
        return int(player)

    def _type_index(self, i: int, t: str) -> int:
        try:
            return self._types[i].index(t)
        except ValueError:
            raise ValueError(
                f"unknown type {t!r} of {self._players[i]}; expected one of {list(self._types[i])}"
            ) from None

    def actions(self, player: int | str, t: str) -> tuple[str, ...]:
        """The actions of ``player`` when its type is ``t``."""
        i = self.player_index(player)
        return self._actions[i][self._type_index(i, t)]

    def probability(self, t1: str, t2: str) -> Fraction:
        """The prior probability of the type profile ``(t1, t2)``."""
        self._type_index(0, t1)
        self._type_index(1, t2)
        return self._prior[t1, t2]

    def marginal(self, player: int | str) -> dict[str, Fraction]:
        """``{type: probability}`` of one player's types (all positive)."""
        i = self.player_index(player)
        return {t: self._marginal(self._prior, i, t) for t in self._types[i]}

    def posterior(self, player: int | str, t: str) -> dict[str, Fraction]:
        """What ``player`` of type ``t`` believes about the other's type (Bayes' rule).

        Examples
        --------
        >>> from negotiation.information.bayesian import BayesianGame
        >>> g = BayesianGame((("a", "b"), ("x", "y")), (("L",), ("R",)),
        ...                  {("a", "x"): 0.4, ("a", "y"): 0.1, ("b", "y"): 0.5},
        ...                  lambda *_: (0, 0))
        >>> g.posterior(0, "a"), g.posterior(1, "y")
        ({'x': Fraction(4, 5), 'y': Fraction(1, 5)}, {'a': Fraction(1, 6), 'b': Fraction(5, 6)})
        """
        i = self.player_index(player)
        self._type_index(i, t)
        mass = self._marginal(self._prior, i, t)
        return {s: self._prior[(t, s) if i == 0 else (s, t)] / mass for s in self._types[1 - i]}

    def payoff(self, t1: str, t2: str, a1: str, a2: str) -> tuple[Fraction, Fraction]:
        """``(player 1's payoff, player 2's payoff)`` at types ``(t1, t2)`` and actions ``(a1, a2)``.

        Raises a ValueError for a type profile of prior probability 0 (its payoffs are
        never read).
        """
        key = (t1, t2, a1, a2)
        if key in self._payoffs:
            return self._payoffs[key]
        if a1 not in self.actions(0, t1) or a2 not in self.actions(1, t2):
            raise ValueError(
                f"unknown actions {(a1, a2)!r} for the types {(t1, t2)!r}; "
                f"expected {list(self.actions(0, t1))} and {list(self.actions(1, t2))}"
            )
        raise ValueError(
            f"the type profile {(t1, t2)!r} has prior probability 0, so its payoffs were never read"
        )

    # --- the Harsanyi normal form -----------------------------------------------------
    def strategies(self, player: int | str) -> tuple[tuple[str, ...], ...]:
        """The pure strategies of ``player``: one action per type, in the order of its types.

        Examples
        --------
        >>> from negotiation.information.bayesian import BayesianGame
        >>> g = BayesianGame.independent(({"s": 0.5, "w": 0.5}, {"-": 1}),
        ...                              (("F", "A"), ("E",)), lambda *_: (0, 0))
        >>> g.strategies(0)
        (('F', 'F'), ('F', 'A'), ('A', 'F'), ('A', 'A'))
        """
        i = self.player_index(player)
        return tuple(itertools.product(*self._actions[i]))

    def strategy_label(self, player: int | str, strategy: Sequence[str]) -> str:
        """Plain words for a pure strategy: ``"fight if strong, yield if weak"``.

        A player with a single type has its action as the label.
        """
        i = self.player_index(player)
        strategy = tuple(strategy)
        if strategy not in self.strategies(i):
            raise ValueError(
                f"{strategy!r} is not a strategy of {self._players[i]} (one action per type, "
                f"types {list(self._types[i])})"
            )
        if len(self._types[i]) == 1:
            return strategy[0]
        return ", ".join(f"{a} if {t}" for a, t in zip(strategy, self._types[i], strict=True))

    def to_bimatrix(self) -> BimatrixGame:
        """The Harsanyi normal form: strategies are actions per type, payoffs are ex-ante.

        Entry ``(s1, s2)`` holds ``sum over (t1, t2) of prior(t1, t2) * u(t1, t2, s1(t1),
        s2(t2))`` for each player, exactly. Strategies are in the order of
        :meth:`strategies` and labelled by :meth:`strategy_label`.

        Examples
        --------
        >>> from negotiation.information.bayesian import BayesianGame
        >>> g = BayesianGame.independent(
        ...     ({"strong": 0.5, "weak": 0.5}, {"incumbent": 1}),
        ...     (("fight", "yield"), ("enter", "stay out")),
        ...     lambda t1, t2, a1, a2: (2 if (a1 == "fight") == (t1 == "strong") else 0,
        ...                             1 if a2 == "enter" and a1 == "yield" else 0),
        ...     players=("Incumbent", "Entrant"))
        >>> print(g.to_bimatrix().table())
        Incumbent \\ Entrant               |   enter    | stay out
        fight if strong, fight if weak    |   1, 0     |   1, 0
        fight if strong, yield if weak    |  2, 1/2    |   2, 0
        yield if strong, fight if weak    |  0, 1/2    |   0, 0
        yield if strong, yield if weak    |   1, 1     |   1, 0
        """
        S1, S2 = self.strategies(0), self.strategies(1)
        T1, T2 = self._types
        support = [
            (k1, k2, p)
            for (k1, t1) in enumerate(T1)
            for (k2, t2) in enumerate(T2)
            if (p := self._prior[t1, t2])
        ]
        A: list[list[Fraction]] = []
        B: list[list[Fraction]] = []
        for s1 in S1:
            row_a, row_b = [], []
            for s2 in S2:
                u1 = u2 = Fraction(0)
                for k1, k2, p in support:
                    v1, v2 = self._payoffs[T1[k1], T2[k2], s1[k1], s2[k2]]
                    u1 += p * v1
                    u2 += p * v2
                row_a.append(u1)
                row_b.append(u2)
            A.append(row_a)
            B.append(row_b)
        return BimatrixGame(
            A,
            B,
            players=self._players,
            row_labels=[self.strategy_label(0, s) for s in S1],
            col_labels=[self.strategy_label(1, s) for s in S2],
            title=self._title,
        )

    # --- comparison and display -------------------------------------------------------
    def _key(self) -> tuple[Any, ...]:
        return (
            self._players,
            self._types,
            self._actions,
            tuple(sorted(self._prior.items())),
            tuple(sorted(self._payoffs.items())),
            self._title,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self._key())
        return self._hash

    def __repr__(self) -> str:
        title = f" {self._title!r}" if self._title else ""
        n1, n2 = (len(t) for t in self._types)
        return (
            f"<BayesianGame{title}: {self._players[0]} ({n1} type{'s' * (n1 != 1)}) vs "
            f"{self._players[1]} ({n2} type{'s' * (n2 != 1)})>"
        )


def harsanyi(game: BayesianGame) -> BimatrixGame:
    """The Harsanyi normal form of a Bayesian game (same as :meth:`BayesianGame.to_bimatrix`).

    Examples
    --------
    >>> from negotiation.information.bayesian import BayesianGame, harsanyi
    >>> g = BayesianGame.independent(({"a": 0.5, "b": 0.5}, {"c": 1}), (("x", "y"), ("z",)),
    ...                              lambda t1, t2, a1, a2: (1 if a1 == "x" else 0, 0))
    >>> harsanyi(g).row_labels, harsanyi(g).A_exact
    (('x if a, x if b', 'x if a, y if b', 'y if a, x if b', 'y if a, y if b'), ((Fraction(1, 1),), (Fraction(1, 2),), (Fraction(1, 2),), (Fraction(0, 1),)))
    """
    if not isinstance(game, BayesianGame):
        raise TypeError(f"harsanyi() needs a BayesianGame, got {type(game).__name__}")
    return game.to_bimatrix()
