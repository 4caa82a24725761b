"""Linked issues: package deals, logrolling and the gain from negotiating everything at once.

The July 2025 deal was not about tariffs alone: it tied the tariff rate to a $550bn
investment vehicle, rice imports and aircraft purchases. Linking issues helps when
the sides care about them differently. If Japan cares most about the tariff and
the US most about investment, each can give way where it matters less to it
(*logrolling*) and both end up better off than by settling each issue on its own
(Raiffa 1982; Sebenius 1983).

The model: each issue has a few discrete options; each side scores every option
of every issue, and its utility for a *package* (one option per issue) is the
weighted sum of its scores (an additive scoring system, Raiffa 1982, chapter 10).
This module enumerates the packages, finds the Pareto-optimal ones, picks the
package with the largest Nash product (Nash 1950) and compares it with settling
each issue separately.

A worked example: two issues, each with options "Japan's way" and "US way".

>>> from negotiation.bargaining.linkage import Issue, LinkedNegotiation, gain_from_linkage
>>> tariff = Issue("tariff", ("low", "high"), ((6, 0), (0, 2)), status_quo="high")
>>> invest = Issue("investment", ("small", "large"), ((2, 0), (0, 6)), status_quo="small")
>>> talks = LinkedNegotiation([tariff, invest], players=("Japan", "US"))
>>> print(gain_from_linkage(talks).describe())
Issue by issue, Japan gets 2 and US gets 2 (tariff: high, investment: small). Linked, Japan gets 6 and US gets 6 (tariff: low, investment: large): a gain of 4 for Japan and 4 for US. Japan gives way on investment (-2 for Japan, +6 for US); US gives way on tariff (-2 for US, +6 for Japan).

Alone, neither issue can be settled (each option that helps one side hurts the
other, so the status quo stays); together, each side concedes the issue it cares
less about.

References
----------
.. [Raiffa1982] H. Raiffa, *The Art and Science of Negotiation*, Harvard University
   Press, 1982, chapters 10-12.
.. [Sebenius1983] J. K. Sebenius, "Negotiation arithmetic: adding and subtracting issues
   and parties", *International Organization* 37(2), 281-316, 1983.
.. [Nash1950b] J. Nash, "The bargaining problem", *Econometrica* 18(2), 155-162, 1950.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..core._numbers import Number, format_number, to_exact
from ..core.game import _check_players
from .problem import BargainingProblem

__all__ = [
    "Issue",
    "LinkageGain",
    "LinkedNegotiation",
    "Package",
    "PackageSolution",
    "gain_from_linkage",
    "issue_by_issue",
    "nash_package",
    "pareto_packages",
]

DEFAULT_PLAYERS = ("Player 1", "Player 2")

#: The largest power denominator for which Nash products are compared exactly.
MAX_EXACT_POWER_DENOMINATOR = 1000


def _fmt(value: Any) -> str:
    if isinstance(value, Fraction | float | int):
        return format_number(value, decimals=True)  # 16.5 points, not 33/2
    return str(value)


def _signed(value: Number) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "") + _fmt(abs(value))


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {type(value).__name__} {value!r}")
    if not value.strip():
        raise ValueError(f"{what} must be a non-empty name, got {value!r}")
    return value


@dataclass(frozen=True)
class Issue:
    """One issue on the table, with discrete options and each side's score for each option.

    Parameters
    ----------
    name : str
    options : sequence of str
        The possible settlements of this issue (at least one).
    utilities : pair of sequences of numbers
        ``(scores of player 1, scores of player 2)``, one score per option.
    status_quo : str, optional
        The option that holds if there is no agreement (needed to settle the issue on
        its own, and for the default disagreement point).

    Examples
    --------
    >>> rice = Issue("rice", ("no change", "+75% in quota"), ((0, -1), (0, 2)), status_quo="no change")
    >>> rice.score(1, "+75% in quota")
    Fraction(2, 1)
    >>> Issue("currency", (), ((), ()))
    Traceback (most recent call last):
    ...
    ValueError: issue 'currency' has no options; give at least one
    """

    name: str
    options: tuple[str, ...]
    utilities: tuple[tuple[Number, ...], tuple[Number, ...]]
    status_quo: str | None = None

    def __post_init__(self) -> None:
        name = _text(self.name, "issue name")
        given: Any = self.options
        utilities: Any = self.utilities
        if isinstance(given, str):
            raise TypeError(
                f"options of issue {name!r} must be a list of names, got the single string {given!r}"
            )
        options = tuple(given)
        if not options:
            raise ValueError(f"issue {name!r} has no options; give at least one")
        for k, o in enumerate(options):
            _text(o, f"option {k} of issue {name!r}")
        if len(set(options)) != len(options):
            dup = next(o for o in options if options.count(o) > 1)
            raise ValueError(f"issue {name!r} lists the option {dup!r} twice")
        if isinstance(utilities, str | bytes) or len(utilities) != 2:
            raise ValueError(
                f"utilities of issue {name!r} must be a pair (player 1's scores, player 2's "
                f"scores), got {utilities!r}"
            )
        scores = []
        for player, row in enumerate(utilities):
            if isinstance(row, str | bytes):
                raise TypeError(
                    f"scores of player {player + 1} on issue {name!r} must be numbers, got {row!r}"
                )
            row = tuple(row)
            if len(row) != len(options):
                raise ValueError(
                    f"issue {name!r} has {len(options)} options but player {player + 1} has "
                    f"{len(row)} scores; give one score per option"
                )
            scores.append(
                tuple(
                    to_exact(v, f"score of player {player + 1} for {name!r} = {options[k]!r}")
                    for k, v in enumerate(row)
                )
            )
        if self.status_quo is not None and self.status_quo not in options:
            raise ValueError(
                f"status_quo of issue {name!r} must be one of its options {list(options)}, got {self.status_quo!r}"
            )
        object.__setattr__(self, "options", options)
        object.__setattr__(self, "utilities", (scores[0], scores[1]))

    @classmethod
    def from_scores(
        cls, name: str, scores: Mapping[str, Sequence[Any]], status_quo: str | None = None
    ) -> Issue:
        """An issue from a mapping ``option -> (score of player 1, score of player 2)``.

        Examples
        --------
        >>> Issue.from_scores("tariff", {"25%": (0, 10), "15%": (6, 5)}, status_quo="25%").options
        ('25%', '15%')
        """
        if not isinstance(scores, Mapping):
            raise TypeError(
                f"scores must be a mapping option -> (u1, u2), got {type(scores).__name__}"
            )
        pairs = []
        for option, pair in scores.items():
            if isinstance(pair, str | bytes) or len(pair) != 2:
                raise ValueError(
                    f"the scores of option {option!r} must be a pair (u1, u2), got {pair!r}"
                )
            pairs.append(pair)
        return cls(
            name,
            tuple(scores),
            (tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)),
            status_quo,
        )

    def score(self, player: int, option: str | int) -> Number:
        """A player's (0 or 1) score for an option (label or index)."""
        if player not in (0, 1):
            raise ValueError(f"player must be 0 or 1, got {player!r}")
        return self.utilities[player][self.index(option)]

    def index(self, option: str | int) -> int:
        """The position of an option."""
        if isinstance(option, str):
            if option not in self.options:
                raise ValueError(
                    f"issue {self.name!r} has no option {option!r}; expected one of {list(self.options)}"
                )
            return self.options.index(option)
        if isinstance(option, bool) or not isinstance(option, int | np.integer):
            raise TypeError(f"option must be a label or an index, got {option!r}")
        if not 0 <= option < len(self.options):
            raise ValueError(f"option index {option} is out of range 0..{len(self.options) - 1}")
        return int(option)


