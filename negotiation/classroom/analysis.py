"""The class's choices against the prediction: frequencies, a figure and a summary to project.

After a session, :func:`negotiation.classroom.load` reads oTree's export into a
:class:`~negotiation.classroom.Decisions` table. For a normal-form game this module sets
the class's choices beside the game's equilibrium (:func:`prediction`):

* :func:`choice_frequencies` counts each role's choices, students apart from the
  computer;
* :func:`plot_choices` draws each role's share of each choice against the
  equilibrium's probability (the house style of :mod:`negotiation.plots`: Okabe-Ito
  colours, sizes readable on a projector);
* :func:`summary` says in plain words how close the class came.

Who made a choice is read from the app's ``played_by`` and ``partner`` fields: a
choice the computer made after a student let the page time out
(``played_by == "computer"``), and a student's choice against a computer player
(``partner == "computer"``), are counted and drawn apart from choices students made
against each other, which alone are compared with the equilibrium. A table without
those fields (an app that has no computer player) holds students' choices only.

:func:`example` loads a bundled class (bots with noise, labelled as such) so that a
lesson's analysis cells run without a session.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from importlib import resources
from typing import Any

from ..core.game import BimatrixGame
from ..normal_form.equilibria import solve
from ..plots.style import FONT_SIZE, PALETTE, PLAYER_COLOURS, style_axes
from ._source import resolve
from .data import Decisions, load

__all__ = [
    "EXAMPLES",
    "SOURCES",
    "choice_frequencies",
    "example",
    "is_example",
    "plot_choices",
    "prediction",
    "source_of",
    "summary",
]

#: Who made a choice, in the order the figure shows them.
SOURCES = ("student", "timeout", "against computer")
_SOURCE_TEXT = {
    "student": "students",
    "timeout": "made by the computer after a timeout (count above)",
    "against computer": "students facing a computer (count above)",
}
#: The bundled example classes: name -> (CSV file, the app in it, the model it plays).
EXAMPLES: dict[str, tuple[str, str, str]] = {
    "currency_claims": ("currency_claims-bots-example.csv", "currency_claims", "currency_claims"),
    "tariff_standoff": ("tariff_standoff-bots-example.csv", "tariff_standoff", "tariff_standoff"),
}
#: The session code of the bundled examples: the data are bots', not a class's.
EXAMPLE_SESSION = "BOTS-EXAMPLE"

Prediction = dict[str, dict[str, float]]
#: The equilibrium is drawn in black (white diamonds): it must stand out on both
#: players' bars, and the house's orange is too close to the column player's vermillion.
EQUILIBRIUM_COLOUR = PALETTE["black"]


def _check_table(table: Any) -> Decisions:
    if not isinstance(table, Decisions):
        raise TypeError(
            f"table must be a Decisions table (from negotiation.classroom.load), "
            f"got {type(table).__name__}"
        )
    for name in ("role", "choice"):
        if name not in table.columns:
            raise ValueError(
                f"table has no {name!r} column; read it with negotiation.classroom.load"
            )
    if len(table) == 0:
        raise ValueError("table holds no choices (an export made before anyone chose?)")
    return table


def _check_prediction(predicted: Any) -> Prediction:
    if not isinstance(predicted, Mapping) or not predicted:
        raise TypeError(
            "prediction must map each role to {choice: probability}, as prediction(game) returns"
        )
    checked: Prediction = {}
    for role, mix in predicted.items():
        if not isinstance(role, str) or not isinstance(mix, Mapping) or not mix:
            raise TypeError(f"prediction for {role!r} must map choices to probabilities")
        probabilities = {}
        for label, p in mix.items():
            if isinstance(p, bool) or not isinstance(p, int | float) or not 0 <= p <= 1:
                raise ValueError(
                    f"probability of {label!r} for {role} must be in [0, 1], got {p!r}"
                )
            probabilities[str(label)] = float(p)
        if abs(sum(probabilities.values()) - 1) > 1e-6:
            raise ValueError(f"probabilities for {role} must add up to 1, got {probabilities}")
        checked[role] = probabilities
    return checked


def prediction(
    game: Any, *, scenario: str | None = None, values: Mapping[str, Any] | None = None
) -> Prediction:
    """The equilibrium the class is compared with: each role's probability of each choice.

    The first equilibrium in the solver's order, the one the generated app's
    "equilibrium" bots play (a pure one gives probabilities 0 and 1).

    Parameters
    ----------
    game : BimatrixGame, Model, str or path
        What was exported: a game, a model or its name, or a ``.nfg`` file.
    scenario, values : optional
        For a model, as in :func:`negotiation.classroom.export`.

    Returns
    -------
    dict
        ``{role: {choice: probability}}``, roles in the game's player order.

    Raises
    ------
    ValueError
        For a game that is not a normal-form game (as :func:`export` says).

    Examples
    --------
    >>> mix = prediction("currency_claims")
    >>> {role: round(p["Stay quiet" if role == "US" else "Let the market decide"], 3)
    ...  for role, p in mix.items()}
    {'US': 0.842, 'Japan': 0.762}
    >>> prediction("tariff_standoff")["US"]
    {'Hold': 1.0, 'Cut': 0.0}
    """
    source = resolve(game, scenario=scenario, values=values)
    if not isinstance(source.game, BimatrixGame):
        raise ValueError(f"{source.name!r} is not a normal-form game")
    row, col = solve(source.game)[0].strategies
    players = source.game.players
    return {
        players[0]: {label: float(p) for label, p in zip(source.game.row_labels, row, strict=True)},
        players[1]: {label: float(p) for label, p in zip(source.game.col_labels, col, strict=True)},
    }


def source_of(row: Mapping[str, Any]) -> str:
    """Who made a choice: ``"student"``, ``"timeout"`` or ``"against computer"`` (see :data:`SOURCES`).

    Examples
    --------
    >>> source_of({"choice": "Hold"}), source_of({"played_by": "computer"})
    ('student', 'timeout')
    >>> source_of({"played_by": "student", "partner": "computer"})
    'against computer'
    """
    if not isinstance(row, Mapping):
        raise TypeError(
            f"row must be a mapping (a row of a Decisions table), got {type(row).__name__}"
        )
    if row.get("played_by") == "computer":
        return "timeout"
    if row.get("partner") == "computer":
        return "against computer"
    return "student"


def choice_frequencies(table: Decisions, role: str) -> dict[str, dict[str, int]]:
    """How often each choice was made by one role, for each source of the choice.

    Returns
    -------
    dict
        ``{source: {choice: count}}`` for every source in :data:`SOURCES` (a count of 0
        included), choices in the order first seen.

    Examples
    --------
    >>> table = Decisions(
    ...     ("role", "choice", "played_by"),
    ...     (("US", "Hold", "student"), ("US", "Cut", "student"), ("US", "Hold", "computer")),
    ... )
    >>> choice_frequencies(table, "US")
    {'student': {'Hold': 1, 'Cut': 1}, 'timeout': {'Hold': 1}, 'against computer': {}}
    """
    table = _check_table(table)
    roles = set(table.column("role"))
    if not isinstance(role, str) or role not in roles:
        raise ValueError(
            f"no role {role!r} in the table; its roles are {', '.join(sorted(map(str, roles)))}"
        )
    found: dict[str, dict[str, int]] = {source: {} for source in SOURCES}
    for row in table:
        if row["role"] == role and row["choice"] is not None:
            counts = found[source_of(row)]
            counts[row["choice"]] = counts.get(row["choice"], 0) + 1
    return found


def _wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson 95% interval of a proportion ``k / n`` (Wilson 1927)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def is_example(table: Decisions) -> bool:
    """Whether the table is a bundled example (bots with noise), not a real class."""
    return "session" in table.columns and EXAMPLE_SESSION in set(table.column("session"))


def plot_choices(
    table: Decisions, predicted: Mapping[str, Mapping[str, float]], *, title: str | None = None
) -> Any:
    """Each role's share of each choice, students against the equilibrium, on one figure.

    One panel per role: a bar per choice for the students' share (with its 95%
    interval), an orange diamond at the equilibrium's probability, and beside each bar
    the computer's choices (after a timeout, hatched) and students' choices against a
    computer (light), counted apart.

    Parameters
    ----------
    table : Decisions
        The class's choices (:func:`negotiation.classroom.load`).
    predicted : dict
        ``{role: {choice: probability}}`` (:func:`prediction`).
    title : str, optional
        The figure's title (the default says how many choices, and marks example data).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_choices(example("currency_claims"), prediction("currency_claims"))
    >>> [ax.get_title() for ax in fig.axes]
    ['US', 'Japan']
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    table = _check_table(table)
    mix = _check_prediction(predicted)
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string, got {type(title).__name__}")
    fig = Figure(figsize=(5.5 * len(mix), 5.2), layout="constrained")
    axes = fig.subplots(1, len(mix), sharey=True, squeeze=False)[0]
    shown = {"timeout": False, "against computer": False}
    width = 0.5
    for k, (ax, (role, probabilities)) in enumerate(zip(axes, mix.items(), strict=True)):
        counts = choice_frequencies(table, role)
        labels = list(probabilities)
        unknown = set().union(*(c.keys() for c in counts.values())) - set(labels)
        if unknown:
            raise ValueError(
                f"{role} chose {', '.join(sorted(unknown))}, which the prediction does not have "
                f"({', '.join(labels)}): is it the prediction of another game?"
            )
        colour = PLAYER_COLOURS[k % 2]
        n = sum(counts["student"].values())
        for x, label in enumerate(labels):
            chosen = counts["student"].get(label, 0)
            share = chosen / n if n else 0.0
            low, high = _wilson(chosen, n)
            ax.bar(x, 100 * share, width, color=colour, alpha=0.85)
            if n:
                ax.errorbar(
                    x,
                    100 * share,
                    yerr=[[100 * (share - low)], [100 * (high - share)]],
                    color=PALETTE["black"],
                    capsize=6,
                    lw=1.5,
                )
                ax.annotate(
                    f"{100 * share:.0f}%",
                    (x - width / 2 + 0.04, 100 * share + 1.5),
                    fontsize=FONT_SIZE - 1,
                    ha="left",
                )
            ax.plot(
                [x - width / 2 - 0.06, x + width / 2 + 0.06],
                [100 * probabilities[label]] * 2,
                color=EQUILIBRIUM_COLOUR,
                lw=2.5,
                ls="--",
            )
            ax.plot(
                x,
                100 * probabilities[label],
                marker="D",
                ms=11,
                color="white",
                markeredgecolor=EQUILIBRIUM_COLOUR,
                markeredgewidth=2,
                ls="none",
            )
            for offset, source, style in (
                (0.38, "timeout", {"hatch": "//", "color": "white", "edgecolor": PALETTE["grey"]}),
                (0.52, "against computer", {"color": PALETTE["grey"], "alpha": 0.45}),
            ):
                total = sum(counts[source].values())
                if total:
                    shown[source] = True
                    made = counts[source].get(label, 0)
                    ax.bar(x + offset, 100 * made / total, 0.12, **style)
                    ax.annotate(
                        str(made),
                        (x + offset, 100 * made / total + 1.5),
                        fontsize=FONT_SIZE - 3,
                        ha="center",
                        color=PALETTE["grey"],
                    )
        ax.set_xticks(range(len(labels)), labels)
        ax.set_ylim(0, 105)
        style_axes(ax, "", "share of choices (%)" if k == 0 else "", role)
        ax.set_xlabel(f"{n} choices by students", fontsize=FONT_SIZE - 1)
    handles = [
        Patch(color=PLAYER_COLOURS[0], alpha=0.85, label="students (95% interval)"),
        Line2D(
            [],
            [],
            color=EQUILIBRIUM_COLOUR,
            marker="D",
            lw=2.5,
            ls="--",
            markerfacecolor="white",
            markeredgewidth=2,
            label="equilibrium",
        ),
    ]
    if shown["timeout"]:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor=PALETTE["grey"],
                hatch="//",
                label=_SOURCE_TEXT["timeout"],
            )
        )
    if shown["against computer"]:
        handles.append(
            Patch(color=PALETTE["grey"], alpha=0.45, label=_SOURCE_TEXT["against computer"])
        )
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=len(handles),
        fontsize=FONT_SIZE - 2,
        frameon=False,
    )
    if title is None:
        title = "The class's choices against the equilibrium"
        if is_example(table):
            title += " (example data: bots with noise, not a class)"
    fig.suptitle(title, fontsize=FONT_SIZE + 1)
    return fig


