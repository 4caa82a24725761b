"""Interactive apps for the lessons: one per model, plus a payoff editor.

Each app binds a model of :data:`negotiation.models.MODELS` to ipywidgets
sliders and shows, after every move, the equilibrium in plain words, what changed
and why, and the model's tables and figures::

    from negotiation.widgets import APPS, payoff_editor
    app = APPS["tariff_standoff"]()
    app                      # in a notebook: shows the app

============================  ===========================================================
App                           What it shows
============================  ===========================================================
``tariff_standoff``           payoff table, best-response diagram, class, where it flips
``tariff_ladder``             6x6 table, best-response functions, Nash vs efficient
``currency_claims``           table, best-response diagram, closed-form mixed equilibrium
``treasury_leverage``         game tree with the subgame-perfect path, credibility, brinkmanship
``deal_bargaining``           bargaining set, solutions, July deal, card threat point, offers
``issue_linkage``             packages, Pareto frontier, Nash package, gain from linkage
``deal_compliance``           stage table, critical discount factor vs punishment length
``payoff_editor()``           any 2x2 or 3x3 game typed in, with the same analysis
============================  ===========================================================

Tests and lessons drive an app from Python: set ``app.controls[name].value`` and
read ``app.analysis``, ``app.values`` or ``app.text`` right after (updates are
synchronous). Errors appear inside the app (``app.error``), never as a traceback.
Nothing in the package imports this module.

Examples
--------
>>> from negotiation.models import MODELS
>>> list(APPS) == [name for name, m in MODELS.items() if m.has_app]
True
>>> app = APPS["tariff_standoff"]()
>>> app.analysis.headline
'Equilibrium: the US holds the 24% tariff and Japan accommodates.'
>>> app.controls["concession_value"].value = 40
>>> app.analysis.headline
'Equilibrium: the US cuts its tariff to 10% and Japan accommodates.'
>>> app.error
''
"""

from __future__ import annotations

from collections.abc import Callable

from ._base import App, FigureView, make_control, snap
from .currency_claims import CurrencyClaimsApp
from .deal_bargaining import DealBargainingApp
from .deal_compliance import DealComplianceApp
from .editor import PayoffEditor, payoff_editor
from .issue_linkage import IssueLinkageApp
from .tariff_ladder import TariffLadderApp
from .tariff_standoff import TariffStandoffApp
from .treasury_leverage import TreasuryLeverageApp

__all__ = [
    "APPS",
    "App",
    "CurrencyClaimsApp",
    "DealBargainingApp",
    "DealComplianceApp",
    "FigureView",
    "IssueLinkageApp",
    "PayoffEditor",
    "TariffLadderApp",
    "TariffStandoffApp",
    "TreasuryLeverageApp",
    "make_control",
    "payoff_editor",
    "snap",
]

APPS: dict[str, Callable[..., App]] = {
    "tariff_standoff": TariffStandoffApp,
    "tariff_ladder": TariffLadderApp,
    "currency_claims": CurrencyClaimsApp,
    "treasury_leverage": TreasuryLeverageApp,
    "deal_bargaining": DealBargainingApp,
    "issue_linkage": IssueLinkageApp,
    "deal_compliance": DealComplianceApp,
}
"""Every app by model name, in the order of the lessons: ``APPS[name](primary=..., scenario=...)``."""