@dataclass(frozen=True)
class Package:
    """One package deal: an option for every issue, and what each side gets from it."""

    index: int
    options: tuple[str, ...]
    utilities: tuple[Number, Number]
    issues: tuple[str, ...] = field(repr=False)

    def as_dict(self) -> dict[str, str]:
        """``{issue: option}``."""
        return dict(zip(self.issues, self.options, strict=True))

    def label(self) -> str:
        """``"tariff: 15%, rice: +75%"``."""
        return ", ".join(f"{i}: {o}" for i, o in zip(self.issues, self.options, strict=True))


class LinkedNegotiation:
    """Several issues negotiated together, with each side's additive weighted utility.

    A package's utility for player ``i`` is ``sum_k weights[i][k] * score_i(issue k, option)``.

    Parameters
    ----------
    issues : sequence of Issue
    weights : pair of sequences, optional
        ``(player 1's weights, player 2's weights)``, one non-negative weight per
        issue, not all zero (default: all 1).
    disagreement : pair of numbers, optional
        Utilities with no agreement. Default: the package of status-quo options.
    players : pair of str

    Examples
    --------
    >>> tariff = Issue("tariff", ("low", "high"), ((6, 0), (0, 2)), status_quo="high")
    >>> invest = Issue("investment", ("small", "large"), ((2, 0), (0, 6)), status_quo="small")
    >>> talks = LinkedNegotiation([tariff, invest], players=("Japan", "US"))
    >>> talks.n_packages, talks.disagreement
    (4, (Fraction(2, 1), Fraction(2, 1)))
    >>> LinkedNegotiation([tariff], weights=((-1,), (1,)), players=("Japan", "US"))
    Traceback (most recent call last):
    ...
    ValueError: weights[0][0] (Japan's weight on issue 'tariff') must be non-negative, got -1
    """

    __slots__ = (
        "_contrib",
        "_d",
        "_exact",
        "_float",
        "_int",
        "_issues",
        "_players",
        "_scale",
        "_weights",
    )

    def __init__(
        self,
        issues: Sequence[Issue],
        weights: Any = None,
        disagreement: Any = None,
        *,
        players: Sequence[str] = DEFAULT_PLAYERS,
    ) -> None:
        if isinstance(issues, Issue):
            issues = [issues]
        issues_t = tuple(issues)
        if not issues_t:
            raise ValueError("issues is empty: give at least one Issue")
        for k, issue in enumerate(issues_t):
            if not isinstance(issue, Issue):
                raise TypeError(f"issues[{k}] must be an Issue, got {type(issue).__name__}")
        names = [i.name for i in issues_t]
        if len(set(names)) != len(names):
            dup = next(n for n in names if names.count(n) > 1)
            raise ValueError(f"two issues are both called {dup!r}; issue names must be unique")
        self._players = _check_players(players)
        self._issues = issues_t
        self._weights = self._check_weights(weights)
        # contribution of each option to each player's utility, exactly
        self._contrib = tuple(
            tuple(
                tuple(self._weights[i][k] * v for v in issue.utilities[i])
                for k, issue in enumerate(issues_t)
            )
            for i in (0, 1)
        )
        self._exact = all(
            isinstance(v, Fraction) for per in self._contrib for row in per for v in row
        )
        self._int, self._scale, self._float = self._enumerate()
        if disagreement is None:
            missing = [i.name for i in issues_t if i.status_quo is None]
            if missing:
                raise ValueError(
                    f"no disagreement point given and issue(s) {missing} have no status_quo; "
                    f"give disagreement=(d1, d2) or a status_quo for every issue"
                )
            sq = [i.index(i.status_quo) for i in issues_t]  # type: ignore[arg-type]
            self._d = self._utilities_of(sq)
        else:
            if isinstance(disagreement, str | bytes) or len(disagreement) != 2:
                raise ValueError(f"disagreement must be a pair (d1, d2), got {disagreement!r}")
            self._d = (
                to_exact(disagreement[0], "disagreement[0]"),
                to_exact(disagreement[1], "disagreement[1]"),
            )

    def _check_weights(self, weights: Any) -> tuple[tuple[Number, ...], tuple[Number, ...]]:
        n = len(self._issues)
        if weights is None:
            return (tuple(Fraction(1) for _ in range(n)), tuple(Fraction(1) for _ in range(n)))
        if isinstance(weights, str | bytes) or len(weights) != 2:
            raise ValueError(
                f"weights must be a pair (player 1's weights, player 2's weights), got {weights!r}"
            )
        out = []
        for i, row in enumerate(weights):
            if isinstance(row, str | bytes) or len(row) != n:
                raise ValueError(f"weights[{i}] must have one weight per issue ({n}), got {row!r}")
            ws = tuple(to_exact(v, f"weights[{i}][{k}]") for k, v in enumerate(row))
            for k, v in enumerate(ws):
                if v < 0:
                    raise ValueError(
                        f"weights[{i}][{k}] ({self._players[i]}'s weight on issue "
                        f"{self._issues[k].name!r}) must be non-negative, got {_fmt(v)}"
                    )
            if all(v == 0 for v in ws):
                raise ValueError(
                    f"weights[{i}] ({self._players[i]}'s weights) are all zero, so no package "
                    f"matters to {self._players[i]}; give at least one positive weight"
                )
            out.append(ws)
        return out[0], out[1]

    def _enumerate(self) -> tuple[Any, tuple[int, int], npt.NDArray[np.float64]]:
        """Every package's utilities: exact integers over a common scale, and floats."""
        sizes = [len(i.options) for i in self._issues]
        grid = (
            np.indices(sizes).reshape(len(sizes), -1).T
        )  # row-major: the last issue varies fastest
        ints: list[Any] = []
        scales: list[int] = []
        floats = np.zeros((len(grid), 2))
        for i in (0, 1):
            per_issue = self._contrib[i]
            if self._exact:
                scale = math.lcm(*(v.denominator for row in per_issue for v in row))  # type: ignore[union-attr]
                table = [[int(v * scale) for v in row] for row in per_issue]
                bound = sum(max(abs(v) for v in row) for row in table)
                dtype: Any = np.int64 if bound < 2**62 else object
                total = np.zeros(len(grid), dtype=dtype)
                for k, row in enumerate(table):
                    total = total + np.array(row, dtype=dtype)[grid[:, k]]
                ints.append(total)
                scales.append(scale)
                floats[:, i] = (
                    total.astype(np.float64) / scale
                    if dtype is not object
                    else [v / scale for v in total]
                )
            else:
                total_f = np.zeros(len(grid))
                for k, scores in enumerate(per_issue):
                    total_f = total_f + np.array([float(v) for v in scores])[grid[:, k]]
                floats[:, i] = total_f
        floats.setflags(write=False)
        return (
            ((ints[0], ints[1]) if self._exact else None),
            ((scales[0], scales[1]) if self._exact else (1, 1)),
            floats,
        )

    # --- attributes -----------------------------------------------------------------
    @property
    def issues(self) -> tuple[Issue, ...]:
        """The issues, in order."""
        return self._issues

    @property
    def players(self) -> tuple[str, str]:
        """The two sides' names."""
        return self._players

    @property
    def weights(self) -> tuple[tuple[Number, ...], tuple[Number, ...]]:
        """Each side's weight on each issue."""
        return self._weights

    @property
    def disagreement(self) -> tuple[Number, Number]:
        """Utilities with no agreement."""
        return self._d

    @property
    def exact(self) -> bool:
        """Whether every utility is an exact Fraction."""
        return self._exact

    @property
    def n_packages(self) -> int:
        """The number of packages (the product of the numbers of options)."""
        return len(self._float)

    def utilities(self) -> npt.NDArray[np.float64]:
        """Every package's utilities as a read-only ``(n_packages, 2)`` float array."""
        return self._float

    def _choice(self, index: int) -> tuple[int, ...]:
        sizes = [len(i.options) for i in self._issues]
        out = []
        for size in reversed(sizes):
            out.append(index % size)
            index //= size
        return tuple(out[::-1])

    def _utilities_of(self, choice: Sequence[int]) -> tuple[Number, Number]:
        u = [
            sum((self._contrib[i][k][o] for k, o in enumerate(choice)), 0 * self._contrib[i][0][0])
            for i in (0, 1)
        ]
        return u[0], u[1]

    def package(self, which: int | Mapping[str, str] | Sequence[str]) -> Package:
        """A package by its index, by ``{issue: option}`` or by a list of options in issue order.

        Examples
        --------
        >>> a = Issue("a", ("x", "y"), ((1, 0), (0, 1)))
        >>> b = Issue("b", ("x", "y"), ((0, 2), (2, 0)))
        >>> talks = LinkedNegotiation([a, b], disagreement=(0, 0))
        >>> talks.package({"a": "y", "b": "x"})
        Package(index=2, options=('y', 'x'), utilities=(Fraction(0, 1), Fraction(3, 1)))
        """
        choice: Sequence[int]
        if isinstance(which, int | np.integer) and not isinstance(which, bool):
            if not 0 <= which < self.n_packages:
                raise ValueError(f"package index {which} is out of range 0..{self.n_packages - 1}")
            choice = self._choice(int(which))
        elif isinstance(which, Mapping):
            unknown = set(which) - {i.name for i in self._issues}
            if unknown:
                raise ValueError(
                    f"unknown issue(s) {sorted(unknown)}; expected {[i.name for i in self._issues]}"
                )
            for issue in self._issues:
                if issue.name in which:
                    issue.index(which[issue.name])  # an unknown option is named first
            missing = [i.name for i in self._issues if i.name not in which]
            if missing:
                raise ValueError(
                    f"the package must choose an option for every issue; missing {missing}"
                )
            choice = [i.index(which[i.name]) for i in self._issues]
        elif isinstance(which, str | bytes):
            raise TypeError(f"a package is an index, a mapping or a list of options, got {which!r}")
        else:
            items = list(which)  # type: ignore[arg-type]
            if len(items) != len(self._issues):
                raise ValueError(
                    f"a package needs one option per issue ({len(self._issues)}), got {len(items)}"
                )
            choice = [issue.index(o) for issue, o in zip(self._issues, items, strict=True)]
        index = 0
        for issue, o in zip(self._issues, choice, strict=True):
            index = index * len(issue.options) + o
        return self._package(index, choice)

    def _package(self, index: int, choice: Sequence[int] | None = None) -> Package:
        choice = self._choice(index) if choice is None else choice
        return Package(
            index=index,
            options=tuple(i.options[o] for i, o in zip(self._issues, choice, strict=True)),
            utilities=self._exact_utilities(index) if self._exact else self._utilities_of(choice),
            issues=tuple(i.name for i in self._issues),
        )

    def _exact_utilities(self, index: int) -> tuple[Number, Number]:
        assert self._int is not None
        return (
            Fraction(int(self._int[0][index]), self._scale[0]),
            Fraction(int(self._int[1][index]), self._scale[1]),
        )

    def packages(self) -> tuple[Package, ...]:
        """Every package, in index order (the last issue varies fastest)."""
        return tuple(self._package(k) for k in range(self.n_packages))

    def to_bargaining_problem(self) -> BargainingProblem:
        """The packages as outcomes of a :class:`~negotiation.bargaining.BargainingProblem`.

        Its solutions may mix two packages (a lottery between them), which is as good as
        a compromise when the issues admit one.

        Examples
        --------
        >>> from negotiation.bargaining import nash_solution
        >>> a = Issue("a", ("x", "y"), ((1, 0), (0, 1)))
        >>> b = Issue("b", ("x", "y"), ((0, 2), (2, 0)))
        >>> problem = LinkedNegotiation([a, b], disagreement=(0, 0)).to_bargaining_problem()
        >>> print(nash_solution(problem).describe())
        Nash bargaining solution: Player 1 gets 3/2 and Player 2 gets 3/2 (gains 3/2 and 3/2 over the disagreement point (0, 0)); agreement: a 1/2 : 1/2 mix of a: x, b: x and a: y, b: y (a lottery or a compromise between them).
        """
        if self._exact:
            assert self._int is not None
            points: Any = [
                (Fraction(int(a), self._scale[0]), Fraction(int(b), self._scale[1]))
                for a, b in zip(self._int[0].tolist(), self._int[1].tolist(), strict=True)
            ]
        else:
            points = self._float
        labels = [self._package_label(k) for k in range(self.n_packages)]
        return BargainingProblem.from_outcomes(
            points, self._d, labels=labels, players=self._players, exact=self._exact
        )

    def _package_label(self, index: int) -> str:
        choice = self._choice(index)
        return ", ".join(
            f"{i.name}: {i.options[o]}" for i, o in zip(self._issues, choice, strict=True)
        )

    def __repr__(self) -> str:
        return (
            f"<LinkedNegotiation: {len(self._issues)} issues, {self.n_packages} packages, "
            f"{self._players[0]} vs {self._players[1]}>"
        )


