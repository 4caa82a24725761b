"""The payoff table as HTML, with best responses marked and equilibria highlighted.

The classroom way of finding pure equilibria (Gibbons 1992, ch. 1) is to mark, in
every column, the row player's best payoff, and in every row the column player's
best payoff: a cell marked twice is a Nash equilibrium. :func:`payoff_table_html`
draws exactly that: each payoff in its player's colour, best responses in bold and
underlined (so the marks survive a black-and-white printout or colour-blindness),
and equilibrium cells shaded with a thick border and a star. A best response that
wins by less than the rounding shows (a *near tie*,
:func:`negotiation.normal_form.near_ties`) is shown with the digits that tell the
two payoffs apart, marked ``≈`` and explained under the table.

References
----------
.. [Gibbons1992] R. Gibbons, *Game Theory for Applied Economists*, Princeton
   University Press, 1992 (published in the UK as *A Primer in Game Theory*,
   Harvester Wheatsheaf, 1992: the same book).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..core._numbers import Number, format_number
from ._live import minus, player_colours
from .style import FONT_SIZE

__all__ = ["format_payoff", "payoff_table_html"]

_EQUILIBRIUM_FILL = "#FBE3B0"  # Okabe-Ito orange, lightened
_EQUILIBRIUM_EDGE = "#E69F00"


def format_payoff(value: Number | int, *, exact: bool = False, digits: int = 3) -> str:
    """A payoff for a table: a few significant digits (or the exact fraction), true minus sign.

    Examples
    --------
    >>> format_payoff(Fraction(1776, 125)), format_payoff(Fraction(-3, 5), exact=True)
    ('14.2', '−3/5')
    >>> format_payoff(-0.0001234)
    '−0.000123'
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise TypeError(f"a payoff must be a number, got {type(value).__name__} {value!r}")
    if not isinstance(digits, int) or isinstance(digits, bool) or not 1 <= digits <= 12:
        raise ValueError(f"digits must be an integer from 1 to 12, got {digits!r}")
    if exact and isinstance(value, int | Fraction):
        return minus(format_number(Fraction(value)))
    f = float(value)
    if f == 0:
        return "0"
    text = f"{f:.{digits}g}" if abs(f) < 10**digits else f"{f:,.0f}"
    if "e" in text:
        text = f"{f:.{digits}g}"
    return minus(text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _units(units: Any) -> tuple[str, str]:
    if units is None:
        return "", ""
    if isinstance(units, str):
        return units, units
    if isinstance(units, Sequence) and len(units) == 2 and all(isinstance(u, str) for u in units):
        return units[0], units[1]
    raise ValueError(f"units must be a string or a pair of strings, got {units!r}")


def _equilibrium_cells(game: Any, solution: Any) -> set[tuple[int, int]]:
    from ..normal_form.analysis import pure_equilibria
    from ..normal_form.equilibria import Solution

    if solution is None:
        return set(pure_equilibria(game))
    if not isinstance(solution, Solution):
        raise TypeError(f"solution must be a Solution from solve(), got {type(solution).__name__}")
    if solution.game != game:
        raise ValueError("solution belongs to a different game than the one in the table")
    return {(e.row_support[0], e.col_support[0]) for e in solution.pure}


def payoff_table_html(
    game: Any,
    solution: Any = None,
    *,
    units: str | Sequence[str] | None = None,
    exact: bool = False,
    digits: int = 3,
    caption: str | None = None,
    mark_best: bool = True,
    font_size: int = FONT_SIZE + 3,
) -> str:
    """The payoff table of an ``m x n`` game as an HTML ``<table>``.

    Each cell shows the row player's payoff, then the column player's, each in the
    player's colour (Japan blue, the US vermillion). A payoff that is a best
    response to the other player's strategy is **bold and underlined**; a pure
    Nash equilibrium (marked for both players) is shaded, framed and starred.

    Parameters
    ----------
    game : BimatrixGame
    solution : Solution, optional
        ``solve(game)``; its pure equilibria are highlighted. By default they are
        found from the best responses (:func:`negotiation.normal_form.analysis.pure_equilibria`).
    units : str or pair of str, optional
        The payoffs' units (row player's, column player's), stated under the table.
    exact : bool
        Show exact fractions (``1776/125``) instead of decimals (``14.2``). Either
        way, hovering over a payoff shows its exact value.
    digits : int
        Significant digits of the decimals.
    caption : str, optional
        A title above the table (default: the game's title).
    mark_best : bool
        Mark best responses (default ``True``).
    font_size : int
        Base font size in pixels (large enough to read when projected).

    Returns
    -------
    str
        HTML that any notebook, ``ipywidgets.HTML`` or web page can show; every
        label is escaped.

    Examples
    --------
    >>> from negotiation import BimatrixGame
    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Japan", "US"),
    ...                   row_labels=("Cooperate", "Defect"), col_labels=("Cooperate", "Defect"))
    >>> page = payoff_table_html(pd, units="points")
    >>> page.count("ng-best-row"), page.count("ng-best-col"), page.count("ng-nash")
    (2, 2, 1)
    >>> "Japan's payoff first" in page
    True
    """
    from ..core.game import BimatrixGame
    from ..normal_form.analysis import best_response_table, near_ties

    if not isinstance(game, BimatrixGame):
        raise TypeError(f"payoff_table_html needs a BimatrixGame, got {type(game).__name__}")
    if not isinstance(exact, bool):
        raise TypeError(f"exact must be True or False, got {exact!r}")
    if not isinstance(mark_best, bool):
        raise TypeError(f"mark_best must be True or False, got {mark_best!r}")
    if isinstance(font_size, bool) or not isinstance(font_size, int) or not 6 <= font_size <= 60:
        raise ValueError(
            f"font_size must be an integer number of pixels from 6 to 60, got {font_size!r}"
        )
    if caption is not None and not isinstance(caption, str):
        raise TypeError(f"caption must be a string, got {type(caption).__name__}")
    unit_row, unit_col = _units(units)
    nash = _equilibrium_cells(game, solution)
    row_best, col_best = best_response_table(game)
    m, n = game.shape
    colours = player_colours(game.players)
    esc = html.escape
    rows_player, cols_player = game.players
    ties = () if exact else near_ties(game, digits)
    # (row, column, player) -> the digits that tell a near tie's two payoffs apart
    tied: dict[tuple[int, int, int], int] = {}
    for tie in ties:
        for own in (tie.best, tie.runner_up):
            cell_at = (own, tie.against) if tie.player == 0 else (tie.against, own)
            tied[(*cell_at, tie.player)] = max(tied.get((*cell_at, tie.player), 0), tie.digits)

    def payoff(value: Number, colour: str, best: bool, kind: str, near: int = 0) -> str:
        # a near tie shows the digits that tell it apart, trailing zeros kept (-5.510)
        text = minus(f"{float(value):#.{near}g}") if near else format_payoff(value, digits=digits)
        if exact:
            text = format_payoff(value, exact=True, digits=digits)
        full = text
        if isinstance(value, Fraction):  # exact on hover: a fraction, or the exact decimal
            full = minus(format_number(value, decimals=value.denominator > 1000))
        style = f"color:{colour};"
        cls = "ng-payoff"
        if near:
            text += "≈"
            cls += " ng-near-tie"
        if best and mark_best:
            style += "font-weight:bold;text-decoration:underline;text-decoration-thickness:2px;"
            cls += f" ng-best-{kind}"
        return f'<span class="{cls}" style="{style}" title="{esc(full)}">{esc(text)}</span>'

    cell = "padding:0.45em 0.9em;border:1px solid #bbbbbb;text-align:center;white-space:nowrap;"
    head = "padding:0.45em 0.9em;border:1px solid #bbbbbb;background:#f4f4f4;"
    out = [
        f'<table class="ng-payoff-table" style="border-collapse:collapse;'
        f'font-size:{font_size}px;line-height:1.35;margin:0.3em 0;">'
    ]
    title = game.title if caption is None else caption
    if title:
        out.append(
            f'<caption style="caption-side:top;font-weight:bold;padding-bottom:0.3em;'
            f'text-align:left;">{esc(title)}</caption>'
        )
    corner = (
        f'<span style="color:{colours[0]};font-weight:bold">{esc(rows_player)}</span> \\ '
        f'<span style="color:{colours[1]};font-weight:bold">{esc(cols_player)}</span>'
    )
    out.append(f'<tr><th style="{head}">{corner}</th>')
    for j in range(n):
        out.append(f'<th style="{head}color:{colours[1]};">{esc(game.col_labels[j])}</th>')
    out.append("</tr>")
    for i in range(m):
        out.append(
            f'<tr><th style="{head}color:{colours[0]};text-align:left;">'
            f"{esc(game.row_labels[i])}</th>"
        )
        for j in range(n):
            a, b = game.payoff(i, j)
            content = (
                payoff(a, colours[0], bool(row_best[i, j]), "row", tied.get((i, j, 0), 0))
                + ", "
                + payoff(b, colours[1], bool(col_best[i, j]), "col", tied.get((i, j, 1), 0))
            )
            if (i, j) in nash:
                style = (
                    f"{cell}background:{_EQUILIBRIUM_FILL};"
                    f"outline:3px solid {_EQUILIBRIUM_EDGE};outline-offset:-3px;"
                )
                content = f'<span title="Nash equilibrium">★</span> {content}'
                out.append(f'<td class="ng-nash" style="{style}">{content}</td>')
            else:
                out.append(f'<td style="{cell}">{content}</td>')
        out.append("</tr>")
    out.append("</table>")
    notes = [
        f'In each cell: <span style="color:{colours[0]}">{esc(rows_player)}\'s payoff first'
        + (f" ({esc(unit_row)})" if unit_row else "")
        + f'</span>, then <span style="color:{colours[1]}">{esc(cols_player)}\'s'
        + (f" ({esc(unit_col)})" if unit_col else "")
        + "</span>."
    ]
    if mark_best:
        notes.append("<b><u>Bold underlined</u></b>: a best response to the other side's choice.")
    notes.append(
        "★ shaded: a Nash equilibrium (a best response for both)."
        if nash
        else "No cell is a best response for both: no equilibrium in pure strategies."
    )
    for tie in ties:
        unit = (unit_row, unit_col)[tie.player]
        notes.append("≈ " + esc(_cap(tie.describe(game, unit)) + " (shown with more digits)."))
    out.append(
        f'<div class="ng-table-notes" style="font-size:{max(font_size - 4, 10)}px;color:#444;">'
        + " ".join(notes)
        + "</div>"
    )
    return "".join(out)
