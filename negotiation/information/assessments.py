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
from ..trees.nodes import Path, where_words
from ..trees.regret import _continuation_value, _first_sets, _plans_from, pure_profiles
from ._signalling_vertices import behaviour_profile, extreme_equilibria
from .beliefs import belief_polytope
from .signalling import signalling_structure

__all__ = [
    "Assessment",
    "AssessmentSolution",
    "PerfectBayesianCheck",
    "check_weak_perfect_bayesian",
    "pure_weak_perfect_bayesian",
    "weak_perfect_bayesian",
]


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
    tree.require_two_players("weak_perfect_bayesian() (it starts from nash_equilibria())")
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


# --- checking one profile, any number of players ------------------------------------------------


@dataclass(frozen=True)
class PerfectBayesianCheck:
    """Whether a behaviour profile is a weak perfect Bayesian equilibrium, and why (not).

    Attributes
    ----------
    profile : BehaviourProfile
    beliefs : dict
        At each information set of several nodes that play reaches: ``{node: probability}``
        by Bayes' rule (sets keyed by :attr:`InformationSet.key`).
    off_path : dict
        At each set of several nodes that play never reaches (and that was checked
        before a failure, if any): the vertices of the polytope of beliefs under which
        the player's play from there on is a best response (each ``{node: probability}``).
    information_set : InformationSet or None
        Where the profile fails (the first such set from the end of the game back);
        ``None`` when it is an equilibrium.
    action : str or None
        The move there that no belief (or, where play reaches, Bayes' rule's belief)
        justifies; ``None`` when it is an equilibrium.
    reason : str
        In words; empty when it is an equilibrium.
    """

    profile: BehaviourProfile
    beliefs: dict[str, dict[Path, Fraction]]
    off_path: dict[str, tuple[dict[Path, Fraction], ...]]
    information_set: InformationSet | None = None
    action: str | None = None
    reason: str = ""

    @property
    def equilibrium(self) -> bool:
        """True when the profile is a weak perfect Bayesian equilibrium."""
        return self.information_set is None

    def __bool__(self) -> bool:
        return self.equilibrium

    def assessment(self) -> Assessment:
        """The equilibrium as an :class:`Assessment` (raises ValueError, with the reason, if it is none)."""
        if not self.equilibrium:
            raise ValueError(f"not a perfect Bayesian equilibrium: {self.reason}")
        return Assessment(self.profile, self.beliefs, self.off_path)

    def belief_range(self, node: Path) -> tuple[Fraction, Fraction]:
        """The lowest and highest belief in ``node`` (a path) that the equilibrium allows.

        One number twice where Bayes' rule fixes it (1 at a set of one node).

        Raises
        ------
        ValueError
            If the profile is not an equilibrium, or ``node`` is not a decision node.
        """
        belief = self.assessment().belief(tuple(node))
        return belief if isinstance(belief, tuple) else (belief, belief)


def _move_words(s: InformationSet, dist: tuple[Fraction, ...]) -> str:
    played = [(a, p) for a, p in zip(s.actions, dist, strict=True) if p]
    if len(played) == 1:
        return played[0][0]
    return "the mix " + ", ".join(f"{a} {format_number(p)}" for a, p in played)


def _set_words(s: InformationSet) -> str:
    where = f"information set {s.label!r}" if s.label else f"node {where_words(s.nodes[0])}"
    return f"{s.player}'s {where}"


def _plan_text(tree: GameTree, plan: dict[int, int]) -> str:
    parts = []
    for h in sorted(plan):
        t = tree.information_sets()[h]
        where = repr(t.label) if t.label else where_words(t.nodes[0])
        parts.append(f"{t.actions[plan[h]]} {where}")
    return "; ".join(parts)


