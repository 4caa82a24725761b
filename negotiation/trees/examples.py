"""Ready-made trees for lessons: textbook games and the Treasury-card story.

The payoffs of :func:`treasury_card` are **stylized**: small numbers that keep
the order of outcomes the story suggests (see ``calibration-sources.md``:
selling Treasuries would cost Japan mark-to-market losses and a stronger yen,
and Finance Minister Kato walked the hint back within two days). They are not
estimates.

References
----------
.. [Selten1978] R. Selten, "The chain store paradox", *Theory and Decision* 9,
   127-159, 1978.
.. [Rosenthal1981] R. W. Rosenthal, "Games of perfect information, predatory
   pricing and the chain-store paradox", *Journal of Economic Theory* 25,
   92-100, 1981.
.. [Guth1982] W. Güth, R. Schmittberger and B. Schwarze, "An experimental analysis
   of ultimatum bargaining", *Journal of Economic Behavior and Organization* 3,
   367-388, 1982.
.. [ChoKreps1987] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
   *Quarterly Journal of Economics* 102(2), 179-221, 1987.
.. [Selten1975] R. Selten, "Reexamination of the perfectness concept for equilibrium
   points in extensive games", *International Journal of Game Theory* 4, 25-55, 1975.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core._numbers import to_exact
from .nodes import Node, chance, decision, leaf
from .tree import GameTree

__all__ = [
    "beer_quiche",
    "centipede",
    "entry_deterrence",
    "selten_horse",
    "treasury_card",
    "ultimatum",
]


def entry_deterrence() -> GameTree:
    """The stage game of Selten's chain store [Selten1978]_: stay out, or enter and face a fight.

    Examples
    --------
    >>> print(entry_deterrence())
    Entry deterrence (payoffs: Entrant, Incumbent)
    Entrant moves
    ├─ Out → (1, 5)
    └─ In → Incumbent moves
       ├─ Fight → (0, 0)
       └─ Accommodate → (2, 2)
    """
    return GameTree(
        ("Entrant", "Incumbent"),
        decision(
            "Entrant",
            {
                "Out": (1, 5),
                "In": decision("Incumbent", {"Fight": (0, 0), "Accommodate": (2, 2)}),
            },
        ),
        title="Entry deterrence",
    )


def treasury_card(selling_cost: Any = 5, panic: Any = Fraction(1, 4)) -> GameTree:
    """The Treasury-card story as a tree (stylized payoffs: Japan, US).

    The US demands concessions under tariffs (or does not). Japan accepts,
    retaliates, or plays its Treasury card. The US then holds or backs down; if
    it holds, Japan sells Treasuries or not. A sale is orderly or, with
    probability ``panic``, turns into market stress that hurts both.

    Parameters
    ----------
    selling_cost : number or sympy expression
        Japan's own cost of selling (losses on its holdings, a stronger yen).
    panic : number or sympy expression
        The probability that a sale causes market stress.

    Examples
    --------
    >>> t = treasury_card()
    >>> len(t), t.leaf_count
    (12, 7)
    >>> from negotiation.trees import subgame_perfect
    >>> subgame_perfect(t)[0].path
    ('Demand', 'Accept')
    """
    c = (
        selling_cost
        if hasattr(selling_cost, "free_symbols")
        else to_exact(selling_cost, "selling_cost")
    )
    p = panic if hasattr(panic, "free_symbols") else to_exact(panic, "panic")
    sell: Node = chance(
        {
            "Market stress": (p, leaf(-c - 3, -10)),
            "Orderly": (1 - p, leaf(-c, -2)),
        }
    )
    japan_after_hold = decision("Japan", {"Sell": sell, "Don't sell": leaf(-4, 4)})
    card = decision("US", {"Hold": japan_after_hold, "Back down": leaf(1, -1)})
    respond = decision(
        "Japan",
        {"Accept": leaf(-2, 3), "Retaliate": leaf(-3, -1), "Treasury card": card},
    )
    return GameTree(
        ("Japan", "US"),
        decision("US", {"Demand": respond, "No demand": leaf(0, 0)}),
        title="The Treasury card",
    )


def ultimatum(pie: int = 4) -> GameTree:
    """The ultimatum game [Guth1982]_ with a pie of ``pie`` whole units.

    The proposer offers ``0, 1, ..., pie`` units; the responder accepts (the
    split happens) or rejects (both get 0).

    Examples
    --------
    >>> ultimatum(2).node(("Offer 1", "Accept")).payoffs
    (Fraction(1, 1), Fraction(1, 1))
    """
    if isinstance(pie, bool) or not isinstance(pie, int) or pie < 1:
        raise ValueError(f"pie must be a whole number of units, at least 1, got {pie!r}")
    offers = {
        f"Offer {k}": decision("Responder", {"Accept": (pie - k, k), "Reject": (0, 0)})
        for k in range(pie + 1)
    }
    return GameTree(
        ("Proposer", "Responder"), decision("Proposer", offers), title=f"Ultimatum game (pie {pie})"
    )


def centipede(stages: int = 4) -> GameTree:
    """Rosenthal's centipede game [Rosenthal1981]_: take the larger pile now, or pass and let it grow.

    At stage ``k`` (from 0) the mover takes ``k + 2`` and leaves ``k`` to the
    other. If the last mover passes, they get ``stages`` and the other
    ``stages + 2``. Each mover does better by taking than by passing to an
    opponent who takes, so backward induction says: take at once.

    Examples
    --------
    >>> from negotiation.trees import subgame_perfect
    >>> subgame_perfect(centipede(6))[0].path
    ('Take',)
    """
    if isinstance(stages, bool) or not isinstance(stages, int) or stages < 1:
        raise ValueError(f"stages must be a whole number, at least 1, got {stages!r}")
    players = ("First", "Second")
    last = (stages - 1) % 2
    end = [0, 0]
    end[last], end[1 - last] = stages, stages + 2
    node: Node = leaf(*end)
    for k in range(stages - 1, -1, -1):
        mover = k % 2
        take = [0, 0]
        take[mover], take[1 - mover] = k + 2, k
        node = decision(players[mover], {"Take": tuple(take), "Pass": node})
    return GameTree(players, node, title=f"Centipede ({stages} stages)")


def beer_quiche(strong: Any = Fraction(9, 10)) -> GameTree:
    """Cho and Kreps's beer-quiche signalling game [ChoKreps1987]_ (payoffs: Sender, Receiver).

    Chance makes the sender strong (probability ``strong``) or weak; the sender,
    who knows its type, has beer or quiche for breakfast; the receiver sees the
    breakfast but not the type and duels or not. The sender gets 1 for the
    breakfast it prefers (strong: beer, weak: quiche) plus 2 if there is no duel;
    the receiver gets 1 for duelling a weak sender or leaving a strong one alone.
    The receiver's two information sets are ``"after beer"`` and ``"after quiche"``.

    Parameters
    ----------
    strong : number or sympy expression
        The prior probability that the sender is strong (9/10 in Cho and Kreps).

    Examples
    --------
    >>> print(beer_quiche())
    Beer-quiche (payoffs: Sender, Receiver)
    Chance
    ├─ strong [9/10] → Sender moves
    │  ├─ beer → Receiver moves [information set 'after beer']
    │  │  ├─ duel → (1, 0)
    │  │  └─ don't → (3, 1)
    │  └─ quiche → Receiver moves [information set 'after quiche']
    │     ├─ duel → (0, 0)
    │     └─ don't → (2, 1)
    └─ weak [1/10] → Sender moves
       ├─ beer → Receiver moves [information set 'after beer']
       │  ├─ duel → (0, 1)
       │  └─ don't → (2, 0)
       └─ quiche → Receiver moves [information set 'after quiche']
          ├─ duel → (1, 1)
          └─ don't → (3, 0)
    """
    p = to_exact(strong, "strong") if not hasattr(strong, "free_symbols") else strong

    def sender(likes: str) -> Node:
        is_strong = likes == "beer"

        def receiver(breakfast: str) -> Node:
            taste = 1 if breakfast == likes else 0
            return decision(
                "Receiver",
                {
                    "duel": (taste, 0 if is_strong else 1),
                    "don't": (taste + 2, 1 if is_strong else 0),
                },
                information_set=f"after {breakfast}",
            )

        return decision("Sender", {"beer": receiver("beer"), "quiche": receiver("quiche")})

    return GameTree(
        ("Sender", "Receiver"),
        chance({"strong": (p, sender("beer")), "weak": (1 - p, sender("quiche"))}),
        title="Beer-quiche",
    )


def selten_horse() -> GameTree:
    """Selten's horse [Selten1975]_: three players, and a Nash equilibrium that is not perfect Bayesian.

    Player 1 continues (C) or goes down (D); after C, player 2 continues (c) or goes
    down (d); player 3 moves after D and after C, d without knowing which (one
    information set), choosing L or R. The payoffs (player 1, 2, 3) are those of
    Selten's Figure 1 (1975, p. 27), as transcribed in Gambit's catalogue
    (``journals/ijgt/selten1975/fig1.efg``, which names every move R or L):

    ========  ==========  ======================================
    play      payoffs     Selten's labels
    ========  ==========  ======================================
    C, c      (1, 1, 1)   R1, R2
    C, d, L   (4, 4, 0)   R1, L2, R3
    C, d, R   (0, 0, 1)   R1, L2, L3
    D, L      (3, 2, 2)   L1, R3
    D, R      (0, 0, 0)   L1, L3
    ========  ==========  ======================================

    Textbooks redraw it with labels like these (C/D, c/d, L/R), some with other
    numbers (player 2 getting 3 rather than 2 after D, L, for one), which change none
    of the equilibria discussed here; this tree keeps Selten's. Player 1 going down and player 3 playing L
    is a Nash equilibrium held up by player 2's threat c, which no belief makes
    optimal once player 2 moves (d gives 4 against 1); the game has no proper
    subgame, so subgame perfection cannot see this, and perfect Bayesian equilibrium can.

    Examples
    --------
    >>> print(selten_horse())
    Selten's horse (payoffs: Player 1, Player 2, Player 3)
    Player 1 moves
    ├─ C → Player 2 moves
    │  ├─ c → (1, 1, 1)
    │  └─ d → Player 3 moves [information set 'after D or C, d']
    │     ├─ L → (4, 4, 0)
    │     └─ R → (0, 0, 1)
    └─ D → Player 3 moves [information set 'after D or C, d']
       ├─ L → (3, 2, 2)
       └─ R → (0, 0, 0)
    """
    label = "after D or C, d"
    return GameTree(
        ("Player 1", "Player 2", "Player 3"),
        decision(
            "Player 1",
            {
                "C": decision(
                    "Player 2",
                    {
                        "c": (1, 1, 1),
                        "d": decision(
                            "Player 3", {"L": (4, 4, 0), "R": (0, 0, 1)}, information_set=label
                        ),
                    },
                ),
                "D": decision("Player 3", {"L": (3, 2, 2), "R": (0, 0, 0)}, information_set=label),
            },
        ),
        title="Selten's horse",
    )
