"""From a tree to its normal form, and the Nash equilibria that rest on empty threats.

A *pure strategy* in a tree is a complete plan of actions. Plans that differ
only at nodes the player's **own** earlier moves rule out lead to the same play
against everything the other player might do, so the *reduced normal form*
merges them [Kuhn1953]_ (Osborne and Rubinstein 1994, section 6.1): in Selten's
entry game the incumbent has the two strategies Fight and Accommodate, and in a
game where Japan either accepts or plays its Treasury card and then decides
whether to sell, Japan's reduced strategies are ``Accept``, ``Card, Sell`` and
``Card, Don't sell`` (there is no ``Accept, Sell``).

With the normal form as a :class:`~negotiation.BimatrixGame`,
:func:`~negotiation.solve` finds **every** Nash equilibrium of the tree. Some
of them are not subgame perfect: they hold only because a player threatens an
action that they would not take if the moment came. :func:`nash_vs_spe` lists
these and names the non-credible threat each relies on.

>>> from negotiation.trees import GameTree, decision, nash_vs_spe, to_bimatrix
>>> entry = GameTree(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": (1, 5),
...     "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
... }))
>>> print(to_bimatrix(entry))
Entrant \\ Incumbent | Fight  | Accommodate
Out                 |  1, 5  |     1, 5
In                  | -1, -1 |     2, 2
>>> report = nash_vs_spe(entry)
>>> print(report.not_subgame_perfect[0].threats[0].describe())
Incumbent's plan to Fight after In is an empty threat: if that point were reached, Incumbent would rather Accommodate (2 instead of -1).

References
----------
.. [Kuhn1953] H. W. Kuhn, "Extensive games and the problem of information", in
   *Contributions to the Theory of Games II*, Princeton University Press, 1953.
.. [OsborneRubinstein1994] M. J. Osborne and A. Rubinstein, *A Course in Game
   Theory*, MIT Press, 1994, chapter 6.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core._numbers import Number, format_number
from ..core.game import BimatrixGame
from ..normal_form.equilibria import Equilibrium, Solution, solve
from ._backward import NumericTree, fast, slow, value_sets
from .nodes import Path, where_words
from .spe import SubgamePerfectSolution, subgame_perfect
from .strategies import Plan, _labels, _plans, _reachable_leaves
from .tree import GameTree

__all__ = [
    "NashVsSpe",
    "NonCredibleEquilibrium",
    "Threat",
    "nash_vs_spe",
    "to_bimatrix",
]


def _leaf_weights(num: NumericTree) -> dict[int, tuple[Any, Any]]:
    """Each leaf's payoffs times the probability that chance leads to it."""
    weight: list[Any] = [1] * len(num.kind)
    out: dict[int, tuple[Any, Any]] = {}
    for k in range(len(num.kind)):
        par = num.parent[k]
        if par >= 0 and num.kind[par] == GameTree.CHANCE:
            pos = num.children[par].index(k)
            weight[k] = weight[par] * num.probs[par][pos]
        elif par >= 0:
            weight[k] = weight[par]
        if num.kind[k] == GameTree.TERMINAL:
            w = weight[k]
            u = num.payoffs[k]
            out[k] = (w * u[0], w * u[1])
    return out


def _matrices(
    num: NumericTree, plans0: list[Plan], plans1: list[Plan]
) -> tuple[list[list[Any]], list[list[Any]]]:
    tree = num.tree
    masks0 = [_reachable_leaves(tree, p, 0) for p in plans0]
    masks1 = [_reachable_leaves(tree, p, 1) for p in plans1]
    weighted = _leaf_weights(num)
    A: list[list[Any]] = []
    B: list[list[Any]] = []
    for m0 in masks0:
        row_a, row_b = [], []
        for m1 in masks1:
            m = m0 & m1
            u: Any = 0
            v: Any = 0
            while m:
                low = m & -m
                wu = weighted[low.bit_length() - 1]
                u += wu[0]
                v += wu[1]
                m ^= low
            row_a.append(Fraction(u) if type(u) is int else u)
            row_b.append(Fraction(v) if type(v) is int else v)
        A.append(row_a)
        B.append(row_b)
    return A, B