def check_weak_perfect_bayesian(tree: GameTree, profile: BehaviourProfile) -> PerfectBayesianCheck:
    """Whether a behaviour profile of a tree with any number of players is a weak perfect Bayesian equilibrium.

    A profile is a weak perfect Bayesian equilibrium [FudenbergTirole1991]_ (Mas-Colell,
    Whinston and Green 1995, definition 9.C.3) when, for some beliefs, every player's
    play from every information set on is a best response to the belief there and to
    the others' play, and beliefs follow Bayes' rule at every set that play reaches.
    Where play reaches a set, Bayes' rule fixes the belief and the player's play from
    there on is checked against every pure continuation. Where it does not, any
    belief will do: the set of beliefs that make the play a best response is a
    polytope, found exactly by its vertices
    (:func:`~negotiation.information.beliefs.belief_polytope`, one constraint per pure
    continuation), and the profile fails there when it is empty. Sets are checked
    from the end of the game back, so a failure is reported where it starts.

    Parameters
    ----------
    tree : GameTree
        Exact (rational) payoffs and probabilities; two or more players.
    profile : BehaviourProfile
        A profile of ``tree`` that gives behaviour at every information set, reached or not.

    Returns
    -------
    PerfectBayesianCheck
        True-ish when the profile is an equilibrium; with the beliefs (exact on the
        path, vertices off it), or the information set and the move no belief justifies.

    Raises
    ------
    TypeError
        If ``tree`` is not a GameTree or ``profile`` not a BehaviourProfile.
    ValueError
        If ``profile`` belongs to another tree, leaves an information set open, or the
        tree has parameters or irrational numbers.

    Examples
    --------
    Selten's horse: player 1 going down (D), player 3 playing L, held up by player 2's
    plan c, is a Nash equilibrium but not perfect Bayesian, since player 2 would play d:

    >>> from negotiation.trees import BehaviourProfile
    >>> from negotiation.trees.examples import selten_horse
    >>> horse = selten_horse()
    >>> def pure(one, two, three):
    ...     return BehaviourProfile(horse, {"Player 1": {(): {one: 1}},
    ...         "Player 2": {("C",): {two: 1}}, "Player 3": {"after D or C, d": {three: 1}}})
    >>> check = check_weak_perfect_bayesian(horse, pure("D", "c", "L"))
    >>> bool(check), check.information_set.name, check.action
    (False, "Player 2 at ('C',)", 'c')
    >>> print(check.reason)
    Player 2's node after C is never reached, and no belief there makes c (with the play that follows) a best response: d after C gives 4 instead of 1.

    Continuing (C, c) with player 3 playing R is one, for every belief of player 3 that
    puts at most 1/3 on D:

    >>> check = check_weak_perfect_bayesian(horse, pure("C", "c", "R"))
    >>> bool(check), check.belief_range(("D",))
    (True, (Fraction(0, 1), Fraction(1, 3)))
    """
    if not isinstance(tree, GameTree):
        raise TypeError(
            f"check_weak_perfect_bayesian() needs a GameTree, got {type(tree).__name__}"
        )
    if not isinstance(profile, BehaviourProfile):
        raise TypeError(
            f"check_weak_perfect_bayesian() needs a BehaviourProfile, got "
            f"{type(profile).__name__} {profile!r}"
        )
    if profile.tree != tree:
        raise ValueError(f"the profile belongs to another tree ({profile.tree!r}), not to {tree!r}")
    tree.require_numeric("check_weak_perfect_bayesian()")
    if not tree.exact:
        raise ValueError(
            "check_weak_perfect_bayesian() needs exact (rational) payoffs and probabilities, "
            "but this tree has irrational ones (kept as floats)"
        )
    sets = tree.information_sets()
    probs = profile.probabilities
    for s in sets:
        if probs[s.index] is None:
            raise ValueError(
                f"the profile says nothing about {_set_words(s)} ({s.name!r}); a perfect "
                f"Bayesian equilibrium gives behaviour at every information set, reached or "
                f"not, so give its action probabilities"
            )
    beliefs: dict[str, dict[Path, Fraction]] = {}
    off_path: dict[str, tuple[dict[Path, Fraction], ...]] = {}
    index = tree._path_index
    for s in sorted(sets, key=lambda s: (-max(len(p) for p in s.nodes), s.index)):
        i = tree.players.index(s.player)
        dist = probs[s.index]
        assert dist is not None
        move = _move_words(s, dist)
        ks = [index[n] for n in s.nodes]
        plans = _plans_from(tree, i, _first_sets(tree, i, ks))
        own = {n: _continuation_value(tree, probs, i, k) for n, k in zip(s.nodes, ks, strict=True)}
        others = [
            {
                n: _continuation_value(tree, probs, i, k, plan)
                for n, k in zip(s.nodes, ks, strict=True)
            }
            for plan in plans
        ]
        reach = [Fraction(profile.reach(n)) for n in s.nodes]
        total = sum(reach, Fraction(0))
        if total:
            mu = {n: r / total for n, r in zip(s.nodes, reach, strict=True)}
            if len(s.nodes) > 1:
                beliefs[s.key] = mu
            value = sum((mu[n] * own[n] for n in s.nodes), Fraction(0))
            scores = [sum((mu[n] * v[n] for n in s.nodes), Fraction(0)) for v in others]
            best = max(range(len(plans)), key=lambda j: scores[j])
            if scores[best] > value:
                shown = ", ".join(f"{' → '.join(n)} {format_number(mu[n])}" for n in s.nodes)
                belief = f" with the belief Bayes' rule gives ({shown})" if len(s.nodes) > 1 else ""
                reason = (
                    f"{_set_words(s)} is reached with probability {format_number(total)}, "
                    f"and{belief} {move} (with the play that follows) is not a best response: "
                    f"{_plan_text(tree, plans[best])} gives {format_number(scores[best])} "
                    f"instead of {format_number(value)}."
                )
                return PerfectBayesianCheck(profile, beliefs, off_path, s, move, reason)
            continue
        labels = ["played", *(f"plan {j}" for j in range(len(plans)))]
        values: dict[tuple[Path, str], Fraction] = {}
        for n in s.nodes:
            values[(n, "played")] = own[n]
            for j, v in enumerate(others):
                values[(n, f"plan {j}")] = v[n]
        vertices = belief_polytope(s.nodes, labels, values, ["played"])
        if not vertices:
            if len(s.nodes) == 1:
                n = s.nodes[0]
                best = max(range(len(plans)), key=lambda j: others[j][n])
                why = (
                    f"{_plan_text(tree, plans[best])} gives {format_number(others[best][n])} "
                    f"instead of {format_number(own[n])}"
                )
            else:
                why = "at every belief some other play does better"
            reason = (
                f"{_set_words(s)} is never reached, and no belief there makes {move} (with the "
                f"play that follows) a best response: {why}."
            )
            return PerfectBayesianCheck(profile, beliefs, off_path, s, move, reason)
        if len(s.nodes) > 1:
            off_path[s.key] = tuple(dict(zip(s.nodes, v, strict=True)) for v in vertices)
    return PerfectBayesianCheck(profile, beliefs, off_path)


