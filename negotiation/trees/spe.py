"""Subgame-perfect equilibria by backward induction.

A *strategy* in a game tree is a complete plan: an action at **every** node where
the player moves, even at nodes that the plan itself (or the other player)
makes sure are never reached. A Nash equilibrium only asks each plan to be a
best reply to the other *as a whole*, so it can rest on a threat that would
never be carried out: "if you enter, I will fight". Selten's refinement
[Selten1965]_ asks more: a profile is **subgame perfect** when it
is a Nash equilibrium of every subgame, that is, when every player's action at
every node, reached or not, is optimal given what will follow. (Selten's later
paper [Selten1975]_ defines a different, stronger refinement, trembling-hand
perfection, which this module does not compute.)

In a finite game with perfect information the subgame-perfect equilibria are
found by **backward induction** [Kuhn1953]_: solve the last moves first, replace
each solved node by the payoffs it leads to, and move up. At a chance node the
players get the expected payoffs.

In Selten's entry game the incumbent's threat to fight is not credible: once
the entrant is in, fighting gives the incumbent ``-1`` and accommodating ``2``.

>>> from negotiation.trees import GameTree, decision, subgame_perfect
>>> entry = GameTree(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": (1, 5),
...     "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
... }))
>>> spe = subgame_perfect(entry)
>>> spe.count, spe[0].path, spe[0].payoffs
(1, ('In', 'Accommodate'), (Fraction(2, 1), Fraction(2, 1)))

When a player is indifferent, each optimal action gives a different
subgame-perfect equilibrium, and :func:`subgame_perfect` returns them all.

References
----------
.. [Selten1965] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121,
   301-324 and 667-689, 1965.
.. [Selten1975] R. Selten, "Reexamination of the perfectness concept for
   equilibrium points in extensive games", *International Journal of Game
   Theory* 4, 25-55, 1975.
.. [Kuhn1953] H. W. Kuhn, "Extensive games and the problem of information", in
   *Contributions to the Theory of Games II*, Princeton University Press, 1953.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from itertools import chain, product
from types import MappingProxyType
from typing import Any

from ..core._numbers import Number, format_number
from ._backward import NumericTree, Values, ValueSet, Vec, expectation, fast, slow, value_sets
from .nodes import Path, format_path, where_words
from .strategies import reduced_labels
from .tree import GameTree

__all__ = [
    "MAX_EQUILIBRIA",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectSolution",
    "subgame_perfect",
]

#: The most equilibria :attr:`SubgamePerfectSolution.equilibria` will build at once.
MAX_EQUILIBRIA = 10_000


class SubgamePerfectEquilibrium:
    """One subgame-perfect equilibrium: an action at every decision node, reached or not.

    Attributes
    ----------
    tree : GameTree
        The game.
    choices : mapping of path to str
        The action chosen at every decision node, keyed by the node's path.
    payoffs : tuple of Number
        Expected payoffs, in the order of ``tree.players``.
    outcomes : tuple of (path, probability)
        The leaves reached with positive probability, with their probabilities.
    """

    __slots__ = ("_reached", "choices", "outcomes", "payoffs", "tree")

    def __init__(self, tree: GameTree, choices: Mapping[Path, str]) -> None:
        self.tree = tree
        self.choices: Mapping[Path, str] = MappingProxyType(dict(choices))
        outcomes, reached = _play(tree, self.choices)
        self.outcomes: tuple[tuple[Path, Number], ...] = outcomes
        self._reached = reached
        vals: list[Any] = [Fraction(0)] * len(tree.players)
        for path, prob in outcomes:
            payoffs = tree.node(path).payoffs  # type: ignore[union-attr]
            for j in range(len(vals)):
                vals[j] = vals[j] + prob * payoffs[j]
        self.payoffs: tuple[Number, ...] = tuple(slow(fast(v)) for v in vals)

    @property
    def path(self) -> Path | None:
        """The actions played from the root to the end, or ``None`` if chance makes the end uncertain."""
        if len(self.outcomes) == 1:
            return self.outcomes[0][0]
        return None

    @property
    def reached(self) -> frozenset[Path]:
        """The paths of every node reached with positive probability (the equilibrium path)."""
        return self._reached

    def action(self, node: Path | str) -> str:
        """The action chosen at a decision node (given by its path or name).

        Examples
        --------
        >>> from negotiation.trees.examples import entry_deterrence
        >>> subgame_perfect(entry_deterrence())[0].action(("In",))
        'Accommodate'
        """
        path = self.tree.path_of(node)
        if path not in self.choices:
            raise ValueError(
                f"the node at {format_path(path)} is not a decision node, so no action is chosen there"
            )
        return self.choices[path]

    def plan(self, player: str | int) -> dict[Path, str]:
        """One player's complete plan: their action at each of their decision nodes.

        Examples
        --------
        >>> from negotiation.trees.examples import entry_deterrence
        >>> subgame_perfect(entry_deterrence())[0].plan("Entrant")
        {(): 'In'}
        """
        mine = set(self.tree.decision_paths(player))
        return {p: a for p, a in self.choices.items() if p in mine}

    def payoff(self, player: str | int) -> Number:
        """One player's expected payoff.

        Examples
        --------
        >>> from negotiation.trees.examples import entry_deterrence
        >>> subgame_perfect(entry_deterrence())[0].payoff("Incumbent")
        Fraction(2, 1)
        """
        return self.payoffs[self.tree._player_index(player)]

    def strategy_labels(self) -> tuple[str, ...]:
        """The reduced strategies this equilibrium plays, one per player (row and column of :func:`~negotiation.trees.to_bimatrix` for two).

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision, subgame_perfect
        >>> t = GameTree(("A", "B"), decision("A", {"L": decision("B", {"x": (1, 1), "y": (0, 0)}),
        ...                                        "R": (0, 2)}))
        >>> subgame_perfect(t)[0].strategy_labels()
        ('L', 'x')
        """
        return reduced_labels(self.tree, self.choices)

    def describe(self, payoff_text: Callable[[int, Number], str] | None = None) -> str:
        """Plain words: each player's plan (choices off the path marked) and the outcome.

        Parameters
        ----------
        payoff_text : callable, optional
            ``payoff_text(player index, payoff) -> str``, to write payoffs with their
            units (``"$5.92bn"``); by default exact numbers (``148/25``).

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision, subgame_perfect
        >>> entry = GameTree(("Entrant", "Incumbent"), decision("Entrant", {
        ...     "Out": (1, 5),
        ...     "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
        ... }))
        >>> print(subgame_perfect(entry)[0].describe())
        Entrant: In at the start.
        Incumbent: Accommodate after In.
        Play: In → Accommodate. Payoffs: Entrant 2, Incumbent 2.
        >>> print(subgame_perfect(entry)[0].describe(lambda i, v: f"{float(v):.1f} points"))
        ... # doctest: +ELLIPSIS
        Entrant: ...
        Play: In → Accommodate. Payoffs: Entrant 2.0 points, Incumbent 2.0 points.
        """
        if payoff_text is not None and not callable(payoff_text):
            raise TypeError(f"payoff_text must be callable, got {type(payoff_text).__name__}")
        tree = self.tree
        lines = []
        for player in tree.players:
            parts = []
            for path, act in self.plan(player).items():
                off = "" if path in self._reached else " (off the path)"
                parts.append(f"{act} {where_words(path)}{off}")
            lines.append(f"{player}: " + ("; ".join(parts) if parts else "no move") + ".")
        show = payoff_text or (lambda _, v: format_number(v))
        pay = ", ".join(
            f"{p} {show(i, v)}"
            for i, (p, v) in enumerate(zip(tree.players, self.payoffs, strict=True))
        )
        if self.path is not None:
            play = "Play: " + (" → ".join(self.path) if self.path else "the game ends at once")
            lines.append(f"{play}. Payoffs: {pay}.")
        else:
            ends = "; ".join(
                f"{' → '.join(p)} with probability {format_number(q)}" for p, q in self.outcomes
            )
            lines.append(f"Play ends at {ends}. Expected payoffs: {pay}.")
        return "\n".join(lines)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SubgamePerfectEquilibrium):
            return NotImplemented
        return self.tree == other.tree and dict(self.choices) == dict(other.choices)

    def __hash__(self) -> int:
        return hash((self.tree, frozenset(self.choices.items())))

    def __repr__(self) -> str:
        pay = ", ".join(format_number(v) for v in self.payoffs)
        where = f"path {self.path!r}" if self.path is not None else "chance ends"
        return f"<SubgamePerfectEquilibrium {where}, payoffs ({pay})>"

    def __str__(self) -> str:
        return self.describe()


def _play(
    tree: GameTree, choices: Mapping[Path, str]
) -> tuple[tuple[tuple[Path, Number], ...], frozenset[Path]]:
    """Follow the choices from the root; chance branches with positive probability."""
    outcomes: list[tuple[Path, Number]] = []
    reached: set[Path] = set()
    stack: list[tuple[int, Any]] = [(0, Fraction(1))]
    kind, children, actions = tree._kind, tree._children, tree._actions
    while stack:
        k, prob = stack.pop()
        path = tree._paths[k]
        reached.add(path)
        if kind[k] == GameTree.TERMINAL:
            outcomes.append((path, prob))
        elif kind[k] == GameTree.DECISION:
            stack.append((children[k][actions[k].index(choices[path])], prob))
        else:
            for c, p in reversed(list(zip(children[k], tree._probs[k], strict=True))):
                if p != 0:
                    stack.append((c, prob * p))
    return tuple(outcomes), frozenset(reached)


class SubgamePerfectSolution:
    """Every subgame-perfect equilibrium of a tree, counted at once and listed lazily.

    Iterating gives the equilibria one at a time (in the order of the actions at
    each node), so a tree with millions of tie-breaking equilibria can still be
    explored; :attr:`equilibria` builds them all, up to :data:`MAX_EQUILIBRIA`.

    Attributes
    ----------
    tree : GameTree
    count : int
        The number of subgame-perfect equilibria (pure strategy profiles).
    payoff_set : tuple of payoff pairs
        The distinct expected payoffs they give, sorted.
    """

    __slots__ = ("_cache", "_num", "_values", "count", "payoff_set", "tree")

    def __init__(self, tree: GameTree) -> None:
        num = NumericTree(tree, "subgame_perfect()")
        tree.require_perfect_information("subgame_perfect() (backward induction)")
        self._num = num
        self._values = value_sets(num)
        root = self._values[0]
        assert root is not None
        self.tree = tree
        self.count: int = sum(root.values())
        self.payoff_set: tuple[tuple[Number, ...], ...] = tuple(
            sorted(tuple(slow(x) for x in v) for v in root)
        )
        self._cache: tuple[SubgamePerfectEquilibrium, ...] | None = None

    @property
    def unique(self) -> bool:
        """True when there is exactly one subgame-perfect equilibrium."""
        return self.count == 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[SubgamePerfectEquilibrium]:
        if self._cache is not None:
            yield from self._cache
            return
        if self.count == 1:
            yield SubgamePerfectEquilibrium(self.tree, self._first_choices())
            return
        try:
            for picks in _enumerate(self._num, self._values):
                yield self._make(picks)
        except RecursionError:
            raise ValueError(
                f"this tree is {self.tree.depth} moves deep, too deep to list its "
                f"{self.count:,} tied equilibria one by one; break some ties by changing payoffs "
                f"slightly"
            ) from None

    def __getitem__(self, k: int) -> SubgamePerfectEquilibrium:
        return self.equilibria[k]

    def first(self) -> SubgamePerfectEquilibrium:
        """The first equilibrium (first optimal action at every tie), without listing the rest.

        Examples
        --------
        >>> from negotiation.trees.examples import ultimatum
        >>> subgame_perfect(ultimatum(4)).first().path
        ('Offer 0', 'Accept')
        """
        if self._cache:
            return self._cache[0]
        return SubgamePerfectEquilibrium(self.tree, self._first_choices())

    @property
    def equilibria(self) -> tuple[SubgamePerfectEquilibrium, ...]:
        """All the equilibria as a tuple (at most :data:`MAX_EQUILIBRIA`; iterate for more).

        Examples
        --------
        >>> from negotiation.trees.examples import ultimatum
        >>> [e.path for e in subgame_perfect(ultimatum(4)).equilibria]
        [('Offer 0', 'Accept'), ('Offer 1', 'Accept')]
        """
        if self._cache is None:
            if self.count > MAX_EQUILIBRIA:
                raise ValueError(
                    f"this tree has {self.count:,} subgame-perfect equilibria (ties let players "
                    f"choose differently at many nodes), more than the {MAX_EQUILIBRIA:,} that "
                    f"are listed at once; iterate over the solution to see them one at a time, "
                    f"or use .payoff_set for the payoffs they give"
                )
            self._cache = tuple(iter(self))
        return self._cache

    def _first_choices(self) -> dict[Path, str]:
        """The first equilibrium, top down: at each node the first action (and, below chance
        nodes, the first combination of values) consistent with the value to reach."""
        num, values = self._num, self._values
        only = values.only
        kinds, children, paths, actions = num.kind, num.children, num.paths, num.actions
        decision = GameTree.DECISION
        picked: dict[int, int] = {}
        # A node with a single value has a single subgame-perfect continuation (its
        # subgame's count is 1, so each child's is too): its one value comes from one
        # child, whatever is asked of the node above. No search needed there.
        for k, kind in enumerate(kinds):
            if kind == decision and only[k] is not None:
                picked[k] = [only[c] for c in children[k]].index(only[k])
        if self.count > 1:
            # Elsewhere, top down from the first root value: at each node the first
            # action (below chance nodes the first combination of values) consistent
            # with the value to reach. Children with a single value were done above.
            sets: list[Any] = values.sets
            single: list[Any] = only
            owner = num.owner
            root = values[0]
            assert root is not None
            stack: list[tuple[int, Vec]] = [(0, next(iter(root)))]
            while stack:
                k, v = stack.pop()
                ch = children[k]
                if kinds[k] != decision:
                    choices_below = ((single[c],) if single[c] is not None else sets[c] for c in ch)
                    combo = next(c for c in product(*choices_below) if expectation(c, k, num) == v)
                    stack.extend(
                        (c, w) for c, w in zip(ch, combo, strict=True) if single[c] is None
                    )
                    continue
                # The first action with value v; every other child is then played with
                # its first value that gives the mover at most v (one exists, as v is a
                # subgame-perfect value of this node).
                i = owner[k]
                x = v[i]
                a = next(
                    a
                    for a, c in enumerate(ch)
                    if (single[c] == v if single[c] is not None else v in sets[c])
                )
                picked[k] = a
                for b, c in enumerate(ch):
                    if single[c] is None:
                        w = v if b == a else next(w for w in sets[c] if w[i] <= x)
                        stack.append((c, w))
        return {paths[k]: actions[k][a] for k, a in sorted(picked.items())}

    def _make(self, picks: list[tuple[int, int]]) -> SubgamePerfectEquilibrium:
        num = self._num
        return SubgamePerfectEquilibrium(
            self.tree, {num.paths[k]: num.actions[k][a] for k, a in sorted(picks)}
        )

    def summary(self, limit: int = 10) -> str:
        """Plain text: how many equilibria, then each one (up to ``limit``).

        Examples
        --------
        >>> from negotiation.trees.examples import entry_deterrence
        >>> print(subgame_perfect(entry_deterrence()).summary())
        1 subgame-perfect equilibrium:
          Entrant: In at the start.
          Incumbent: Accommodate after In.
          Play: In → Accommodate. Payoffs: Entrant 2, Incumbent 2.
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(
                f"limit must be a whole number of equilibria, at least 1, got {limit!r}"
            )
        n = self.count
        head = (
            "1 subgame-perfect equilibrium:"
            if n == 1
            else f"{n:,} subgame-perfect equilibria (a player is indifferent somewhere):"
        )
        lines = [head]
        for k, eq in enumerate(self):
            if k >= limit:
                lines.append(f"... and {n - limit:,} more.")
                break
            if n == 1:
                lines.append("  " + eq.describe().replace("\n", "\n  "))
            else:
                lines.append(f"  {k + 1}. " + eq.describe().replace("\n", "\n     "))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return (
            f"<SubgamePerfectSolution: {self.count:,} equilibri{'um' if self.count == 1 else 'a'}>"
        )


