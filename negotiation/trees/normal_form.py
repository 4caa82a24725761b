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

>>> from negotiation.trees import GameTree, decision, nash_vs_spe
>>> entry = GameTree(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": (1, 5),
...     "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
... }))
>>> print(entry.to_bimatrix())
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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any, NoReturn

from .._numbers import Number, format_number
from ..game import BimatrixGame
from ..solve import Equilibrium, Solution, solve
from ._backward import NumericTree, fast, slow, value_sets
from .spe import SubgamePerfectSolution, subgame_perfect, where_words
from .tree import GameTree, Path

__all__ = [
    "MAX_STRATEGIES",
    "NashVsSpe",
    "NonCredibleEquilibrium",
    "ReducedStrategy",
    "Threat",
    "nash_vs_spe",
    "reduced_strategies",
    "to_bimatrix",
]

#: The most reduced strategies a player may have before :func:`to_bimatrix` gives up.
MAX_STRATEGIES = 5_000

Plan = tuple[tuple[int, int], ...]  # (node index, action index) at each node of the plan


@dataclass(frozen=True)
class ReducedStrategy:
    """A reduced pure strategy: a player's actions at the nodes their own moves do not rule out.

    Attributes
    ----------
    player : str
    label : str
        The actions in tree order, such as ``"Card, Sell"``; the row or column label in
        :meth:`GameTree.to_bimatrix`.
    choices : tuple of (path, action)
        The node paths and the action at each.
    """

    player: str
    label: str
    choices: tuple[tuple[Path, str], ...]

    def as_dict(self) -> dict[Path, str]:
        """The choices as ``{path: action}``.

        Examples
        --------
        >>> from negotiation.trees.examples import entry_deterrence
        >>> reduced_strategies(entry_deterrence(), "Incumbent")[0].as_dict()
        {('In',): 'Fight'}
        """
        return dict(self.choices)

    def describe(self) -> str:
        """Plain words, for example ``"Card at the start; Sell after Card → Hold"`` (see :func:`reduced_strategies`)."""
        if not self.choices:
            return f"{self.player} never moves"
        return "; ".join(f"{a} {where_words(p)}" for p, a in self.choices)


def _plans(tree: GameTree, i: int) -> list[Plan]:
    kind, children = tree._kind, tree._children
    owner = tree._owner
    lists: list[list[Plan]] = [[] for _ in kind]
    for k in range(len(kind) - 1, -1, -1):
        if kind[k] == GameTree.TERMINAL:
            lists[k] = [()]
            continue
        ch = children[k]
        if kind[k] == GameTree.DECISION and owner[k] == i:
            out = [((k, a), *r) for a, c in enumerate(ch) for r in lists[c]]
        else:
            size = 1
            for c in ch:
                size *= len(lists[c])
            if size > MAX_STRATEGIES:
                _too_many(tree, i, size)
            parts = product(*(lists[c] for c in ch))
            out = [tuple(x for part in combo for x in part) for combo in parts]
        if len(out) > MAX_STRATEGIES:
            _too_many(tree, i, len(out))
        lists[k] = out
        for c in ch:
            lists[c] = []  # free memory early
    return lists[0]


def _too_many(tree: GameTree, i: int, size: int) -> NoReturn:
    raise ValueError(
        f"{tree.players[i]} has more than {MAX_STRATEGIES:,} reduced strategies in this tree "
        f"(at least {size:,}); the normal form is too large to build. Use subgame_perfect(tree), "
        f"which works on the tree directly"
    )


def _labels(tree: GameTree, plans: list[Plan]) -> list[str]:
    acts = tree._actions
    labels = [", ".join(acts[k][a] for k, a in plan) or "(no move)" for plan in plans]
    if len(set(labels)) < len(labels):  # an action label with a comma can make two look alike
        labels = [
            "; ".join(f"{acts[k][a]} {where_words(tree._paths[k])}" for k, a in plan) or "(no move)"
            for plan in plans
        ]
    return labels


def reduced_strategies(tree: GameTree, player: str | int) -> tuple[ReducedStrategy, ...]:
    """A player's reduced pure strategies, in the order of :meth:`GameTree.to_bimatrix`.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision
    >>> t = GameTree(("Japan", "US"), decision("Japan", {
    ...     "Accept": (0, 2),
    ...     "Card": decision("US", {"Hold": decision("Japan", {"Sell": (-1, -2), "Don't sell": (-2, 3)}),
    ...                             "Back down": (1, 0)}),
    ... }))
    >>> [s.label for s in reduced_strategies(t, "Japan")]
    ['Accept', 'Card, Sell', "Card, Don't sell"]
    >>> reduced_strategies(t, "Japan")[1].describe()
    'Card at the start; Sell after Card → Hold'
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"reduced_strategies() needs a GameTree, got {type(tree).__name__}")
    i = tree._player_index(player)
    plans = _plans(tree, i)
    labels = _labels(tree, plans)
    acts, paths = tree._actions, tree._paths
    return tuple(
        ReducedStrategy(tree.players[i], label, tuple((paths[k], acts[k][a]) for k, a in plan))
        for plan, label in zip(plans, labels, strict=True)
    )


def _reachable_leaves(tree: GameTree, plan: Plan, i: int) -> int:
    """A bit mask of the leaves that the plan does not rule out."""
    chosen = dict(plan)
    kind, children, owner = tree._kind, tree._children, tree._owner
    mask = 0
    stack = [0]
    while stack:
        k = stack.pop()
        if kind[k] == GameTree.TERMINAL:
            mask |= 1 << k
        elif kind[k] == GameTree.DECISION and owner[k] == i:
            stack.append(children[k][chosen[k]])
        else:
            stack.extend(children[k])
    return mask


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
    (see :func:`reduced_strategies` for their order and meaning); each cell
    holds the expected payoffs, chance being averaged out exactly.

    Raises
    ------
    TypeError
        If ``tree`` is not a :class:`GameTree`.
    ValueError
        If a payoff or probability still has a parameter (the message names the
        node), or a player has more than :data:`MAX_STRATEGIES` strategies.

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


def reduced_labels(tree: GameTree, choices: Mapping[Path, str]) -> tuple[str, str]:
    """The labels of the reduced strategies that a complete plan for both players plays."""
    out = []
    for i in range(2):
        plan: list[tuple[int, int]] = []
        stack = [0]
        while stack:
            k = stack.pop()
            if tree._kind[k] == GameTree.DECISION and tree._owner[k] == i:
                path = tree._paths[k]
                if path not in choices:
                    raise ValueError(f"the plan has no action at the decision node {path!r}")
                a = tree._actions[k].index(choices[path])
                plan.append((k, a))
                stack.append(tree._children[k][a])
            else:
                stack.extend(reversed(tree._children[k]))
        key = tuple(sorted(plan))
        plans = _plans(tree, i)
        out.append(_labels(tree, plans)[plans.index(key)])
    return out[0], out[1]


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
