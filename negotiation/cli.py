"""The ``negotiation`` command line.

``negotiation solve GAME.nfg`` reads a two-player game from a Gambit ``.nfg``
file and prints its payoff table with every best response marked, the name of
the game for 2x2 games, and every Nash equilibrium with exact probabilities;
``--json`` prints the same as one JSON document. ``negotiation solve TREE.efg``
reads a game tree (chance moves and information sets allowed) and prints every
Nash equilibrium in behaviour strategies with its outcome;
``--perfect-bayesian`` prints its perfect Bayesian equilibria instead (for a
signalling game, classified and put to the intuitive criterion). A tree of three or
more players (Selten's horse) gets its pure equilibria: every pure Nash equilibrium,
or with ``--perfect-bayesian`` every pure weak perfect Bayesian equilibrium with its
beliefs. ``negotiation --version`` prints the version.

The command line is a thin front: it turns its arguments into a game
(:func:`load_target`), calls :func:`negotiation.solve` and the teaching
helpers, and formats what they return (:func:`render_solution`,
:func:`solution_document`). It holds no game theory of its own.

Every error a user can cause (a missing or malformed file, an unknown
command) is one line on standard error starting ``negotiation: error:`` and
exit status 2, never a traceback.

Examples
--------
>>> import tempfile, pathlib
>>> from negotiation import BimatrixGame
>>> from negotiation.normal_form.nfg import write_nfg
>>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Japan", "US"),
...                   row_labels=("Cooperate", "Defect"), col_labels=("Cooperate", "Defect"))
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "pd.nfg"
...     write_nfg(pd, path)
...     main(["solve", str(path)])
Players: Japan (rows) and US (columns)
<BLANKLINE>
Japan \\ US | Cooperate | Defect
Cooperate  |   3, 3    | 0, 5*
Defect     |   5*, 0   | 1*, 1*
<BLANKLINE>
...
1 equilibrium (1 pure):
  1. Japan plays Defect; US plays Defect (expected payoffs 1 and 1).
     Japan: Cooperate 0, Defect 1
     US: Cooperate 0, Defect 1
0
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import textwrap
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, NoReturn

import numpy as np

from . import scenarios
from ._version import __version__
from .core._numbers import Number, format_number, parse_number
from .core.game import BimatrixGame
from .information import (
    AssessmentSolution,
    PerfectBayesianSolution,
    perfect_bayesian,
    pure_weak_perfect_bayesian,
    signalling_structure,
    weak_perfect_bayesian,
)
from .models import MODELS, partner_text
from .normal_form.analysis import best_response_table
from .normal_form.classification import classify
from .normal_form.equilibria import Solution, solve
from .normal_form.nfg import read_nfg
from .trees import ExtensiveSolution, GameTree, nash_equilibria, pure_nash_equilibria, read_efg
from .trees.nash import profile_document

__all__ = ["build_parser", "load_target", "main", "render_solution", "solution_document"]

PROG = "negotiation"
_WIDTH = 88


class _UsageError(Exception):
    """A mistake in the command line itself (unknown command, missing argument)."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(message)
        self.message = message
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports mistakes to :func:`main` instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message, self.prog)


# --- turning arguments into a game -----------------------------------------------------


