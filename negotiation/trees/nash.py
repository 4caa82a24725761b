"""Every Nash equilibrium of a tree, with or without information sets, exactly.

A tree's Nash equilibria are those of its reduced normal form
(:func:`~negotiation.trees.to_bimatrix`), which :func:`~negotiation.solve` finds
exactly, all of them, also when the normal form is degenerate (trees almost
always make it so). :func:`nash_equilibria` turns each extreme equilibrium back
into behaviour strategies (Kuhn's theorem, :mod:`negotiation.trees.behaviour`)
and reports what it leads to: the probability of every leaf and the payoffs.
Two extreme points with the same behaviour are reported once.

In beer-quiche there are two families of equilibria, both *pooling*: both types
of sender have the same breakfast, so the receiver learns nothing from it.

>>> from negotiation.trees import nash_equilibria
>>> from negotiation.trees.examples import beer_quiche
>>> result = nash_equilibria(beer_quiche())
>>> len(result)
4
>>> print(result[0].profile.describe())
Sender: beer after strong; beer after weak. Receiver: don't after beer; duel after quiche.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core._numbers import Number, format_number
from ..normal_form.equilibria import Solution, solve
from .behaviour import BehaviourProfile
from .nodes import Path
from .normal_form import to_bimatrix
from .tree import GameTree

__all__ = ["ExtensiveEquilibrium", "ExtensiveSolution", "nash_equilibria"]


@dataclass(frozen=True)
class ExtensiveEquilibrium:
    """One Nash equilibrium of a tree, in behaviour strategies, with its outcome.

    Attributes
    ----------
    profile : BehaviourProfile
        Each player's behaviour strategy (open at sets their own play never reaches).
    mixed : pair of tuples
        The extreme equilibrium of the reduced normal form it comes from.
    """

    profile: BehaviourProfile
    mixed: tuple[tuple[Number, ...], tuple[Number, ...]] = field(repr=False)

    @property
    def payoffs(self) -> tuple[Number, ...]:
        """Each player's expected payoff."""
        return self.profile.payoffs

    @property
    def outcome(self) -> dict[Path, Number]:
        """The probability of every leaf (the equilibrium's outcome)."""
        return self.profile.outcome

    @property
    def path(self) -> dict[Path, Number]:
        """The leaves reached with positive probability, with their probabilities."""
        return {p: q for p, q in self.profile.outcome.items() if q}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary: ``behaviour``, ``payoffs`` and ``outcome``.

        ``behaviour`` is ``{player: {information set: {action: "p/q"}}}`` (sets keyed
        by :attr:`InformationSet.key`; a set the player's own play never reaches is
        ``null``), ``payoffs`` is ``{player: "p/q"}`` and ``outcome`` gives every leaf
        reached, named by the actions from the root joined by ``/``.

        Examples
        --------
        >>> from negotiation.trees import nash_equilibria
        >>> from negotiation.trees.examples import beer_quiche
        >>> doc = nash_equilibria(beer_quiche())[0].to_dict()
        >>> doc["behaviour"]["Receiver"]["after quiche"], doc["outcome"]["weak/beer/don't"]
        ({'duel': '1', "don't": '0'}, '1/10')
        """
        return profile_document(self.profile)

    def describe(self) -> str:
        """Who does what, where play goes and what each gets, in words."""
        tree = self.profile.tree
        leaves = "; ".join(
            f"{' → '.join(p)} ({format_number(q)})" if q != 1 else " → ".join(p)
            for p, q in self.path.items()
        )
        pays = " and ".join(
            f"{name} {format_number(v)}" for name, v in zip(tree.players, self.payoffs, strict=True)
        )
        return f"{self.profile.describe()} Play: {leaves}. Expected payoffs: {pays}."


class ExtensiveSolution:
    """Every Nash equilibrium of a tree (one per extreme point, with distinct behaviour).

    Attributes
    ----------
    tree : GameTree
    equilibria : tuple of ExtensiveEquilibrium
    """

    def __init__(
        self,
        tree: GameTree,
        equilibria: tuple[ExtensiveEquilibrium, ...],
        normal_form: Solution | None = None,
    ) -> None:
        self.tree = tree
        self.equilibria = equilibria
        self._normal_form = normal_form

    @property
    def normal_form(self) -> Solution:
        """The solution of the tree's reduced normal form, with its components and degeneracy.

        Solved when first asked for, unless the equilibria came from it.
        """
        if self._normal_form is None:
            self._normal_form = solve(to_bimatrix(self.tree))
        return self._normal_form

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[ExtensiveEquilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> ExtensiveEquilibrium:
        return self.equilibria[k]

    def outcomes(self) -> list[dict[Path, Number]]:
        """The distinct equilibrium outcomes (probabilities of the leaves reached)."""
        seen: dict[tuple[tuple[Path, Number], ...], dict[Path, Number]] = {}
        for eq in self.equilibria:
            key = tuple(sorted(eq.path.items()))
            seen.setdefault(key, eq.path)
        return list(seen.values())

    def to_dict(self) -> dict[str, Any]:
        """``{"tree": {"title", "players"}, "equilibria": [...]}`` (see :meth:`ExtensiveEquilibrium.to_dict`)."""
        return {
            "tree": {"title": self.tree.title, "players": list(self.tree.players)},
            "equilibria": [eq.to_dict() for eq in self.equilibria],
        }

    def summary(self) -> str:
        """Every equilibrium in words."""
        n = len(self.equilibria)
        head = f"{n} Nash equilibri{'um' if n == 1 else 'a'} (extreme points, in behaviour strategies):"
        return "\n".join([head, *(f"  - {eq.describe()}" for eq in self.equilibria)])

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<ExtensiveSolution: {len(self)} equilibria of {self.tree!r}>"


def nash_equilibria(tree: GameTree) -> ExtensiveSolution:
    """Every Nash equilibrium of a two-player tree, exactly, in behaviour strategies.

    Works with chance moves and information sets (perfect recall is checked when
    the tree is built). Each extreme equilibrium of the reduced normal form is
    converted to behaviour strategies; extreme points with the same behaviour are
    reported once. Every equilibrium has zero regret: no player gains by any
    other plan (checked by :func:`~negotiation.solve` in exact arithmetic).

    Raises
    ------
    TypeError
        If ``tree`` is not a :class:`GameTree`.
    ValueError
        If a payoff or probability still has a parameter, or the normal form is too large.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision, nash_equilibria
    >>> matching = GameTree(("Japan", "US"), decision("Japan", {
    ...     "Hint": decision("US", {"Press": (-1, 1), "Soften": (1, -1)}, information_set="unsure"),
    ...     "Quiet": decision("US", {"Press": (1, -1), "Soften": (-1, 1)}, information_set="unsure"),
    ... }))
    >>> print(nash_equilibria(matching)[0].profile.describe())
    Japan: mixes Hint 1/2, Quiet 1/2 at the start. US: mixes Press 1/2, Soften 1/2 unsure.
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"nash_equilibria() needs a GameTree, got {type(tree).__name__}")
    tree.require_two_players("nash_equilibria() (every equilibrium, mixed ones included)")
    game = to_bimatrix(tree)
    try:
        solution = solve(game)
    except ValueError as exc:
        m, n = game.shape
        raise ValueError(
            f"the reduced normal form of this tree is {m}x{n} ({tree.players[0]} has {m} "
            f"reduced strategies, {tree.players[1]} {n}): {exc}"
        ) from None
    found: dict[BehaviourProfile, ExtensiveEquilibrium] = {}
    for eq in solution.equilibria:
        row, col = eq.strategies
        profile = BehaviourProfile.from_mixed(tree, _exact(row), _exact(col))
        if profile not in found:
            found[profile] = ExtensiveEquilibrium(profile, (row, col))
    return ExtensiveSolution(tree, tuple(found.values()), solution)


def profile_document(profile: BehaviourProfile) -> dict[str, Any]:
    """A behaviour profile as JSON-ready data: behaviour, payoffs and outcome, exact strings."""
    tree = profile.tree
    behaviour: dict[str, dict[str, dict[str, str] | None]] = {}
    for i, player in enumerate(tree.players):
        behaviour[player] = {}
        for s in tree.information_sets(i):
            dist = profile.probabilities[s.index]
            behaviour[player][s.key] = (
                None if dist is None else {a: str(p) for a, p in zip(s.actions, dist, strict=True)}
            )
    return {
        "behaviour": behaviour,
        "payoffs": {p: str(v) for p, v in zip(tree.players, profile.payoffs, strict=True)},
        "outcome": {"/".join(path): str(q) for path, q in profile.outcome.items() if q},
    }


def _exact(values: tuple[Any, ...]) -> list[Fraction]:
    return [v if isinstance(v, Fraction) else Fraction(v) for v in values]
