"""The bundled example classes: bots with noise, written as oTree's wide export.

Each simulated student plays the equilibrium mix with probability ``1 - noise`` and a
uniformly random choice otherwise (the "equilibrium" and "random" bots of the generated
app, mixed), in fixed pairs; now and then a student lets the page time out and the
computer chooses the equilibrium for them (``played_by == "computer"``), as the app does.
The session code is :data:`~negotiation.classroom.analysis.EXAMPLE_SESSION` and every
participant's label starts with ``bot``: nobody can take the data for a real class.

Regenerate the files (reproducible: a fixed seed) with::

    python -m negotiation.classroom._examples
"""

from __future__ import annotations

import csv
import io
import pathlib
from typing import Any

import numpy as np

from ._normal_form import points_table
from ._source import resolve
from .analysis import EXAMPLE_SESSION, EXAMPLES, prediction

#: Students, rounds, noise and the chance of a timeout in each example.
SETTINGS: dict[str, Any] = {
    "students": 30,
    "rounds": 10,
    "noise": 0.3,
    "timeout": 0.02,
    "seed": 19,
}


def simulate(
    model: str,
    app: str,
    *,
    students: int = 30,
    rounds: int = 10,
    noise: float = 0.3,
    timeout: float = 0.02,
    seed: int = 19,
) -> str:
    """A class of bots playing ``model`` in fixed pairs, as oTree's ``all_apps_wide`` CSV."""
    if students < 2 or students % 2:
        raise ValueError(f"students must be an even number of at least 2, got {students}")
    if not 0 <= noise <= 1 or not 0 <= timeout <= 1:
        raise ValueError("noise and timeout must be probabilities")
    rng = np.random.default_rng(seed)
    source = resolve(model)
    game = source.game
    points, _ = points_table(source, 1.0)
    mix = prediction(model)
    roles = game.players
    labels = (game.row_labels, game.col_labels)
    fields = ["id_in_group", "role", "choice", "strategy", "partner_choice", "points"]
    fields += ["played_by", "partner", "timeouts"]
    header = ["participant.id_in_session", "participant.code", "participant.label", "session.code"]
    for r in range(1, rounds + 1):
        header += [f"{app}.{r}.player.{f}" for f in fields]
        header += [f"{app}.{r}.group.id_in_subsession", f"{app}.{r}.subsession.round_number"]
    lines = [
        [str(i + 1), f"bot{i + 1:03d}", f"bot{i + 1:03d}", EXAMPLE_SESSION] for i in range(students)
    ]
    timeouts = [0] * students
    for r in range(1, rounds + 1):
        for pair in range(students // 2):
            picks, played = [], []
            for k in range(2):
                probabilities = list(mix[roles[k]].values())
                if rng.random() < timeout:
                    played.append("computer")
                    timeouts[2 * pair + k] += 1
                    pick = int(np.argmax(probabilities))  # the computer plays the equilibrium
                elif rng.random() < noise:
                    played.append("student")
                    pick = int(rng.integers(len(probabilities)))
                else:
                    played.append("student")
                    pick = int(rng.choice(len(probabilities), p=probabilities))
                picks.append(pick)
            i, j = picks
            for k in range(2):
                p = 2 * pair + k
                lines[p] += [
                    str(k + 1),
                    roles[k],
                    labels[k][picks[k]],
                    str(picks[k]),
                    labels[1 - k][picks[1 - k]],
                    str(points[i][j][k]),
                    played[k],
                    "student",
                    str(timeouts[p]),
                    str(pair + 1),
                    str(r),
                ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(lines)
    return out.getvalue()


def write_all(folder: pathlib.Path | None = None) -> list[pathlib.Path]:
    """Write every file of :data:`EXAMPLES` into ``folder`` (the package's ``data`` folder)."""
    folder = folder or pathlib.Path(__file__).parent / "data"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file, app, model in EXAMPLES.values():
        path = folder / file
        path.write_text(simulate(model, app, **SETTINGS), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path)
