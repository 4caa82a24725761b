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
:func:`bayes_nash_equilibria` finds every extreme one exactly with
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
>>> from negotiation.information.bayesian import BayesianGame, bayes_nash_equilibria
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
   University Press, 1992.
.. [Kuhn1953] H. W. Kuhn, "Extensive games and the problem of information", in
   *Contributions to the Theory of Games II*, Princeton University Press, 1953.
.. [Osborne2004] M. J. Osborne, *An Introduction to Game Theory*, Oxford University
   Press, 2004, chapter 9 (Bayesian games).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core._numbers import format_number, to_exact
from ..core.game import BimatrixGame, _check_players
from ..normal_form.equilibria import MAX_BASES, Equilibrium, Solution, solve
from ..normal_form.vertex_labels import count_bases

__all__ = [
    "BayesNashEquilibrium",
    "BayesNashSolution",
    "BayesianGame",
    "bayes_nash_equilibria",
    "bayesian_cournot",
    "harsanyi",
]


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


# --- Bayes-Nash equilibria ------------------------------------------------------------


def _mix_words(mix: Mapping[str, Fraction]) -> str:
    support = [(a, p) for a, p in mix.items() if p]
    if len(support) == 1:
        return support[0][0]
    return "(" + ", ".join(f"{a} {format_number(p)}" for a, p in support) + ")"


@dataclass(frozen=True, eq=False)
class BayesNashEquilibrium:
    """One Bayes-Nash equilibrium: what each type of each player does.

    Attributes
    ----------
    game : BayesianGame
    behaviour : pair of dict
        For each player, ``{type: {action: probability}}``: the conditional
        distribution over the type's actions (a behaviour strategy).
    interim_payoffs : pair of dict
        For each player, ``{type: expected payoff}`` given the type's posterior over
        the other's types and the other's behaviour.
    ex_ante_payoffs : pair of Fraction
        Each player's expected payoff before the types are drawn (the prior-weighted
        interim payoffs, and the payoffs of the Harsanyi normal form).
    extreme_points : tuple of Equilibrium
        The extreme Nash equilibria of the Harsanyi normal form with this behaviour
        (several mixed strategies over plans can give the same behaviour per type).
    """

    game: BayesianGame
    behaviour: tuple[dict[str, dict[str, Fraction]], dict[str, dict[str, Fraction]]]
    interim_payoffs: tuple[dict[str, Fraction], dict[str, Fraction]]
    ex_ante_payoffs: tuple[Fraction, Fraction]
    extreme_points: tuple[Equilibrium, ...]

    @property
    def pure(self) -> bool:
        """True when no type of either player mixes."""
        return all(max(mix.values()) == 1 for side in self.behaviour for mix in side.values())

    def key(self) -> tuple[Any, ...]:
        """A hashable identity: the behaviour of every type, exactly."""
        return tuple(
            tuple((t, tuple(mix.items())) for t, mix in side.items()) for side in self.behaviour
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesNashEquilibrium):
            return NotImplemented
        return self.game == other.game and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def action(self, player: int | str, t: str) -> dict[str, Fraction]:
        """``{action: probability}`` of ``player`` when its type is ``t``."""
        i = self.game.player_index(player)
        if t not in self.behaviour[i]:
            raise ValueError(
                f"unknown type {t!r} of {self.game.players[i]}; "
                f"expected one of {list(self.behaviour[i])}"
            )
        return dict(self.behaviour[i][t])

    def strategy_words(self, player: int | str) -> str:
        """What ``player`` does, type by type: ``"fight if strong, (fight 1/2, yield 1/2) if weak"``.

        A player with a single type is described by its action (or mix) alone.
        """
        i = self.game.player_index(player)
        side = self.behaviour[i]
        if len(side) == 1:
            return _mix_words(next(iter(side.values())))
        return ", ".join(f"{_mix_words(mix)} if {t}" for t, mix in side.items())

    def describe(self) -> str:
        """Each type's strategy and interim payoff, in plain words.

        Examples
        --------
        >>> from negotiation.information.bayesian import BayesianGame, bayes_nash_equilibria
        >>> g = BayesianGame.independent(
        ...     ({"strong": 0.5, "weak": 0.5}, {"incumbent": 1}),
        ...     (("fight", "yield"), ("enter", "stay out")),
        ...     lambda t1, t2, a1, a2: (2 if (a1 == "fight") == (t1 == "strong") else 0,
        ...                             1 if a2 == "enter" and a1 == "yield" else 0),
        ...     players=("Incumbent", "Entrant"))
        >>> print(bayes_nash_equilibria(g)[0].describe())
        Incumbent: fight if strong, yield if weak. Entrant: enter. Interim payoffs: Incumbent 2 if strong, 2 if weak; Entrant 1/2.
        """
        g = self.game
        pays = []
        for i in (0, 1):
            side = self.interim_payoffs[i]
            if len(side) == 1:
                pays.append(f"{g.players[i]} {format_number(next(iter(side.values())))}")
            else:
                pays.append(
                    f"{g.players[i]} "
                    + ", ".join(f"{format_number(v)} if {t}" for t, v in side.items())
                )
        return (
            f"{g.players[0]}: {self.strategy_words(0)}. {g.players[1]}: {self.strategy_words(1)}. "
            f"Interim payoffs: {'; '.join(pays)}."
        )

    def __str__(self) -> str:
        return self.describe()


