"""What a classroom app is generated from: a game, its story and its payoff units."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .. import scenarios
from ..bargaining.offers import alternating_offers, linear_schedule
from ..core._numbers import Number, to_exact
from ..core.game import BimatrixGame
from ..models import MODELS, Model
from ..normal_form.nfg import read_nfg
from ..trees import GameTree
from ..trees.efg import read_efg

__all__ = ["GameSource", "OffersGame", "resolve", "ultimatum"]

#: Kinds of game planned for later versions: the error for them says so. What is built
#: today is ``project.WRITERS``'s keys.
LATER_KINDS = ("linkage",)

#: The names that are not models but games of their own (``export("ultimatum", ...)``).
NAMED_GAMES = ("ultimatum",)


@dataclass(frozen=True)
class OffersGame:
    """Alternating offers with a deadline: two sides split a pie of points, round by round.

    In each round one side (the *proposer*) offers the other a number of the pie's
    points; the other accepts (the talks end with that split) or rejects (the roles
    swap and the next round begins). After a rejection in the last round both get
    nothing. A point agreed in round ``t`` is worth less to each side than one agreed in
    round 1: its discount factors between rounds multiply (the cost of delay). With
    ``rounds=1`` this is the ultimatum game.

    Parameters
    ----------
    players : pair of str
        The two sides, for example ``("Japan", "US")``.
    pie : number
        The size of the pie in ``unit`` (for example the yearly gains of a deal in $bn).
    rounds : int
        The deadline: the number of rounds of offers (1 to 20).
    first : int
        Who proposes in round 1 (0 or 1, in the order of ``players``).
    delta1, delta2 : tuple of numbers
        Each side's discount factor between round ``t`` and ``t + 1``, ``rounds - 1`` of
        them, each in (0, 1].
    unit : str
        The unit of the pie ("" for plain points).

    Examples
    --------
    >>> game = OffersGame(("Japan", "US"), 10, rounds=2, first=1, delta1=(0.5,), delta2=(0.9,))
    >>> game.equilibrium().shares
    (Fraction(1, 2), Fraction(1, 2))
    >>> OffersGame(("Japan", "US"), 10, rounds=2, first=1, delta1=(), delta2=(0.9,))
    Traceback (most recent call last):
    ...
    ValueError: delta1 must hold 1 discount factor (one per round after the first), got ()
    """

    players: tuple[str, str]
    pie: Number
    rounds: int
    first: int = 0
    delta1: tuple[Number, ...] = ()
    delta2: tuple[Number, ...] = ()
    unit: str = ""

    def __post_init__(self) -> None:
        players = self.players
        if (
            not isinstance(players, tuple | list)
            or len(players) != 2
            or not all(isinstance(p, str) and p.strip() for p in players)
            or players[0] == players[1]
        ):
            raise ValueError(f"players must be two different names, got {players!r}")
        object.__setattr__(self, "players", (players[0], players[1]))
        if (
            isinstance(self.rounds, bool)
            or not isinstance(self.rounds, int)
            or not 1 <= self.rounds <= 20
        ):
            raise ValueError(f"rounds must be an integer from 1 to 20, got {self.rounds!r}")
        pie = to_exact(self.pie, "pie")
        if not pie > 0:
            raise ValueError(
                f"pie must be a positive number (the size of the pie), got {self.pie!r}"
            )
        object.__setattr__(self, "pie", pie)
        if self.first not in (0, 1) or isinstance(self.first, bool):
            raise ValueError(f"first must be 0 or 1 (who proposes in round 1), got {self.first!r}")
        for name in ("delta1", "delta2"):
            value = getattr(self, name)
            need = self.rounds - 1
            if not isinstance(value, tuple | list) or len(value) != need:
                plural = "" if need == 1 else "s"
                raise ValueError(
                    f"{name} must hold {need} discount factor{plural} (one per round after the "
                    f"first), got {value!r}"
                )
            exact = tuple(to_exact(v, name) for v in value)
            if not all(0 < v <= 1 for v in exact):
                raise ValueError(f"{name} must be discount factors in (0, 1], got {value!r}")
            object.__setattr__(self, name, exact)
        if not isinstance(self.unit, str):
            raise TypeError(f"unit must be a string, got {type(self.unit).__name__}")

    def discount(self, who: int, round_: int) -> Number:
        """What a point agreed in ``round_`` (1, 2, ...) is worth to side ``who`` in round 1."""
        value: Number = Fraction(1)
        for factor in (self.delta1, self.delta2)[who][: round_ - 1]:
            value *= factor
        return value

    def proposer(self, round_: int) -> int:
        """Who proposes in ``round_`` (0 or 1)."""
        return (self.first + round_ - 1) % 2

    def equilibrium(self) -> Any:
        """Subgame-perfect play (an :class:`~negotiation.bargaining.offers.OffersResult`)."""
        many = self.rounds > 1
        return alternating_offers(
            self.delta1 if many else Fraction(1, 2),
            self.delta2 if many else Fraction(1, 2),
            rounds=self.rounds,
            first=self.first,
            players=self.players,
        )


def ultimatum(
    players: tuple[str, str] = ("Japan", "US"), pie: Any = None, unit: str | None = None
) -> OffersGame:
    """The ultimatum game: one offer of the pie, accepted or rejected (then both get nothing).

    By default the US proposes a split of the yearly gains of the best deal of the
    ``deal_bargaining`` model (in $bn), and Japan accepts or rejects.

    Examples
    --------
    >>> game = ultimatum(pie=10, unit="$bn")
    >>> game.rounds, game.proposer(1), game.equilibrium().shares
    (1, 1, (Fraction(0, 1), Fraction(1, 1)))
    """
    if pie is None:
        from ..models.deal_bargaining import offers

        _, pie, _ = offers(MODELS["deal_bargaining"].defaults)
        unit = "$bn" if unit is None else unit
    return OffersGame(tuple(players), pie, rounds=1, first=1, unit=unit or "")  # type: ignore[arg-type]


@dataclass(frozen=True)
class GameSource:
    """A game with what students are told about it.

    Attributes
    ----------
    game : BimatrixGame, GameTree or OffersGame
        The game students play.
    name : str
        A short identifier (the model's name, the file's stem, or the game's title).
    title : str
        The title shown on every page.
    description : str
        One or two sentences for the instructions (the model's summary).
    units : tuple of str
        One unit per player, in the game's player order ("" for plain points).
    kind : str
        The kind of app to write: ``"normal form"``, ``"game tree"``,
        ``"alternating offers"`` or ``"ultimatum"`` (a key of ``project.WRITERS``).
    """

    game: Any
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
    title = model.title if scenario is None else f"{model.title} ({scenario})"
    if model.name == "deal_bargaining":
        return GameSource(
            _rounds_of_talks(model, given),
            model.name,
            title,
            _TALKS,
            ("$bn", "$bn"),
            "alternating offers",
        )
    game = model.at(given)
    if isinstance(game, GameTree):
        units = model.units if len(model.units) == 2 else ("", "")
        return GameSource(game, model.name, title, model.summary, (units[0], units[1]), "game tree")
    if not isinstance(game, BimatrixGame):
        _unsupported(model.kind, f"model {model.name!r}")
    units = model.units if len(model.units) == 2 else ("", "")
    return GameSource(game, model.name, title, model.summary, (units[0], units[1]))


_TALKS = (
    "Eight rounds of talks between Japan and the US (April to July 2025) ended in a deal. "
    "Here the two sides split the yearly gains of the best deal, in $bn, by alternating "
    "offers before a deadline; each round of delay costs each side some of its share."
)
_ULTIMATUM = (
    "The US makes Japan one offer of how to split the yearly gains of a deal: take it or "
    "leave it. If Japan refuses, there is no deal and neither side gains anything."
)


def _rounds_of_talks(model: Model, given: Mapping[str, Any]) -> OffersGame:
    """The model's rounds of talks: its pie, deadline and falling patience."""
    from ..models import deal_bargaining

    values = model.values(dict(given))
    _, pie, _ = deal_bargaining.offers(values)
    steps = deal_bargaining.ROUNDS - 1
    return OffersGame(
        ("Japan", "US"),
        pie,
        rounds=deal_bargaining.ROUNDS,
        first=1,
        delta1=linear_schedule(
            values["patience_partner_start"], values["patience_partner_end"], steps
        ),
        delta2=linear_schedule(values["patience_us_start"], values["patience_us_end"], steps),
        unit="$bn",
    )


def _unsupported(kind: str, what: str) -> None:
    later = " (it is planned for a later version)"
    raise ValueError(
        f"{what} is a {kind}; classroom export supports normal-form games (BimatrixGame), "
        f"two-player game trees (GameTree, .efg), alternating offers (deal_bargaining, "
        f"OffersGame) and the ultimatum game{later if kind in LATER_KINDS else ''}"
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
    game : BimatrixGame, GameTree, OffersGame, Model, str or path
        A game object; a model (or its name, see ``negotiation models``), taken at
        ``scenario`` and ``values``; ``"ultimatum"``; or the path of a Gambit
        ``.nfg`` or ``.efg`` file.
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
    >>> resolve("treasury_leverage").kind, resolve("ultimatum").kind
    ('game tree', 'ultimatum')
    >>> resolve("issue_linkage")
    Traceback (most recent call last):
    ...
    ValueError: model 'issue_linkage' is a linkage; classroom export supports normal-form games (BimatrixGame), two-player game trees (GameTree, .efg), alternating offers (deal_bargaining, OffersGame) and the ultimatum game (it is planned for a later version)
    """
    for label, text in (("title", title), ("description", description)):
        if text is not None and (not isinstance(text, str) or not text.strip()):
            raise ValueError(f"{label} must be a non-empty string, got {text!r}")
    if isinstance(game, str) and game in MODELS:
        game = MODELS[game]
    if isinstance(game, str) and game == "ultimatum" and scenario is None and not values:
        game = ultimatum()
        source = GameSource(
            game, "ultimatum", "The ultimatum game", _ULTIMATUM, ("$bn", "$bn"), "ultimatum"
        )
        game = source
    if isinstance(game, GameSource):
        source = game
    elif isinstance(game, Model):
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
            source.kind,
        )
    return GameSource(
        source.game,
        source.name,
        title or source.title,
        description or source.description,
        source.units,
        source.kind,
    )


def _from_game(game: Any) -> GameSource:
    if isinstance(game, str | pathlib.PurePath):
        path = pathlib.Path(game)
        suffix = path.suffix.lower()
        if suffix not in (".nfg", ".efg"):
            raise ValueError(
                f"unknown game {str(game)!r}: expected a Gambit file (GAME.nfg or GAME.efg), "
                f"'ultimatum' or a model name ({', '.join(MODELS)})"
            )
        if not path.is_file():
            raise ValueError(f"no such file: {str(path)!r} (expected a Gambit {suffix} file)")
        if suffix == ".efg":
            tree = read_efg(path)
            return _tree_source(tree, path.stem)
        game_obj = read_nfg(path)
        name = path.stem
    elif isinstance(game, BimatrixGame):
        game_obj = game
        name = game.title or "game"
    elif isinstance(game, GameTree):
        return _tree_source(game, game.title or "tree")
    elif isinstance(game, OffersGame):
        kind = "ultimatum" if game.rounds == 1 else "alternating offers"
        title = "The ultimatum game" if game.rounds == 1 else "Alternating offers"
        return GameSource(game, _identifier(kind), title, "", (game.unit, game.unit), kind)
    else:
        players = getattr(game, "players", None)
        if isinstance(players, tuple | list) and len(players) > 2:
            raise ValueError(
                f"the game has {len(players)} players ({', '.join(map(str, players))}); "
                "classroom apps pair two students, so the game must have exactly two players"
            )
        raise TypeError(
            "game must be a BimatrixGame, a GameTree, an OffersGame, a model (or its name) or "
            f"the path of a .nfg or .efg file, got {type(game).__name__}"
        )
    title = game_obj.title or name
    return GameSource(game_obj, _identifier(name), title, "", ("", ""))


def _tree_source(tree: GameTree, name: str) -> GameSource:
    if len(tree.players) != 2:
        raise ValueError(
            f"the game tree has {len(tree.players)} players ({', '.join(tree.players)}); "
            "classroom apps pair two students, so the tree must have exactly two players"
        )
    return GameSource(tree, _identifier(name), tree.title or name, "", ("", ""), "game tree")
