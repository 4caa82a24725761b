"""Published figures behind the models, by key.

Every parameter of every model and every value in a scenario file names its
source: a key of :data:`SOURCES`, or ``"assumption"`` with a reason. The table
below follows the project's calibration notes; "(2nd)" marks a secondary source.
Derived entries say what arithmetic they rest on.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ASSUMPTION", "SOURCES", "Source", "source"]

ASSUMPTION = "assumption"
"""The source of a stylized value: a scenario must then give a ``reason``."""


@dataclass(frozen=True)
class Source:
    """One published (or derived) figure.

    Attributes
    ----------
    key : str
    figure : str
        What was measured.
    value : str
        The figure as published.
    date : str
        When it applies.
    citation : str
        Where it was published.
    """

    key: str
    figure: str
    value: str
    date: str
    citation: str

    def __str__(self) -> str:
        return f"{self.figure}: {self.value} ({self.date}); {self.citation}"


_ROWS = [
    # Reserves and the Treasury card
    (
        "tic-holdings-2025",
        "Japan's US Treasury holdings",
        "$1,130.8bn Mar, $1,134.5bn Apr, $1,135.0bn May, $1,147.9bn Jun; largest foreign holder",
        "2025",
        "US Treasury TIC, 'Major Foreign Holders of Treasury Securities' (slt_table5)",
    ),
    (
        "fx-reserves-2025",
        "Japan's foreign-exchange reserves",
        "$1,253.3bn end-February; about $1.27tn end-March (securities about $943bn)",
        "2025",
        "Ministry of Finance release (2nd)",
    ),
    (
        "kato-remark-2025-05",
        "Finance Minister Kato on Treasuries as a 'card'",
        "'It does exist as a card' (TV Tokyo, 2 May); 'not considering the sale of US treasuries' (4 May)",
        "May 2025",
        "Japan Times 2025-05-02; The Star 2025-05-06",
    ),
    (
        "treasury-selloff-apr-2025",
        "US 10-year Treasury yield in the April sell-off",
        "below 3.9% on 4 April to 4.495% on 11 April (the worst week since 2001); 30-year at 5.02%",
        "April 2025",
        "CNBC (2nd); SYZ Group",
    ),
    (
        "selling-cost-derived",
        "Japan's mark-to-market loss from a sale",
        "duration about 5.5 x 60bp x $1.13tn = $35-40bn, about 0.9% of GDP, plus exporters' loss from a stronger yen",
        "2025",
        "derived from tic-holdings-2025 and japan-gdp-2024; duration and yield rise assumed",
    ),
    # Tariffs and the deal
    (
        "reciprocal-rate-apr-2025",
        "US 'reciprocal' tariff rate announced for Japan",
        "24% (2 April)",
        "April 2025",
        "MUFG 'JPY Weekly' 2025-04-07; JIIA Strategic Commentary 2025-07",
    ),
    (
        "baseline-apr-2025",
        "US baseline tariff during the pause",
        "10% from 5 April; country rates paused at 10% for 90 days from 9 April",
        "April 2025",
        "MUFG 'JPY Weekly' 2025-04-07; JIIA Strategic Commentary 2025-07",
    ),
    (
        "section-232-2025",
        "Section 232 tariffs",
        "autos +25% from 3 April (27.5% on Japanese cars); steel and aluminium 25%, 50% from 4 June",
        "2025",
        "JIIA; White & Case alert, June 2025",
    ),
    (
        "july-letter-2025",
        "US letter to Japan",
        "25% on Japan from 1 August",
        "2025-07-07",
        "FreightWaves",
    ),
    (
        "deal-2025-07-22",
        "The 22 July deal",
        "15% all-in incl. autos; $550bn investment vehicle (90% of profits to the US); rice imports +75% "
        "within the minimum-access quota; $8bn/yr of farm goods; 100 Boeing aircraft; quarterly review with "
        "snap-back to 25%",
        "July-September 2025",
        "Yomiuri 2025-07-25; Nation Thailand (2nd)",
    ),
    (
        "deal-structure-2025",
        "Structure of the $550bn",
        "1-2% equity, the rest JBIC/NEXI loans and guarantees; Japan's tariff savings about 10 trillion yen "
        "(about $68bn), horizon unstated",
        "July 2025",
        "NHK via secondary reports (2nd)",
    ),
    (
        "deal-in-force-2025",
        "The deal in force",
        "15% from 7 August (EO 14345, signed 4 September, retroactive); autos cut to 15% from 16 September",
        "2025",
        "Federal Register 2025-17389",
    ),
    (
        "rounds-2025",
        "Negotiation rounds (Akazawa)",
        "R1 16 Apr; R2 1 May; R3 23 May; R4 30 May; R5 5-6 Jun; R6 13 Jun; R7 27-28 Jun; R8 ends in the "
        "22 July deal",
        "2025",
        "Yomiuri reports April-July 2025; Jiji",
    ),
    # Trade and impact
    (
        "trade-2024",
        "US goods trade with Japan",
        "deficit 'nearly $70bn'; two-way goods trade $227.34bn",
        "2024",
        "FreightWaves 2025-07-23 (Census)",
    ),
    (
        "us-imports-derived",
        "US imports from Japan",
        "about $148bn = ($227.34bn + $69bn) / 2",
        "2024",
        "derived from trade-2024",
    ),
    (
        "us-exports-derived",
        "US exports to Japan",
        "about $79bn = ($227.34bn - $69bn) / 2",
        "2024",
        "derived from trade-2024",
    ),
    (
        "japan-exports-2024",
        "Japan's exports to the US",
        "21.3 trillion yen, 19.9% of all exports; autos and parts 7.2 trillion yen",
        "2024",
        "nippon.com Japan Data",
    ),
    (
        "japan-gdp-2024",
        "Japan's nominal GDP",
        "609.3 trillion yen; exports to the US about 3.5% of GDP; 1% of GDP about $40bn (derived)",
        "2024",
        "Yomiuri editorial 2025-02-18",
    ),
    (
        "nri-2025-04-03",
        "Hit to Japan's GDP from the 24% tariff",
        "-0.59% of GDP (autos -0.71 to -0.76%); after the deal -0.55%",
        "2025",
        "Nomura Research Institute column 2025-04-03",
    ),
    (
        "daiwa-2025",
        "Hit to Japan's GDP (Daiwa)",
        "-0.8% (2025) to -1.9% (2029)",
        "2025",
        "Daiwa via press (2nd)",
    ),
    (
        "toyota-fy25",
        "Toyota's tariff and currency hit",
        "tariffs cut FY25 operating profit by 1.4 trillion yen; yen appreciation by 745 billion yen",
        "2025",
        "nippon.com / Jiji 2025-08-07",
    ),
    (
        "imf-weo-apr-2025",
        "IMF growth forecasts",
        "US 2025 growth 2.7 -> 1.8%; Japan 1.1 -> 0.6%",
        "April 2025",
        "IMF World Economic Outlook, April 2025",
    ),
    (
        "yale-budget-lab-2025",
        "Cost of US tariffs",
        "effective tariff rate 17.4%; long-run -0.4% of GDP (about $120bn/yr); -$2,300 per household",
        "September 2025",
        "Yale Budget Lab",
    ),
    # Other partners' deals of July 2025 (out-of-sample scenarios)
    (
        "gdp-imf-2024",
        "Nominal GDP of the US's partners",
        "Korea about $1.87tn; the EU about $19.4tn; Japan about $4.0tn",
        "2024",
        "IMF World Economic Outlook",
    ),
    (
        "korea-trade-2024",
        "US goods imports from Korea",
        "about $131bn",
        "2024",
        "US Census Bureau",
    ),
    (
        "korea-letter-2025-07",
        "US tariff threatened on Korea",
        "25% from 1 August",
        "July 2025",
        "UPI 2025-07-31; Korea Times 2025-07-31",
    ),
    (
        "korea-deal-2025-07-30",
        "The US-Korea deal",
        "15% (announced 30 July); rice and beef kept closed; $350bn investment fund ($150bn for "
        "shipbuilding); $100bn of US energy",
        "2025-07-30",
        "UPI 2025-07-31; Korea Times 2025-07-31",
    ),
    (
        "eu-trade-2024",
        "US goods trade with the EU",
        "US imports about $606bn; US deficit in goods about $236bn",
        "2024",
        "US Census Bureau",
    ),
    (
        "eu-exports-derived",
        "US goods exports to the EU",
        "about $370bn = $606bn - $236bn",
        "2024",
        "derived from eu-trade-2024",
    ),
    (
        "eu-letter-2025-07-12",
        "US tariff threatened on the EU",
        "30% from 1 August (letter of 12 July)",
        "July 2025",
        "Reuters/AP reports 27-28 July 2025",
    ),
    (
        "eu-countermeasures-2025",
        "EU counter-measures",
        "EUR 93bn of counter-measures on US goods prepared",
        "July 2025",
        "Reuters/AP reports 27-28 July 2025",
    ),
    (
        "eu-deal-2025-07-27",
        "The US-EU deal (Turnberry)",
        "15% on most goods; steel and aluminium stay at 50%; $600bn of investment; $750bn of US "
        "energy over three years",
        "2025-07-27",
        "Reuters/AP reports 27-28 July 2025",
    ),
    # Currency
    (
        "intervention-2022",
        "Yen-buying intervention",
        "9.19 trillion yen",
        "2022",
        "nippon.com / Jiji",
    ),
    (
        "intervention-2024",
        "Yen-buying intervention",
        "9.79 trillion yen (Apr-May) and 5.53 trillion yen (Jul); 15.32 trillion yen in all",
        "2024",
        "Jiji (2nd); China Daily HK",
    ),
    (
        "trump-currency-2025-03",
        "The US accusation",
        "'You can't continue to reduce and break down your currency...'",
        "2025-03-03",
        "nippon.com / Jiji",
    ),
    (
        "treasury-fx-report-2025",
        "US Treasury FX report",
        "Japan on the monitoring list (9 economies); no manipulator named",
        "June 2025",
        "US Treasury press release sb0373",
    ),
    (
        "bessent-kato-2025",
        "Bessent-Kato statements",
        "24 Apr: no currency target discussed; 12 Sep: rates market-determined, intervention only against "
        "excess volatility",
        "2025",
        "nippon.com / Jiji; Reuters",
    ),
]

SOURCES: dict[str, Source] = {row[0]: Source(*row) for row in _ROWS}
"""Every published figure by key."""


def source(key: str) -> Source:
    """The source with this key; ``ValueError`` naming the known keys otherwise.

    Examples
    --------
    >>> print(source("nri-2025-04-03").value)
    -0.59% of GDP (autos -0.71 to -0.76%); after the deal -0.55%
    """
    if not isinstance(key, str):
        raise TypeError(f"a source key must be a string, got {type(key).__name__}")
    try:
        return SOURCES[key]
    except KeyError:
        raise ValueError(
            f"unknown source key {key!r}; known keys: {', '.join(sorted(SOURCES))} (or 'assumption')"
        ) from None