def load_target(target: str, options: argparse.Namespace | None = None) -> BimatrixGame | GameTree:
    """Turn the TARGET of ``negotiation solve`` into a game.

    This is the command line's one extension point for new kinds of input. Today
    TARGET is the path of a Gambit ``.nfg`` file (a :class:`BimatrixGame`) or
    ``.efg`` file (a :class:`~negotiation.trees.GameTree`). A model name
    (``negotiation solve tariff_standoff --scenario april-2025 --set tariff=0.24``)
    is recognised by the solve command before this, reading the extra options from
    ``options``.

    Parameters
    ----------
    target : str
        What the user typed after ``solve``.
    options : argparse.Namespace, optional
        All parsed options of the ``solve`` command.

    Raises
    ------
    FileNotFoundError
        For a ``.nfg`` path that does not exist.
    ValueError
        For a malformed file, or a TARGET that is neither a file nor a ``.nfg`` path.

    Examples
    --------
    >>> load_target("no-such-game")
    Traceback (most recent call last):
    ...
    ValueError: unknown game 'no-such-game': expected the path of a Gambit strategic-form file (GAME.nfg), an extensive-form file (GAME.efg) or a model name (tariff_standoff, tariff_ladder, currency_claims, treasury_leverage, treasury_signal, deal_bargaining, issue_linkage, deal_compliance)
    """
    if not isinstance(target, str):
        raise TypeError(f"target must be a string, got {type(target).__name__}")
    path = pathlib.Path(target)
    if path.suffix.lower() == ".efg":
        return read_efg(path)
    if path.suffix.lower() == ".nfg" or path.is_file():
        return read_nfg(path)
    if path.is_dir():
        raise ValueError(f"{target!r} is a directory; expected the path of a Gambit .nfg file")
    raise ValueError(
        f"unknown game {target!r}: expected the path of a Gambit strategic-form file (GAME.nfg), "
        f"an extensive-form file (GAME.efg) or a model name ({', '.join(MODELS)})"
    )


# --- formatting ------------------------------------------------------------------------


def _json_number(value: Number) -> int | str | float:
    """Exact values as an int or a string such as ``"3/4"`` (as ``Solution.to_dict`` does)."""
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else str(value)
    return float(value)


def _best_responses(game: BimatrixGame) -> tuple[list[list[bool]], list[list[bool]]]:
    row_best, col_best = best_response_table(game)
    return (
        np.asarray(row_best, dtype=bool).tolist(),
        np.asarray(col_best, dtype=bool).tolist(),
    )


def _game_class(game: BimatrixGame) -> tuple[str, str] | None:
    """Name and description of a 2x2 game's class, or None for other sizes."""
    if game.shape != (2, 2):
        return None
    try:
        found = classify(game)
    except ValueError as exc:  # a 2x2 game the classification does not cover
        return f"not classified ({exc})", ""
    return found.name, found.description


def _payoff_table(
    game: BimatrixGame, row_best: list[list[bool]], col_best: list[list[bool]]
) -> str:
    m, n = game.shape
    cells = []
    for i in range(m):
        row = []
        for j in range(n):
            u, v = game.payoff(i, j)
            row.append(
                f"{format_number(u)}{'*' if row_best[i][j] else ''}, "
                f"{format_number(v)}{'*' if col_best[i][j] else ''}"
            )
        cells.append(row)
    corner = f"{game.players[0]} \\ {game.players[1]}"
    first = max(len(corner), *(len(s) for s in game.row_labels))
    widths = [max(len(game.col_labels[j]), *(len(cells[i][j]) for i in range(m))) for j in range(n)]
    lines = [
        corner.ljust(first)
        + " | "
        + " | ".join(game.col_labels[j].center(widths[j]) for j in range(n))
    ]
    for i in range(m):
        lines.append(
            game.row_labels[i].ljust(first)
            + " | "
            + " | ".join(cells[i][j].center(widths[j]) for j in range(n))
        )
    return "\n".join(line.rstrip() for line in lines)


def _exact(value: Number) -> str:
    """``format_number``, but a fraction it would round is shown in full, then rounded."""
    if isinstance(value, Fraction) and value.denominator > 1000:
        return f"{value.numerator}/{value.denominator} (about {format_number(value)})"
    return format_number(value)


def _probabilities(labels: Sequence[str], probs: Sequence[Number]) -> str:
    return ", ".join(f"{label} {_exact(p)}" for label, p in zip(labels, probs, strict=True))


def _numbered(indices: Sequence[int]) -> str:
    names = [str(k + 1) for k in indices]
    if len(names) == 1:
        return f"equilibrium {names[0]}"
    return f"equilibria {', '.join(names[:-1])} and {names[-1]}"


