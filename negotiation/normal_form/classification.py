"""Name a 2x2 game by its ordinal structure: Prisoner's Dilemma, Chicken, Stag Hunt, ...

Only the *order* of each player's payoffs matters for which pure strategies are
best responses, so a 2x2 game is classified by ranking each player's four
payoffs from 1 (worst) to 4 (best). Relabelling the strategies (swapping the two
rows or the two columns) and rescaling a player's payoffs by any strictly
increasing function change nothing. Up to those changes there are exactly 144
strict ordinal 2x2 games (no player has two equal payoffs) [Robinson2005]_; 78
if games that differ only by which player is called "row" are identified
[Rapoport1966]_.

Robinson and Goforth arrange the 144 games in a "periodic table" whose
neighbours differ by swapping two adjacent payoffs of one player
[Robinson2005]_. The 12 *symmetric* games (both players face the same payoffs)
lie on its diagonal, and Bruns names every other game by the symmetric games
whose payoffs each player has [Bruns2015]_: a game in which Row has the payoffs of
a Prisoner's Dilemma and Column those of Chicken is a "Prisoner's
Dilemma–Chicken" hybrid. To read off these two coordinates the game is first
oriented (Bruns's convention, mirrored left to right): Row's best outcome in the
left column and Column's best outcome in the top row. Row's payoff matrix is
then one of the 12 below, and Column's, transposed, is another.

====================  ====  ===========  ==============
Symmetric game        code  Row's ranks  T, R, P, S
====================  ====  ===========  ==============
Prisoner's Dilemma    Pd    3 1 / 4 2    T > R > P > S
Deadlock              Dl    2 1 / 4 3    S > R > P > T
Compromise            Cm    1 2 / 4 3    S > R > T > P
Hero                  He    1 3 / 4 2    S > T > R > P
Battle of the Sexes   Bs    2 3 / 4 1    T > S > R > P
Chicken               Ch    3 2 / 4 1    T > R > S > P
Concord               Cc    4 2 / 3 1    R > T > S > P
Harmony               Ha    4 3 / 2 1    R > S > T > P
Peace                 Pc    4 3 / 1 2    R > S > P > T
Coordination          Co    4 2 / 1 3    R > P > S > T
Assurance             As    4 1 / 2 3    R > P > T > S
Stag Hunt             Sh    4 1 / 3 2    R > T > P > S
====================  ====  ===========  ==============

Row's ranks are written ``top row / bottom row`` in the oriented game (Bruns
2015 prints them with the two columns the other way round). In the last column
the strategies are called C and D, labelled so that mutual C beats mutual D:
R is the payoff of mutual C, P of mutual D, T of D against C and S of C against
D. The table follows the cycle of payoff swaps of the topology: each game
differs from the next by swapping two adjacent ranks. The orderings agree with
the usual definitions of the Prisoner's Dilemma (T > R > P > S), Chicken
(T > R > S > P) and Stag Hunt (R > T > P > S) [Macy2002]_. Battle of the Sexes
is Bruns's strict version of the game (Rapoport's "Leader" [Rapoport1967]_); the
textbook version, with equal payoffs for both ways of failing to meet, is a tie
between it and Hero. In evolutionary game theory "Harmony" often means the
whole region R > T, S > P, which holds Bruns's Concord, Harmony and Peace.

The two-letter codes are this module's own abbreviations; a hybrid's code joins
Row's and Column's, e.g. ``Pd-Ch``. Of the 144 games, 108 have one pure
equilibrium, 18 two and 18 none (the tests count them): the last are the hybrids in
which one player has the payoffs of a coordination game (Stag Hunt, Assurance,
Coordination) and the other those of an anti-coordination game (Chicken,
Battle of the Sexes, Hero). Their best responses cycle as in Matching Pennies, so
:func:`classify` names them all "Matching Pennies type (cyclic, no pure
equilibrium)" (the code still tells them apart).

Ties are handled explicitly. A game in which a player has two equal payoffs sits
on the boundary between the strict games obtained by pulling the tied payoffs
apart, which is what happens at a regime threshold when a slider crosses a tie:
``boundary_of`` lists them, and the name says "Tie: between X and Y". (When every
way of pulling the ties apart gives games of one name, as for Matching Pennies
with payoffs of +1 and -1, the name is that name and only ``ties`` and
``boundary_of`` record the tie.) A symmetric game is pulled apart symmetrically
(the same way for both players, as a symmetric model with one parameter for both
would be; if several pairings of the strategies make the game symmetric, each is
used), any other game in every possible way.

References
----------
.. [Robinson2005] D. Robinson and D. Goforth, *The Topology of the 2x2 Games: A
   New Periodic Table*, Routledge, 2005.
.. [Bruns2015] B. R. Bruns, "Names for games: locating 2 x 2 games", *Games* 6(4),
   495-520, 2015, doi:10.3390/g6040495.
.. [Rapoport1966] A. Rapoport and M. Guyer, "A taxonomy of 2 x 2 games",
   *General Systems* 11, 203-214, 1966.
.. [Rapoport1967] A. Rapoport, "Exploiter, Leader, Hero, and Martyr: the four
   archetypes of the 2 x 2 game", *Behavioral Science* 12(2), 81-84, 1967.
.. [Macy2002] M. W. Macy and A. Flache, "Learning dynamics in social dilemmas",
   *PNAS* 99(suppl. 3), 7229-7236, 2002.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import permutations, product
from typing import Any, NamedTuple

from ..core.game import BimatrixGame

__all__ = ["CYCLIC_NAME", "SYMMETRIC_GAMES", "GameClass", "classify"]

Ranks = tuple[int, int, int, int]
"""One player's ranks for the cells (top-left, top-right, bottom-left, bottom-right)."""