def to_bimatrix(tree: GameTree) -> BimatrixGame:
    """The reduced normal form of a tree, as a :class:`~negotiation.BimatrixGame`.

    Rows are the first player's reduced strategies and columns the second's
    (see :func:`~negotiation.trees.reduced_strategies` for their order and meaning); each cell
    holds the expected payoffs, chance being averaged out exactly.

    Raises
    ------
    TypeError
        If ``tree`` is not a :class:`GameTree`.
    ValueError
        If a payoff or probability still has a parameter (the message names the
        node), or a player has more than :data:`~negotiation.trees.strategies.MAX_STRATEGIES` strategies.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision, chance
    >>> t = GameTree(("Japan", "US"), decision("Japan", {
    ...     "Accept": (0, 2),
    ...     "Retaliate": chance({"Escalation": (0.5, (-2, -2)), "Talks": (0.5, (1, 0))}),
    ... }))
    >>> g = to_bimatrix(t)
    >>> g.row_labels, g.col_labels
    (('Accept', 'Retaliate'), ('(no move)',))
    >>> g.payoff("Retaliate", 0)
    (Fraction(-1, 2), Fraction(-1, 1))
    """
    if not isinstance(tree, GameTree):
        raise TypeError(
            f"to_bimatrix() needs a GameTree, got {type(tree).__name__}; build one with "
            f"GameTree(players, decision(...))"
        )
    tree.require_two_players("to_bimatrix() (rows and columns)")
    num = NumericTree(tree, "to_bimatrix()")
    plans0, plans1 = _plans(tree, 0), _plans(tree, 1)
    A, B = _matrices(num, plans0, plans1)
    return BimatrixGame(
        A,
        B,
        players=tree.players,
        row_labels=_labels(tree, plans0),
        col_labels=_labels(tree, plans1),
        title=tree.title,
    )


# --- Nash equilibria that are not subgame perfect ------------------------------------------


@dataclass(frozen=True)
class Threat:
    """A planned action that would not be carried out if its node were reached.

    Attributes
    ----------
    node : tuple of str
        The path of the node.
    player : str
        Who moves there.
    action : str
        The action the equilibrium plan prescribes (the threat).
    instead : str
        What the player would do instead if the node were reached.
    payoff : Number
        The player's payoff from carrying out the threat (given subgame-perfect play after it).
    payoff_instead : Number
        The player's payoff from ``instead``.
    on_path : bool
        Whether the node is reached in the equilibrium (normally not: the threat is never tested).
    probability : Number
        The probability with which the equilibrium plays the threat at the node (1 unless mixed).
    player_index : int
        ``player``'s place in the tree's players: 0 or 1.
    """

    node: Path
    player: str
    action: str
    instead: str
    payoff: Number
    payoff_instead: Number
    on_path: bool
    probability: Number = 1
    player_index: int = 0

    def describe(self, payoff_text: Callable[[int, Number], str] | None = None) -> str:
        """One sentence in plain words (see the module's example).

        ``payoff_text(player index, payoff) -> str`` writes the payoffs with their units.
        """
        show = payoff_text or (lambda _, v: format_number(v))
        i = self.player_index
        where = where_words(self.node)
        tested = "" if not self.on_path else " (and that point is reached)"
        chance = (
            ""
            if self.probability == 1
            else f" (with probability {format_number(self.probability)})"
        )
        return (
            f"{self.player}'s plan to {self.action}{chance} {where} is an empty threat: if that "
            f"point were reached{tested}, {self.player} would rather {self.instead} "
            f"({show(i, self.payoff_instead)} instead of {show(i, self.payoff)})."
        )


@dataclass(frozen=True)
class NonCredibleEquilibrium:
    """A Nash equilibrium of the normal form that is not subgame perfect, with the threats it relies on."""

    equilibrium: Equilibrium
    threats: tuple[Threat, ...]

    def describe(self, payoff_text: Callable[[int, Number], str] | None = None) -> str:
        """Plain words: the equilibrium, and each non-credible threat (see :func:`nash_vs_spe`).

        ``payoff_text(player index, payoff) -> str`` writes the payoffs with their units.
        """
        head = self.equilibrium.describe(payoff_text).rstrip(".")
        kind = "" if self.equilibrium.is_pure else " (it mixes an empty threat into a plan)"
        lines = [f"{head}: a Nash equilibrium, but not subgame perfect{kind}."]
        lines.extend(f"  - {t.describe(payoff_text)}" for t in self.threats)
        return "\n".join(lines)


