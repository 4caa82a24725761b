"""The *equilibrium structure* of a game: what a regime or a region of a map is made of.

Two parameter values are in the same regime when the games there have the same
:class:`Structure`: the same pure equilibria, an equilibrium in which both players
randomise or not, the same degeneracy (ties), and for 2x2 games the same class
from :func:`~negotiation.classify`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.game import BimatrixGame
from ..normal_form.equilibria import Solution, solve

if TYPE_CHECKING:
    from .parametric import ParametricGame

__all__ = ["Structure"]

#: Pairs of cells ``(k, l)`` of a 2x2 table flattened as ``(0,0), (0,1), (1,0), (1,1)``
#: whose payoff order defines the ordinal game: 6 comparisons per player.
ORDINAL_PAIRS: tuple[tuple[int, int], ...] = ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3))


@dataclass(frozen=True)
class Structure:
    """What a game's equilibria look like, ignoring the exact numbers.

    Attributes
    ----------
    pure : tuple of (int, int)
        The pure equilibria as ``(row index, column index)``, sorted.
    mixed : bool
        Whether some (extreme) equilibrium has both players randomising.
    degenerate : bool
        Whether the game is degenerate (a tie in best responses: usually a boundary).
    class_name : str or None
        The 2x2 class from :func:`~negotiation.classify`; ``None`` for larger games.
    pure_labels : tuple of (str, str)
        The pure equilibria by strategy labels (not compared).
    players : (str, str)
        The players' names (not compared).

    Examples
    --------
    >>> from negotiation import BimatrixGame
    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                   row_labels=("C", "D"), col_labels=("C", "D"))
    >>> s = Structure.of(pd)
    >>> s.pure, s.mixed, s.degenerate
    (((1, 1),), False, False)
    """

    pure: tuple[tuple[int, int], ...]
    mixed: bool
    degenerate: bool
    class_name: str | None
    pure_labels: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    players: tuple[str, str] = field(default=("Row", "Column"), compare=False)

    @classmethod
    def of(cls, game: BimatrixGame, solution: Solution | None = None) -> Structure:
        """The structure of one game, from :func:`~negotiation.solve` (and ``classify`` for 2x2).

        Parameters
        ----------
        game : BimatrixGame
        solution : Solution, optional
            ``solve(game)`` if already computed.
        """
        if not isinstance(game, BimatrixGame):
            raise TypeError(f"Structure.of needs a BimatrixGame, got {type(game).__name__}")
        if solution is None:
            solution = solve(game, method="exact")
        elif not isinstance(solution, Solution) or solution.game is not game:
            raise ValueError("solution must be solve(game) for this same game")
        pure = tuple(sorted((e.row_support[0], e.col_support[0]) for e in solution.pure))
        mixed = any(len(e.row_support) > 1 and len(e.col_support) > 1 for e in solution)
        class_name = None
        if game.shape == (2, 2):
            from ..normal_form.classification import classify

            class_name = str(classify(game).name)
        return cls(
            pure=pure,
            mixed=mixed,
            degenerate=solution.degenerate,
            class_name=class_name,
            pure_labels=tuple((game.row_labels[i], game.col_labels[j]) for i, j in pure),
            players=game.players,
        )

    def equilibria_text(self) -> str:
        """The equilibria in words, without the class name.

        Examples
        --------
        >>> Structure(((0, 1), (1, 0)), True, False, "Chicken",
        ...           (("Swerve", "Straight"), ("Straight", "Swerve"))).equilibria_text()
        'pure equilibria (Swerve, Straight) and (Straight, Swerve), and a mixed equilibrium'
        """
        labels = self.pure_labels or tuple((f"R{i + 1}", f"C{j + 1}") for i, j in self.pure)
        cells = [f"({a}, {b})" for a, b in labels]
        if not cells:
            text = "no pure equilibrium"
        elif len(cells) == 1:
            text = f"pure equilibrium {cells[0]}"
        else:
            text = "pure equilibria " + ", ".join(cells[:-1]) + f" and {cells[-1]}"
        if self.mixed:
            text += ", and a mixed equilibrium" if cells else "; a mixed equilibrium"
        if self.degenerate:
            text += " (a tie: degenerate game)"
        return text

    def describe(self) -> str:
        """One line: the class name, a dash, then the equilibria.

        Examples
        --------
        >>> Structure(((1, 1),), False, False, "Prisoner's Dilemma", (("D", "D"),)).describe()
        "Prisoner's Dilemma — pure equilibrium (D, D)"
        """
        text = self.equilibria_text()
        return f"{self.class_name} — {text}" if self.class_name else text[0].upper() + text[1:]

    def short(self) -> str:
        """Two short lines for a label inside a region of a map.

        Examples
        --------
        >>> print(Structure(((0, 1), (1, 0)), True, False, "Chicken",
        ...                 (("Swerve", "Straight"), ("Straight", "Swerve"))).short())
        Chicken
        (Swerve, Straight), (Straight, Swerve) + mixed
        """
        labels = self.pure_labels or tuple((f"R{i + 1}", f"C{j + 1}") for i, j in self.pure)
        cells = ", ".join(f"({a}, {b})" for a, b in labels)
        if self.mixed:
            cells = f"{cells} + mixed" if cells else "mixed only"
        elif not cells:
            cells = "no pure equilibrium"
        if self.degenerate:
            cells += " (tie)"
        return f"{self.class_name}\n{cells}" if self.class_name else cells

    def __str__(self) -> str:
        return self.describe()


def rank_game(signs: Sequence[int], pgame: ParametricGame) -> BimatrixGame:
    """A 2x2 game with payoffs 0..3 having the given ordinal comparisons.

    ``signs`` holds the 12 signs (-1, 0 or 1) of the payoff differences along
    :data:`ORDINAL_PAIRS`, first the row player's six, then the column player's.
    Equilibrium supports, degeneracy and the 2x2 class depend on these signs only,
    so this small integer game has the same :class:`Structure` as any game with them.
    """
    tables = []
    for offset in (0, 6):
        beats = [0, 0, 0, 0]
        for k, (a, b) in enumerate(ORDINAL_PAIRS):
            s = signs[offset + k]
            if s > 0:
                beats[a] += 1
            elif s < 0:
                beats[b] += 1
        tables.append([[beats[0], beats[1]], [beats[2], beats[3]]])
    return BimatrixGame(
        tables[0],
        tables[1],
        players=pgame.players,
        row_labels=pgame.row_labels,
        col_labels=pgame.col_labels,
    )


def structure_from_signs(signs: Sequence[int], pgame: ParametricGame) -> Structure:
    """The :class:`Structure` of a 2x2 game with these ordinal signs (cached on ``pgame``)."""
    key = ("structure", tuple(int(s) for s in signs))
    cache: dict[Any, Any] = pgame._cache
    found = cache.get(key)
    if found is None:
        found = Structure.of(rank_game(signs, pgame))
        cache[key] = found
    assert isinstance(found, Structure)
    return found