#: The name shared by the 18 strict games without a pure equilibrium.
CYCLIC_NAME = "Matching Pennies type (cyclic, no pure equilibrium)"
_CYCLIC_TEXT = (
    "One player wants to match the other's choice and the other wants to avoid it, so best "
    "responses go round in a cycle and equilibrium play is mixed."
)


class _Type(NamedTuple):
    name: str
    code: str
    ranks: Ranks  # Row's ranks in the oriented game (Row's 4 in the left column)
    description: str


_TYPES: tuple[_Type, ...] = (
    _Type(
        "Prisoner's Dilemma",
        "Pd",
        (3, 1, 4, 2),
        "Each player has a dominant strategy (defect), yet when both use it they get less "
        "than if both had cooperated: self-interest and common interest collide.",
    ),
    _Type(
        "Deadlock",
        "Dl",
        (2, 1, 4, 3),
        "Each player has a dominant strategy (defect), and both prefer mutual defection to "
        "mutual cooperation, so the equilibrium is stable and there is no dilemma.",
    ),
    _Type(
        "Compromise",
        "Cm",
        (1, 2, 4, 3),
        "Each player has a dominant strategy, which gives both their second-best outcome, a "
        "compromise; if both gave way instead, both would get their worst.",
    ),
    _Type(
        "Hero",
        "He",
        (1, 3, 4, 2),
        "Both want to coordinate but each prefers a different equilibrium. Reaching one needs "
        "a player to give way, which is a gamble (if both give way, both get their worst), "
        "and the one who gives way (the 'hero') gets less than the other.",
    ),
    _Type(
        "Battle of the Sexes",
        "Bs",
        (2, 3, 4, 1),
        "Both want to coordinate but each prefers a different equilibrium. Going for your "
        "favourite is a gamble (if both do, both get their worst), and the one who goes for "
        "it gets the most; also called Leader.",
    ),
    _Type(
        "Chicken",
        "Ch",
        (3, 2, 4, 1),
        "Each wants to stand firm while the other backs down, but if both stand firm both "
        "get their worst; in the two pure equilibria exactly one player backs down.",
    ),
    _Type(
        "Concord",
        "Cc",
        (4, 2, 3, 1),
        "No conflict: dominant strategies lead to the best outcome for both; a player who "
        "deviated alone would hurt the other more than themself.",
    ),
    _Type(
        "Harmony",
        "Ha",
        (4, 3, 2, 1),
        "No conflict: dominant strategies lead to the best outcome for both; a player who "
        "deviated alone would hurt themself more than the other.",
    ),
    _Type(
        "Peace",
        "Pc",
        (4, 3, 1, 2),
        "No conflict: dominant strategies lead to the best outcome for both; a player who "
        "deviated alone would get their worst outcome.",
    ),
    _Type(
        "Coordination",
        "Co",
        (4, 2, 1, 3),
        "Two pure equilibria and both players prefer the same one; the strategy that leads "
        "there is also the safer one, so coordinating on it is easy.",
    ),
    _Type(
        "Assurance",
        "As",
        (4, 1, 2, 3),
        "Both do best by cooperating if the other does, but cooperating alone is the worst "
        "outcome and the safe choice pays best when the other plays safe too: two pure "
        "equilibria, and reaching the better one needs assurance.",
    ),
    _Type(
        "Stag Hunt",
        "Sh",
        (4, 1, 3, 2),
        "Both do best by hunting the stag together, but hunting it alone is the worst outcome "
        "while hunting hare is safe either way: two pure equilibria, and reaching the better "
        "one needs trust.",
    ),
)

