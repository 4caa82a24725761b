"""A payoff editor: type any 2x2 or 3x3 game and watch its analysis change.

A teacher types payoffs into a grid of number boxes (row player's payoff on the
left of each cell, column player's on the right), names the players and the
strategies, and gets the same live analysis as the model apps: the payoff table
with best responses marked, every equilibrium (continua included), the class of
a 2x2 game, and the best-response diagram. Payoff boxes are numeric widgets and
names are plain labels: nothing typed is ever evaluated.
"""

from __future__ import annotations

import html
import time
import warnings
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import ipywidgets as w

from ..core._numbers import to_exact
from ..core.game import BimatrixGame
from ..normal_form.classification import classify
from ..normal_form.equilibria import Solution, solve
from ..plots import draw_best_responses, payoff_table_html
from ._base import _CSS, FigureView, _plain
from ._normal_form import bimatrix_change

__all__ = ["PayoffEditor", "payoff_editor"]

_SIZES = (2, 3)
_DEFAULT_A = ((3, 0, 1), (5, 1, 0), (2, 0, 4))
_DEFAULT_B = ((3, 5, 2), (0, 1, 0), (1, 0, 4))
_DEFAULT_ROWS = ("Cooperate", "Defect", "Third")
_DEFAULT_COLS = ("Cooperate", "Defect", "Third")


def _matrix(values: Any, size: int, name: str) -> list[list[Any]]:
    if values is None:
        src = _DEFAULT_A if name == "A" else _DEFAULT_B
        return [[src[i][j] for j in range(size)] for i in range(size)]
    if isinstance(values, str):
        raise TypeError(f"{name} must be a {size}x{size} table of numbers, got a string")
    rows = [list(r) for r in values]
    if len(rows) != size or any(len(r) != size for r in rows):
        raise ValueError(
            f"{name} must be {size}x{size} (size={size}), got {[len(r) for r in rows]}"
        )
    return [[to_exact(v, f"{name}[{i}, {j}]") for j, v in enumerate(r)] for i, r in enumerate(rows)]


def _labels(
    values: Sequence[str] | None, default: Sequence[str], size: int, name: str
) -> list[str]:
    if values is None:
        return list(default[:size])
    if isinstance(values, str):
        raise TypeError(f"{name} must be a list of {size} names, got the single string {values!r}")
    out = list(values)
    if len(out) != size or not all(isinstance(v, str) for v in out):
        raise ValueError(f"{name} must be {size} strings, got {values!r}")
    return out