# --- Pareto set and Nash package ----------------------------------------------------------


def _check_negotiation(negotiation: Any, who: str) -> LinkedNegotiation:
    if not isinstance(negotiation, LinkedNegotiation):
        raise TypeError(f"{who}() needs a LinkedNegotiation, got {type(negotiation).__name__}")
    return negotiation


def _pareto_indices(negotiation: LinkedNegotiation) -> npt.NDArray[np.intp]:
    """Indices of packages that no other package weakly dominates (exact for exact data)."""
    if negotiation._exact:
        assert negotiation._int is not None
        u1, u2 = negotiation._int
    else:
        u1, u2 = negotiation._float[:, 0], negotiation._float[:, 1]
    idx = np.arange(len(u1))
    order = (
        np.lexsort((idx, -u2, -u1))
        if u1.dtype != object
        else np.array(sorted(range(len(u1)), key=lambda k: (-u1[k], -u2[k], k)), dtype=np.intp)
    )
    keep = []
    best_before: Any = None  # the largest u2 among packages with strictly larger u1
    group_best: Any = None
    prev_u1: Any = None
    for k in order.tolist():
        a, b = u1[k], u2[k]
        if prev_u1 is None or a != prev_u1:
            if group_best is not None and (best_before is None or group_best > best_before):
                best_before = group_best
            group_best = b  # sorted by u2 descending within the group: the first is the best
            prev_u1 = a
        if b == group_best and (best_before is None or b > best_before):
            keep.append(k)
    return np.array(sorted(keep), dtype=np.intp)


