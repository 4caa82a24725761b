"""Perfect Bayesian equilibrium in any finite tree: assessments, checked at every information set.

An *assessment* is a behaviour strategy for each player and a *belief* at each
information set (a probability for each of its nodes). It is a (weak) perfect
Bayesian equilibrium when every move is a best response to the belief at its set
and to the play that follows, and beliefs follow Bayes' rule at every set play
reaches with positive probability [FudenbergTirole1991]_; at a set play never
reaches, any belief will do, as long as some belief makes the move there optimal.

Subgame perfection cannot see inside an information set, so it keeps Nash
equilibria held up by a move that no belief justifies. Here Japan can settle, or
hint in one of two ways the US cannot tell apart; pressing is worse for the US
whatever Japan did, yet "Japan settles because the US would press" is a Nash
equilibrium, and subgame perfect too, since the game has no proper subgame but itself:

>>> from negotiation.trees import GameTree, decision, nash_equilibria, subgame_perfect_equilibria
>>> from negotiation.information import weak_perfect_bayesian
>>> tree = GameTree(("Japan", "US"), decision("Japan", {
...     "Settle": (1, 3),
...     "Hint softly": decision("US", {"Press": (0, 0), "Soften": (2, 2)}, information_set="after a hint"),
...     "Hint loudly": decision("US", {"Press": (0, 1), "Soften": (3, 2)}, information_set="after a hint"),
... }))
>>> len(subgame_perfect_equilibria(tree)) == len(nash_equilibria(tree))
True
>>> result = weak_perfect_bayesian(tree)
>>> [a.profile.describe() for a in result]
['Japan: Hint loudly at the start. US: Soften after a hint.']
>>> result.rejected[0].describe()
'Japan: Settle at the start. US: Press after a hint.'

:func:`weak_perfect_bayesian` checks every extreme Nash equilibrium of the tree
(:func:`~negotiation.trees.nash_equilibria`; a signalling game directly in
behaviour strategies, as :func:`~negotiation.information.perfect_bayesian` does): it fills the sets a player's own play
never reaches with a move that some belief justifies (working from the end of the
game back), computes beliefs by Bayes' rule where play goes, and at every other set
finds, exactly, every belief that justifies the move there (a polytope). This is
complete when every information set of several nodes is followed only by the end
of the game (signalling games, and the example above); in deeper trees a perfect
Bayesian equilibrium that mixes off the path inside a face of the Nash equilibria
may be missed, and each one reported is one nonetheless.

References
----------
.. [FudenbergTirole1991] D. Fudenberg and J. Tirole, "Perfect Bayesian equilibrium and
   sequential equilibrium", *Journal of Economic Theory* 53(2), 236-260, 1991.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core._numbers import format_number
from ..trees import BehaviourProfile, GameTree, InformationSet, nash_equilibria
from ..trees.nodes import Path
from ._signalling_vertices import behaviour_profile, extreme_equilibria
from .beliefs import belief_polytope
from .signalling import signalling_structure

__all__ = ["Assessment", "AssessmentSolution", "weak_perfect_bayesian"]


@dataclass(frozen=True)
class Assessment:
    """Behaviour strategies and beliefs that form a (weak) perfect Bayesian equilibrium.

    Attributes
    ----------
    profile : BehaviourProfile
        Every set's behaviour, including those nobody reaches.
    beliefs : dict
        At each information set of several nodes that play reaches: ``{node: probability}``
        by Bayes' rule (sets keyed by :attr:`InformationSet.key`).
    off_path : dict
        At each set of several nodes that play never reaches: the vertices of the
        polytope of beliefs that justify the move there (each ``{node: probability}``).
    """

    profile: BehaviourProfile
    beliefs: dict[str, dict[Path, Fraction]]
    off_path: dict[str, tuple[dict[Path, Fraction], ...]]

    def belief(self, node: Path, player: str | None = None) -> Fraction | tuple[Fraction, Fraction]:
        """The probability the mover puts on ``node`` within its information set.

        Exact by Bayes' rule where play reaches the set; off the path, the range
        ``(lowest, highest)`` of the beliefs that justify the move there. A node alone
        in its set has belief 1. With ``player``, the node must be that player's.

        Raises
        ------
        ValueError
            For a node that is not a decision node, or that belongs to another player
            than ``player`` (the message names the node and whose it is).
        """
        tree = self.profile.tree
        s = tree.information_set(node)
        if player is not None and s.player != player:
            raise ValueError(
                f"the node {tuple(node)!r} is {s.player}'s, not {player}'s: only the player who "
                f"moves at an information set holds a belief there"
            )
        if len(s.nodes) == 1:
            return Fraction(1)
        if s.key in self.beliefs:
            return self.beliefs[s.key][tuple(node)]
        return _ranges(self.off_path[s.key])[tuple(node)]

    def describe(self) -> str:
        """Who does what and what each believes, in words."""
        lines = [self.profile.describe()]
        for key, belief in self.beliefs.items():
            shown = ", ".join(f"{' → '.join(p)} {format_number(q)}" for p, q in belief.items())
            lines.append(f"At {key!r} (reached): {shown} (Bayes' rule).")
        for key, vertices in self.off_path.items():
            ranges = _ranges(vertices)
            shown = ", ".join(
                f"{' → '.join(p)} {format_number(lo)}"
                + ("" if lo == hi else f" to {format_number(hi)}")
                for p, (lo, hi) in ranges.items()
            )
            lines.append(f"At {key!r} (never reached), the move is justified by beliefs {shown}.")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: behaviour, payoffs and outcome (as for a Nash equilibrium), beliefs and off-path belief ranges."""
        from ..trees.nash import profile_document

        tree = self.profile.tree
        doc = profile_document(self.profile)
        owners = {s.key: s.player for s in tree.information_sets()}
        beliefs: dict[str, dict[str, dict[str, str]]] = {p: {} for p in tree.players}
        for key, belief in self.beliefs.items():
            beliefs[owners[key]][key] = {"/".join(n): str(q) for n, q in belief.items()}
        off: dict[str, dict[str, dict[str, dict[str, str]]]] = {p: {} for p in tree.players}
        for key, vertices in self.off_path.items():
            off[owners[key]][key] = {
                "/".join(n): {"min": str(lo), "max": str(hi)}
                for n, (lo, hi) in _ranges(vertices).items()
            }
        doc["beliefs"] = beliefs
        doc["off_path_beliefs"] = off
        doc["kind"] = "other"
        doc["intuitive"] = None
        doc["explanation"] = self.describe()
        return doc