@dataclass(frozen=True)
class NashVsSpe:
    """The Nash equilibria of a tree's normal form, sorted into subgame perfect and not.

    Attributes
    ----------
    tree : GameTree
    game : BimatrixGame
        The reduced normal form.
    solution : Solution
        Every extreme Nash equilibrium of ``game`` (from :func:`~negotiation.solve`).
    spe : SubgamePerfectSolution
        The subgame-perfect equilibria of the tree.
    subgame_perfect : tuple of Equilibrium
        The Nash equilibria consistent with subgame perfection.
    not_subgame_perfect : tuple of NonCredibleEquilibrium
        The others, each with the threats it relies on.
    """

    tree: GameTree = field(repr=False)
    game: BimatrixGame = field(repr=False)
    solution: Solution = field(repr=False)
    spe: SubgamePerfectSolution = field(repr=False)
    subgame_perfect: tuple[Equilibrium, ...]
    not_subgame_perfect: tuple[NonCredibleEquilibrium, ...]

    def summary(self) -> str:
        """Several lines of plain text (see :func:`nash_vs_spe`)."""
        n = len(self.solution.equilibria)
        k = len(self.not_subgame_perfect)
        lines = [
            f"{n} Nash equilibri{'um' if n == 1 else 'a'} of the normal form"
            + (" (extreme points of the equilibrium set)" if self.solution.has_continuum else "")
            + f"; {n - k} consistent with subgame perfection, {k} not."
        ]
        lines.extend(f"  + {e.describe()} Subgame perfect." for e in self.subgame_perfect)
        for bad in self.not_subgame_perfect:
            text = bad.describe().replace("\n", "\n  ")
            lines.append(f"  - {text}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


Mix = dict[int, tuple[tuple[int, Any], ...]]


def _behaviour(plans: list[Plan], probs: Sequence[Any], mix: Mix) -> None:
    """Add a player's behaviour strategy (Kuhn 1953) at the nodes their mixed plans reach."""
    reach: dict[int, Any] = {}
    play: dict[int, dict[int, Any]] = {}
    for plan, p in zip(plans, probs, strict=True):
        if p == 0:
            continue
        for k, a in plan:
            reach[k] = reach.get(k, 0) + p
            row = play.setdefault(k, {})
            row[a] = row.get(a, 0) + p
    for k, row in play.items():
        mix[k] = tuple(
            (a, fast(q / reach[k]) if not isinstance(q, float) else q / reach[k])
            for a, q in sorted(row.items())
        )


def _threats(num: NumericTree, mix: Mix) -> tuple[Threat, ...]:
    values = value_sets(num, mix)
    if values[0]:
        return ()
    reached = _reached(num, mix)
    out = []
    for k, played in sorted(mix.items()):
        if values[k] or any(not values[c] for c in num.children[k]):
            continue  # only where the plan breaks down first, not where it propagates
        i = num.owner[k]
        ch = num.children[k]
        sets = [values[c] for c in ch]
        lows = [min(w[i] for w in s) for s in sets]  # type: ignore[union-attr]
        for a, prob in played:
            threatened = max(v[i] for v in sets[a])  # type: ignore[union-attr]
            b = max((b for b in range(len(ch)) if b != a), key=lambda b: lows[b], default=None)
            if b is None or lows[b] <= threatened:
                continue
            out.append(
                Threat(
                    node=num.paths[k],
                    player=num.tree.players[i],
                    action=num.actions[k][a],
                    instead=num.actions[k][b],
                    payoff=slow(threatened),
                    payoff_instead=slow(lows[b]),
                    on_path=k in reached,
                    probability=slow(prob),
                    player_index=i,
                )
            )
    return tuple(out)


def _reached(num: NumericTree, mix: Mix) -> set[int]:
    reached: set[int] = set()
    stack = [0]
    while stack:
        k = stack.pop()
        reached.add(k)
        if num.kind[k] == GameTree.DECISION:
            stack.extend(num.children[k][a] for a, p in mix.get(k, ()) if p != 0)
        elif num.kind[k] == GameTree.CHANCE:
            stack.extend(c for c, p in zip(num.children[k], num.probs[k], strict=True) if p != 0)
    return reached


def nash_vs_spe(tree: GameTree) -> NashVsSpe:
    """Which Nash equilibria of the tree are subgame perfect, and which rest on empty threats.

    The tree's reduced normal form (:func:`to_bimatrix`) is solved with
    :func:`~negotiation.solve`, which finds every extreme Nash equilibrium. A
    pure equilibrium is *consistent with subgame perfection* when its plans can
    be completed, at the nodes they leave open, to a subgame-perfect
    equilibrium. Otherwise it relies on at least one non-credible threat: a
    node where the plan prescribes an action that the player would not take if
    the node were reached (given subgame-perfect play afterwards). The deepest
    such nodes are reported.

    Mixed equilibria are first turned into behaviour strategies [Kuhn1953]_: at
    each node that a player's own plans do not rule out, an action's
    probability is the total probability of the plans choosing it divided by
    the total probability of the plans reaching the node. The equilibrium is
    subgame perfect when, at every such node, each action played with positive
    probability is optimal given what follows (nodes that the player's own
    moves rule out may be completed in any subgame-perfect way). In
    perfect-information trees this flags the continuum of equilibria in which
    a player mixes an empty threat into their plan at a node never reached.

    Raises
    ------
    TypeError
        If ``tree`` is not a :class:`GameTree`.
    ValueError
        If the tree still has parameters, or its normal form is too large.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision
    >>> entry = GameTree(("Entrant", "Incumbent"), decision("Entrant", {
    ...     "Out": (1, 5),
    ...     "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
    ... }))
    >>> print(nash_vs_spe(entry))  # doctest: +NORMALIZE_WHITESPACE
    3 Nash equilibria of the normal form (extreme points of the equilibrium set); 1 consistent with subgame perfection, 2 not.
      + Entrant plays In; Incumbent plays Accommodate (expected payoffs 2 and 2). Subgame perfect.
      - Entrant plays Out; Incumbent plays Fight (expected payoffs 1 and 5): a Nash equilibrium, but not subgame perfect.
        - Incumbent's plan to Fight after In is an empty threat: if that point were reached, Incumbent would rather Accommodate (2 instead of -1).
      - Entrant plays Out; Incumbent mixes Fight 1/3, Accommodate 2/3 (expected payoffs 1 and 5): a Nash equilibrium, but not subgame perfect (it mixes an empty threat into a plan).
        - Incumbent's plan to Fight (with probability 1/3) after In is an empty threat: if that point were reached, Incumbent would rather Accommodate (2 instead of -1).
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"nash_vs_spe() needs a GameTree, got {type(tree).__name__}")
    tree.require_two_players("nash_vs_spe()")
    tree.require_perfect_information("nash_vs_spe()")
    num = NumericTree(tree, "nash_vs_spe()")
    plans0, plans1 = _plans(tree, 0), _plans(tree, 1)
    A, B = _matrices(num, plans0, plans1)
    game = BimatrixGame(
        A,
        B,
        players=tree.players,
        row_labels=_labels(tree, plans0),
        col_labels=_labels(tree, plans1),
        title=tree.title,
    )
    solution = solve(game)
    good: list[Equilibrium] = []
    bad: list[NonCredibleEquilibrium] = []
    for eq in solution.equilibria:
        x, y = eq.strategies
        mix: Mix = {}
        _behaviour(plans0, x, mix)
        _behaviour(plans1, y, mix)
        threats = _threats(num, mix)
        if threats:
            bad.append(NonCredibleEquilibrium(eq, threats))
        else:
            good.append(eq)
    return NashVsSpe(
        tree=tree,
        game=game,
        solution=solution,
        spe=subgame_perfect(tree),
        subgame_perfect=tuple(good),
        not_subgame_perfect=tuple(bad),
    )
