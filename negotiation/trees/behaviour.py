"""Behaviour strategies: a probability for each action at each information set.

In a tree a player can randomise in two ways: pick a whole plan at random (a
*mixed strategy* over the rows or columns of :func:`~negotiation.trees.to_bimatrix`),
or decide at each information set, when it is reached, with given probabilities
(a *behaviour strategy*). Kuhn's theorem [Kuhn1953]_ says that with perfect
recall the two are equally powerful: every mixed strategy has a
*realisation-equivalent* behaviour strategy (one that reaches every leaf with the
same probability against anything the others do) and vice versa.
:meth:`BehaviourProfile.from_mixed` and :meth:`BehaviourProfile.to_mixed` convert.

A mixed strategy that never reaches an information set of the player's own
says nothing about what to do there; the behaviour strategy leaves such a set
open (``None``), and any choice there is realisation-equivalent.

>>> from negotiation.trees import BehaviourProfile
>>> from negotiation.trees.examples import beer_quiche
>>> tree = beer_quiche()
>>> both_beer = BehaviourProfile(tree, {
...     "Sender": {("strong",): {"beer": 1}, ("weak",): {"beer": 1}},
...     "Receiver": {"after beer": {"don't": 1}, "after quiche": {"duel": 1}},
... })
>>> both_beer.payoffs
(Fraction(29, 10), Fraction(9, 10))
>>> both_beer.outcome[("weak", "beer", "don't")]
Fraction(1, 10)

References
----------
.. [Kuhn1953] H. W. Kuhn, "Extensive games and the problem of information", in
   *Contributions to the Theory of Games II*, Princeton University Press, 1953.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..core._numbers import Number, format_number, to_exact
from ._backward import NumericTree, fast, slow
from .nodes import Path, where_words
from .strategies import _plans
from .tree import GameTree, InformationSet

__all__ = ["BehaviourProfile"]

Probabilities = tuple[Fraction, ...] | None


class BehaviourProfile:
    """A behaviour strategy for each player of a tree, with what it leads to.

    Parameters
    ----------
    tree : GameTree
        Payoffs and chance probabilities must be numbers.
    strategies : mapping
        ``{player: {information set: {action: probability}}}``. An information set
        is named by its label or, for a set of one node, by
        :attr:`InformationSet.name` (``"US at ('Hint',)"``) or the node's path.
        Actions left out get probability 0; a set left out, or given as ``None``,
        is open (allowed only where it cannot be reached). Probabilities are
        kept exactly.

    Raises
    ------
    TypeError, ValueError
        For an unknown player, information set or action, a probability outside
        [0, 1], probabilities at a set that do not add up to 1, or an open set
        that play reaches (each message names the set).

    Attributes
    ----------
    tree : GameTree
    probabilities : tuple
        One entry per information set of the tree, in tree order: the action
        probabilities, or ``None`` for an open set.
    """

    __slots__ = ("_outcome", "_payoffs", "_reach", "probabilities", "tree")

    def __init__(
        self,
        tree: GameTree,
        strategies: Mapping[str, Mapping[Any, Mapping[str, Any] | None]],
    ) -> None:
        if not isinstance(tree, GameTree):
            raise TypeError(f"BehaviourProfile needs a GameTree, got {type(tree).__name__}")
        tree.require_numeric("a behaviour strategy")
        if not isinstance(strategies, Mapping):
            raise TypeError(
                f"strategies must be a mapping {{player: {{information set: {{action: "
                f"probability}}}}}}, got {type(strategies).__name__}"
            )
        probs: list[Probabilities] = [None] * len(tree.information_sets())
        for player, sets in strategies.items():
            i = tree._player_index(player)
            if not isinstance(sets, Mapping):
                raise TypeError(
                    f"the strategy of {tree.players[i]} must be a mapping {{information set: "
                    f"{{action: probability}}}}, got {type(sets).__name__}"
                )
            for key, dist in sets.items():
                s = _find_set(tree, i, key)
                probs[s.index] = None if dist is None else _distribution(s, dist)
        self._init(tree, tuple(probs))

    @classmethod
    def _of(cls, tree: GameTree, probabilities: Sequence[Probabilities]) -> BehaviourProfile:
        """A profile from its probabilities per information set (tree order), already checked."""
        self = cls.__new__(cls)
        self._init(tree, tuple(probabilities))
        return self

    def _init(self, tree: GameTree, probabilities: tuple[Probabilities, ...]) -> None:
        self.tree = tree
        self.probabilities = probabilities
        num = NumericTree(tree, "a behaviour strategy")
        reach: list[Any] = [0] * len(tree._kind)
        reach[0] = 1
        for k in range(len(tree._kind)):
            r = reach[k]
            if r == 0 or tree._kind[k] == GameTree.TERMINAL:
                continue
            if tree._kind[k] == GameTree.CHANCE:
                step = num.probs[k]
            else:
                s = tree._isets[tree._iset[k]]
                dist = probabilities[s.index]
                if dist is None:
                    raise ValueError(
                        f"{s.player}'s information set {s.name!r} is reached with probability "
                        f"{format_number(slow(r))} at {tree._paths[k]!r} but has no action "
                        f"probabilities; give them"
                    )
                step = tuple(fast(p) for p in dist)
            for c, p in zip(tree._children[k], step, strict=True):
                reach[c] = r * p
        self._reach: tuple[Number, ...] = tuple(slow(r) for r in reach)
        leaves = [k for k in range(len(tree._kind)) if tree._kind[k] == GameTree.TERMINAL]
        self._outcome = {tree._paths[k]: self._reach[k] for k in leaves}
        totals: list[Any] = [0] * len(tree.players)
        for k in leaves:
            if reach[k]:
                r = reach[k]
                for j, u in enumerate(num.payoffs[k]):
                    totals[j] += r * u
        self._payoffs = tuple(slow(t) for t in totals)

    # --- conversions ------------------------------------------------------------------
    @classmethod
    def from_mixed(cls, tree: GameTree, row: Sequence[Any], col: Sequence[Any]) -> BehaviourProfile:
        """The realisation-equivalent behaviour profile of mixed strategies over reduced strategies.

        ``row`` and ``col`` are probabilities over the rows and columns of
        :func:`~negotiation.trees.to_bimatrix` (the players' reduced strategies).
        At an information set that the player's own mix never reaches the
        behaviour is left open (Kuhn's construction divides by zero there).

        Examples
        --------
        >>> from negotiation.trees.examples import beer_quiche
        >>> from negotiation.trees import BehaviourProfile
        >>> b = BehaviourProfile.from_mixed(beer_quiche(), [1, 0, 0, 0], [0, 0, 1, 0])
        >>> b.action_probabilities("Sender")
        {"Sender at ('strong',)": {'beer': Fraction(1, 1), 'quiche': Fraction(0, 1)}, "Sender at ('weak',)": {'beer': Fraction(1, 1), 'quiche': Fraction(0, 1)}}
        """
        if not isinstance(tree, GameTree):
            raise TypeError(f"from_mixed() needs a GameTree, got {type(tree).__name__}")
        tree.require_two_players("from_mixed() (mixed strategies over rows and columns)")
        probs: list[Probabilities] = [None] * len(tree.information_sets())
        for i, mix in enumerate((row, col)):
            plans = _plans(tree, i)
            weights = _mixture(mix, len(plans), tree.players[i])
            for s in tree.information_sets(i):
                rep = tree._path_index[s.nodes[0]]
                mass = [Fraction(0)] * len(s.actions)
                for plan, w in zip(plans, weights, strict=True):
                    if w:
                        a = dict(plan).get(rep)
                        if a is not None:
                            mass[a] += w
                total = sum(mass)
                probs[s.index] = tuple(m / total for m in mass) if total else None
        return cls._of(tree, probs)

    def to_mixed(self) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """Realisation-equivalent mixed strategies over the players' reduced strategies.

        A reduced strategy gets the product of the behaviour probabilities of its
        choices. An open information set is treated as choosing its first action
        (any choice there is realisation-equivalent).

        Examples
        --------
        >>> from negotiation.trees.examples import beer_quiche
        >>> from negotiation.trees import BehaviourProfile
        >>> b = BehaviourProfile.from_mixed(beer_quiche(), [1, 0, 0, 0], [0, 0, 1, 0])
        >>> b.to_mixed()[1]
        (Fraction(0, 1), Fraction(0, 1), Fraction(1, 1), Fraction(0, 1))
        """
        self.tree.require_two_players("to_mixed() (mixed strategies over rows and columns)")
        out = []
        for i in (0, 1):
            weights = []
            for plan in _plans(self.tree, i):
                w = Fraction(1)
                for rep, a in plan:
                    dist = self.probabilities[self.tree._iset[rep]]
                    w *= (1 if a == 0 else 0) if dist is None else dist[a]
                weights.append(w)
            out.append(tuple(weights))
        return out[0], out[1]

    # --- what it leads to -------------------------------------------------------------
    @property
    def payoffs(self) -> tuple[Number, ...]:
        """Each player's expected payoff."""
        return self._payoffs

    @property
    def outcome(self) -> dict[Path, Number]:
        """The probability of reaching every leaf, by its path (the *outcome* of the profile)."""
        return dict(self._outcome)

    def reach(self, where: Path | Sequence[str] | str) -> Number:
        """The probability that play reaches a node.

        Examples
        --------
        >>> from negotiation.trees.examples import beer_quiche
        >>> from negotiation.trees import BehaviourProfile
        >>> b = BehaviourProfile.from_mixed(beer_quiche(), [1, 0, 0, 0], [0, 0, 1, 0])
        >>> b.reach(("weak", "beer")), b.reach(("weak", "quiche"))
        (Fraction(1, 10), Fraction(0, 1))
        """
        return self._reach[self.tree._index(where)]

    def at(self, information_set: Any, player: str | int | None = None) -> dict[str, Number] | None:
        """The action probabilities at an information set (by label, name or a node's path)."""
        if player is None:
            s = _find_any_set(self.tree, information_set)
        else:
            s = _find_set(self.tree, self.tree._player_index(player), information_set)
        dist = self.probabilities[s.index]
        return None if dist is None else dict(zip(s.actions, dist, strict=True))

    def action_probabilities(self, player: str | int) -> dict[str, dict[str, Number] | None]:
        """``{information set name: {action: probability}}`` for one player (``None`` if open)."""
        i = self.tree._player_index(player)
        out: dict[str, dict[str, Number] | None] = {}
        for s in self.tree.information_sets(i):
            dist = self.probabilities[s.index]
            out[s.name] = None if dist is None else dict(zip(s.actions, dist, strict=True))
        return out

    def describe(self) -> str:
        """Who does what, in words.

        Examples
        --------
        >>> from negotiation.trees.examples import beer_quiche
        >>> from negotiation.trees import BehaviourProfile
        >>> b = BehaviourProfile.from_mixed(beer_quiche(), [1, 0, 0, 0], [0, 0, 1, 0])
        >>> print(b.describe())
        Sender: beer after strong; beer after weak. Receiver: don't after beer; duel after quiche.
        """
        parts = []
        for i, player in enumerate(self.tree.players):
            moves = []
            for s in self.tree.information_sets(i):
                dist = self.probabilities[s.index]
                where = s.label if s.label else where_words(s.nodes[0])
                if dist is None:
                    moves.append(f"anything {where} (never reached by {player}'s own play)")
                    continue
                played = [(a, p) for a, p in zip(s.actions, dist, strict=True) if p]
                if len(played) == 1:
                    moves.append(f"{played[0][0]} {where}")
                else:
                    mix = ", ".join(f"{a} {format_number(p)}" for a, p in played)
                    moves.append(f"mixes {mix} {where}")
            if moves:
                parts.append(f"{player}: " + "; ".join(moves) + ".")
        return " ".join(parts)

    def _key(self) -> tuple[Any, ...]:
        return (self.tree, self.probabilities)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BehaviourProfile):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"<BehaviourProfile: {self.describe()}>"


# --- helpers ------------------------------------------------------------------------------


def _find_set(tree: GameTree, i: int, key: Any) -> InformationSet:
    sets = tree.information_sets(i)
    for s in sets:
        if key == s.label or key == s.name:
            return s
    if isinstance(key, tuple) or (isinstance(key, Sequence) and not isinstance(key, str)):
        path = tuple(key)
        for s in sets:
            if path in s.nodes:
                return s
    names = [s.name for s in sets]
    raise ValueError(
        f"{tree.players[i]} has no information set {key!r}; {tree.players[i]}'s information "
        f"sets are {names}"
    )


def _find_any_set(tree: GameTree, key: Any) -> InformationSet:
    found = []
    for i in range(len(tree.players)):
        try:
            found.append(_find_set(tree, i, key))
        except ValueError:
            continue
    if len(found) != 1:
        raise ValueError(
            f"{key!r} names {'no' if not found else 'more than one'} information set; "
            f"the information sets are {[s.name for s in tree.information_sets()]}"
        )
    return found[0]


def _distribution(s: InformationSet, dist: Any) -> tuple[Fraction, ...]:
    if not isinstance(dist, Mapping):
        raise TypeError(
            f"the probabilities at {s.player}'s information set {s.name!r} must be a mapping "
            f"{{action: probability}}, got {type(dist).__name__} {dist!r}"
        )
    probs = [Fraction(0)] * len(s.actions)
    for action, p in dist.items():
        if action not in s.actions:
            raise ValueError(
                f"{s.player}'s information set {s.name!r} has no action {action!r}; its actions "
                f"are {list(s.actions)}"
            )
        value = to_exact(p, f"the probability of {action!r} at {s.name!r}")
        if not isinstance(value, Fraction):
            value = Fraction(value)
        if not 0 <= value <= 1:
            raise ValueError(
                f"the probability of {action!r} at {s.player}'s information set {s.name!r} is "
                f"{format_number(value)}; expected a number between 0 and 1"
            )
        probs[s.actions.index(action)] = value
    if sum(probs) != 1:
        raise ValueError(
            f"the probabilities at {s.player}'s information set {s.name!r} add up to "
            f"{format_number(sum(probs))}, expected 1"
        )
    return tuple(probs)


def _mixture(mix: Sequence[Any], size: int, player: str) -> list[Fraction]:
    if isinstance(mix, str | bytes) or not isinstance(mix, Sequence):
        raise TypeError(f"{player}'s mixed strategy must be a sequence of probabilities")
    if len(mix) != size:
        raise ValueError(
            f"{player}'s mixed strategy has {len(mix)} probabilities; {player} has {size} "
            f"reduced strategies"
        )
    weights = []
    for k, p in enumerate(mix):
        v = to_exact(p, f"{player}'s probability {k}")
        weights.append(v if isinstance(v, Fraction) else Fraction(v))
    if any(w < 0 for w in weights) or sum(weights) != 1:
        raise ValueError(
            f"{player}'s mixed strategy must be non-negative and add up to 1, got "
            f"{[format_number(w) for w in weights]}"
        )
    return weights