class PayoffEditor:
    """A grid of number boxes for a 2x2 or 3x3 game, with a live analysis.

    Attributes
    ----------
    controls : dict of str to widget
        ``"size"`` (2 or 3), ``"row_player"``, ``"col_player"``, ``"row_label_0"``...,
        ``"col_label_0"``..., and one number box per payoff: ``"A[0,1]"`` is the row
        player's payoff when row 0 meets column 1, ``"B[0,1]"`` the column player's.
    view : ipywidgets.VBox
    game : BimatrixGame or None
        The game typed in (``None`` while the input is invalid).
    solution : Solution or None
        ``solve(game)``.
    classification : str or None
        The class of a 2x2 game (:func:`~negotiation.classify`).
    text, change, error : str
        The equilibrium panel as plain text, what changed, and the error shown (empty if none).
    figures : dict of str to FigureView
        ``"best_responses"`` (shown for 2x2 games).
    """

    def __init__(
        self,
        size: int = 2,
        A: Any = None,
        B: Any = None,
        *,
        players: Sequence[str] = ("Japan", "US"),
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
    ) -> None:
        if size not in _SIZES:
            raise ValueError(f"size must be 2 or 3, got {size!r}")
        if isinstance(players, str) or len(players) != 2:
            raise ValueError(f"players must be two names, got {players!r}")
        a, b = _matrix(A, size, "A"), _matrix(B, size, "B")
        rows = _labels(row_labels, _DEFAULT_ROWS, size, "row_labels")
        cols = _labels(col_labels, _DEFAULT_COLS, size, "col_labels")
        self.controls: dict[str, Any] = {
            "size": w.ToggleButtons(
                options=[("2x2", 2), ("3x3", 3)], value=size, description="Size"
            ),
            "row_player": w.Text(
                value=players[0], description="Row player", layout=w.Layout(width="260px")
            ),
            "col_player": w.Text(
                value=players[1], description="Column player", layout=w.Layout(width="260px")
            ),
        }
        box = w.Layout(width="78px")
        for k in range(3):
            self.controls[f"row_label_{k}"] = w.Text(
                value=rows[k] if k < size else _DEFAULT_ROWS[k],
                layout=w.Layout(width="130px"),
                placeholder=f"row {k + 1}",
            )
            self.controls[f"col_label_{k}"] = w.Text(
                value=cols[k] if k < size else _DEFAULT_COLS[k],
                layout=w.Layout(width="170px"),
                placeholder=f"column {k + 1}",
            )
        for i in range(3):
            for j in range(3):
                va = a[i][j] if i < size and j < size else _DEFAULT_A[i][j]
                vb = b[i][j] if i < size and j < size else _DEFAULT_B[i][j]
                self.controls[f"A[{i},{j}]"] = w.FloatText(value=float(va), layout=box)
                self.controls[f"B[{i},{j}]"] = w.FloatText(value=float(vb), layout=box)
                self.controls[f"A[{i},{j}]"].add_class("ng-row-payoff")
                self.controls[f"B[{i},{j}]"].add_class("ng-col-payoff")
        self.game: BimatrixGame | None = None
        self.solution: Solution | None = None
        self.classification: str | None = None
        self.text = self.change = self.error = ""
        self.notes: tuple[str, ...] = ()
        self.figures: dict[str, FigureView] = {}
        self.last_update_seconds = 0.0
        self._exact: dict[str, Fraction] = {
            f"A[{i},{j}]": Fraction(a[i][j]) for i in range(size) for j in range(size)
        } | {f"B[{i},{j}]": Fraction(b[i][j]) for i in range(size) for j in range(size)}
        self._last: tuple[BimatrixGame, Solution] | None = None
        self._build()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    # --- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        c = self.controls
        header = [w.HTML("", layout=w.Layout(width="130px"))]
        header += [c[f"col_label_{j}"] for j in range(3)]
        self._col_boxes = header[1:]
        lines = [w.HBox(header)]
        self._cells: list[list[Any]] = []
        self._rows: list[Any] = []
        for i in range(3):
            cells = [
                w.HBox([c[f"A[{i},{j}]"], c[f"B[{i},{j}]"]], layout=w.Layout(width="170px"))
                for j in range(3)
            ]
            self._cells.append(cells)
            row = w.HBox([c[f"row_label_{i}"], *cells])
            self._rows.append(row)
            lines.append(row)
        self.key = w.HTML("")
        self.grid = w.VBox([self.key, *lines])
        self.error_area = w.HTML("", layout=w.Layout(display="none"))
        self.error_area.add_class("ng-error")
        self.text_panel = w.HTML("")
        self.text_panel.add_class("ng-equilibrium-text")
        self.table = w.HTML("")
        self.table.add_class("ng-table")
        self.notes_area = w.HTML("")
        self.notes_area.add_class("ng-notes")
        start = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        self.figures["best_responses"] = FigureView(draw_best_responses(start, legend=False))
        left = w.VBox(
            [w.HBox([c["row_player"], c["col_player"]]), c["size"], self.grid],
            layout=w.Layout(flex="1 1 560px"),
        )
        right = w.VBox(
            [self.error_area, self.text_panel, self.notes_area],
            layout=w.Layout(flex="1 1 380px", padding="0 0 0 12px"),
        )
        self.view = w.VBox(
            [
                w.HTML(
                    f"{_CSS}<div style='font-size:20px;font-weight:bold'>Payoff editor</div>"
                    "<div style='color:#444'>Type a game: the analysis follows every change.</div>"
                ),
                w.HBox([left, right], layout=w.Layout(flex_flow="row wrap")),
                w.HBox(
                    [self.table, self.figures["best_responses"].widget],
                    layout=w.Layout(flex_flow="row wrap", align_items="flex-start"),
                ),
            ]
        )
        self.view.add_class("ng-app")
        self.view.add_class("ng-payoff-editor")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        show: Any = display
        show(self.view)

    def __repr__(self) -> str:
        return f"<PayoffEditor {self.size}x{self.size}>"

    # --- reading --------------------------------------------------------------------
    @property
    def size(self) -> int:
        return int(self.controls["size"].value)

    def _number(self, key: str) -> Fraction:
        raw = self.controls[key].value
        exact = self._exact.get(key)
        if exact is not None and float(exact) == float(raw):
            return exact
        value = to_exact(raw, key)
        if not isinstance(value, Fraction):  # pragma: no cover - floats are always rational
            raise ValueError(f"{key} must be a rational number, got {raw!r}")
        return value

    def set_game(self, A: Any, B: Any, **labels: Any) -> None:
        """Type a whole game at once (exact numbers kept exactly), with one update.

        Examples
        --------
        >>> editor = payoff_editor()
        >>> editor.set_game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], row_labels=("Heads", "Tails"))
        >>> editor.classification
        'Matching Pennies type (cyclic, no pure equilibrium)'
        """
        rows = [list(r) for r in A]
        size = len(rows)
        if size not in _SIZES:
            raise ValueError(f"the game must be 2x2 or 3x3, got {size} rows")
        a, b = _matrix(A, size, "A"), _matrix(B, size, "B")
        unknown = set(labels) - {"players", "row_labels", "col_labels"}
        if unknown:
            raise TypeError(
                f"unknown keyword(s) {sorted(unknown)}; use players, row_labels, col_labels"
            )
        self._holding = True
        try:
            self.controls["size"].value = size
            for i in range(size):
                for j in range(size):
                    for name, m in (("A", a), ("B", b)):
                        key = f"{name}[{i},{j}]"
                        self._exact[key] = Fraction(m[i][j])
                        self.controls[key].value = float(m[i][j])
            if "players" in labels:
                p = list(labels["players"])
                if len(p) != 2:
                    raise ValueError(f"players must be two names, got {p!r}")
                self.controls["row_player"].value, self.controls["col_player"].value = p
            for which in ("row", "col"):
                given = labels.get(f"{which}_labels")
                if given is not None:
                    names = _labels(given, (), size, f"{which}_labels")
                    for k, name in enumerate(names):
                        self.controls[f"{which}_label_{k}"].value = name
        finally:
            self._holding = False
        self.update()

    _holding = False

    def _on_change(self, change: Any) -> None:
        if not self._holding:
            self.update()

    # --- the update -----------------------------------------------------------------
    def update(self) -> None:
        """Read every box, solve, and refresh the analysis (errors shown in the editor)."""
        start = time.perf_counter()
        n = self.size
        for k in range(3):
            shown = "" if k < n else "none"
            self._rows[k].layout.display = shown
            self._col_boxes[k].layout.display = shown
            for i in range(3):
                self._cells[i][k].layout.display = shown
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                c = self.controls
                A = [[self._number(f"A[{i},{j}]") for j in range(n)] for i in range(n)]
                B = [[self._number(f"B[{i},{j}]") for j in range(n)] for i in range(n)]
                game = BimatrixGame(
                    A,
                    B,
                    players=(c["row_player"].value.strip(), c["col_player"].value.strip()),
                    row_labels=[c[f"row_label_{k}"].value.strip() for k in range(n)],
                    col_labels=[c[f"col_label_{k}"].value.strip() for k in range(n)],
                )
                self.game = None
                solution = solve(game)
                self.classification = classify(game).name if n == 2 else None
                self.table.value = payoff_table_html(game, solution, caption="")
                view = self.figures["best_responses"]
                view.widget.layout.display = "" if n == 2 else "none"
                if n == 2:
                    view.update(game, game, solution)
                self.change = (
                    bimatrix_change(self._last[0], self._last[1], game, solution, ("", ""))
                    if self._last is not None
                    else "Type a payoff: this line will say what changed and why."
                )
                self._show_text(game, solution)
                self._show_key(game)
                self.game, self.solution = game, solution
                self._last = (game, solution)
                self._show_error(None)
            except Exception as exc:  # shown in the editor, never raised into the notebook
                self.game = self.solution = None
                self._show_error(exc)
        self.notes = tuple(dict.fromkeys(str(m.message) for m in caught))
        self.notes_area.value = "".join(
            f"<div>Note: {html.escape(m)}</div>" for m in self.notes[:3]
        )
        self.last_update_seconds = time.perf_counter() - start

    def _show_key(self, game: BimatrixGame) -> None:
        from ..plots._live import player_colours

        row, col = player_colours(game.players)
        self.key.value = (
            "<style>.ng-payoff-editor .ng-row-payoff input{border-left:5px solid "
            f"{row}}} .ng-payoff-editor .ng-col-payoff input{{border-left:5px solid {col}}}</style>"
            f"<div style='font-size:14px'>In each cell: <b style='color:{row}'>"
            f"{html.escape(game.players[0])}'s payoff</b> (left box), "
            f"<b style='color:{col}'>{html.escape(game.players[1])}'s payoff</b> (right box).</div>"
        )

    def _show_text(self, game: BimatrixGame, solution: Solution) -> None:
        n = len(solution.equilibria)
        if solution.has_continuum:
            head = (
                f"A continuum of equilibria ({len(solution.components)} component"
                f"{'s' if len(solution.components) != 1 else ''})."
            )
            items = [c.describe() for c in solution.components]
        else:
            head = f"{n} Nash equilibri{'um' if n == 1 else 'a'} ({len(solution.pure)} pure)."
            items = [e.describe() for e in solution.equilibria]
        parts = [
            f"<div class='ng-headline'>{html.escape(head)}</div>",
            "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>",
        ]
        if self.classification:
            parts.append(f"<div><b>Kind of game:</b> {html.escape(self.classification)}</div>")
        if solution.note:
            parts.append(f"<div class='ng-details'>{html.escape(solution.note)}</div>")
        parts.append(
            f"<div class='ng-change'><b>What changed:</b> {html.escape(self.change)}</div>"
        )
        self.text_panel.value = "".join(parts)
        self.text = _plain(self.text_panel.value)

    def _show_error(self, exc: BaseException | None) -> None:
        if exc is None:
            self.error = ""
            self.error_area.value = ""
            self.error_area.layout.display = "none"
            return
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        self.error = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        self.error_area.value = (
            "<div style='color:#B00020;background:#FDECEE;border-left:5px solid #B00020;"
            "padding:0.4em 0.7em;font-size:15px'>"
            f"<b>Could not analyse this game.</b> {html.escape(self.error)}</div>"
        )
        self.error_area.layout.display = "block"