#: Names of the 12 symmetric ordinal games, in the order of the cycle of payoff swaps.
SYMMETRIC_GAMES: tuple[str, ...] = tuple(t.name for t in _TYPES)

_BY_RANKS: dict[Ranks, int] = {t.ranks: k for k, t in enumerate(_TYPES)}


@dataclass(frozen=True)
class GameClass:
    """The class of a 2x2 game in the Robinson-Goforth topology, with Bruns's name.

    Attributes
    ----------
    name : str
        Short, stable name: a symmetric game ("Chicken"), a hybrid named Row's type
        first ("Prisoner's Dilemma–Chicken"), "Matching Pennies type (cyclic, no
        pure equilibrium)", or for games with ties "Tie: between X and Y" (just
        "X" when every way of breaking the ties gives a game named X).
    code : str
        Compact identifier: ``"Ch"``, ``"Pd-Ch"``; ``"tie:Pd/Dl"`` for ties.
    symmetric : bool
        Whether both players face the same ordinal payoffs (after relabelling).
    ties : bool
        Whether some player has two or more equal payoffs.
    description : str
        One or two sentences on what makes the game what it is.
    boundary_of : tuple of str
        For games with ties, the names of the strict classes reached by pulling
        the tied payoffs apart; empty otherwise.
    row_type, col_type : str or None
        The symmetric game whose payoffs Row (Column) has; None when ties leave it
        open.
    n_pure_equilibria : int
        Number of pure-strategy Nash equilibria.
    """

    name: str
    code: str
    symmetric: bool
    ties: bool
    description: str
    boundary_of: tuple[str, ...] = ()
    row_type: str | None = None
    col_type: str | None = None
    n_pure_equilibria: int = 0

    def __str__(self) -> str:
        return f"{self.name} ({self.code}): {self.description}"


# --- ordinal arithmetic on 2x2 rank tuples ----------------------------------------------


def _dense_ranks(values: tuple[Any, Any, Any, Any]) -> Ranks:
    """1 for the smallest value, 2 for the next larger one, ...; equal values share a rank."""
    levels = sorted(set(values))
    r = tuple(levels.index(v) + 1 for v in values)
    return r[0], r[1], r[2], r[3]


def _swap_cols(a: Ranks) -> Ranks:
    return a[1], a[0], a[3], a[2]


def _swap_rows(a: Ranks) -> Ranks:
    return a[2], a[3], a[0], a[1]


def _transpose(a: Ranks) -> Ranks:
    return a[0], a[2], a[1], a[3]


def _pure_equilibria(a: Ranks, b: Ranks) -> int:
    """Number of cells where both play a best response (weak comparisons)."""
    count = 0
    for i, j in product((0, 1), (0, 1)):
        cell, other_row, other_col = 2 * i + j, 2 * (1 - i) + j, 2 * i + (1 - j)
        if a[cell] >= a[other_row] and b[cell] >= b[other_col]:
            count += 1
    return count


@cache
def _strict_extensions(r: Ranks) -> tuple[Ranks, ...]:
    """Every strict ranking 1..4 that agrees with the (weak) ranking ``r``."""
    out = []
    for perm in permutations((1, 2, 3, 4)):
        if all(perm[x] < perm[y] for x in range(4) for y in range(4) if r[x] < r[y]):
            out.append((perm[0], perm[1], perm[2], perm[3]))
    return tuple(out)


# --- strict games -----------------------------------------------------------------------


def _orient(a: Ranks, b: Ranks) -> tuple[Ranks, Ranks]:
    """Row's best outcome in the left column, Column's best in the top row."""
    if 4 in (a[1], a[3]):
        a, b = _swap_cols(a), _swap_cols(b)
    if 4 in (b[2], b[3]):
        a, b = _swap_rows(a), _swap_rows(b)
    return a, b


