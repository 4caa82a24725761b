"""Perfect Bayesian equilibria of signalling games, classified, with the intuitive criterion.

A *perfect Bayesian equilibrium* (PBE) is a strategy for each player and a belief
after each message such that

* the sender's message is a best one for each of its types, given the receiver's play;
* the receiver's action after each message is a best response to its belief there;
* beliefs follow Bayes' rule after every message some type sends (on the path);
  after a message nobody sends (off the path), any belief will do.

In a signalling game every type is reached with positive probability, so the
sender's conditions are those of a Nash equilibrium; what PBE adds is that the
receiver's action after an unsent message must be a best response to *some*
belief. :func:`perfect_bayesian` therefore takes every extreme Nash equilibrium of
the game in behaviour strategies (exactly, by labelled vertices of the two
best-response polyhedra of the sequence form: Koller, Megiddo and von Stengel 1996),
keeps those whose off-path actions some belief supports, and states that belief as
a range (:func:`~negotiation.information.supporting_beliefs`). Each is classified as
*pooling* (every type sends the same message, so the receiver learns nothing),
*separating* (every type its own message: the message reveals the type),
*semi-separating* (some type mixes: the message shifts beliefs without revealing
the type) or *other* (partial pooling among three types or more), and put to
Cho and Kreps's intuitive criterion [ChoKreps1987]_.

Beer-quiche has two kinds of PBE, both pooling; only "both drink beer" survives
the intuitive criterion:

>>> from negotiation.information import perfect_bayesian
>>> from negotiation.trees.examples import beer_quiche
>>> result = perfect_bayesian(beer_quiche())
>>> [(eq.kind, eq.messages_sent(), eq.intuitive.passes) for eq in result if eq.pure]
[('pooling', ('beer',), True), ('pooling', ('quiche',), False)]

References
----------
.. [ChoKreps1987] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
   *Quarterly Journal of Economics* 102(2), 179-221, 1987.
.. [FudenbergTirole1991] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991,
   chapter 8 (perfect Bayesian equilibrium) and section 11.2 (the intuitive criterion).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from ..core._numbers import format_number
from ..trees import BehaviourProfile, GameTree
from ._signalling_vertices import behaviour_profile, extreme_equilibria
from .beliefs import BeliefSet, supporting_beliefs
from .signalling import SignallingStructure, signalling_structure

__all__ = [
    "IntuitiveCriterion",
    "PerfectBayesianEquilibrium",
    "PerfectBayesianSolution",
    "intuitive_criterion",
    "perfect_bayesian",
]

Kind = Literal["pooling", "separating", "semi-separating", "other"]


@dataclass(frozen=True)
class IntuitiveCriterion:
    """Cho and Kreps's test of an equilibrium's off-path beliefs.

    Attributes
    ----------
    passes : bool
    dominated : dict
        For each off-path message, the types for which it is *equilibrium-dominated*:
        the most it could bring them (against any best response to any belief) is
        less than what they get in the equilibrium.
    deviators : dict
        For each off-path message that breaks the test, the types that would surely
        gain by sending it once the receiver rules out the dominated types.
    explanation : str
        The reasoning, in words.
    """

    passes: bool
    dominated: dict[str, tuple[str, ...]]
    deviators: dict[str, tuple[str, ...]]
    explanation: str


@dataclass(frozen=True)
class PerfectBayesianEquilibrium:
    """One perfect Bayesian equilibrium of a signalling game (an extreme point).

    Attributes
    ----------
    structure : SignallingStructure
    profile : BehaviourProfile
        The strategies, as behaviour strategies of the tree.
    sender : dict
        ``{type: {message: probability}}``.
    receiver : dict
        ``{message: {action: probability}}``.
    beliefs : dict
        After each message sent: ``{type: probability}`` by Bayes' rule.
    off_path : dict
        After each message nobody sends: the beliefs under which the receiver's
        action there is a best response (a :class:`BeliefSet`).
    kind : str
        ``"pooling"``, ``"separating"``, ``"semi-separating"`` or ``"other"``.
    type_payoffs : dict
        Each type's expected payoff.
    receiver_payoff : Fraction
    intuitive : IntuitiveCriterion or None
        ``None`` when every message is sent (the test has nothing to check).
    """

    structure: SignallingStructure
    profile: BehaviourProfile
    sender: dict[str, dict[str, Fraction]]
    receiver: dict[str, dict[str, Fraction]]
    beliefs: dict[str, dict[str, Fraction]]
    off_path: dict[str, BeliefSet]
    kind: Kind
    type_payoffs: dict[str, Fraction]
    receiver_payoff: Fraction
    intuitive: IntuitiveCriterion | None

    @property
    def pure(self) -> bool:
        """True when nobody mixes."""
        return all(max(d.values()) == 1 for d in (*self.sender.values(), *self.receiver.values()))

    def messages_sent(self) -> tuple[str, ...]:
        """The messages some type sends, in the game's order."""
        return tuple(m for m in self.structure.messages if m in self.beliefs)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary, exact numbers as strings.

        ``behaviour``, ``payoffs`` and ``outcome`` as for a Nash equilibrium
        (:meth:`~negotiation.trees.ExtensiveEquilibrium.to_dict`); ``beliefs``,
        ``{receiver: {information set: {node: "p/q"}}}`` after every message sent (a
        node named by the actions from the root joined by ``/``, such as
        ``"weak/quiche"``); ``off_path_beliefs``, the same after every message not
        sent but with ``{"min": ..., "max": ...}`` for each node: the range of beliefs
        that support the receiver's action there; ``kind``; ``intuitive`` (true or
        false, or null when every message is sent) and ``explanation``.

        Examples
        --------
        >>> from negotiation.information import perfect_bayesian
        >>> from negotiation.trees.examples import beer_quiche
        >>> doc = perfect_bayesian(beer_quiche())[0].to_dict()
        >>> doc["kind"], doc["intuitive"], doc["beliefs"]["Receiver"]["after beer"]["weak/beer"]
        ('pooling', True, '1/10')
        >>> doc["off_path_beliefs"]["Receiver"]["after quiche"]["weak/quiche"]
        {'min': '1/2', 'max': '1'}
        """
        from ..trees.nash import profile_document

        s = self.structure
        doc = profile_document(self.profile)
        on: dict[str, dict[str, str]] = {}
        off: dict[str, dict[str, dict[str, str]]] = {}
        for m in s.messages:
            key = s.receiver_sets[m].key
            if m in self.beliefs:
                on[key] = {f"{t}/{m}": str(p) for t, p in self.beliefs[m].items()}
            else:
                ranges = {t: self.off_path[m].range(t) for t in s.types}
                off[key] = {
                    f"{t}/{m}": {"min": str(r[0]), "max": str(r[1])}
                    for t, r in ranges.items()
                    if r is not None
                }
        doc["beliefs"] = {s.receiver: on}
        doc["off_path_beliefs"] = {s.receiver: off}
        doc["kind"] = self.kind
        doc["intuitive"] = None if self.intuitive is None else self.intuitive.passes
        doc["explanation"] = self.describe()
        return doc

    def describe(self) -> str:
        """Who does what, what the receiver believes, and why, in words."""
        s = self.structure
        lines = [f"{self.kind.capitalize()}: {_sender_words(self)}"]
        moves = "; ".join(f"{_mix_words(self.receiver[m])} after {m}" for m in s.messages)
        lines.append(f"{s.receiver}: {moves}.")
        for m in s.messages:
            if m in self.beliefs:
                b = ", ".join(f"{t} {format_number(p)}" for t, p in self.beliefs[m].items())
                lines.append(f"After {m} (sent), {s.receiver} believes {b} (Bayes' rule).")
            else:
                lines.append(
                    f"After {m} (never sent), {_mix_words(self.receiver[m])} is a best response "
                    f"when {s.receiver} believes {self.off_path[m].describe()}."
                )
        pays = ", ".join(f"{t} {format_number(v)}" for t, v in self.type_payoffs.items())
        lines.append(
            f"Payoffs: {s.sender} {pays}; {s.receiver} {format_number(self.receiver_payoff)}."
        )
        if self.intuitive is not None:
            lines.append(self.intuitive.explanation)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()


class PerfectBayesianSolution:
    """Every perfect Bayesian equilibrium of a signalling game (extreme points).

    Attributes
    ----------
    structure : SignallingStructure
    equilibria : tuple of PerfectBayesianEquilibrium
    not_perfect_bayesian : tuple of BehaviourProfile
        Nash equilibria that are not PBE: the receiver's action after an unsent
        message is a best response to no belief at all.
    """

    def __init__(
        self,
        structure: SignallingStructure,
        equilibria: tuple[PerfectBayesianEquilibrium, ...],
        not_perfect_bayesian: tuple[BehaviourProfile, ...],
    ) -> None:
        self.structure = structure
        self.equilibria = equilibria
        self.not_perfect_bayesian = not_perfect_bayesian

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[PerfectBayesianEquilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> PerfectBayesianEquilibrium:
        return self.equilibria[k]

    def kinds(self) -> dict[str, int]:
        """How many equilibria of each kind."""
        out: dict[str, int] = {}
        for eq in self.equilibria:
            out[eq.kind] = out.get(eq.kind, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """``{"tree": {...}, "equilibria": [...]}`` (see :meth:`PerfectBayesianEquilibrium.to_dict`)."""
        tree = self.structure.tree
        return {
            "tree": {"title": tree.title, "players": list(tree.players)},
            "equilibria": [eq.to_dict() for eq in self.equilibria],
        }

    def summary(self) -> str:
        n = len(self.equilibria)
        head = f"{n} perfect Bayesian equilibri{'um' if n == 1 else 'a'} (extreme points):"
        body = ["  - " + eq.describe().replace("\n", "\n    ") for eq in self.equilibria]
        return "\n".join([head, *body])

    def __str__(self) -> str:
        return self.summary()


def perfect_bayesian(tree: GameTree) -> PerfectBayesianSolution:
    """Every perfect Bayesian equilibrium of a signalling game, exactly, classified and tested.

    Raises
    ------
    TypeError
        If ``tree`` is not a GameTree.
    ValueError
        If the tree is not a signalling game (the message says which node breaks the
        shape) or a payoff or probability still has a parameter.

    Notes
    -----
    The equilibria are the extreme points of the Nash equilibrium set in behaviour
    strategies (one distribution over messages per type, one over actions per
    message), found without the normal form, where the receiver would have one
    strategy per way of answering every message (``actions ** messages``). The
    work grows with the number of ways to choose supports: two types, three
    messages and three actions take a fraction of a second.

    Reported are the *extreme* equilibria: the whole set is made of the segments
    and faces between them where a player is indifferent. A perfect Bayesian
    equilibrium set need not be closed (an unsent message's best reply may be
    justified only while some type sends it with positive probability); only its
    points that are extreme Nash equilibria are listed.

    Examples
    --------
    >>> from negotiation.information import perfect_bayesian
    >>> from negotiation.trees.examples import beer_quiche
    >>> print(perfect_bayesian(beer_quiche())[0])  # doctest: +NORMALIZE_WHITESPACE
    Pooling: both types send beer.
    Receiver: don't after beer; duel after quiche.
    After beer (sent), Receiver believes strong 9/10, weak 1/10 (Bayes' rule).
    After quiche (never sent), duel is a best response when Receiver believes weak 1/2 to 1 (strong 0 to 1/2).
    Payoffs: Sender strong 3, weak 2; Receiver 9/10.
    Passes the intuitive criterion: quiche is equilibrium-dominated for strong, and after ruling strong out, no type would surely gain by sending it.
    """
    s = signalling_structure(tree)
    tree.require_numeric("perfect_bayesian()")
    kept: list[PerfectBayesianEquilibrium] = []
    rejected: list[BehaviourProfile] = []
    for sender, receiver in extreme_equilibria(s):
        profile = behaviour_profile(s, sender, receiver)
        pbe = _assess(s, profile)
        if pbe is None:
            rejected.append(profile)
        else:
            kept.append(pbe)
    kept.sort(
        key=lambda e: (
            not e.pure,
            ["pooling", "separating", "semi-separating", "other"].index(e.kind),
        )
    )
    return PerfectBayesianSolution(s, tuple(kept), tuple(rejected))


def _assess(s: SignallingStructure, profile: BehaviourProfile) -> PerfectBayesianEquilibrium | None:
    sender = {t: _as_fractions(profile.at((t,), s.sender)) for t in s.types}
    receiver = {
        m: _as_fractions(profile.at(s.receiver_sets[m].name, s.receiver)) for m in s.messages
    }
    prior = [Fraction(p) for p in s.prior]
    beliefs: dict[str, dict[str, Fraction]] = {}
    off_path: dict[str, BeliefSet] = {}
    for m in s.messages:
        mass = sum((p * sender[t][m] for t, p in zip(s.types, prior, strict=True)), Fraction(0))
        if mass:
            beliefs[m] = {t: p * sender[t][m] / mass for t, p in zip(s.types, prior, strict=True)}
        else:
            support = [a for a, q in receiver[m].items() if q]
            found = supporting_beliefs(s, m, support)
            if found.empty:
                return None
            off_path[m] = found
    type_payoffs = {
        t: sum(
            (
                sender[t][m] * q * Fraction(s.payoffs(t, m, a)[0])
                for m in s.messages
                for a, q in receiver[m].items()
            ),
            Fraction(0),
        )
        for t in s.types
    }
    receiver_payoff = sum(
        (
            p * sender[t][m] * q * Fraction(s.payoffs(t, m, a)[1])
            for t, p in zip(s.types, prior, strict=True)
            for m in s.messages
            for a, q in receiver[m].items()
        ),
        Fraction(0),
    )
    test = intuitive_criterion(s, type_payoffs, tuple(off_path)) if off_path else None
    return PerfectBayesianEquilibrium(
        structure=s,
        profile=profile,
        sender=sender,
        receiver=receiver,
        beliefs=beliefs,
        off_path=off_path,
        kind=_kind(s, sender),
        type_payoffs=type_payoffs,
        receiver_payoff=receiver_payoff,
        intuitive=test,
    )


def intuitive_criterion(
    s: SignallingStructure, type_payoffs: dict[str, Fraction], off_path: tuple[str, ...]
) -> IntuitiveCriterion:
    """Cho and Kreps's intuitive criterion for an equilibrium with these type payoffs.

    For each unsent message ``m``: the types for which ``m`` is equilibrium-dominated
    (even the receiver's kindest best response to any belief would leave them worse
    off than in the equilibrium) are ruled out. If some remaining type would get more
    than its equilibrium payoff from ``m`` against *every* best response to beliefs on
    the remaining types, the equilibrium fails: that type would send ``m`` and expect
    to be believed.
    """
    dominated: dict[str, tuple[str, ...]] = {}
    deviators: dict[str, tuple[str, ...]] = {}
    words: list[str] = []
    for m in off_path:
        anyone = _best_replies(s, m, s.types)
        out = tuple(
            t
            for t in s.types
            if max(Fraction(s.payoffs(t, m, a)[0]) for a in anyone) < type_payoffs[t]
        )
        dominated[m] = out
        rest = tuple(t for t in s.types if t not in out)
        if not out or not rest:
            continue
        replies = _best_replies(s, m, rest)
        gainers = tuple(
            t
            for t in rest
            if min(Fraction(s.payoffs(t, m, a)[0]) for a in replies) > type_payoffs[t]
        )
        if gainers:
            deviators[m] = gainers
            best = min(Fraction(s.payoffs(gainers[0], m, a)[0]) for a in replies)
            words.append(
                f"{m} is equilibrium-dominated for {_join(out)}, so {s.receiver} should believe "
                f"that whoever sends {m} is {_join(rest)}; then every best response gives "
                f"{gainers[0]} at least {format_number(best)} instead of "
                f"{format_number(type_payoffs[gainers[0]])}, so {gainers[0]} would send {m}"
            )
    if deviators:
        return IntuitiveCriterion(
            False, dominated, deviators, "Fails the intuitive criterion: " + "; ".join(words) + "."
        )
    ruled = [(m, ts) for m, ts in dominated.items() if ts]
    if ruled:
        text = (
            "Passes the intuitive criterion: "
            + "; ".join(
                f"{m} is equilibrium-dominated for {_join(ts)}, and after ruling "
                f"{_join(ts)} out, no type would surely gain by sending it"
                for m, ts in ruled
            )
            + "."
        )
    else:
        text = (
            "Passes the intuitive criterion: no unsent message is equilibrium-dominated for "
            "any type, so the test rules out no belief."
        )
    return IntuitiveCriterion(True, dominated, deviators, text)


def _best_replies(s: SignallingStructure, m: str, types: tuple[str, ...]) -> tuple[str, ...]:
    """The receiver's actions after ``m`` that are a best response to some belief on ``types``."""
    return tuple(a for a in s.actions[m] if not supporting_beliefs(s, m, [a], types).empty)


def _kind(s: SignallingStructure, sender: dict[str, dict[str, Fraction]]) -> Kind:
    mixes = [tuple(sender[t][m] for m in s.messages) for t in s.types]
    if len(set(mixes)) == 1:
        return "pooling"
    if all(max(d) == 1 for d in mixes):
        sent = [s.messages[d.index(Fraction(1))] for d in mixes]
        return "separating" if len(set(sent)) == len(sent) else "other"
    return "semi-separating"


def _as_fractions(dist: Mapping[str, Any] | None) -> dict[str, Fraction]:
    assert dist is not None  # every type and every receiver set is reachable by its own player
    return {k: Fraction(str(v)) if not isinstance(v, Fraction) else v for k, v in dist.items()}


def _mix_words(dist: dict[str, Fraction]) -> str:
    played = [(a, p) for a, p in dist.items() if p]
    if len(played) == 1:
        return played[0][0]
    return "mixes " + ", ".join(f"{a} {format_number(p)}" for a, p in played)


def _sender_words(eq: PerfectBayesianEquilibrium) -> str:
    s = eq.structure
    if eq.kind == "pooling" and eq.pure:
        (m,) = eq.messages_sent()
        return f"both types send {m}." if len(s.types) == 2 else f"every type sends {m}."
    parts = [
        f"{t} {_mix_words(eq.sender[t]) if max(eq.sender[t].values()) < 1 else 'sends ' + _mix_words(eq.sender[t])}"
        for t in s.types
    ]
    return "; ".join(parts) + "."


def _join(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
