"""What a classroom app is generated from: a game, its story and its payoff units."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import scenarios
from ..core._numbers import Number
from ..core.game import BimatrixGame
from ..models import MODELS, Model
from ..normal_form.nfg import read_nfg
from ..trees import GameTree

__all__ = ["GameSource", "resolve"]

#: Kinds of game planned for later versions (trees, alternating offers): the error for
#: them says so. What is built today is ``project.WRITERS``'s keys.
LATER_KINDS = ("game tree", "bargaining", "linkage")


@dataclass(frozen=True)
class GameSource:
    """A game with what students are told about it.

    Attributes
    ----------
    game : BimatrixGame
        The game students play (today only normal-form games).
    name : str
        A short identifier (the model's name, the file's stem, or the game's title).
    title : str
        The title shown on every page.
    description : str
        One or two sentences for the instructions (the model's summary).
    units : tuple of str
        One unit per player, in the game's player order ("" for plain points).
    kind : str
        The kind of app to write (``"normal form"``; trees and alternating offers later).
    """

    game: BimatrixGame
    name: str
    title: str
    description: str
    units: tuple[str, str]
    kind: str = "normal form"


def _identifier(text: str) -> str:
    """A lower-case Python identifier made from ``text`` (for app names)."""
    word = re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()
    if not word or word[0].isdigit():
        word = f"game_{word}".rstrip("_")
    return word[:30].rstrip("_")  # oTree app names are short (the app's folder and URL)


def _units(units: Any, players: tuple[str, ...]) -> tuple[str, str]:
    if units is None:
        return ("", "")
    if isinstance(units, str):
        return (units, units)
    if (
        not isinstance(units, tuple | list)
        or len(units) != 2
        or not all(isinstance(u, str) for u in units)
    ):
        raise ValueError(
            f"units must be one string or two strings (one per player: {', '.join(players)}), "
            f"got {units!r}"
        )
    return (units[0], units[1])


def _from_model(model: Model, scenario: str | None, values: Mapping[str, Any] | None) -> GameSource:
    given: dict[str, Number] = {}
    if scenario is not None:
        given.update(scenarios.load(scenario).values(model.name))
    given.update(values or {})
    game = model.at(given)
    if not isinstance(game, BimatrixGame):
        _unsupported(model.kind, f"model {model.name!r}")
    units = model.units if len(model.units) == 2 else ("", "")
    title = model.title if scenario is None else f"{model.title} ({scenario})"
    return GameSource(game, model.name, title, model.summary, (units[0], units[1]))


def _unsupported(kind: str, what: str) -> None:
    later = " (it is planned: game trees and alternating offers come in a later version)"
    raise ValueError(
        f"{what} is a {kind}; classroom export supports normal-form games (BimatrixGame) "
        f"only{later if kind in LATER_KINDS else ''}"
    )


def resolve(
    game: Any,
    *,
    scenario: str | None = None,
    values: Mapping[str, Any] | None = None,
    units: Any = None,
    title: str | None = None,
    description: str | None = None,
) -> GameSource:
    """Turn what a teacher names into a :class:`GameSource`.

    Parameters
    ----------
    game : BimatrixGame, Model, str or path
        A game object; a model (or its name, see ``negotiation models``), taken at
        ``scenario`` and ``values``; or the path of a Gambit ``.nfg`` file.
    scenario : str, optional
        For a model: a bundled scenario name or a scenario file.
    values : mapping, optional
        For a model: parameter values that override the scenario's.
    units : str or pair of str, optional
        The payoff units, one per player (a model's own units are the default).
    title, description : str, optional
        What students are told (the model's title and summary by default).

    Raises
    ------
    ValueError
        For an unknown name, a game of a kind the classroom does not support yet,
        a game with more than two players, or options that do not apply.
    TypeError
        For an object that is not a game.

    Examples
    --------
    >>> src = resolve("tariff_standoff", scenario="april-2025")
    >>> src.game.players, src.units
    (('US', 'Japan'), ('$bn', '% of GDP'))
    >>> resolve("treasury_leverage")
    Traceback (most recent call last):
    ...
    ValueError: model 'treasury_leverage' is a game tree; classroom export supports normal-form games (BimatrixGame) only (it is planned: game trees and alternating offers come in a later version)
    """
    for label, text in (("title", title), ("description", description)):
        if text is not None and (not isinstance(text, str) or not text.strip()):
            raise ValueError(f"{label} must be a non-empty string, got {text!r}")
    if isinstance(game, str) and game in MODELS:
        game = MODELS[game]
    if isinstance(game, Model):
        source = _from_model(game, scenario, values)
    else:
        if scenario is not None or values:
            raise ValueError(
                f"scenario and values apply to models ({', '.join(MODELS)}), not to {game!r}"
            )
        source = _from_game(game)
    if units is not None:
        source = GameSource(
            source.game,
            source.name,
            source.title,
            source.description,
            _units(units, source.game.players),
        )
    return GameSource(
        source.game,
        source.name,
        title or source.title,
        description or source.description,
        source.units,
    )


def _from_game(game: Any) -> GameSource:
    if isinstance(game, str | pathlib.PurePath):
        path = pathlib.Path(game)
        if path.suffix.lower() == ".efg":
            _unsupported("game tree", f"{str(path)!r}")
        if path.suffix.lower() != ".nfg":
            raise ValueError(
                f"unknown game {str(game)!r}: expected a Gambit strategic-form file (GAME.nfg) "
                f"or a model name ({', '.join(MODELS)})"
            )
        if not path.is_file():
            raise ValueError(f"no such file: {str(path)!r} (expected a Gambit .nfg file)")
        game_obj = read_nfg(path)
        name = path.stem
    elif isinstance(game, BimatrixGame):
        game_obj = game
        name = game.title or "game"
    elif isinstance(game, GameTree):
        _unsupported("game tree", "the game")
        raise AssertionError  # pragma: no cover (for the type checker)
    else:
        players = getattr(game, "players", None)
        if isinstance(players, tuple | list) and len(players) > 2:
            raise ValueError(
                f"the game has {len(players)} players ({', '.join(map(str, players))}); "
                "classroom apps pair two students, so the game must have exactly two players"
            )
        raise TypeError(
            "game must be a BimatrixGame, a model (or its name) or the path of a .nfg file, "
            f"got {type(game).__name__}"
        )
    title = game_obj.title or name
    return GameSource(game_obj, _identifier(name), title, "", ("", ""))