class AssessmentSolution:
    """The perfect Bayesian equilibria found among a tree's extreme Nash equilibria.

    Attributes
    ----------
    tree : GameTree
    equilibria : tuple of Assessment
    rejected : tuple of BehaviourProfile
        Nash equilibria in which some move off the path is justified by no belief.
    """

    def __init__(
        self,
        tree: GameTree,
        equilibria: tuple[Assessment, ...],
        rejected: tuple[BehaviourProfile, ...],
    ) -> None:
        self.tree = tree
        self.equilibria = equilibria
        self.rejected = rejected

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Assessment]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> Assessment:
        return self.equilibria[k]

    def to_dict(self) -> dict[str, Any]:
        return {
            "tree": {"title": self.tree.title, "players": list(self.tree.players)},
            "equilibria": [a.to_dict() for a in self.equilibria],
        }

    def summary(self) -> str:
        n = len(self.equilibria)
        head = f"{n} perfect Bayesian equilibri{'um' if n == 1 else 'a'} (extreme points):"
        lines = [head, *("  - " + a.describe().replace("\n", "\n    ") for a in self.equilibria)]
        if self.rejected:
            lines.append(
                f"{len(self.rejected)} Nash equilibri{'um is' if len(self.rejected) == 1 else 'a are'} "
                "not perfect Bayesian (a move off the path that no belief justifies):"
            )
            lines += [f"  - {p.describe()}" for p in self.rejected]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def weak_perfect_bayesian(tree: GameTree) -> AssessmentSolution:
    """The (weak) perfect Bayesian equilibria of a finite tree among its extreme Nash equilibria.

    Raises
    ------
    TypeError
        If ``tree`` is not a GameTree.
    ValueError
        If a payoff or probability still has a parameter, or the normal form is too large.
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"weak_perfect_bayesian() needs a GameTree, got {type(tree).__name__}")
    found: list[Assessment] = []
    seen: set[BehaviourProfile] = set()
    rejected: list[BehaviourProfile] = []
    for profile in _extreme_nash(tree):
        assessment = _assess(tree, profile)
        if assessment is None:
            rejected.append(profile)
        elif assessment.profile not in seen:
            seen.add(assessment.profile)
            found.append(assessment)
    return AssessmentSolution(tree, tuple(found), tuple(rejected))


def _extreme_nash(tree: GameTree) -> list[BehaviourProfile]:
    """The extreme Nash equilibria in behaviour strategies.

    A signalling game is solved directly in behaviour strategies (its normal form
    grows as ``actions ** messages``); any other tree through its reduced normal form.
    """
    tree.require_numeric("weak_perfect_bayesian()")
    try:
        s = signalling_structure(tree)
    except ValueError:
        return [eq.profile for eq in nash_equilibria(tree)]
    return [behaviour_profile(s, x, y) for x, y in extreme_equilibria(s)]


def _assess(tree: GameTree, profile: BehaviourProfile) -> Assessment | None:
    probs = list(profile.probabilities)
    sets = tree.information_sets()
    # Fill the sets a player's own play never reaches, from the end of the game back.
    for s in sorted(sets, key=lambda s: -min(len(p) for p in s.nodes)):
        if probs[s.index] is None:
            values = _values(tree, probs, s)
            vertex = belief_polytope(s.nodes, s.actions, values, [s.actions[0]])
            best = s.actions[0]
            if not vertex:  # the first action is justified by no belief: take one that is
                best = next(
                    a for a in s.actions if belief_polytope(s.nodes, s.actions, values, [a])
                )
            probs[s.index] = tuple(Fraction(int(a == best)) for a in s.actions)
    filled = BehaviourProfile._of(tree, probs)
    beliefs: dict[str, dict[Path, Fraction]] = {}
    off_path: dict[str, tuple[dict[Path, Fraction], ...]] = {}
    for s in sets:
        dist = probs[s.index]
        assert dist is not None
        support = [a for a, p in zip(s.actions, dist, strict=True) if p]
        reach = [Fraction(filled.reach(n)) for n in s.nodes]
        total = sum(reach, Fraction(0))
        values = _values(tree, probs, s)
        if total:
            mu = tuple(r / total for r in reach)
            if len(s.nodes) > 1:
                beliefs[s.key] = dict(zip(s.nodes, mu, strict=True))
            # Nash makes the move optimal wherever play goes; checked, not assumed.
            expected = {
                a: sum((m * values[(n, a)] for n, m in zip(s.nodes, mu, strict=True)), Fraction(0))
                for a in s.actions
            }
            top = max(expected.values())
            if any(expected[a] != top for a in support):
                return None
            continue
        vertices = belief_polytope(s.nodes, s.actions, values, support)
        if not vertices:
            return None
        if len(s.nodes) > 1:
            off_path[s.key] = tuple(dict(zip(s.nodes, v, strict=True)) for v in vertices)
    return Assessment(filled, beliefs, off_path)


def _values(
    tree: GameTree, probs: list[Any], s: InformationSet
) -> dict[tuple[Path, str], Fraction]:
    """The mover's expected payoff of each action at each node of ``s``, play continuing by ``probs``."""
    i = tree.players.index(s.player)
    out = {}
    for node in s.nodes:
        for a in s.actions:
            out[(node, a)] = _continuation(tree, probs, (*node, a), i)
    return out


def _continuation(tree: GameTree, probs: list[Any], path: Path, i: int) -> Fraction:
    node = tree.node(path)
    kind = tree._kind[tree._path_index[path]]
    if kind == GameTree.TERMINAL:
        return Fraction(node.payoffs[i])  # type: ignore[union-attr]
    if kind == GameTree.CHANCE:
        dist: Any = node.probabilities  # type: ignore[union-attr]
    else:
        dist = probs[tree.information_set(path).index]
        if dist is None:  # a set below that is not filled yet: its first action, for now
            dist = tuple(Fraction(int(k == 0)) for k in range(len(node.actions)))  # type: ignore[union-attr]
    total = Fraction(0)
    for a, p in zip(node.actions, dist, strict=True):  # type: ignore[union-attr]
        if p:
            total += Fraction(p) * _continuation(tree, probs, (*path, a), i)
    return total


def _ranges(vertices: tuple[dict[Path, Fraction], ...]) -> dict[Path, tuple[Fraction, Fraction]]:
    nodes = list(vertices[0])
    return {n: (min(v[n] for v in vertices), max(v[n] for v in vertices)) for n in nodes}