def pareto_packages(negotiation: LinkedNegotiation) -> tuple[Package, ...]:
    """The packages no other package beats for one side without hurting the other.

    Packages with identical utilities are all kept.

    Examples
    --------
    >>> tariff = Issue("tariff", ("low", "high"), ((6, 0), (0, 2)), status_quo="high")
    >>> invest = Issue("investment", ("small", "large"), ((2, 0), (0, 6)), status_quo="small")
    >>> [p.options for p in pareto_packages(LinkedNegotiation([tariff, invest]))]
    [('low', 'small'), ('low', 'large'), ('high', 'large')]
    """
    negotiation = _check_negotiation(negotiation, "pareto_packages")
    return tuple(negotiation._package(int(k)) for k in _pareto_indices(negotiation))


@dataclass(frozen=True)
class PackageSolution:
    """A package chosen by a bargaining rule.

    Attributes
    ----------
    package : Package
    gains : tuple
        Each side's gain over the disagreement point.
    nash_product : float
        ``gain1**power * gain2**(1 - power)`` (0 if a side does not gain).
    method : str
    ties : tuple of Package
        Other packages with the same Nash product.
    players : tuple of str
    """

    package: Package
    gains: tuple[Number, Number]
    nash_product: float
    method: str
    ties: tuple[Package, ...]
    players: tuple[str, str]

    @property
    def utilities(self) -> tuple[Number, Number]:
        """What each side gets (exact when the scores are)."""
        return self.package.utilities

    @property
    def point(self) -> tuple[float, float]:
        """What each side gets, as floats."""
        return float(self.package.utilities[0]), float(self.package.utilities[1])

    def describe(self) -> str:
        """Plain words.

        Examples
        --------
        >>> tariff = Issue("tariff", ("low", "high"), ((6, 0), (0, 2)), status_quo="high")
        >>> invest = Issue("investment", ("small", "large"), ((2, 0), (0, 6)), status_quo="small")
        >>> talks = LinkedNegotiation([tariff, invest], players=("Japan", "US"))
        >>> print(nash_package(talks).describe())
        Nash package: tariff: low, investment: large. Japan gets 6 and US gets 6 (gains 4 and 4).
        """
        p = self.players
        u = self.utilities
        text = (
            f"{self.method}: {self.package.label()}. {p[0]} gets {_fmt(u[0])} and {p[1]} gets "
            f"{_fmt(u[1])} (gains {_fmt(self.gains[0])} and {_fmt(self.gains[1])})."
        )
        if self.ties:
            text += (
                f" {len(self.ties)} other package(s) tie: "
                + "; ".join(t.label() for t in self.ties[:3])
                + ("; ..." if len(self.ties) > 3 else "")
                + "."
            )
        return text