def render_solution(game: BimatrixGame, solution: Solution | None = None) -> str:
    """The text ``negotiation solve`` prints for a game.

    Parameters
    ----------
    game : BimatrixGame
        The game.
    solution : Solution, optional
        ``solve(game)``; computed when not given.

    Returns
    -------
    str
        The title and players, the payoff table with best responses starred, the
        class of a 2x2 game, and every extreme equilibrium (pure ones first) with
        exact probabilities; for a degenerate game also the note explaining it and
        the components of the set of equilibria.

    Examples
    --------
    >>> bos = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Japan", "US"),
    ...                    row_labels=("Autos", "Rice"), col_labels=("Autos", "Rice"),
    ...                    title="Battle of the Sexes")
    >>> print(render_solution(bos))
    Battle of the Sexes
    Players: Japan (rows) and US (columns)
    <BLANKLINE>
    Japan \\ US | Autos  |  Rice
    Autos      | 2*, 1* |  0, 0
    Rice       |  0, 0  | 1*, 2*
    <BLANKLINE>
    ...
    3 equilibria (2 pure, 1 mixed), pure ones first:
      1. Japan plays Autos; US plays Autos (expected payoffs 2 and 1).
         Japan: Autos 1, Rice 0
         US: Autos 1, Rice 0
      2. Japan plays Rice; US plays Rice (expected payoffs 1 and 2).
         Japan: Autos 0, Rice 1
         US: Autos 0, Rice 1
      3. Japan mixes Autos 2/3, Rice 1/3; US mixes Autos 1/3, Rice 2/3 (expected payoffs 2/3 and 2/3).
         Japan: Autos 2/3, Rice 1/3
         US: Autos 1/3, Rice 2/3
    """
    if not isinstance(game, BimatrixGame):
        raise TypeError(f"game must be a BimatrixGame, got {type(game).__name__}")
    if solution is None:
        solution = solve(game)
    elif not isinstance(solution, Solution):
        raise TypeError(f"solution must be a Solution from solve(), got {type(solution).__name__}")
    row, col = game.players
    out: list[str] = []
    if game.title:
        out.append(game.title)
    out += [f"Players: {row} (rows) and {col} (columns)", ""]

    row_best, col_best = _best_responses(game)
    out += [_payoff_table(game, row_best, col_best), ""]
    legend = (
        f"* marks a best response: {row}'s payoff is starred where that row is a best "
        f"response to the column, {col}'s where that column is a best response to the row. "
        "A cell with two stars is a pure-strategy equilibrium."
    )
    out += [textwrap.fill(legend, _WIDTH), ""]

    found = _game_class(game)
    if found is not None:
        name, description = found
        out.append(f"Class: {name}")
        if description:
            out.append(textwrap.fill(description, _WIDTH))
        out.append("")

    eqs = solution.equilibria
    pure = len(solution.pure)
    count = f"{len(eqs)} {'extreme ' if solution.degenerate else ''}equilibri"
    count += "um" if len(eqs) == 1 else "a"
    kinds = [f"{pure} pure"] if pure else []
    if len(eqs) - pure:
        kinds.append(f"{len(eqs) - pure} mixed")
    out.append(
        f"{count} ({', '.join(kinds)})"
        + (", pure ones first:" if pure and len(eqs) > pure else ":")
    )
    for k, e in enumerate(eqs, start=1):
        x, y = e.strategies
        out.append(f"  {k}. {e.describe()}")
        out.append(f"     {row}: {_probabilities(game.row_labels, x)}")
        out.append(f"     {col}: {_probabilities(game.col_labels, y)}")

    if solution.degenerate:
        out += ["", textwrap.fill(solution.note, _WIDTH)]
        index = {e.key(): k for k, e in enumerate(eqs)}
        out += ["", f"Components of the set of equilibria: {len(solution.components)}"]
        for k, c in enumerate(solution.components, start=1):
            members = _numbered(sorted(index[e.key()] for e in c.equilibria))
            if c.is_isolated:
                out.append(f"  {k}. {members}, an isolated point")
            else:
                out.append(
                    textwrap.fill(
                        f"{k}. {members}: {c.describe()}",
                        _WIDTH,
                        initial_indent="  ",
                        subsequent_indent="     ",
                    )
                )
    elif solution.note:
        out += ["", textwrap.fill(solution.note, _WIDTH)]
    return "\n".join(out)


