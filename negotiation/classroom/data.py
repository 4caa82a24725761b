"""``load``: oTree's exported CSV as a tidy table, one row per student per round.

oTree exports two shapes of CSV, and :func:`load` reads both:

* *all apps, wide* (``all_apps_wide.csv``, ``/api/export_wide``): one line per
  participant, columns ``APP.ROUND.player.FIELD``;
* *one app* (``APP.csv``, ``/api/export_app?app=APP``): one line per participant and
  round, columns ``player.FIELD``, ``group.id_in_subsession``, ``subsession.round_number``.

The table has the columns of :data:`COLUMNS`, then every other player field of the app
(``check_points``, ``check_errors``...), with numbers as numbers and empty cells as ``None``.
Participants who have not reached a round (no choice yet) are left out.

**Computer players and timeouts are shown apart.** ``played_by`` is ``"computer"`` when a
student let a decision page time out and the computer moved in their place (``timeouts``
counts those pages), and ``partner`` is ``"computer"`` for a student who played the
computer player (an odd number of students, or nobody else arriving in time). An export
holding only apps without dropouts (normal-form games) has neither column; one that mixes
them reads ``"student"`` for those apps.
:meth:`Decisions.students` keeps only students' own choices against students;
:meth:`Decisions.computer` the rest.

The apps of game trees add ``path`` (the whole path, a JSON list) and ``chance`` (the
chance moves the server drew); those of alternating offers and the ultimatum game add
``first_offer``, ``agreement_round`` and ``share`` (points of the pie agreed).
"""

from __future__ import annotations

import csv
import io
import os
import pathlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["COLUMNS", "Decisions", "load"]

#: The first columns of every table :func:`load` returns.
COLUMNS = (
    "session",
    "participant",
    "label",
    "app",
    "round",
    "group",
    "id_in_group",
    "role",
    "choice",
    "partner_choice",
    "points",
)

_WIDE = re.compile(
    r"^(?P<app>[A-Za-z_][A-Za-z0-9_]*)\.(?P<round>\d+)\.(?P<model>player|group|subsession)\.(?P<field>.+)$"
)
_INTS = {"round", "group", "id_in_group"}


def _value(text: str) -> Any:
    """A CSV cell as a number when it is one, ``None`` when empty, else the text."""
    if text == "":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