def _power(power: Any) -> Number:
    a = to_exact(power, "power")
    if not 0 < a < 1:
        raise ValueError(f"power must be strictly between 0 and 1, got {_fmt(a)}")
    return a


def _nash_key(gains: tuple[Number, Number], a: Number) -> Any:
    """A key that orders packages by Nash product exactly when possible."""
    x, y = gains
    if x <= 0 or y <= 0:
        return (0, 0)
    if (
        isinstance(a, Fraction)
        and isinstance(x, Fraction)
        and isinstance(y, Fraction)
        and a.denominator <= MAX_EXACT_POWER_DENOMINATOR
    ):
        # x**(p/q) * y**(1 - p/q) is monotone in x**p * y**(q - p)
        return (1, x**a.numerator * y ** (a.denominator - a.numerator))
    return (1, float(a) * math.log(float(x)) + (1 - float(a)) * math.log(float(y)))


def _best_by_nash(
    candidates: Sequence[tuple[Package, tuple[Number, Number]]], a: Number
) -> tuple[Package, tuple[Number, Number], list[Package]]:
    keys = [(_nash_key(g, a), g[0] + g[1]) for _, g in candidates]
    best = max(range(len(candidates)), key=lambda k: (keys[k], -candidates[k][0].index))
    ties = [candidates[k][0] for k in range(len(candidates)) if k != best and keys[k] == keys[best]]
    return candidates[best][0], candidates[best][1], ties


