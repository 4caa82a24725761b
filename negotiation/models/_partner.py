"""The US's partner in the talks: one name, used by every model's game, headline and text.

The models were written for the Japan-US talks, so their games and sentences say
"Japan". A scenario names its partner (``partner = "Korea"`` in ``[scenario]``);
:func:`for_partner` puts that name into a model's game (the player) and into every
sentence of its analysis, so that an app or a headline for Korea says "Korea".
Only the name changes: the formulas and the payoffs' units (the partner's payoffs
are in % of its own GDP) are the same for every partner.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from ..bargaining.linkage import LinkedNegotiation
from ..bargaining.problem import BargainingProblem
from ..core.game import BimatrixGame
from ..information.pbe import PerfectBayesianSolution, perfect_bayesian
from ..normal_form.equilibria import Solution, solve
from ..trees.nodes import Chance, Decision
from ..trees.spe import SubgamePerfectSolution, subgame_perfect
from ..trees.tree import GameTree

__all__ = ["DEFAULT_PARTNER", "check_partner", "for_partner", "partner_text"]

DEFAULT_PARTNER = "Japan"
"""The partner of the scenarios written before partners were named (and of the models' defaults)."""

_ADJECTIVE = re.compile(r"\bJapanese\b")
_NAME = re.compile(r"\bJapan\b")

T = TypeVar("T")


def check_partner(partner: Any) -> str:
    """A valid partner name, stripped (TypeError or ValueError otherwise).

    Examples
    --------
    >>> check_partner(" Korea ")
    'Korea'
    >>> check_partner("US")
    Traceback (most recent call last):
    ...
    ValueError: the partner must be another country than the US, got 'US'
    """
    if not isinstance(partner, str):
        raise TypeError(
            f"partner must be a string (a country's name), got {type(partner).__name__}"
        )
    name = partner.strip()
    if not name:
        raise ValueError("partner must be a country's name, got an empty string")
    if name.upper() in {"US", "USA", "UNITED STATES", "THE US"}:
        raise ValueError(f"the partner must be another country than the US, got {partner!r}")
    if len(name) > 40 or any(c in name for c in "\n\r\t{}<>"):
        raise ValueError(
            f"partner must be a short plain name (at most 40 characters), got {partner!r}"
        )
    return name


def partner_text(text: str, partner: str) -> str:
    """``text`` about Japan, said about ``partner`` ("Japanese exporters" becomes "Korea's exporters").

    Examples
    --------
    >>> partner_text("Japan retaliates; Japanese buyers pay.", "the EU")
    "The EU retaliates; the EU's buyers pay."
    >>> partner_text("the EU gets 1% of GDP", "Japan")
    'the EU gets 1% of GDP'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    name = check_partner(partner)
    if name == DEFAULT_PARTNER:
        return text
    text = _ADJECTIVE.sub(f"{name}'s", text)
    out = _NAME.sub(name, text)
    # a sentence that starts with the name keeps its capital ("The EU retaliates")
    return re.sub(
        rf"(^|[.!?:]\s+|\n\s*|- ){re.escape(name)}",
        lambda m: m.group(1) + name[:1].upper() + name[1:],
        out,
    )


_JAPANS_DEAL = re.compile(r";\s*the July deal[^.;]*")


def _without_japans_deal(lines: tuple[str, ...], partner: str) -> tuple[str, ...]:
    """Lines without the comparison with "the July deal", which is Japan's (15%, $550bn).

    The bargaining model compares its solutions with Japan's July package; said of
    another partner that comparison would be false, so it is left out with a note.
    """
    out: list[str] = []
    for line in lines:
        if line.startswith("The July deal"):
            out.append(
                f"(The comparison with Japan's July deal is left out: that package was Japan's, "
                f"not {partner}'s.)"
            )
        else:
            out.append(_JAPANS_DEAL.sub("", line))
    return tuple(out)


def _players(players: tuple[str, ...], partner: str) -> tuple[str, ...]:
    return tuple(partner if p == DEFAULT_PARTNER else p for p in players)


def _tree(tree: GameTree, partner: str) -> GameTree:
    def node(n: Any) -> Any:
        if isinstance(n, Decision):
            return dataclasses.replace(
                n,
                player=partner if n.player == DEFAULT_PARTNER else n.player,
                children=tuple(node(c) for c in n.children),
            )
        if isinstance(n, Chance):
            return dataclasses.replace(n, children=tuple(node(c) for c in n.children))
        return n

    return GameTree(_players(tree.players, partner), node(tree.root), title=tree.title)


def for_partner(obj: T, partner: str) -> T:
    """A model's game or :class:`Analysis` with ``partner`` in place of Japan.

    Games (bimatrix games, game trees, bargaining problems, linked negotiations) get
    the partner as the player's name; an analysis gets it in its game, its headline,
    sentences, details and table. Other objects, and everything when the partner is
    Japan, come back unchanged.

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> a = for_partner(MODELS["tariff_standoff"].analyse(), "Korea")
    >>> a.game.players, a.headline
    (('US', 'Korea'), 'Equilibrium: the US holds the 24% tariff and Korea accommodates.')
    """
    name = check_partner(partner)
    if name == DEFAULT_PARTNER:
        return obj
    out: Any = obj
    if isinstance(obj, BimatrixGame):
        out = BimatrixGame(
            obj.A_exact if obj.exact else obj.A,
            obj.B_exact if obj.exact else obj.B,
            players=_players(obj.players, name),
            row_labels=obj.row_labels,
            col_labels=obj.col_labels,
            title=obj.title,
        )
    elif isinstance(obj, GameTree):
        out = _tree(obj, name)
    elif isinstance(obj, BargainingProblem):
        out = obj.with_players(_players(obj.players, name))
    elif isinstance(obj, LinkedNegotiation):
        out = LinkedNegotiation(
            obj.issues, obj.weights, obj.disagreement, players=_players(obj.players, name)
        )
    elif type(obj).__name__ == "Analysis":
        a: Any = obj
        game = for_partner(a.game, name)
        result = a.result
        # a solution belongs to its game: solved again (same numbers, the partner's name)
        if isinstance(result, Solution) and isinstance(game, BimatrixGame):
            result = solve(game)
        elif isinstance(result, SubgamePerfectSolution) and isinstance(game, GameTree):
            result = subgame_perfect(game)
        elif isinstance(result, PerfectBayesianSolution) and isinstance(game, GameTree):
            result = perfect_bayesian(game)
        out = dataclasses.replace(
            a,
            game=game,
            result=result,
            headline=partner_text(a.headline, name),
            sentences=tuple(partner_text(s, name) for s in a.sentences),
            details=_without_japans_deal(tuple(partner_text(s, name) for s in a.details), name),
            table=partner_text(a.table, name),
            classification=a.classification,
            data={**a.data, "partner": name},
        )
    return out  # type: ignore[no-any-return]
