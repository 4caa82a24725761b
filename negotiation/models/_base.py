"""The common shape of every model: parameters, a game object, and a plain-words analysis."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from ..core._numbers import Number
from ..symbolic import Parameter

__all__ = ["Analysis", "Model", "ModelKind", "fmt"]

ModelKind = Literal[
    "normal form", "game tree", "signalling game", "bargaining", "linkage", "repeated game"
]


def fmt(value: Number | int, unit: str = "", digits: int = 3, *, zeros: bool = False) -> str:
    """A payoff for a sentence: a few significant digits and its unit.

    Probabilities are not formatted with this (they stay exact, see ``format_number``).
    ``zeros`` keeps trailing zeros, so that two payoffs shown to tell a near tie apart
    have the same number of digits (``-$5.510bn`` against ``-$5.512bn``).

    Examples
    --------
    >>> fmt(Fraction(59, 100), "% of GDP")
    '0.59% of GDP'
    >>> fmt(14.208, "$bn"), fmt(-3, "$bn"), fmt(-5.5095, "$bn", 4, zeros=True)
    ('$14.2bn', '-$3bn', '-$5.510bn')
    """
    f = float(value)
    text = f"{f:{'#' if zeros else ''}.{digits}g}" if abs(f) < 10**digits else f"{f:,.0f}"
    if unit == "$bn":
        return f"-${text[1:]}bn" if text.startswith("-") else f"${text}bn"
    if unit.startswith("%"):
        return f"{text}{unit}"
    return f"{text} {unit}".strip()


@dataclass(frozen=True)
class Analysis:
    """What a model says at given parameter values, as data and as plain words.

    Attributes
    ----------
    model : str
        The model's registry name.
    values : dict
        The parameter values used (exact).
    game : object
        The game at those values (a ``BimatrixGame``, a ``GameTree``, a ``BargainingProblem``...).
    result : object
        What was computed (a ``Solution``, subgame-perfect equilibria, bargaining solutions...).
    headline : str
        One sentence: what the equilibrium (or agreement) means.
    sentences : tuple of str
        One plain sentence per equilibrium or solution.
    classification : str or None
        The game's class (2x2 games) or kind of result.
    details : tuple of str
        Further lines (thresholds, notes, warnings) for the text panel.
    table : str
        The game as plain text (a payoff table, a tree outline...).
    """

    model: str
    values: dict[str, Number]
    game: Any
    result: Any
    headline: str
    sentences: tuple[str, ...]
    classification: str | None = None
    details: tuple[str, ...] = ()
    table: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """The whole analysis as plain text (for the command line)."""
        lines = []
        if self.table:
            lines += [self.table, ""]
        if self.classification:
            lines.append(f"Class: {self.classification}")
        lines.append(self.headline)
        lines += [f"  - {s}" for s in self.sentences]
        lines += list(self.details)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (exact numbers as strings such as ``"2/3"``)."""

        def number(v: Any) -> Any:
            if isinstance(v, Fraction):
                return v.numerator if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
            if isinstance(v, tuple | list):
                return [number(x) for x in v]
            if v is None or isinstance(v, bool | int | float | str | dict):
                return v
            return str(v)

        return {
            "model": self.model,
            "values": {k: number(v) for k, v in self.values.items()},
            "classification": self.classification,
            "headline": self.headline,
            "sentences": list(self.sentences),
            "details": list(self.details),
            **{k: number(v) for k, v in self.data.items()},
        }


@dataclass(frozen=True, eq=False)
class Model:
    """One model of the talks, as listed in :data:`negotiation.models.MODELS`.

    Attributes
    ----------
    name : str
        Registry name, for example ``"tariff_standoff"``.
    title : str
        A short title for people.
    lesson : str
        The lesson notebook that teaches it (file name without ``.ipynb``), or ``""``
        while no lesson teaches it yet.
    kind : str
        ``"normal form"``, ``"game tree"``, ``"bargaining"``, ``"linkage"`` or ``"repeated game"``.
    parameters : tuple of Parameter
        Every parameter, with unit, range, default and source.
    build : callable
        ``build()`` returns the model's game object with symbolic parameters.
    instantiate : callable
        ``instantiate(values)`` returns the game at exact parameter values.
    analyse_values : callable
        ``analyse_values(values)`` returns an :class:`Analysis`.
    summary : str
        One or two sentences saying what the model is about.
    units : tuple of str
        The payoffs' units, one per player in the game's player order (for example
        ``("$bn", "% of GDP")``); empty when the model's payoffs have no single unit.
    has_app : bool
        Whether :data:`negotiation.widgets.APPS` has an app for it. ``False`` marks a
        model whose app and lesson are still to be written (they come in later slices
        of an issue); the apps, the lessons and ``negotiation present`` skip it.
    """

    name: str
    title: str
    lesson: str
    kind: ModelKind
    parameters: tuple[Parameter, ...]
    build: Callable[[], Any]
    instantiate: Callable[[dict[str, Number]], Any]
    analyse_values: Callable[[dict[str, Number]], Analysis]
    summary: str = ""
    units: tuple[str, ...] = ()
    has_app: bool = True

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name`` (ValueError naming the allowed ones otherwise)."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise ValueError(
            f"model {self.name!r} has no parameter {name!r}; its parameters are {list(self.parameter_names)}"
        )

    @property
    def defaults(self) -> dict[str, Number]:
        """Every parameter at its default value."""
        return {p.name: p.default for p in self.parameters}

    def values(self, values: Mapping[str, Any] | None = None, **more: Any) -> dict[str, Number]:
        """Complete, validated values: defaults overridden by ``values`` and keywords.

        Unknown names and values outside a parameter's range raise ``ValueError``;
        nothing is clipped.
        """
        given = dict(values or {})
        given.update(more)
        out = self.defaults
        for name, value in given.items():
            out[name] = self.parameter(name).validate(value)
        return out

    def at(
        self, values: Mapping[str, Any] | None = None, *, partner: str = "Japan", **more: Any
    ) -> Any:
        """The model's game at the given values (defaults for the rest).

        ``partner`` names the US's partner, the player called Japan in the model's
        formulas (a scenario's :attr:`~negotiation.scenarios.Scenario.partner`).
        """
        from ._partner import for_partner

        return for_partner(self.instantiate(self.values(values, **more)), partner)

    def analyse(
        self, values: Mapping[str, Any] | None = None, *, partner: str = "Japan", **more: Any
    ) -> Analysis:
        """Solve the model at the given values and explain the result in plain words.

        ``partner`` names the US's partner in the game and in every sentence.

        Examples
        --------
        >>> from negotiation.models import MODELS
        >>> MODELS["tariff_standoff"].analyse(partner="Korea").headline
        'Equilibrium: the US holds the 24% tariff and Korea accommodates.'
        """
        from ._partner import for_partner

        return for_partner(self.analyse_values(self.values(values, **more)), partner)

    def __repr__(self) -> str:
        return (
            f"<Model {self.name!r}: {self.title} ({self.kind}, {len(self.parameters)} parameters)>"
        )