def pure_weak_perfect_bayesian(tree: GameTree) -> tuple[Assessment, ...]:
    """Every pure-strategy weak perfect Bayesian equilibrium of a tree with any number of players.

    Complete for pure profiles: every profile with one action at every information
    set (:func:`~negotiation.trees.pure_profiles`) is checked with
    :func:`check_weak_perfect_bayesian`, and each equilibrium comes with its beliefs
    (exact where play goes, the vertices of the supporting beliefs elsewhere).

    Raises
    ------
    TypeError
        If ``tree`` is not a GameTree.
    ValueError
        If the tree has parameters or irrational numbers, or more than
        :data:`~negotiation.trees.regret.MAX_PROFILES` pure profiles.

    Examples
    --------
    >>> from negotiation.trees.examples import selten_horse
    >>> for a in pure_weak_perfect_bayesian(selten_horse()):
    ...     print(a.describe())
    Player 1: C at the start. Player 2: c after C. Player 3: R after D or C, d.
    At 'after D or C, d' (never reached), the move is justified by beliefs C → d 2/3 to 1, D 0 to 1/3.
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"pure_weak_perfect_bayesian() needs a GameTree, got {type(tree).__name__}")
    found = []
    for profile in pure_profiles(tree):
        check = check_weak_perfect_bayesian(tree, profile)
        if check:
            found.append(check.assessment())
    return tuple(found)