class BayesNashSolution:
    """Every Bayes-Nash equilibrium of a Bayesian game, from its Harsanyi normal form.

    Attributes
    ----------
    game : BayesianGame
    normal_form : BimatrixGame
        The Harsanyi normal form.
    nash : Solution
        What :func:`~negotiation.normal_form.solve` found on the normal form.
    equilibria : tuple of BayesNashEquilibrium
        One per distinct type-by-type behaviour of the extreme Nash equilibria, pure
        ones first.
    components : tuple of tuple of BayesNashEquilibrium
        The equilibria grouped by the component of the normal form's equilibria they
        come from: behaviour is a linear image of the mixed strategies, so every mix
        of a component's Nash subsets maps to a Bayes-Nash equilibrium too.
    """

    def __init__(
        self,
        game: BayesianGame,
        normal_form: BimatrixGame,
        nash: Solution,
        equilibria: tuple[BayesNashEquilibrium, ...],
        components: tuple[tuple[BayesNashEquilibrium, ...], ...],
    ) -> None:
        self.game = game
        self.normal_form = normal_form
        self.nash = nash
        self.equilibria = equilibria
        self.components = components

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[BayesNashEquilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> BayesNashEquilibrium:
        return self.equilibria[k]

    @property
    def pure(self) -> tuple[BayesNashEquilibrium, ...]:
        """The equilibria in which no type mixes."""
        return tuple(e for e in self.equilibria if e.pure)

    def summary(self) -> str:
        """Every equilibrium, one per line."""
        n = len(self.equilibria)
        head = f"{n} Bayes-Nash equilibri{'um' if n == 1 else 'a'} (extreme points):"
        lines = [head, *("  - " + e.describe() for e in self.equilibria)]
        if self.nash.has_continuum:
            lines.append(
                "  The Harsanyi normal form has a continuum of equilibria: every mix of the "
                "equilibria within a component is one too (see .components)."
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def bayes_nash_equilibria(game: BayesianGame) -> BayesNashSolution:
    """Every Bayes-Nash equilibrium of a Bayesian game, exactly, type by type.

    The Harsanyi normal form (:meth:`BayesianGame.to_bimatrix`) is solved with
    :func:`~negotiation.normal_form.solve`; each extreme equilibrium, a mixed strategy
    over plans "an action per type", becomes a behaviour strategy: the probability that
    type ``t`` plays ``a`` is the total probability of the plans that tell ``t`` to play
    ``a`` (Kuhn's theorem [Kuhn1953]_: each type is its own information set, reached
    with positive probability). Extreme points with the same behaviour are reported once.

    Raises
    ------
    TypeError
        If ``game`` is not a BayesianGame.
    ValueError
        If the normal form is too large to enumerate (the plans multiply: a player with
        ``k`` types and ``n`` actions each has ``n ** k``).

    Notes
    -----
    A mixed strategy of the normal form is a best response exactly when every type
    with positive probability plays a best response to its posterior (the ex-ante
    payoff is the probability-weighted sum of the types' interim payoffs, and the
    types choose independently), which is why zero-probability types are refused by
    :class:`BayesianGame`. Every extreme point of the set of behaviour equilibria is
    the image of an extreme Nash equilibrium, so none is missed; an image may be a
    non-extreme point of that set.

    Examples
    --------
    The variant of Battle of the Sexes in [Osborne2004]_, section 9.2: player 2 wishes to
    meet player 1 or to avoid her, with probability 1/2 each:

    >>> from negotiation.information.bayesian import BayesianGame, bayes_nash_equilibria
    >>> bos = {("B", "B"): (2, 1), ("S", "S"): (1, 2), ("B", "S"): (0, 0), ("S", "B"): (0, 0)}
    >>> avoid = {("B", "B"): (2, 0), ("S", "S"): (1, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1)}
    >>> g = BayesianGame.independent(({"-": 1}, {"meet": 0.5, "avoid": 0.5}),
    ...     (("B", "S"), ("B", "S")),
    ...     lambda t1, t2, a1, a2: (bos if t2 == "meet" else avoid)[a1, a2])
    >>> print(bayes_nash_equilibria(g))
    3 Bayes-Nash equilibria (extreme points):
      - Player 1: B. Player 2: B if meet, S if avoid. Interim payoffs: Player 1 1; Player 2 1 if meet, 2 if avoid.
      - Player 1: (B 2/3, S 1/3). Player 2: (B 2/3, S 1/3) if meet, S if avoid. Interim payoffs: Player 1 2/3; Player 2 2/3 if meet, 4/3 if avoid.
      - Player 1: (B 1/3, S 2/3). Player 2: S if meet, (B 2/3, S 1/3) if avoid. Interim payoffs: Player 1 2/3; Player 2 4/3 if meet, 2/3 if avoid.
    """
    if not isinstance(game, BayesianGame):
        raise TypeError(f"bayes_nash_equilibria() needs a BayesianGame, got {type(game).__name__}")
    S = (game.strategies(0), game.strategies(1))
    m, n = len(S[0]), len(S[1])
    if count_bases(m, n) > MAX_BASES:
        raise ValueError(
            f"the Harsanyi normal form has {m} x {n} plans (an action for each type), too many "
            "to enumerate every equilibrium; use fewer types or actions"
        )
    normal_form = game.to_bimatrix()
    nash = solve(normal_form)
    found: dict[tuple[Any, ...], BayesNashEquilibrium] = {}
    by_point: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for eq in nash.equilibria:
        bne = _from_normal_form(game, S, eq)
        key = bne.key()
        if key in found:
            old = found[key]
            found[key] = BayesNashEquilibrium(
                game=old.game,
                behaviour=old.behaviour,
                interim_payoffs=old.interim_payoffs,
                ex_ante_payoffs=old.ex_ante_payoffs,
                extreme_points=(*old.extreme_points, eq),
            )
        else:
            found[key] = bne
        by_point[eq.key()] = key
    equilibria = tuple(found.values())  # solve lists pure equilibria first
    components = []
    for c in nash.components:
        keys = dict.fromkeys(by_point[e.key()] for e in c.equilibria)
        components.append(tuple(found[k] for k in keys))
    return BayesNashSolution(game, normal_form, nash, equilibria, tuple(components))


def _from_normal_form(
    game: BayesianGame, S: tuple[tuple[tuple[str, ...], ...], ...], eq: Equilibrium
) -> BayesNashEquilibrium:
    strategies = eq.strategies
    behaviour: list[dict[str, dict[str, Fraction]]] = []
    for i in (0, 1):
        side: dict[str, dict[str, Fraction]] = {}
        for k, t in enumerate(game.types[i]):
            mix = dict.fromkeys(game.actions(i, t), Fraction(0))
            for plan, p in zip(S[i], strategies[i], strict=True):
                mix[plan[k]] += Fraction(p)
            side[t] = mix
        behaviour.append(side)
    b = (behaviour[0], behaviour[1])
    interim = (_interim(game, 0, b), _interim(game, 1, b))
    ex_ante = tuple(
        sum((p * interim[i][t] for t, p in game.marginal(i).items()), Fraction(0)) for i in (0, 1)
    )
    if eq.payoffs_exact is None or tuple(eq.payoffs_exact) != ex_ante:
        raise RuntimeError(  # pragma: no cover - a consistency check, never expected to fire
            "internal error: the type-weighted interim payoffs differ from the normal form's "
            f"({ex_ante} against {eq.payoffs_exact}); please report this game"
        )
    return BayesNashEquilibrium(
        game=game,
        behaviour=b,
        interim_payoffs=interim,
        ex_ante_payoffs=(ex_ante[0], ex_ante[1]),
        extreme_points=(eq,),
    )


_Profile = tuple[dict[str, dict[str, Fraction]], dict[str, dict[str, Fraction]]]


def _interim(game: BayesianGame, i: int, b: _Profile) -> dict[str, Fraction]:
    """Each type's expected payoff given its posterior and both behaviours."""
    out = {}
    for t in game.types[i]:
        total = Fraction(0)
        for s, q in game.posterior(i, t).items():
            if not q:
                continue
            t1, t2 = (t, s) if i == 0 else (s, t)
            for a1, p1 in b[0][t1].items():
                for a2, p2 in b[1][t2].items():
                    if p1 and p2:
                        total += q * p1 * p2 * game.payoff(t1, t2, a1, a2)[i]
        out[t] = total
    return out


# --- an example -----------------------------------------------------------------------


def bayesian_cournot(
    a: Any,
    c: Any,
    c_high: Any,
    c_low: Any,
    theta: Any,
    quantities1: Sequence[int],
    quantities2: Sequence[int] | Mapping[str, Sequence[int]],
    *,
    players: Sequence[str] = ("Firm 1", "Firm 2"),
) -> BayesianGame:
    """Cournot duopoly with asymmetric information, on a finite grid of quantities.

    [Gibbons1992]_, section 3.1.A: inverse demand ``P = a - q1 - q2``; firm 1's
    marginal cost ``c`` is known; firm 2's is ``c_high`` (type ``"high cost"``) with
    probability ``theta`` or ``c_low`` (type ``"low cost"``), which only firm 2 knows.
    A firm's profit is ``(P - cost) * quantity``. Actions are labelled ``"q=3"``.

    Parameters
    ----------
    a, c, c_high, c_low, theta : numbers
        Demand intercept, firm 1's cost, firm 2's two costs, the probability of high cost.
    quantities1 : sequence of int
        Firm 1's quantities.
    quantities2 : sequence of int, or mapping
        Firm 2's quantities, or ``{"high cost": [...], "low cost": [...]}``.
    players : pair of str, optional

    Notes
    -----
    The continuous game's Bayes-Nash equilibrium is ``q1* = [a - 2c + theta c_high +
    (1 - theta) c_low] / 3``, ``q2*(high) = (a - 2 c_high + c)/3 + (1 - theta)(c_high -
    c_low)/6``, ``q2*(low) = (a - 2 c_low + c)/3 - theta (c_high - c_low)/6``. When these
    are on the grids they stay an equilibrium of the finite game: each is a best
    response among all quantities, so a fortiori among those of the grid.

    Examples
    --------
    With ``a = 8``, ``c = 2``, costs 4 and 0 equally likely the closed form gives
    ``q1* = 2``, ``q2*(high) = 1``, ``q2*(low) = 3``:

    >>> from negotiation.information.bayesian import bayesian_cournot, bayes_nash_equilibria
    >>> g = bayesian_cournot(8, 2, 4, 0, 0.5, (0, 2, 4, 6), range(6))
    >>> print(bayes_nash_equilibria(g))
    1 Bayes-Nash equilibrium (extreme points):
      - Firm 1: q=2. Firm 2: q=1 if high cost, q=3 if low cost. Interim payoffs: Firm 1 4; Firm 2 1 if high cost, 9 if low cost.

    Here firm 1 produces even quantities only. On a grid of all integers the finite game
    has more equilibria than the continuous one: firm 2's best reply to an odd ``q1`` is
    a tie between two integers (``(8 - 4 - 1) / 2 = 1.5``), and such ties sustain, for
    example, ``q1 = 1``, ``q2 = 2`` if high cost and ``4`` if low cost.
    """
    a_, c_, ch, cl = (
        _payoff(v, name) for v, name in ((a, "a"), (c, "c"), (c_high, "c_high"), (c_low, "c_low"))
    )
    th = _probability(theta, "theta")
    cost = {"high cost": ch, "low cost": cl}

    def grid(values: Sequence[int], what: str) -> dict[str, int]:
        out = {}
        for q in values:
            if isinstance(q, bool) or not isinstance(q, int) or q < 0:
                raise ValueError(f"{what} must be non-negative integers, got {q!r}")
            out[f"q={q}"] = q
        return out

    q1 = grid(quantities1, "quantities1")
    if isinstance(quantities2, Mapping):
        q2 = {t: grid(quantities2[t], f"quantities2[{t!r}]") for t in cost if t in quantities2}
        if set(quantities2) != set(cost):
            raise ValueError(
                f"quantities2 must have the keys {list(cost)}, got {list(quantities2)}"
            )
    else:
        shared = grid(quantities2, "quantities2")
        q2 = {t: shared for t in cost}
    level = {label: q for side in (q1, *q2.values()) for label, q in side.items()}

    def profit(t1: str, t2: str, a1: str, a2: str) -> tuple[Fraction, Fraction]:
        x, y = level[a1], level[a2]
        price = a_ - x - y
        return (price - c_) * x, (price - cost[t2]) * y

    return BayesianGame.independent(
        ({"known cost": 1}, {"high cost": th, "low cost": 1 - th}),
        (tuple(q1), {t: tuple(side) for t, side in q2.items()}),
        profit,
        players=players,
        title="Cournot duopoly with asymmetric costs (Gibbons 1992, section 3.1.A)",
    )