def _lazy_product(
    sources: list[Callable[[], Iterator[list[tuple[int, int]]]]],
) -> Iterator[list[tuple[int, int]]]:
    if not sources:
        yield []
        return
    for first in sources[0]():
        for rest in _lazy_product(sources[1:]):
            yield first + rest


def _profiles(num: NumericTree, values: Values, k: int, v: Vec) -> Iterator[list[tuple[int, int]]]:
    """Every subgame-perfect profile of the subgame at ``k`` whose value is ``v``."""
    kind = num.kind[k]
    if kind == GameTree.TERMINAL:
        yield []
        return
    ch = num.children[k]
    sets: list[ValueSet] = [values[c] for c in ch]  # type: ignore[misc]
    if kind == GameTree.CHANCE:
        for combo in product(*(s.keys() for s in sets)):
            if expectation(combo, k, num) == v:
                yield from _lazy_product(
                    [_source(num, values, c, (w,)) for c, w in zip(ch, combo, strict=True)]
                )
        return
    i = num.owner[k]
    for a, c in enumerate(ch):
        if v not in sets[a]:
            continue
        sources = []
        for b, cb in enumerate(ch):
            if b == a:
                sources.append(_source(num, values, c, (v,)))
                continue
            allowed = tuple(w for w in sets[b] if w[i] <= v[i])
            if not allowed:
                break
            sources.append(_source(num, values, cb, allowed))
        else:
            for rest in _lazy_product(sources):
                yield [(k, a), *rest]


