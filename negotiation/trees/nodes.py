"""The nodes of a game tree, the builders that make them, and the values they hold.

A node is one of

* a :class:`Decision`, where a named player picks one of several labelled actions,
* a :class:`Chance` node, where nature picks an action with given probabilities, or
* a :class:`Terminal` node (a leaf), where the game ends with one payoff per player.

The builders :func:`decision`, :func:`chance` and :func:`leaf` make them from
dictionaries, with a tuple of numbers as shorthand for a leaf. Nodes hold what
they were given; :class:`~negotiation.trees.GameTree` checks a whole tree and
stores its values exactly.

>>> from negotiation.trees import decision
>>> decision("US", {"Hold": (1, -1), "Back down": (0, 0)}).actions
('Hold', 'Back down')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeAlias

from ..core._numbers import format_number, to_exact

__all__ = [
    "Chance",
    "Decision",
    "Node",
    "Path",
    "Terminal",
    "chance",
    "decision",
    "format_path",
    "leaf",
]

Path: TypeAlias = tuple[str, ...]
"""A node's address: the actions taken from the root to reach it (``()`` is the root)."""

Value: TypeAlias = Any
"""A payoff or probability as stored: a Fraction, a float (irrational) or a sympy expression."""


def format_path(path: Path) -> str:
    """A node's path as people read it in messages: ``('Card', 'Hold')`` or ``() (the root)``.

    Examples
    --------
    >>> format_path(("Card", "Hold"))
    "('Card', 'Hold')"
    >>> format_path(())
    '() (the root)'
    """
    if not path:
        return "() (the root)"
    return repr(tuple(path))


def where_words(path: Path) -> str:
    """Where a node is, in words: ``at the start`` or ``after In → Fight``."""
    return "at the start" if not path else "after " + " → ".join(path)


class _Where:
    """A node's description for messages, formatted only if a message is needed."""

    __slots__ = ("args", "template")

    def __init__(self, template: str, who: str, path: Path) -> None:
        self.template = template
        self.args = (who, path)

    def __str__(self) -> str:
        who, path = self.args
        where = format_path(path)
        return self.template.format(who, where) if who else self.template.format(where)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _is_sympy(value: object) -> bool:
    return type(value).__module__.startswith("sympy")


def _format_value(value: Value) -> str:
    if isinstance(value, Fraction | float | int):
        return format_number(value)
    return str(value)


# --- nodes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Terminal:
    """A leaf: the game ends and each player gets a payoff.

    Attributes
    ----------
    payoffs : tuple
        One payoff per player, in the order of :attr:`GameTree.players`.
    name : str or None
        An optional name ("Deal", "Trade war") shown in drawings and usable to look the node up.
    """

    payoffs: tuple[Value, ...]
    name: str | None = None

    def __post_init__(self) -> None:
        payoffs: Any = self.payoffs
        if type(payoffs) is tuple:
            return
        if isinstance(payoffs, str | bytes) or not isinstance(payoffs, Sequence):
            raise TypeError(
                f"a leaf's payoffs must be a tuple of numbers (one per player), got "
                f"{type(payoffs).__name__} {payoffs!r}"
            )
        object.__setattr__(self, "payoffs", tuple(payoffs))


@dataclass(frozen=True)
class Decision:
    """A decision node: ``player`` picks one of ``actions``; ``children[k]`` follows ``actions[k]``.

    Nodes of the same player with the same ``information_set`` label form one
    information set: the player cannot tell them apart when moving, so they must
    offer the same actions. ``None`` (the default) is a set of its own (the player
    knows where they are).
    """

    player: str
    actions: tuple[str, ...]
    children: tuple[Node, ...]
    name: str | None = None
    information_set: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        object.__setattr__(self, "children", tuple(self.children))

    def child(self, action: str) -> Node:
        """The node that ``action`` leads to.

        Examples
        --------
        >>> decision("US", {"Hold": (0, 3), "Back down": (2, 1)}).child("Hold")
        Terminal(payoffs=(0, 3), name=None)
        """
        return self.children[_action_index(self.actions, action, "this decision node")]


@dataclass(frozen=True)
class Chance:
    """A chance node: nature plays ``actions[k]`` with probability ``probabilities[k]``."""

    actions: tuple[str, ...]
    probabilities: tuple[Value, ...]
    children: tuple[Node, ...]
    name: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        object.__setattr__(self, "probabilities", tuple(self.probabilities))
        object.__setattr__(self, "children", tuple(self.children))

    def child(self, action: str) -> Node:
        """The node that ``action`` leads to.

        Examples
        --------
        >>> chance({"Panic": (0.25, (-2, -3)), "Calm": (0.75, (1, 1))}).child("Calm")
        Terminal(payoffs=(1, 1), name=None)
        """
        return self.children[_action_index(self.actions, action, "this chance node")]


Node: TypeAlias = Decision | Chance | Terminal
"""Any node of a game tree."""

_NODE_TYPES = (Decision, Chance, Terminal)


def _action_index(actions: Sequence[str], action: str, where: str) -> int:
    try:
        return list(actions).index(action)
    except ValueError:
        raise ValueError(
            f"{where} has no action {action!r}; its actions are {list(actions)}"
        ) from None


# --- builders ---------------------------------------------------------------------------


def _as_child(child: Any) -> Any:
    """Turn the shorthand ``(2, 5)`` into a leaf; leave anything else for GameTree to check."""
    if type(child) in _NODE_TYPES:
        return child
    if isinstance(child, tuple | list) and not any(
        isinstance(c, Decision | Chance | Terminal) for c in child
    ):
        return Terminal(tuple(child))
    return child