def solution_document(
    game: BimatrixGame, solution: Solution | None = None, *, source: str | None = None
) -> dict[str, Any]:
    """What ``negotiation solve --json`` prints, as a JSON-ready dictionary.

    Returns
    -------
    dict
        ``source`` (the file, if any); ``game`` (title, players, labels and the
        payoffs ``[row player, column player]`` of every cell, row by row);
        ``best_responses`` (``row[i][j]`` is true when row ``i`` is a best response
        to column ``j``, ``col[i][j]`` when column ``j`` is a best response to row
        ``i``); ``class`` and ``class_description`` (for a 2x2 game, else null); and
        ``solution``, exactly :meth:`Solution.to_dict`. Exact numbers are integers
        or strings such as ``"2/3"``.

    Examples
    --------
    >>> mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]], title="Matching Pennies")
    >>> doc = solution_document(mp)
    >>> doc["game"]["payoffs"][0]
    [[1, -1], [-1, 1]]
    >>> doc["solution"]["equilibria"][0]["row"]
    {'R1': '1/2', 'R2': '1/2'}
    """
    if not isinstance(game, BimatrixGame):
        raise TypeError(f"game must be a BimatrixGame, got {type(game).__name__}")
    if solution is None:
        solution = solve(game)
    elif not isinstance(solution, Solution):
        raise TypeError(f"solution must be a Solution from solve(), got {type(solution).__name__}")
    m, n = game.shape
    row_best, col_best = _best_responses(game)
    found = _game_class(game)
    return {
        "source": source,
        "game": {
            "title": game.title,
            "players": list(game.players),
            "row_labels": list(game.row_labels),
            "col_labels": list(game.col_labels),
            "payoffs": [
                [[_json_number(v) for v in game.payoff(i, j)] for j in range(n)] for i in range(m)
            ],
        },
        "best_responses": {"row": row_best, "col": col_best},
        "class": found[0] if found else None,
        "class_description": found[1] if found else None,
        "solution": solution.to_dict(),
    }


# --- commands --------------------------------------------------------------------------


def _model_values(model: Any, args: argparse.Namespace) -> dict[str, Number]:
    """Values for a model: the scenario's (if given), then each ``--set name=value``."""
    values: dict[str, Number] = {}
    if args.scenario:
        try:
            scenario = scenarios.load(args.scenario)
            values.update(scenario.values(model.name))
        except FileNotFoundError as exc:
            raise _CommandError(str(exc)) from None
        except ValueError as exc:
            raise _CommandError(str(exc)) from None
    for item in args.set or []:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise _CommandError(f"--set expects name=value, got {item!r}")
        try:
            values[name] = parse_number(text, f"--set {name}")
        except ValueError as exc:
            raise _CommandError(str(exc)) from None
    try:
        checked: dict[str, Number] = model.values(values)
    except ValueError as exc:
        raise _CommandError(str(exc)) from None
    return checked


def _solve_model(args: argparse.Namespace) -> int:
    model = MODELS[args.target]
    values = _model_values(model, args)
    partner = scenarios.load(args.scenario).partner if args.scenario else "Japan"
    analysis = model.analyse(values, partner=partner)
    scenario = f" (scenario {args.scenario})" if args.scenario else ""
    if args.json:
        document: dict[str, Any] = {"model": model.name, "title": model.title, "kind": model.kind}
        document.update(analysis.to_dict())
        if isinstance(analysis.game, BimatrixGame):
            document["game"] = solution_document(analysis.game, analysis.result, source=model.name)
        print(json.dumps(document, indent=2, ensure_ascii=False, default=str))
        return 0
    print(f"{model.title}{scenario}: {partner_text(model.summary, partner)}")
    print()
    if isinstance(analysis.game, BimatrixGame):
        # solved again so that the equilibria name the scenario's partner
        result = analysis.result if partner == "Japan" else solve(analysis.game)
        print(render_solution(analysis.game, result))
        print()
    elif analysis.table:
        print(analysis.table)
        print()
    print(analysis.headline)
    for sentence in analysis.sentences:
        print(f"  - {sentence}")
    for line in analysis.details:
        print(line)
    return 0