def _hybrid_description(row: _Type, col: _Type, a: Ranks, b: Ranks, n_pure: int) -> str:
    first = f"Row has the payoffs of {row.name} and Column those of {col.name}."
    if n_pure == 0:
        return f"{first} {_CYCLIC_TEXT}"
    cells = [
        2 * i + j
        for i, j in product((0, 1), (0, 1))
        if a[2 * i + j] >= a[2 * (1 - i) + j] and b[2 * i + j] >= b[2 * i + (1 - j)]
    ]
    if n_pure == 2:
        c, d = cells
        same = (a[c] - a[d]) * (b[c] - b[d]) > 0
        second = (
            "Two pure equilibria and both players prefer the same one."
            if same
            else "Two pure equilibria and each player prefers a different one."
        )
        return f"{first} {second}"
    c = cells[0]
    deficient = any(a[x] > a[c] and b[x] > b[c] for x in range(4))
    row_dominant = (a[0] > a[2]) == (a[1] > a[3])
    col_dominant = (b[0] > b[1]) == (b[2] > b[3])
    who = {
        (True, True): "Both players have a dominant strategy",
        (True, False): "Row has a dominant strategy",
        (False, True): "Column has a dominant strategy",
        (False, False): "Neither player has a dominant strategy",
    }[(row_dominant, col_dominant)]
    tail = (
        ", which both players would gladly swap for another outcome (a dilemma)"
        if deficient
        else ""
    )
    return f"{first} {who}; one pure equilibrium{tail}."


@cache
def _strict_class(a: Ranks, b: Ranks) -> GameClass:
    a, b = _orient(a, b)
    row = _TYPES[_BY_RANKS[a]]
    col = _TYPES[_BY_RANKS[_transpose(b)]]
    n_pure = _pure_equilibria(a, b)
    if row is col:
        return GameClass(
            name=row.name,
            code=row.code,
            symmetric=True,
            ties=False,
            description=row.description,
            row_type=row.name,
            col_type=col.name,
            n_pure_equilibria=n_pure,
        )
    name = CYCLIC_NAME if n_pure == 0 else f"{row.name}–{col.name}"
    return GameClass(
        name=name,
        code=f"{row.code}-{col.code}",
        symmetric=False,
        ties=False,
        description=_hybrid_description(row, col, a, b, n_pure),
        row_type=row.name,
        col_type=col.name,
        n_pure_equilibria=n_pure,
    )


# --- ties -------------------------------------------------------------------------------


def _symmetric_orientations(a: Ranks, b: Ranks) -> list[Ranks]:
    """Row's ranks under each relabelling that makes Column's the transpose of Row's."""
    found = []
    for swap_r, swap_c in product((False, True), (False, True)):
        a2, b2 = a, b
        if swap_r:
            a2, b2 = _swap_rows(a2), _swap_rows(b2)
        if swap_c:
            a2, b2 = _swap_cols(a2), _swap_cols(b2)
        if b2 == _transpose(a2):
            found.append(a2)
    return found


def _sort_key(c: GameClass) -> tuple[int, int, int]:
    order = {t.name: k for k, t in enumerate(_TYPES)}
    group = 0 if c.symmetric else (2 if c.n_pure_equilibria == 0 else 1)
    return group, order.get(c.row_type or "", 99), order.get(c.col_type or "", 99)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _tie_class(a: Ranks, b: Ranks) -> GameClass:
    sym = _symmetric_orientations(a, b)
    strict: dict[str, GameClass] = {}
    if sym:
        for a2 in sym:
            for e in _strict_extensions(a2):
                c = _strict_class(e, _transpose(e))
                strict.setdefault(c.code, c)
    else:
        for ea, eb in product(_strict_extensions(a), _strict_extensions(b)):
            c = _strict_class(ea, eb)
            strict.setdefault(c.code, c)
    classes = sorted(strict.values(), key=_sort_key)
    names: list[str] = []
    for c in classes:
        if c.name not in names:
            names.append(c.name)
    codes = [c.code for c in classes]
    if len(names) == 1:
        # Every way of breaking the ties gives a game of this name; distinct strict games
        # share a name only when they are cyclic.
        name = names[0]
    elif len(names) <= 3:
        name = f"Tie: between {_join(names)}"
    else:
        name = f"Tie: on the boundary of {len(names)} classes"
    code = "tie:" + ("/".join(codes) if len(codes) <= 3 else f"{len(codes)}-classes")
    tied = [len(set(a)) < 4, len(set(b)) < 4]
    who = "Both players have" if all(tied) else ("Row has" if tied[0] else "Column has")
    if len(names) == 1:
        description = (
            f"{who} equal payoffs for some outcomes, but however the tied payoffs are pulled "
            "apart the game stays of this kind. "
            + (_CYCLIC_TEXT if names[0] == CYCLIC_NAME else classes[0].description)
        )
    else:
        where = f"between {_join(names)}" if len(names) <= 3 else f"of {len(names)} classes"
        description = (
            f"{who} equal payoffs for some outcomes, so the game sits on the boundary {where}: "
            "pulling the tied payoffs apart one way or the other gives these games."
        )
    row_types = {c.row_type for c in classes}
    col_types = {c.col_type for c in classes}
    return GameClass(
        name=name,
        code=code,
        symmetric=bool(sym),
        ties=True,
        description=description,
        boundary_of=tuple(names),
        row_type=row_types.pop() if len(row_types) == 1 else None,
        col_type=col_types.pop() if len(col_types) == 1 else None,
        n_pure_equilibria=_pure_equilibria(a, b),
    )


