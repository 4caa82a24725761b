"""Bayes-Nash equilibria: what each type of each player does, every one of them, exactly.

A Bayes-Nash equilibrium is a Nash equilibrium of the Harsanyi normal form
(:func:`~negotiation.information.harsanyi`): :func:`bayes_nash_equilibria` solves it
exactly (:func:`~negotiation.solve`) and turns each extreme equilibrium back into
each type's mixed action, with interim payoffs per type. :func:`bayesian_cournot` is
Gibbons's Cournot duopoly with a privately known cost, on a grid of quantities.

>>> from negotiation.information import bayes_nash_equilibria, bayesian_cournot
>>> game = bayesian_cournot(8, 2, 4, 0, 0.5, (0, 2, 4, 6), range(6))
>>> print(bayes_nash_equilibria(game)[0].strategy_words("Firm 2"))
q=1 if high cost, q=3 if low cost
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core._numbers import format_number
from ..core.game import BimatrixGame
from ..normal_form.equilibria import MAX_BASES, Equilibrium, Solution, solve
from ..normal_form.vertex_labels import count_bases
from .bayesian import BayesianGame, _payoff, _probability

__all__ = ["BayesNashEquilibrium", "BayesNashSolution", "bayes_nash_equilibria", "bayesian_cournot"]


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
        >>> from negotiation.information import BayesianGame, bayes_nash_equilibria
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

    >>> from negotiation.information import BayesianGame, bayes_nash_equilibria
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

    >>> from negotiation.information import bayesian_cournot, bayes_nash_equilibria
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