def _solve_command(args: argparse.Namespace) -> int:
    target: str = args.target
    if target in MODELS:
        return _solve_model(args)
    if args.scenario or args.set:
        raise _CommandError(
            f"--scenario and --set apply to models ({', '.join(MODELS)}), not to {target!r}"
        )
    try:
        game = load_target(target, args)
    except FileNotFoundError:
        raise _CommandError(f"no such file: {target!r}") from None
    except OSError as exc:
        raise _CommandError(f"cannot read {target!r}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise _CommandError(str(exc)) from None
    if isinstance(game, GameTree):
        return _solve_tree(game, args)
    if args.perfect_bayesian:
        raise _CommandError(
            "--perfect-bayesian applies to game trees (GAME.efg), not to a strategic-form game"
        )
    solution = solve(game)
    if args.json:
        document = solution_document(game, solution, source=target)
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(render_solution(game, solution))
    return 0


def _solve_tree(tree: GameTree, args: argparse.Namespace) -> int:
    """Every Nash equilibrium of a tree, or with --perfect-bayesian every PBE of a signalling game."""
    if len(tree.players) > 2:
        return _solve_many(tree, args)
    result: ExtensiveSolution | PerfectBayesianSolution | AssessmentSolution
    try:
        if not args.perfect_bayesian:
            result = nash_equilibria(tree)
        elif _is_signalling(tree):
            result = perfect_bayesian(tree)  # with kinds and the intuitive criterion
        else:
            result = weak_perfect_bayesian(tree)
    except ValueError as exc:
        raise _CommandError(str(exc)) from None
    if args.json:
        document = {"source": args.target, **result.to_dict()}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    print(tree.outline())
    print()
    print(result.summary())
    return 0


def _solve_many(tree: GameTree, args: argparse.Namespace) -> int:
    """The pure equilibria of a tree of three or more players (the mixed ones need a bimatrix)."""
    n = len(tree.players)
    try:
        if args.perfect_bayesian:
            found = pure_weak_perfect_bayesian(tree)
            documents = [a.to_dict() for a in found]
            what = "pure weak perfect Bayesian equilibri"
            lines = ["  - " + a.describe().replace("\n", "\n    ") for a in found]
        else:
            profiles = pure_nash_equilibria(tree)
            documents = [profile_document(p) for p in profiles]
            what = "pure Nash equilibri"
            lines = [f"  - {p.describe()}" for p in profiles]
    except ValueError as exc:
        raise _CommandError(str(exc)) from None
    if args.json:
        document = {
            "source": args.target,
            "tree": {"title": tree.title, "players": list(tree.players)},
            "pure_only": True,
            "equilibria": documents,
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    count = len(documents)
    print(tree.outline())
    print()
    print(
        f"{count} {what}{'um' if count == 1 else 'a'} ({n} players: mixed equilibria are "
        f"not searched):"
    )
    for line in lines:
        print(line)
    return 0


def _is_signalling(tree: GameTree) -> bool:
    try:
        signalling_structure(tree)
    except ValueError:
        return False
    return True


def _models_command(args: argparse.Namespace) -> int:
    if args.model:
        if args.model not in MODELS:
            raise _CommandError(f"unknown model {args.model!r}; models are {', '.join(MODELS)}")
        model = MODELS[args.model]
        rows = [
            {
                "name": p.name,
                "description": p.description,
                "unit": p.unit,
                "default": _json_number(p.default),
                "low": _json_number(p.low),
                "high": _json_number(p.high),
                "source": p.source,
            }
            for p in model.parameters
        ]
        if args.json:
            print(
                json.dumps({"model": model.name, "parameters": rows}, indent=2, ensure_ascii=False)
            )
            return 0
        lesson = f"lesson {model.lesson}" if model.lesson else "no lesson yet"
        print(f"{model.title} ({model.kind}; {lesson}): {model.summary}\n")
        for r in rows:
            print(
                f"  {r['name']:<24} {r['default']!s:>8}  in [{r['low']}, {r['high']}] {r['unit']}"
                f"  - {r['description']} [{r['source']}]"
            )
        return 0
    listing = [
        {"name": m.name, "title": m.title, "kind": m.kind, "lesson": m.lesson, "summary": m.summary}
        for m in MODELS.values()
    ]
    if args.json:
        print(json.dumps(listing, indent=2, ensure_ascii=False))
        return 0
    for m in listing:
        print(f"{m['name']:<18} {m['kind']:<15} {m['lesson'] or '-':<28} {m['title']}")
    return 0


def _scenarios_command(args: argparse.Namespace) -> int:
    if args.template is not None:
        try:
            print(scenarios.template(args.template or None, partner=args.partner), end="")
        except ValueError as exc:
            raise _CommandError(str(exc)) from None
        return 0
    if args.partner != "Japan":
        raise _CommandError("--partner goes with --template (it names the template's partner)")
    for name in scenarios.names():
        sc = scenarios.load(name)
        print(f"{sc.name:<16} {sc.date}  {sc.partner:<7} {sc.title}")
    return 0


class _CommandError(Exception):
    """A user's mistake found while running a command; reported in one line."""


def _add_solve_parser(commands: Any) -> None:
    solve_parser = commands.add_parser(
        "solve",
        help="print a game's payoff table, class and every Nash equilibrium",
        description=(
            "Print the payoff table with best responses marked, the game's class (2x2 "
            "games) and every Nash equilibrium with exact probabilities."
        ),
    )
    solve_parser.add_argument(
        "target",
        metavar="GAME",
        help="a Gambit strategic-form (GAME.nfg) or extensive-form (GAME.efg) file, 2 players, "
        "or a model name (see 'negotiation models')",
    )
    solve_parser.add_argument(
        "--scenario",
        metavar="NAME|FILE",
        help="for a model: a bundled scenario (see 'negotiation scenarios') or a scenario file",
    )
    solve_parser.add_argument(
        "--set",
        metavar="NAME=VALUE",
        action="append",
        help="for a model: set one parameter (repeatable), e.g. --set tariff=25",
    )
    solve_parser.add_argument(
        "--json", action="store_true", help="print one JSON document instead of text"
    )
    solve_parser.add_argument(
        "--perfect-bayesian",
        action="store_true",
        help="for a game tree (GAME.efg): its perfect Bayesian equilibria with their beliefs; "
        "for a signalling game also their kind (pooling, separating, ...) and the "
        "intuitive criterion",
    )
    solve_parser.set_defaults(handler=_solve_command)


def _add_models_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "models", help="list the models of the talks, or one model's parameters"
    )
    parser.add_argument("model", nargs="?", help="a model name: list its parameters")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=_models_command)