def _source(
    num: NumericTree, values: Values, k: int, targets: tuple[Vec, ...]
) -> Callable[[], Iterator[list[tuple[int, int]]]]:
    return lambda: chain.from_iterable(_profiles(num, values, k, w) for w in targets)


def _enumerate(num: NumericTree, values: Values) -> Iterator[list[tuple[int, int]]]:
    root = values[0]
    assert root is not None
    for v in root:
        yield from _profiles(num, values, 0, v)


def subgame_perfect(tree: GameTree) -> SubgamePerfectSolution:
    """Every subgame-perfect equilibrium of a tree, by backward induction.

    Parameters
    ----------
    tree : GameTree
        A tree whose payoffs and probabilities are numbers (substitute
        parameters first with :meth:`GameTree.at`).

    Returns
    -------
    SubgamePerfectSolution
        ``count`` equilibria (each a complete plan for every player, with the
        equilibrium path and the expected payoffs), listed lazily by iteration
        or all at once by ``.equilibria``.

    Raises
    ------
    TypeError
        If ``tree`` is not a :class:`GameTree`.
    ValueError
        If a payoff or probability still has a parameter (the message names the
        node), or ties below a chance node create too many combinations.

    Notes
    -----
    Ties are kept, not broken: when a player is indifferent between actions at
    a node, each of them starts different equilibria, also at nodes off the
    equilibrium path. The count is computed without listing the equilibria
    (see :mod:`negotiation.trees._backward`), so it is exact even when it is
    astronomically large; the arithmetic is exact when the payoffs are.

    Examples
    --------
    A tie (the follower B does not care) gives two equilibria with different
    outcomes for the leader:

    >>> from negotiation.trees import GameTree, decision
    >>> t = GameTree(("A", "B"), decision("A", {
    ...     "L": decision("B", {"x": (3, 1), "y": (0, 1)}),
    ...     "R": (1, 0),
    ... }))
    >>> sol = subgame_perfect(t)
    >>> sol.count, [dict(e.choices) for e in sol]
    (2, [{(): 'L', ('L',): 'x'}, {(): 'R', ('L',): 'y'}])
    >>> sol.payoff_set
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(3, 1), Fraction(1, 1)))
    """
    if not isinstance(tree, GameTree):
        raise TypeError(
            f"subgame_perfect() needs a GameTree, got {type(tree).__name__}; build one with "
            f"GameTree(players, decision(...))"
        )
    return SubgamePerfectSolution(tree)
