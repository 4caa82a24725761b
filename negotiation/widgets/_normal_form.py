"""What the normal-form apps share: the payoff table, the best-response diagram, and why things changed.

When the equilibrium of a game changes, some best response has changed: a player
who preferred one strategy against some choice of the other now prefers another.
:func:`bimatrix_change` finds those switches and says them in words, with the
payoffs that decide them, so "what changed" comes with a "why".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import numpy as np

from ..core._numbers import Number, format_number
from ..core.game import BimatrixGame
from ..models import Analysis
from ..models._base import fmt
from ..normal_form.analysis import best_response_table, digits_to_tell_apart
from ..normal_form.equilibria import Solution
from ..plots import draw_best_responses, payoff_table_html
from ..plots._live import subject
from ._base import App, FigureView

__all__ = ["NormalFormApp", "bimatrix_change", "clause", "equilibrium_signature", "subject"]


def equilibrium_signature(solution: Solution) -> tuple[Any, ...]:
    """What must stay equal for "the same equilibrium": supports and continua, not the numbers.

    Examples
    --------
    >>> from negotiation import BimatrixGame, solve
    >>> mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]])
    >>> equilibrium_signature(solve(mp)) == equilibrium_signature(
    ...     solve(BimatrixGame.zero_sum([[2, -1], [-1, 1]])))  # the mix moves, the kind stays
    True
    """
    if not isinstance(solution, Solution):
        raise TypeError(f"solution must be a Solution, got {type(solution).__name__}")
    return (
        tuple(sorted((e.row_support, e.col_support) for e in solution.equilibria)),
        tuple(sorted(c.dimension for c in solution.components)),
    )


def clause(headline: str) -> str:
    """A headline as a clause: without "Equilibrium:" and the final full stop.

    Examples
    --------
    >>> clause("Equilibrium: the US holds the 24% tariff and Japan accommodates.")
    'the US holds the 24% tariff and Japan accommodates'
    >>> clause("A continuum of equilibria: a tie.")
    'a continuum of equilibria: a tie'
    """
    if not isinstance(headline, str):
        raise TypeError(f"headline must be a string, got {type(headline).__name__}")
    text = headline.strip()
    for prefix in ("Equilibrium: ", "Subgame-perfect outcome: "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    first = text.split(" ", 1)[0]
    if first in ("A", "An", "No", "The", "Every", "Some"):
        text = text[:1].lower() + text[1:]
    return text[:-1] if text.endswith(".") else text


def _labels(labels: Sequence[str], which: np.ndarray) -> str:
    names = [labels[int(k)] for k in np.flatnonzero(which)]
    return names[0] if len(names) == 1 else " or ".join(names) + " (a tie)"


def _near(digits: int) -> str:
    """A warning when two payoffs needed more digits than usual to tell apart."""
    return " (a near tie)" if digits > 3 else ""


def _switches(old: BimatrixGame, new: BimatrixGame, units: Sequence[str]) -> list[str]:
    """Best responses that switched, each with the payoffs that now decide it."""
    if old.shape != new.shape:
        return []
    rb_old, cb_old = best_response_table(old)
    rb_new, cb_new = best_response_table(new)
    m, n = new.shape
    row, col = subject(new.players[0]), subject(new.players[1])
    out = []
    for j in range(n):
        if not np.array_equal(rb_old[:, j], rb_new[:, j]):
            best = [i for i in range(m) if rb_new[i, j]]
            was = [i for i in range(m) if rb_old[i, j] and not rb_new[i, j]]
            detail = ""
            if best and was:
                a_best = new.payoff(best[0], j)[0]
                a_was = new.payoff(was[0], j)[0]
                d = digits_to_tell_apart(a_best, a_was)  # a near tie shows as one
                detail = (
                    f": {new.row_labels[best[0]]} now pays {fmt(a_best, units[0], d, zeros=d > 3)}, "
                    f"{new.row_labels[was[0]]} {fmt(a_was, units[0], d, zeros=d > 3)}{_near(d)}"
                )
            out.append(
                f"against {col} playing {new.col_labels[j]}, {row}'s best reply is now "
                f"{_labels(new.row_labels, rb_new[:, j])} (it was "
                f"{_labels(old.row_labels, rb_old[:, j])}){detail}"
            )
    for i in range(m):
        if not np.array_equal(cb_old[i, :], cb_new[i, :]):
            best = [j for j in range(n) if cb_new[i, j]]
            was = [j for j in range(n) if cb_old[i, j] and not cb_new[i, j]]
            detail = ""
            if best and was:
                b_best = new.payoff(i, best[0])[1]
                b_was = new.payoff(i, was[0])[1]
                d = digits_to_tell_apart(b_best, b_was)
                detail = (
                    f": {new.col_labels[best[0]]} now gives {fmt(b_best, units[1], d, zeros=d > 3)}, "
                    f"{new.col_labels[was[0]]} {fmt(b_was, units[1], d, zeros=d > 3)}{_near(d)}"
                )
            out.append(
                f"against {row} playing {new.row_labels[i]}, {col}'s best reply is now "
                f"{_labels(new.col_labels, cb_new[i, :])} (it was "
                f"{_labels(old.col_labels, cb_old[i, :])}){detail}"
            )
    return out


def _mix(labels: Sequence[str], probs: Sequence[Number]) -> str:
    return ", ".join(f"{labels[k]} {format_number(p, 3)}" for k, p in enumerate(probs) if p > 0)


def bimatrix_change(
    old_game: BimatrixGame,
    old: Solution,
    new_game: BimatrixGame,
    new: Solution,
    units: Sequence[str],
    old_headline: str = "",
    new_headline: str = "",
) -> str:
    """What changed between two solved games, in words, with the reason when the equilibrium moved.

    Examples
    --------
    >>> from negotiation import BimatrixGame, solve
    >>> before = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Japan"),
    ...                       row_labels=("Keep", "Defect"), col_labels=("Keep", "Defect"))
    >>> after = BimatrixGame([[3, 0], [5, 1]], [[5, 3], [1, 0]], players=("US", "Japan"),
    ...                      row_labels=("Keep", "Defect"), col_labels=("Keep", "Defect"))
    >>> print(bimatrix_change(before, solve(before), after, solve(after), ("$bn", "$bn")))
    ... # doctest: +NORMALIZE_WHITESPACE
    The equilibrium changed. Why: against the US playing Keep, Japan's best reply is now Keep
    (it was Defect): Keep now gives $5bn, Defect $3bn; against the US playing Defect, Japan's
    best reply is now Keep (it was Defect): Keep now gives $1bn, Defect $0bn.
    """
    if equilibrium_signature(old) != equilibrium_signature(new) or old_game.shape != new_game.shape:
        text = "The equilibrium changed"
        if new_headline and old_headline and old_headline != new_headline:
            text += f": now {clause(new_headline)} (before: {clause(old_headline)})."
        elif new_headline:
            text += f": now {clause(new_headline)}."
        else:
            text += "."
        why = _switches(old_game, new_game, units)
        if why:
            shown = why[:3]
            more = f" (and {len(why) - 3} more switches)" if len(why) > 3 else ""
            text += " Why: " + "; ".join(shown) + more + "."
        return text
    row, col = subject(new_game.players[0]), subject(new_game.players[1])
    if new.has_continuum:
        return "Same continuum of equilibria as before; the payoffs along it changed."
    parts = []
    for e_old, e_new in zip(old.equilibria, new.equilibria, strict=True):
        u_old = e_old.payoffs_exact or e_old.payoffs
        u_new = e_new.payoffs_exact or e_new.payoffs
        if e_new.is_pure:
            cell = f"({new_game.row_labels[e_new.row_support[0]]}, {new_game.col_labels[e_new.col_support[0]]})"
        else:
            x_old, y_old = e_old.strategies
            x_new, y_new = e_new.strategies
            cell = (
                f"the mixed equilibrium ({row}: {_mix(new_game.row_labels, x_new)}, was "
                f"{_mix(old_game.row_labels, x_old)}; {col}: {_mix(new_game.col_labels, y_new)}, was "
                f"{_mix(old_game.col_labels, y_old)})"
            )
        if u_old == u_new and e_new.is_pure:
            parts.append(f"{cell}: payoffs unchanged")
        else:
            parts.append(
                f"{cell}: {row} {fmt(u_old[0], units[0])} → {fmt(u_new[0], units[0])}, "
                f"{col} {fmt(u_old[1], units[1])} → {fmt(u_new[1], units[1])}"
            )
    if len(parts) == 1:
        return f"Same equilibrium as before; {parts[0]}."
    return "Same equilibria as before; " + "; ".join(parts) + "."


class NormalFormApp(App):
    """An app for a model whose game is a :class:`~negotiation.core.game.BimatrixGame`."""

    payoff_units: tuple[str, str] = ("", "")
    diagram: bool = True

    def _game(self, analysis: Analysis) -> BimatrixGame:
        game = analysis.game
        if not isinstance(game, BimatrixGame):  # pragma: no cover - a model bug
            raise TypeError(
                f"expected a BimatrixGame from {self.model.name}, got {type(game).__name__}"
            )
        return game

    def _solution(self, analysis: Analysis) -> Solution:
        result = analysis.result
        if isinstance(result, Solution):
            return result
        cache: dict[BimatrixGame, Solution] = self.__dict__.setdefault("_solutions", {})
        game = self._game(analysis)
        if game not in cache:  # a model whose result is not a Solution (the repeated game)
            if len(cache) > 16:
                cache.clear()
            cache[game] = result_solution(analysis)
        return cache[game]

    def _build_outputs(self) -> list[Any]:
        self.table = w.HTML("", layout=w.Layout(margin="0 16px 8px 0"))
        self.table.add_class("ng-table")
        outputs: list[Any] = [self.table]
        if self.diagram:
            game = self.model.at(self.values, partner=self.partner)
            if game.shape == (2, 2):
                self.figures["best_responses"] = FigureView(draw_best_responses(game, legend=False))
                outputs.append(self.figures["best_responses"].widget)
        return outputs

    def _refresh(self, analysis: Analysis) -> None:
        game, solution = self._game(analysis), self._solution(analysis)
        self.table.value = payoff_table_html(game, solution, units=self.payoff_units, caption="")
        if "best_responses" in self.figures:
            self.figures["best_responses"].update(game, game, solution)

    def _what_changed(self, old: Analysis, new: Analysis) -> str:
        return bimatrix_change(
            self._game(old),
            self._solution(old),
            self._game(new),
            self._solution(new),
            self.payoff_units,
            old.headline,
            new.headline,
        )

    def _details_html(self, analysis: Analysis) -> str:
        return super()._details_html(analysis)


def result_solution(analysis: Analysis) -> Solution:
    """``solve`` of the analysis's game (for models whose result is something else)."""
    from ..normal_form.equilibria import solve

    if not isinstance(analysis.game, BimatrixGame):
        raise TypeError(
            f"the analysis's game is a {type(analysis.game).__name__}, not a BimatrixGame"
        )
    return solve(analysis.game)