def _add_scenarios_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "scenarios", help="list the dated scenarios, or print a template to adapt"
    )
    parser.add_argument(
        "--template",
        nargs="*",
        metavar="MODEL",
        help="print a complete scenario file (all models, or the ones named) to copy and adapt",
    )
    parser.add_argument(
        "--partner",
        default="Japan",
        metavar="NAME",
        help="the US's partner in the template (default Japan); for another partner every "
        "value is a placeholder (Japan's) marked as an assumption, to replace with a sourced figure",
    )
    parser.set_defaults(handler=_scenarios_command)


def _binder_link_command(args: argparse.Namespace) -> int:
    from .binder import write_binder_link

    try:
        owner, repo, changed = write_binder_link(args.root, args.remote)
    except ValueError as exc:
        raise _CommandError(str(exc)) from None
    if changed:
        print(f"Binder link now points at {owner}/{repo} in: {', '.join(str(p) for p in changed)}")
    else:
        print(f"Binder link already points at {owner}/{repo}.")
    return 0


def _add_binder_link_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "binder-link",
        help="write the GitHub owner/repository of the git remote into the Binder badge",
        description=(
            "Read the owner and repository from the git remote (origin) and write them into "
            "the Binder badge of README.md and the link in lessons/00-start-here.ipynb. Run it "
            "once after publishing the course on GitHub, and commit the change."
        ),
    )
    parser.add_argument("--remote", default="origin", help="the git remote to read (origin)")
    parser.add_argument("--root", default=".", help="the repository's root folder (.)")
    parser.set_defaults(handler=_binder_link_command)