def _product(g: tuple[Number, Number], a: Number) -> float:
    if g[0] <= 0 or g[1] <= 0:
        return 0.0
    return float(float(g[0]) ** float(a) * float(g[1]) ** (1 - float(a)))


def nash_package(negotiation: LinkedNegotiation, power: Any = Fraction(1, 2)) -> PackageSolution:
    """The package with the largest Nash product ``gain1**power * gain2**(1 - power)`` (Nash 1950).

    Only packages that give both sides strictly more than the disagreement point are
    candidates; ties go to the larger total gain, then to the earlier package. For
    lotteries between packages use
    ``nash_solution(negotiation.to_bargaining_problem())``.

    Raises
    ------
    ValueError
        If no package gives both sides more than the disagreement point.

    Examples
    --------
    >>> tariff = Issue("tariff", ("low", "high"), ((6, 0), (0, 2)), status_quo="high")
    >>> invest = Issue("investment", ("small", "large"), ((2, 0), (0, 6)), status_quo="small")
    >>> nash_package(LinkedNegotiation([tariff, invest])).package.options
    ('low', 'large')
    """
    negotiation = _check_negotiation(negotiation, "nash_package")
    a = _power(power)
    d = negotiation.disagreement
    candidates = []
    for pkg in pareto_packages(negotiation):
        g = (pkg.utilities[0] - d[0], pkg.utilities[1] - d[1])
        if g[0] > 0 and g[1] > 0:
            candidates.append((pkg, g))
    if not candidates:
        raise ValueError(
            f"nothing to bargain over: no package gives both sides more than the disagreement "
            f"point ({_fmt(d[0])}, {_fmt(d[1])})"
        )
    pkg, g, ties = _best_by_nash(candidates, a)
    return PackageSolution(pkg, g, _product(g, a), "Nash package", tuple(ties), negotiation.players)