def summary(table: Decisions, predicted: Mapping[str, Mapping[str, float]]) -> str:
    """A few plain sentences a teacher can project: what the class did, against the equilibrium.

    Examples
    --------
    >>> print(summary(example("tariff_standoff"), prediction("tariff_standoff")))  # doctest: +ELLIPSIS
    Example data (bots with noise), not a real class. ...
    US chose Hold ...% of the time (equilibrium: 100%)...
    """
    table = _check_table(table)
    mix = _check_prediction(predicted)
    lines = []
    if is_example(table):
        lines.append("Example data (bots with noise), not a real class.")
    people = len(set(table.column("participant"))) if "participant" in table.columns else None
    rounds = len(set(table.column("round"))) if "round" in table.columns else None
    by_source = {source: 0 for source in SOURCES}
    for row in table:
        by_source[source_of(row)] += 1
    head = f"{by_source['student']} choices by students"
    if people is not None and rounds is not None:
        head = f"{people} students, {rounds} round{'s' if rounds != 1 else ''}: " + head
    said = {
        "timeout": "made by the computer after a timeout",
        "against computer": "by students facing a computer",
    }
    apart = [f"{by_source[s]} {said[s]}" for s in SOURCES[1:] if by_source[s]]
    lines.append(head + (f" ({', '.join(apart)}, counted apart)." if apart else "."))
    gaps = []
    for role, probabilities in mix.items():
        counts = choice_frequencies(table, role)["student"]
        n = sum(counts.values())
        if n == 0:
            lines.append(f"No student chose as {role}.")
            continue
        parts = []
        for label, p in probabilities.items():
            share = counts.get(label, 0) / n
            gaps.append(abs(share - p))
            parts.append(f"{label} {100 * share:.0f}% of the time (equilibrium: {100 * p:.0f}%)")
        lines.append(f"{role} chose " + "; ".join(parts) + ".")
    if gaps:
        worst = 100 * max(gaps)
        if worst <= 10:
            verdict = "The class played close to the equilibrium"
        elif worst <= 25:
            verdict = "The class played near the equilibrium, with visible departures"
        else:
            verdict = "The class played far from the equilibrium"
        lines.append(f"{verdict}: the largest gap is {worst:.0f} percentage points.")
    return "\n".join(lines)


def example(name: str = "currency_claims") -> Decisions:
    """A bundled example class (generated by bots with noise, not students), as :func:`load` reads it.

    Parameters
    ----------
    name : str, default "currency_claims"
        One of :data:`EXAMPLES`.

    Examples
    --------
    >>> table = example("currency_claims")
    >>> sorted(set(table.column("role"))), is_example(table)
    (['Japan', 'US'], True)
    """
    if not isinstance(name, str) or name not in EXAMPLES:
        raise ValueError(f"no example {name!r}; the examples are {', '.join(EXAMPLES)}")
    file, app, _ = EXAMPLES[name]
    with resources.as_file(resources.files(__package__) / "data" / file) as path:
        return load(path, app=app)