def _add_present_parser(commands: Any) -> None:
    """``negotiation present MODEL``: project one model's app (see :mod:`negotiation.present`)."""
    from . import present

    parser = commands.add_parser(
        "present",
        help="open one model's app in JupyterLab in large type, for a projector",
        description=(
            "Write a one-cell notebook showing the model's app, with JupyterLab settings for "
            "a projector, and start JupyterLab on it (--dry-run: only print the command)."
        ),
    )
    present.configure_parser(parser)

    def handler(args: argparse.Namespace) -> int:
        try:
            return present.run(args)
        except (ValueError, OSError) as exc:
            raise _CommandError(str(exc)) from None

    parser.set_defaults(handler=handler)


def _classroom_export(args: argparse.Namespace) -> int:
    from . import classroom

    values: dict[str, Number] | None = None
    if args.target in MODELS:
        values = _model_values(MODELS[args.target], args)  # scenario, then --set
    elif args.scenario or args.set:
        raise _CommandError(
            f"--scenario and --set apply to models ({', '.join(MODELS)}), not to {args.target!r}"
        )
    try:
        project = classroom.export(
            args.target,
            args.out,
            rounds=args.rounds,
            matching=args.matching,
            app=args.app,
            room=args.room,
            scenario=args.scenario if values is not None else None,
            values=values,
            title=args.title,
            points_per_unit=args.points_per_unit,
            timeout_seconds=args.timeout_seconds,
            partner_wait_seconds=args.partner_wait_seconds,
            overwrite=args.overwrite,
        )
        manifest = classroom.read_manifest(project)
    except (ValueError, TypeError, OSError) as exc:
        raise _CommandError(str(exc)) from None
    dropouts = (
        f"; a student who takes more than {manifest['timeout_seconds']} s to decide is "
        "replaced by the computer"
        if manifest.get("timeout_seconds")
        else ""
    )
    pairs = (
        "pairs formed by arrival"
        if manifest["matching"] == "by arrival"
        else f"{manifest['matching']} pairs"
    )
    talks = (
        f", each up to {manifest['offer_rounds']} rounds of offers"
        if manifest.get("offer_rounds", 1) > 1
        else ""
    )
    print(
        f"Wrote an oTree project for {manifest['title']!r} ({manifest['rounds']} rounds{talks}, "
        f"{pairs}{dropouts}) in {project}\n"
        f"Check it with bots:  cd {project} && otree test {manifest['app']} 2\n"
        f"Serve it to a class: negotiation classroom serve {project}"
    )
    return 0


def _classroom_serve(args: argparse.Namespace) -> int:
    from . import classroom

    try:
        return classroom.serve(args.project, port=args.port, database_url=args.database_url)
    except (ValueError, OSError, RuntimeError) as exc:
        raise _CommandError(str(exc)) from None


