"""Plain-words analysis shared by the normal-form models (solve, classify, dominance)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..core._numbers import Number, format_number
from ..core.game import BimatrixGame
from ..normal_form.analysis import dominated_strategies, near_ties
from ..normal_form.classification import classify
from ..normal_form.equilibria import Equilibrium, solve
from ._base import Analysis, fmt

__all__ = ["analyse_bimatrix"]

Phrase = Callable[[int], str]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pure_sentence(
    game: BimatrixGame, e: Equilibrium, row_phrase: Phrase, col_phrase: Phrase, units: Sequence[str]
) -> str:
    i, j = e.row_support[0], e.col_support[0]
    u = e.payoffs_exact or e.payoffs
    return _cap(
        f"{row_phrase(i)} and {col_phrase(j)}: {game.players[0]} gets {fmt(u[0], units[0])}, "
        f"{game.players[1]} gets {fmt(u[1], units[1])}."
    )


def _mix_phrase(player: str, labels: Sequence[str], probs: Sequence[Number]) -> str:
    parts = [
        f"{labels[k]} with probability {format_number(p)}" for k, p in enumerate(probs) if p > 0
    ]
    if len(parts) == 1:
        return f"{player} plays {parts[0].split(' with')[0]}"
    return f"{player} plays " + ", ".join(parts[:-1]) + " and " + parts[-1]


def _mixed_sentence(game: BimatrixGame, e: Equilibrium, units: Sequence[str]) -> str:
    x, y = e.strategies
    u = e.payoffs_exact or e.payoffs
    return (
        f"{_mix_phrase(game.players[0], game.row_labels, x)}; "
        f"{_mix_phrase(game.players[1], game.col_labels, y)} "
        f"(expected: {game.players[0]} {fmt(u[0], units[0])}, {game.players[1]} {fmt(u[1], units[1])})."
    )


def analyse_bimatrix(
    model: str,
    values: dict[str, Number],
    game: BimatrixGame,
    row_phrase: Phrase,
    col_phrase: Phrase,
    units: Sequence[str],
) -> Analysis:
    """Solve a normal-form game and say what its equilibria mean.

    ``row_phrase(i)`` and ``col_phrase(j)`` turn a pure strategy into a clause such as
    "the US holds the 24% tariff"; ``units`` are the two players' payoff units.
    """
    solution = solve(game)
    ties = near_ties(game)
    sentences: list[str] = []
    for component in solution.components:
        if not component.is_isolated:
            sentences.append(component.describe())
            continue
        e = component.equilibria[0]
        sentences.append(
            _pure_sentence(game, e, row_phrase, col_phrase, units)
            if e.is_pure
            else _mixed_sentence(game, e, units)
        )
    pure = solution.pure
    if solution.has_continuum:
        headline = "A continuum of equilibria: " + (
            "a tie lets a player mix freely over a range." if solution.degenerate else ""
        )
    elif len(solution.equilibria) == 1 and pure:
        i, j = pure[0].row_support[0], pure[0].col_support[0]
        headline = f"Equilibrium: {row_phrase(i)} and {col_phrase(j)}."
        # a choice that wins by less than the rounded payoffs show is said to be one
        resting = [
            tie.describe(game, units[tie.player])
            for tie in ties
            if (tie.best, tie.against) == ((i, j) if tie.player == 0 else (j, i))
        ]
        if resting:
            headline = headline[:-1] + " (" + "; ".join(resting) + ")."
    elif len(solution.equilibria) == 1:
        headline = "No pure equilibrium: in the only equilibrium both sides randomise."
    else:
        headline = (
            f"{len(solution.equilibria)} equilibria ({len(pure)} pure): which one happens depends "
            f"on what each side expects the other to do."
        )
    details: list[str] = []
    for player in (0, 1):
        dominated = dominated_strategies(game, player, strict=True, mixed=False)
        labels = game.labels(player)
        if len(dominated) == len(labels) - 1:
            survivor = next(
                k for k in range(len(labels)) if k not in {d.strategy for d in dominated}
            )
            details.append(f"{game.players[player]} has a dominant strategy: {labels[survivor]}.")
    details.extend(
        "Near tie (the rounded payoffs look equal): "
        + tie.describe(game, units[tie.player]).removeprefix("a near tie: ")
        + "."
        for tie in ties
    )
    if solution.note:
        details.append(solution.note)
    m, n = game.shape
    classification = classify(game).name if (m, n) == (2, 2) else None
    return Analysis(
        model=model,
        values=values,
        game=game,
        result=solution,
        headline=headline,
        sentences=tuple(sentences),
        classification=classification,
        details=tuple(details),
        table=game.table(),
        data={"solution": solution.to_dict()},
    )
