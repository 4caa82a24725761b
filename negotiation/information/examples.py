"""Ready-made games of private information for lessons, tests and benchmarks.

The payoffs are **stylized**: small numbers that keep the order of outcomes a story
suggests, not estimates, and nothing here is set to reproduce what happened.
"""

from __future__ import annotations

from typing import Any

from ..trees import GameTree
from .signalling import signalling_game

__all__ = ["hint_game"]


def hint_game(prior: Any, cost: Any) -> GameTree:
    """A hint as a costly signal (stylized payoffs: Japan, US).

    Japan is resolved (probability ``prior``) or bluffing, and hints or stays silent;
    the US, seeing only that, presses or softens. Japan gets 2 if the US softens and 0
    if it presses, less ``cost`` for a bluffer who hints (markets, credibility at home);
    the US gets 1 for softening towards a resolved Japan or pressing a bluffer, else 0.
    ``prior`` and ``cost`` may be numbers or sympy symbols.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from negotiation.information import perfect_bayesian
    >>> from negotiation.information.examples import hint_game
    >>> perfect_bayesian(hint_game(Fraction(1, 3), 3)).kinds()
    {'pooling': 1, 'separating': 1}
    """
    return signalling_game(
        {"resolved": prior, "bluffing": 1 - prior},
        ("hint", "silence"),
        ("press", "soften"),
        lambda t, m, a: (
            (2 if a == "soften" else 0) - (cost if (m == "hint" and t == "bluffing") else 0),
            1 if (a == "soften") == (t == "resolved") else 0,
        ),
        players=("Japan", "US"),
    )