def payoff_editor(
    size: int = 2,
    A: Any = None,
    B: Any = None,
    *,
    players: Sequence[str] = ("Japan", "US"),
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
) -> PayoffEditor:
    """A grid of number boxes for any 2x2 or 3x3 game, with the live analysis of the apps.

    Parameters
    ----------
    size : {2, 3}
        Start with a 2x2 or a 3x3 game (a toggle switches later).
    A, B : size x size tables of numbers, optional
        Starting payoffs of the row and column player (default: a Prisoner's Dilemma).
    players : pair of str
    row_labels, col_labels : sequence of str, optional

    Returns
    -------
    PayoffEditor
        Displays itself in a notebook; ``.controls``, ``.game``, ``.solution``,
        ``.text`` and ``.error`` for tests.

    Examples
    --------
    >>> editor = payoff_editor()
    >>> editor.classification, [e.is_pure for e in editor.solution]
    ("Prisoner's Dilemma", [True])
    >>> editor.controls["A[1,0]"].value = 2  # defecting no longer tempts Japan...
    >>> editor.controls["B[0,1]"].value = 2  # ...nor the US
    >>> editor.classification
    'Stag Hunt'
    >>> editor.controls["row_label_0"].value = ""  # a name is required: shown, not raised
    >>> editor.error
    "ValueError: row_labels[0] must be a non-empty label, got ''"
    """
    return PayoffEditor(size, A, B, players=players, row_labels=row_labels, col_labels=col_labels)