@cache
def _classify_ranks(a: Ranks, b: Ranks) -> GameClass:
    if len(set(a)) == 4 and len(set(b)) == 4:
        return _strict_class(a, b)
    return _tie_class(a, b)


def classify(game: BimatrixGame) -> GameClass:
    """The Robinson-Goforth class of a 2x2 game, with its name in Bruns's nomenclature.

    Parameters
    ----------
    game : BimatrixGame
        A game with two strategies for each player.

    Returns
    -------
    GameClass
        Name, code, whether the game is symmetric or has ties, a short description,
        and for ties the strict classes it borders (``boundary_of``).

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`BimatrixGame`.
    ValueError
        If the game is not 2x2.

    Notes
    -----
    Each player's payoffs are replaced by their ranks (exactly, when the game is
    exact), so the class does not change when rows or columns are swapped or a
    player's payoffs are transformed by a strictly increasing function. Swapping
    the players (:meth:`BimatrixGame.transpose`) swaps ``row_type`` and
    ``col_type``, so a hybrid "X–Y" becomes "Y–X"; symmetric and cyclic names are
    unchanged. Results are cached by ranks, so a call costs microseconds.

    Examples
    --------
    The Prisoner's Dilemma with Axelrod's payoffs (T=5, R=3, P=1, S=0):

    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> c = classify(pd)
    >>> c.name, c.code, c.symmetric, c.n_pure_equilibria
    ("Prisoner's Dilemma", 'Pd', True, 1)

    When mutual cooperation and mutual defection pay the same, the game is on the
    boundary between the Prisoner's Dilemma and Deadlock:

    >>> classify(BimatrixGame([[1, 0], [5, 1]], [[1, 5], [0, 1]])).name
    "Tie: between Prisoner's Dilemma and Deadlock"

    Matching Pennies has no pure equilibrium:

    >>> classify(BimatrixGame.zero_sum([[1, -1], [-1, 1]])).name
    'Matching Pennies type (cyclic, no pure equilibrium)'
    """
    if not isinstance(game, BimatrixGame):
        raise TypeError(
            f"classify() needs a BimatrixGame, got {type(game).__name__}; "
            "build one with BimatrixGame(A, B)"
        )
    if game.shape != (2, 2):
        m, n = game.shape
        raise ValueError(
            f"classify() needs a 2x2 game (two strategies each), got a {m}x{n} game; "
            "the Robinson-Goforth names exist only for 2x2 games"
        )
    if game.A_exact is not None and game.B_exact is not None:
        A, B = game.A_exact, game.B_exact
        a = _dense_ranks((A[0][0], A[0][1], A[1][0], A[1][1]))
        b = _dense_ranks((B[0][0], B[0][1], B[1][0], B[1][1]))
    else:
        Af, Bf = game.A.tolist(), game.B.tolist()
        a = _dense_ranks((Af[0][0], Af[0][1], Af[1][0], Af[1][1]))
        b = _dense_ranks((Bf[0][0], Bf[0][1], Bf[1][0], Bf[1][1]))
    return _classify_ranks(a, b)