@dataclass(frozen=True)
class Decisions:
    """A tidy table of a class's decisions: one row per student per round.

    Attributes
    ----------
    columns : tuple of str
        Column names, starting with :data:`COLUMNS`.
    rows : tuple of tuple
        The rows, in the order of ``columns``.

    Examples
    --------
    >>> table = Decisions(("round", "choice"), ((1, "Hold"), (2, "Cut"), (2, "Hold")))
    >>> len(table), table.column("choice")
    (3, ['Hold', 'Cut', 'Hold'])
    >>> table.where(round=2).counts("choice")
    {'Cut': 1, 'Hold': 1}
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Each row as a dictionary (``pandas.DataFrame(list(table))`` makes a data frame)."""
        for row in self.rows:
            yield dict(zip(self.columns, row, strict=True))

    def _index(self, name: str) -> int:
        if name not in self.columns:
            raise ValueError(f"no column {name!r}; the columns are {', '.join(self.columns)}")
        return self.columns.index(name)

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order."""
        k = self._index(name)
        return [row[k] for row in self.rows]

    def array(self, name: str) -> npt.NDArray[np.float64]:
        """A numeric column as a float array (``nan`` for empty cells)."""
        values = self.column(name)
        try:
            return np.array([np.nan if v is None else float(v) for v in values])
        except (TypeError, ValueError):
            raise ValueError(f"column {name!r} is not numeric") from None

    def where(self, **equal: Any) -> Decisions:
        """The rows whose columns equal the given values, e.g. ``where(role="US", round=1)``."""
        keys = [(self._index(name), value) for name, value in equal.items()]
        kept = tuple(r for r in self.rows if all(r[k] == v for k, v in keys))
        return Decisions(self.columns, kept)

    def students(self) -> Decisions:
        """Only students' own choices against other students (no computer move on either side).

        Examples
        --------
        >>> t = Decisions(
        ...     ("choice", "played_by", "partner"),
        ...     (("Hold", "student", "student"), ("Hold", "computer", "student"),
        ...      ("Cut", "student", "computer")),
        ... )
        >>> t.students().column("choice"), len(t.computer())
        (['Hold'], 2)
        """
        if "played_by" not in self.columns:
            return self  # apps without computer players
        return self.where(played_by="student", partner="student")

    def computer(self) -> Decisions:
        """The rows a computer player touched: a move made for a student who timed out, or a
        student who played the computer."""
        if "played_by" not in self.columns:
            return Decisions(self.columns, ())
        a, b = self._index("played_by"), self._index("partner")
        kept = tuple(r for r in self.rows if r[a] != "student" or r[b] != "student")
        return Decisions(self.columns, kept)

    def counts(self, name: str) -> dict[Any, int]:
        """How often each value of a column occurs (sorted by value)."""
        found: dict[Any, int] = {}
        for v in self.column(name):
            found[v] = found.get(v, 0) + 1
        return dict(sorted(found.items(), key=lambda kv: str(kv[0])))


def _read(path: Any) -> list[dict[str, str]]:
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be the path of a CSV file, got {type(path).__name__}")
    file = pathlib.Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ValueError(f"cannot read {str(file)!r}: no such file") from None
    except IsADirectoryError:
        raise ValueError(
            f"cannot read {str(file)!r}: it is a folder, expected a CSV file"
        ) from None
    except OSError as exc:
        raise ValueError(f"cannot read {str(file)!r}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")  # oTree's "csv_bom" format starts with a BOM
    except UnicodeDecodeError:
        raise ValueError(
            f"cannot read {str(file)!r}: it is not UTF-8 text (expected a CSV exported by oTree)"
        ) from None
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error as exc:
        raise ValueError(f"cannot read {str(file)!r}: not a CSV file ({exc})") from None
    header = rows[0].keys() if rows else next(csv.reader(io.StringIO(text)), [])
    if "participant.code" not in header:
        raise ValueError(
            f"{str(file)!r} is not an oTree data export (no participant.code column); "
            "export 'All apps' or one app from the server's Data page"
        )
    return rows


def load(path: str | os.PathLike[str], app: str | None = None) -> Decisions:
    """Read oTree's exported CSV (all apps, or one app) into a :class:`Decisions` table.

    Parameters
    ----------
    path : path
        A CSV exported by oTree: ``all_apps_wide.csv`` or one app's CSV.
    app : str, optional
        Keep only this app (its name in the project); all apps by default.

    Returns
    -------
    Decisions
        One row per participant per round that has a choice.

    Raises
    ------
    ValueError
        For a file that cannot be read or is not an oTree export; for a CSV from
        another app (``app`` not in it, or an app that is not a classroom game).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> csv_text = (
    ...     "participant.code,participant.label,session.code,"
    ...     "game.1.player.id_in_group,game.1.player.role,game.1.player.choice,"
    ...     "game.1.player.partner_choice,game.1.player.points,game.1.group.id_in_subsession\\n"
    ...     "abc,,s1,1,US,Hold,Accommodate,14.21,1\\n"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     file = pathlib.Path(tmp) / "all_apps_wide.csv"
    ...     _ = file.write_text(csv_text)
    ...     table = load(file)
    >>> next(iter(table))["choice"], table.column("points")
    ('Hold', [14.21])
    """
    if app is not None and (not isinstance(app, str) or not app):
        raise ValueError(f"app must be an app's name or None, got {app!r}")
    lines = _read(path)
    name = str(path)
    header: Sequence[str] = list(lines[0].keys()) if lines else []
    if any(_WIDE.match(h) for h in header):
        records = _wide(lines, header)
    elif "player.id_in_group" in header:
        records = _one_app(lines, app)
    else:
        records = []
    if not lines:
        raise ValueError(f"{name!r} holds no data (an export made before any session?)")
    apps = sorted({r["app"] for r in records})
    if not any("choice" in r for r in records):
        raise ValueError(
            f"{name!r} is a CSV from another app: it has no player.choice column "
            f"(apps in it: {', '.join(apps) or 'none'}); expected an app generated by "
            "negotiation classroom export"
        )
    if app is not None:
        if app not in apps:
            raise ValueError(
                f"{name!r} is a CSV from another app: it holds {', '.join(apps) or 'no app'}, "
                f"not {app!r}"
            )
        records = [r for r in records if r["app"] == app]
    records = [r for r in records if r.get("choice") is not None or r.get("path") is not None]
    marked = any("played_by" in r for r in records)
    for r in records:
        if "seat_role" in r:
            r["role"] = r.get("role") or r["seat_role"]  # trees and offers: the seat's role
        if marked:
            r["played_by"] = r.get("played_by") or "student"  # an app without timeouts
            r["partner"] = r.get("partner") or "student"
    extra = sorted({k for r in records for k in r} - set(COLUMNS))
    columns = (*COLUMNS, *extra)
    rows = tuple(tuple(r.get(c) for c in columns) for r in records)
    rows = tuple(sorted(rows, key=lambda row: (str(row[0]), str(row[3]), row[4] or 0, str(row[1]))))
    return Decisions(columns, rows)


def _base(line: dict[str, str]) -> dict[str, Any]:
    return {
        "session": line.get("session.code") or None,
        "participant": line["participant.code"],
        "label": line.get("participant.label") or None,
    }


def _record(base: dict[str, Any], app: str, round_: Any, fields: dict[str, str]) -> dict[str, Any]:
    record = dict(base, app=app, round=round_)
    for key, text in fields.items():
        model, _, field_name = key.partition(".")
        if model == "group":
            if field_name == "id_in_subsession":
                record["group"] = _value(text)
            continue
        if model != "player":
            continue
        value = _value(text)
        if field_name in (
            "choice",
            "partner_choice",
            "role",
            "seat_role",
            "path",
            "chance",
            "played_by",
            "partner",
        ):
            value = text or None  # labels stay text, even "1"
        record[field_name] = value
    for key in _INTS:
        if isinstance(record.get(key), float):
            record[key] = int(record[key])
    return record


def _wide(lines: list[dict[str, str]], header: Sequence[str]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, int], list[str]] = {}
    for h in header:
        match = _WIDE.match(h)
        if match:
            groups.setdefault((match["app"], int(match["round"])), []).append(h)
    records = []
    for line in lines:
        base = _base(line)
        for (app, round_), keys in groups.items():
            fields = {k.split(".", 2)[2]: line.get(k) or "" for k in keys}
            records.append(_record(base, app, round_, fields))
    return records


def _one_app(lines: list[dict[str, str]], app: str | None) -> list[dict[str, Any]]:
    records = []
    for line in lines:
        current = line.get("participant._current_app_name") or ""
        name = app if app is not None and current in ("", app) else current
        round_ = _value(line.get("subsession.round_number", ""))
        fields = {k: v or "" for k, v in line.items() if k.startswith(("player.", "group."))}
        records.append(_record(_base(line), name, round_, fields))
    return records
