"""Signalling games: a sender who knows its type, a message, a receiver who sees only the message.

Chance draws the sender's *type* (strong or weak, resolved or not) with a common
prior; the sender, knowing its type, sends a *message* (a breakfast, a hint about
Treasuries); the receiver sees the message but not the type and *acts*. A
signalling game is an ordinary :class:`~negotiation.trees.GameTree` of that shape:
:func:`signalling_game` builds one, and :func:`signalling_structure` reads the
types, messages and actions back from any tree of that shape (the receiver's
information sets are "after message m", one node per type).

>>> from negotiation.information import signalling_game, signalling_structure
>>> tree = signalling_game(
...     {"resolved": 0.3, "bluffing": 0.7}, ("hint", "silence"), ("press", "soften"),
...     lambda t, m, a: (1 if a == "soften" else 0, 1 if (a == "press") == (t == "bluffing") else 0),
...     players=("Japan", "US"),
... )
>>> s = signalling_structure(tree)
>>> s.types, s.messages, s.actions["hint"]
(('resolved', 'bluffing'), ('hint', 'silence'), ('press', 'soften'))
>>> s.prior
(Fraction(3, 10), Fraction(7, 10))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..core._numbers import Number, to_exact
from ..trees import GameTree, InformationSet, chance, decision
from ..trees.nodes import format_path

__all__ = ["SignallingStructure", "signalling_game", "signalling_structure"]


@dataclass(frozen=True)
class SignallingStructure:
    """The parts of a signalling game, read from its tree.

    Attributes
    ----------
    tree : GameTree
    sender, receiver : str
    types : tuple of str
        Chance's actions at the root, in order.
    prior : tuple
        Their probabilities (exact).
    messages : tuple of str
        The sender's actions, the same for every type.
    actions : dict
        The receiver's actions after each message.
    receiver_sets : dict
        The receiver's information set after each message.
    """

    tree: GameTree
    sender: str
    receiver: str
    types: tuple[str, ...]
    prior: tuple[Number, ...]
    messages: tuple[str, ...]
    actions: dict[str, tuple[str, ...]]
    receiver_sets: dict[str, InformationSet]

    def payoffs(self, t: str, m: str, a: str) -> tuple[Number, Number]:
        """(sender, receiver) payoffs when type ``t`` sends ``m`` and the receiver plays ``a``."""
        node = self.tree.node((t, m, a))
        pay = node.payoffs  # type: ignore[union-attr]
        i = self.tree.players.index(self.sender)
        return pay[i], pay[1 - i]


def signalling_game(
    prior: Mapping[str, Any],
    messages: Sequence[str],
    actions: Sequence[str] | Mapping[str, Sequence[str]],
    payoffs: Callable[[str, str, str], Sequence[Any]]
    | Mapping[tuple[str, str, str], Sequence[Any]],
    *,
    players: tuple[str, str] = ("Sender", "Receiver"),
    title: str = "",
) -> GameTree:
    """A signalling game as a tree.

    Parameters
    ----------
    prior : mapping
        ``{type: probability}``, the common prior (exact numbers or sympy expressions).
    messages : sequence of str
        What any type of sender can send.
    actions : sequence of str, or mapping
        The receiver's actions, or ``{message: actions}`` when they depend on the message.
    payoffs : callable or mapping
        ``payoffs(type, message, action)`` (or a mapping keyed by that triple) gives
        ``(sender's payoff, receiver's payoff)``.
    players : pair of str
        The sender's and the receiver's names.
    title : str, optional

    Examples
    --------
    >>> from negotiation.information import signalling_game
    >>> t = signalling_game({"high": 0.5, "low": 0.5}, ["educate", "skip"], ["hire", "pass"],
    ...                     lambda t, m, a: (1, 1), title="A dull game")
    >>> len(t.information_sets("Receiver"))
    2
    """
    if not isinstance(prior, Mapping) or not prior:
        raise TypeError(f"prior must be a non-empty mapping {{type: probability}}, got {prior!r}")
    sender, receiver = players
    msgs = tuple(messages)
    if isinstance(actions, Mapping):
        acts = {m: tuple(actions[m]) for m in msgs if m in actions}
        missing = [m for m in msgs if m not in acts]
        if missing:
            raise ValueError(f"actions has no entry for the messages {missing}")
    else:
        acts = {m: tuple(actions) for m in msgs}

    def pay(t: str, m: str, a: str) -> tuple[Any, Any]:
        value = payoffs[(t, m, a)] if isinstance(payoffs, Mapping) else payoffs(t, m, a)
        if isinstance(value, str | bytes) or not isinstance(value, Sequence) or len(value) != 2:
            raise TypeError(
                f"the payoffs for type {t!r}, message {m!r} and action {a!r} must be a pair "
                f"(sender, receiver), got {value!r}"
            )
        return (value[0], value[1]) if players[0] == sender else (value[1], value[0])

    branches = {}
    for t, p in prior.items():
        moves = {
            m: decision(receiver, {a: pay(t, m, a) for a in acts[m]}, information_set=f"after {m}")
            for m in msgs
        }
        branches[t] = (p, decision(sender, moves))
    return GameTree(players, chance(branches), title=title)


def signalling_structure(tree: GameTree) -> SignallingStructure:
    """Read the types, messages and actions of a tree that is a signalling game.

    Raises
    ------
    TypeError
        If ``tree`` is not a GameTree.
    ValueError
        If the tree is not a signalling game; the message names the node that
        breaks the shape (the root must be chance, then one sender's move per type
        with the same messages, then the receiver in one information set per message
        holding one node per type, then the end of the game).
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"a signalling game is a GameTree, got {type(tree).__name__}")
    tree.require_two_players("a signalling game (a sender and a receiver)")
    root = tree.root
    shape = (
        "a signalling game has chance at the root (the sender's type), then the sender's "
        "message at each type, then the receiver's action in one information set per message, "
        "then the end of the game"
    )
    if tree.player_at(()) is not None or not hasattr(root, "probabilities"):
        raise ValueError(f"{shape}; the root of this tree is not a chance node")
    types = tuple(root.actions)  # type: ignore[union-attr]
    prior = tuple(root.probabilities)
    senders = {tree.player_at((t,)) for t in types}
    if len(senders) != 1 or None in senders:
        raise ValueError(f"{shape}; after chance, one player must move at every type")
    sender = str(next(iter(senders)))
    receiver = tree.players[1 - tree.players.index(sender)]
    messages = tree.node((types[0],)).actions  # type: ignore[union-attr]
    actions: dict[str, tuple[str, ...]] = {}
    sets: dict[str, InformationSet] = {}
    for t in types:
        if tree.node((t,)).actions != messages:  # type: ignore[union-attr]
            raise ValueError(
                f"{shape}; the sender's messages at {format_path((t,))} differ from those at "
                f"{format_path((types[0],))}"
            )
        for m in messages:
            where = (t, m)
            if tree.player_at(where) != receiver:
                raise ValueError(f"{shape}; {receiver} must move at {format_path(where)}")
            s = tree.information_set(where)
            if m in sets and s is not sets[m]:
                raise ValueError(
                    f"{shape}; {receiver} must not tell apart the types after {m!r}, but "
                    f"{format_path(where)} is not in the same information set as "
                    f"{format_path(sets[m].nodes[0])}"
                )
            sets[m] = s
            actions[m] = tree.node(where).actions  # type: ignore[union-attr]
            for a in actions[m]:
                if tree.player_at((t, m, a)) is not None or hasattr(
                    tree.node((t, m, a)), "probabilities"
                ):
                    raise ValueError(f"{shape}; the game must end at {format_path((t, m, a))}")
    if len({s.index for s in sets.values()}) != len(messages):
        raise ValueError(f"{shape}; the receiver's information sets must differ by message")
    for m, s in sets.items():
        if len(s.nodes) != len(types):
            raise ValueError(
                f"{shape}; the receiver's information set after {m!r} must hold one node per type"
            )
    for i, t in enumerate(types):
        if len(tree.information_set((t,)).nodes) != 1:
            raise ValueError(f"{shape}; the sender knows its type, but {t!r} is not told apart")
        if prior[i] == 0:
            raise ValueError(f"the prior probability of the type {t!r} is 0; drop the type")
    return SignallingStructure(
        tree=tree,
        sender=sender,
        receiver=receiver,
        types=types,
        prior=tuple(to_exact(p) if not hasattr(p, "free_symbols") else p for p in prior),
        messages=messages,
        actions=actions,
        receiver_sets=sets,
    )