def issue_by_issue(negotiation: LinkedNegotiation, power: Any = Fraction(1, 2)) -> PackageSolution:
    """Settle each issue on its own: on each, the option with the largest Nash product.

    On each issue, gains are measured from its status-quo option; only options that
    leave neither side worse off are candidates (ties go to the larger total gain, then
    to the status quo). An issue where every change hurts one side stays at the status
    quo: that is what linkage can unlock.

    Raises
    ------
    ValueError
        If an issue has no status quo.

    Examples
    --------
    >>> a = Issue("a", ("x", "y"), ((1, 0), (0, 1)), status_quo="x")
    >>> b = Issue("b", ("x", "y", "z"), ((0, 2, 1), (2, 0, 3)), status_quo="x")
    >>> issue_by_issue(LinkedNegotiation([a, b])).package.options
    ('x', 'z')
    """
    negotiation = _check_negotiation(negotiation, "issue_by_issue")
    a = _power(power)
    missing = [i.name for i in negotiation.issues if i.status_quo is None]
    if missing:
        raise ValueError(
            f"issue(s) {missing} have no status_quo, so they cannot be settled on their own; "
            f"give each Issue a status_quo option"
        )
    choice = []
    for k, issue in enumerate(negotiation.issues):
        sq = issue.index(issue.status_quo)  # type: ignore[arg-type]
        c = [negotiation._contrib[i][k] for i in (0, 1)]
        best: int = sq
        best_key: Any = ((0, 0), 0 * c[0][sq], 1)
        for o in range(len(issue.options)):
            g = (c[0][o] - c[0][sq], c[1][o] - c[1][sq])
            if g[0] < 0 or g[1] < 0:
                continue
            key = (_nash_key(g, a), g[0] + g[1], 1 if o == sq else 0)
            if key > best_key:
                best, best_key = o, key
        choice.append(best)
    pkg = negotiation.package(
        [i.options[o] for i, o in zip(negotiation.issues, choice, strict=True)]
    )
    d = negotiation.disagreement
    g = (pkg.utilities[0] - d[0], pkg.utilities[1] - d[1])
    return PackageSolution(pkg, g, _product(g, a), "Issue by issue", (), negotiation.players)


