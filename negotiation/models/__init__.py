"""The Japan-US talks of 2025 as games: eight models, each with sourced parameters.

Each model is a small module with

* ``PARAMETERS``: every :class:`~negotiation.symbolic.Parameter` (unit, range,
  default, source key);
* a function named after the model that returns its game object with symbolic
  payoffs (a :class:`~negotiation.symbolic.ParametricGame`, a
  :class:`~negotiation.trees.GameTree`, ...);
* ``MODEL``: its :class:`Model` entry, with ``at(...)`` (the game at given values)
  and ``analyse(...)`` (the equilibria and what they mean, in plain words).

The module docstrings state the story, the players and moves, every payoff formula,
the calibration and what the model leaves out.

=================  ===================================================  =============
Model              Idea                                                 Kind
=================  ===================================================  =============
tariff_standoff    Nash equilibrium, dominance, classes of 2x2 games    normal form
tariff_ladder      best-response functions, Nash tariffs vs free trade  normal form
currency_claims    mixed strategies, the indifference principle         normal form
treasury_leverage  credible and empty threats, brinkmanship             game tree
treasury_signal    signals, cheap talk, audience costs, PBE             signalling
deal_bargaining    Nash and Kalai-Smorodinsky solutions, rounds         bargaining
issue_linkage      package deals and the gains from linkage             linkage
deal_compliance    repeated play, the snap-back clause                  repeated game
=================  ===================================================  =============

Examples
--------
>>> from negotiation.models import MODELS
>>> print(MODELS["tariff_standoff"].analyse().headline)
Equilibrium: the US holds the 24% tariff and Japan accommodates.
"""

from __future__ import annotations

from . import (
    currency_claims,
    deal_bargaining,
    deal_compliance,
    issue_linkage,
    tariff_ladder,
    tariff_standoff,
    treasury_leverage,
    treasury_signal,
)
from ._base import Analysis, Model, ModelKind
from ._partner import DEFAULT_PARTNER, check_partner, for_partner, partner_text

__all__ = [
    "DEFAULT_PARTNER",
    "MODELS",
    "Analysis",
    "Model",
    "ModelKind",
    "check_partner",
    "for_partner",
    "get_model",
    "partner_text",
]

MODELS: dict[str, Model] = {
    m.MODEL.name: m.MODEL
    for m in (
        tariff_standoff,
        tariff_ladder,
        currency_claims,
        treasury_leverage,
        treasury_signal,
        deal_bargaining,
        issue_linkage,
        deal_compliance,
    )
}
"""Every model by name, in the order of the lessons."""


def get_model(name: str) -> Model:
    """The model called ``name``; ``ValueError`` listing the models otherwise.

    Examples
    --------
    >>> get_model("currency_claims").kind
    'normal form'
    >>> get_model("tariffs")
    Traceback (most recent call last):
    ...
    ValueError: unknown model 'tariffs'; models are tariff_standoff, tariff_ladder, currency_claims, treasury_leverage, treasury_signal, deal_bargaining, issue_linkage, deal_compliance
    """
    if not isinstance(name, str):
        raise TypeError(f"a model name must be a string, got {type(name).__name__}")
    try:
        return MODELS[name]
    except KeyError:
        raise ValueError(f"unknown model {name!r}; models are {', '.join(MODELS)}") from None