def leaf(*payoffs: Any, name: str | None = None) -> Terminal:
    """A leaf with one payoff per player: ``leaf(2, 5)`` (the same as the shorthand ``(2, 5)``).

    Examples
    --------
    >>> leaf(2, 5, name="Deal")
    Terminal(payoffs=(2, 5), name='Deal')
    """
    if len(payoffs) == 1 and isinstance(payoffs[0], tuple | list):
        payoffs = tuple(payoffs[0])
    return Terminal(tuple(payoffs), name)


def decision(
    player: str, moves: Any, *, name: str | None = None, information_set: str | None = None
) -> Decision:
    """A decision node of ``player``, with its moves as ``{action: child}`` or ``[(action, child), ...]``.

    A child is another node or a tuple of payoffs (a leaf). A ``dict`` keeps the
    order in which the actions are written; note that Python silently keeps only
    the last of two equal keys in a dict literal, so use the list form if you
    build labels programmatically and want duplicates reported.

    ``information_set`` names the set of nodes the player cannot tell apart: give
    the same label to every node of that set (each must offer the same actions, in
    the same order). Without it the node is a set of its own.

    Examples
    --------
    >>> node = decision("US", {"Hold": (0, 3), "Back down": (2, 1)})
    >>> node.actions
    ('Hold', 'Back down')
    >>> decision("US", [("Hold", (0, 3)), ("Hold", (2, 1))]).actions
    ('Hold', 'Hold')
    >>> decision("US", {"Press": (0, 1), "Soften": (1, 0)}, information_set="after a hint").information_set
    'after a hint'
    """
    actions, children = _parse_moves(moves, f"decision({player!r}, ...)")
    return Decision(player, actions, tuple(_as_child(c) for c in children), name, information_set)


def chance(moves: Any, *, name: str | None = None) -> Chance:
    """A chance node, with its moves as ``{action: (probability, child)}`` or ``[(action, probability, child), ...]``.

    Examples
    --------
    >>> node = chance({"Market stress": (0.25, (-2, -3)), "Calm": (0.75, (1, 1))})
    >>> node.actions, node.probabilities
    (('Market stress', 'Calm'), (0.25, 0.75))
    """
    where = "chance(...)"
    if isinstance(moves, Mapping):
        items = []
        for label, entry in moves.items():
            if isinstance(entry, str | bytes) or not isinstance(entry, Sequence) or len(entry) != 2:
                raise TypeError(
                    f"{where}: the move {label!r} must be a pair (probability, child), got {entry!r}"
                )
            items.append((label, entry[0], entry[1]))
    elif isinstance(moves, Sequence) and not isinstance(moves, str | bytes):
        items = []
        for k, entry in enumerate(moves):
            if isinstance(entry, str | bytes) or not isinstance(entry, Sequence) or len(entry) != 3:
                raise TypeError(
                    f"{where}: move {k} must be a triple (action, probability, child), got {entry!r}"
                )
            items.append((entry[0], entry[1], entry[2]))
    else:
        raise TypeError(
            f"{where}: moves must be a dict {{action: (probability, child)}} or a list of "
            f"(action, probability, child) triples, got {type(moves).__name__}"
        )
    return Chance(
        tuple(a for a, _, _ in items),
        tuple(p for _, p, _ in items),
        tuple(_as_child(c) for _, _, c in items),
        name,
    )


def _parse_moves(moves: Any, where: str) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    if isinstance(moves, Mapping):
        return tuple(moves.keys()), tuple(moves.values())
    if isinstance(moves, Sequence) and not isinstance(moves, str | bytes):
        pairs = []
        for k, entry in enumerate(moves):
            if isinstance(entry, str | bytes) or not isinstance(entry, Sequence) or len(entry) != 2:
                raise TypeError(f"{where}: move {k} must be a pair (action, child), got {entry!r}")
            pairs.append((entry[0], entry[1]))
        return tuple(a for a, _ in pairs), tuple(c for _, c in pairs)
    raise TypeError(
        f"{where}: moves must be a dict {{action: child}} or a list of (action, child) pairs, "
        f"got {type(moves).__name__}"
    )


# --- values -----------------------------------------------------------------------------


def _as_value(value: Any, where: object) -> Value:
    """A payoff or probability: an exact number, or a real sympy expression with symbols."""
    kind = type(value)
    if kind is Fraction:
        return value
    if kind is int:
        return Fraction(value)
    if _is_sympy(value):
        free = getattr(value, "free_symbols", None)
        if free:
            import sympy

            if not isinstance(value, sympy.Expr):
                raise TypeError(
                    f"{where} must be a number or a sympy expression, got the "
                    f"{type(value).__name__} {value}"
                )
            if value.is_real is False:
                raise TypeError(f"{where} must be real, got the complex expression {value}")
            return value
        import sympy

        if value.is_finite is False or value is sympy.nan:  # zoo, oo, -oo, nan
            raise ValueError(
                f"{where} is {value}, which is undefined or infinite (a division by zero?); "
                f"expected a finite number"
            )
        return to_exact(value, str(where))
    symbol = getattr(value, "symbol", None)
    if symbol is not None and _is_sympy(symbol) and getattr(symbol, "is_Symbol", False):
        return symbol  # a Parameter-like object: use its symbol
    return to_exact(value, str(where))


def to_sympy(value: Value) -> Any:
    """A stored value as a sympy object (``Fraction`` -> ``Rational``, float -> ``Float``)."""
    import sympy

    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float | int):
        return sympy.Float(value) if isinstance(value, float) else sympy.Integer(value)
    return value


def _free_symbols(value: Value) -> frozenset[Any]:
    if _is_sympy(value):
        return frozenset(value.free_symbols)
    return frozenset()