@dataclass(frozen=True)
class IssueTrade:
    """How one issue's settlement changes when the issues are linked."""

    issue: str
    separate: str
    linked: str
    change: tuple[Number, Number]


@dataclass(frozen=True)
class LinkageGain:
    """Linked (package) bargaining compared with settling each issue separately.

    Attributes
    ----------
    separate, linked : PackageSolution
    gain : tuple
        What linking adds for each side (linked minus separate utilities).
    trades : tuple of IssueTrade
        The issues settled differently, with each side's change of utility on each: a
        side that loses on one issue is compensated on another (logrolling).
    """

    separate: PackageSolution
    linked: PackageSolution
    gain: tuple[Number, Number]
    trades: tuple[IssueTrade, ...]

    def describe(self) -> str:
        """Plain words (see the module docstring for an example)."""
        p = self.separate.players
        s, li = self.separate, self.linked
        text = (
            f"Issue by issue, {p[0]} gets {_fmt(s.utilities[0])} and {p[1]} gets "
            f"{_fmt(s.utilities[1])} ({s.package.label()}). Linked, {p[0]} gets "
            f"{_fmt(li.utilities[0])} and {p[1]} gets {_fmt(li.utilities[1])} ({li.package.label()}): "
            f"a gain of {_fmt(self.gain[0])} for {p[0]} and {_fmt(self.gain[1])} for {p[1]}."
        )
        gives = []
        for i in (0, 1):
            for t in self.trades:
                if t.change[i] < 0:
                    j = 1 - i
                    gives.append(
                        f"{p[i]} gives way on {t.issue} ({_signed(t.change[i])} for {p[i]}, "
                        f"{_signed(t.change[j])} for {p[j]})"
                    )
        if gives:
            text += " " + "; ".join(gives) + "."
        elif not self.trades:
            text += " Linking changes nothing here."
        return text

    def __str__(self) -> str:
        return self.describe()


def gain_from_linkage(negotiation: LinkedNegotiation, power: Any = Fraction(1, 2)) -> LinkageGain:
    """Compare the Nash package with settling each issue on its own (Sebenius 1983).

    Examples
    --------
    >>> tariff = Issue("tariff", ("low", "high"), ((6, 0), (0, 2)), status_quo="high")
    >>> invest = Issue("investment", ("small", "large"), ((2, 0), (0, 6)), status_quo="small")
    >>> gain_from_linkage(LinkedNegotiation([tariff, invest])).gain
    (Fraction(4, 1), Fraction(4, 1))
    """
    negotiation = _check_negotiation(negotiation, "gain_from_linkage")
    separate = issue_by_issue(negotiation, power)
    linked = nash_package(negotiation, power)
    trades = []
    for k, issue in enumerate(negotiation.issues):
        o_sep = issue.index(separate.package.options[k])
        o_link = issue.index(linked.package.options[k])
        if o_sep != o_link:
            change = tuple(
                negotiation._contrib[i][k][o_link] - negotiation._contrib[i][k][o_sep]
                for i in (0, 1)
            )
            trades.append(
                IssueTrade(
                    issue.name, issue.options[o_sep], issue.options[o_link], (change[0], change[1])
                )
            )
    gain = (
        linked.utilities[0] - separate.utilities[0],
        linked.utilities[1] - separate.utilities[1],
    )
    return LinkageGain(separate, linked, gain, tuple(trades))