def _add_classroom_parser(commands: Any) -> None:
    """``negotiation classroom export|serve``: play a game in class on oTree."""
    parser = commands.add_parser(
        "classroom",
        help="play a game in class: write an oTree project, serve it",
        description=(
            "Students play a game of the course against each other on an oTree server: "
            "'export' writes the oTree project, 'serve' runs it for a class."
        ),
    )
    sub = parser.add_subparsers(dest="classroom_command", metavar="ACTION", required=True)
    export = sub.add_parser(
        "export",
        help="write an oTree project for a game (normal form, tree, offers, ultimatum)",
        description=(
            "Write an oTree project (app, bots, room) for a normal-form game, a two-player "
            "game tree (GAME.efg, treasury_leverage), the rounds of talks (deal_bargaining: "
            "alternating offers with a deadline) or the ultimatum game (ultimatum)."
        ),
    )
    export.add_argument(
        "target",
        metavar="GAME",
        help="a model name (see 'negotiation models'), 'ultimatum', or a GAME.nfg or GAME.efg file",
    )
    export.add_argument("--out", required=True, metavar="DIR", help="the project folder to write")
    export.add_argument("--rounds", type=int, default=5, help="rounds of play (default 5)")
    export.add_argument(
        "--matching",
        choices=("fixed", "random"),
        default="fixed",
        help="the same partner every round (fixed, default) or a new random one (random)",
    )
    export.add_argument("--scenario", metavar="NAME|FILE", help="for a model: a scenario")
    export.add_argument(
        "--set", metavar="NAME=VALUE", action="append", help="for a model: set one parameter"
    )
    export.add_argument("--app", help="the oTree app's name (default: the game's)")
    export.add_argument("--room", default="talks", help="the room's short name (default talks)")
    export.add_argument("--title", help="the title students see")
    export.add_argument(
        "--points-per-unit", type=float, default=1.0, help="points per unit of payoff (default 1)"
    )
    export.add_argument(
        "--timeout-seconds",
        type=int,
        metavar="S",
        help="seconds per decision before the computer plays for a student who dropped out "
        "(default: 120 for trees and offers, no limit for normal-form games)",
    )
    export.add_argument(
        "--partner-wait-seconds",
        type=int,
        default=60,
        metavar="S",
        help="trees and offers: seconds a student waits for a partner before playing the "
        "computer (default 60)",
    )
    export.add_argument(
        "--overwrite", action="store_true", help="replace an earlier export in DIR (data kept)"
    )
    export.set_defaults(handler=_classroom_export)
    serve = sub.add_parser(
        "serve",
        help="run a project on oTree's production server, ready for a class",
        description=(
            "Run 'otree prodserver' for a project written by 'classroom export': production "
            "mode, admin pages behind a password (OTREE_ADMIN_PASSWORD, or a new one printed "
            "once), data on disk. Prints the students' link and the teacher's link."
        ),
    )
    serve.add_argument("project", metavar="DIR", help="a folder written by 'classroom export'")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument(
        "--database-url",
        metavar="URL",
        help="PostgreSQL for large classes (default: SQLite in DIR)",
    )
    serve.set_defaults(handler=_classroom_serve)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``negotiation`` command.

    Each subcommand is added by its own ``_add_<name>_parser`` function and sets
    ``handler``, a function of the parsed arguments returning the exit status.

    Examples
    --------
    >>> build_parser().parse_args(["solve", "pd.nfg", "--json"]).json
    True
    """
    parser = _Parser(
        prog=PROG,
        description="Game theory through the 2025 Japan-US trade talks: solve games exactly.",
        epilog=(
            "Examples: negotiation solve prisoners_dilemma.nfg --json; "
            "negotiation solve tariff_standoff --scenario july-2025-deal --set tariff=30"
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    _add_solve_parser(commands)
    _add_models_parser(commands)
    _add_scenarios_parser(commands)
    _add_present_parser(commands)
    _add_classroom_parser(commands)
    _add_binder_link_parser(commands)
    return parser


def _fail(message: str) -> int:
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Run the ``negotiation`` command and return its exit status.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name; ``sys.argv[1:]`` when not given.

    Returns
    -------
    int
        0 on success, 2 for a mistake in the command or its input (reported as
        one line on standard error starting ``negotiation: error:``).

    Examples
    --------
    >>> main(["--version"])  # doctest: +ELLIPSIS
    negotiation ...
    0
    """
    given: object = argv  # checked at run time: callers are not always type-checked
    if given is not None and (
        not isinstance(given, list | tuple) or not all(isinstance(a, str) for a in given)
    ):
        raise TypeError(f"argv must be a list of strings, got {given!r}")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        return _fail(f"{exc.message} (see '{exc.prog} --help')")
    except SystemExit as exc:  # --help and --version print and stop
        return exc.code if isinstance(exc.code, int) else 0
    if args.command is None:
        return _fail(f"missing a command, e.g. '{PROG} solve GAME.nfg' (see '{PROG} --help')")
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except _CommandError as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # e.g. `negotiation solve game.nfg | head`: the reader left
        _silence_stdout()
        return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # stdout is not a real file
        pass


if __name__ == "__main__":
    raise SystemExit(main())
