"""The numbers the lessons and the docs state, computed by the package and checked independently.

Each test names the lesson (or page) whose claim it checks; where the claim is a textbook
result, the comment cites it.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

from negotiation import scenarios
from negotiation.models import MODELS
from negotiation.models.treasury_leverage import HARDLINE, HOLD_NODE, threat_to_sell
from negotiation.trees import Brinkmanship, brinkmanship

SCENARIOS = Path(scenarios.__file__).parent

# --- lesson 4: brinkmanship -------------------------------------------------------------


def _may_tree():
    model = MODELS["treasury_leverage"]
    return model.at(scenarios.load("may-2025").values(model.name))


def test_lesson_4_brinkmanship_window_has_a_binding_upper_bound():
    # Dixit, Skeath and Reiley (2009, ch. 14): with a chance p that the target is hard-line
    # and defies anyway, the threatener accepts a risk q when
    #   (1 - p) comply + p (q disaster + (1 - q) no_disaster) >= no_threat,
    # so q <= ((1 - p) comply + p no_disaster - no_threat) / (p (no_disaster - disaster)).
    tree = _may_tree()
    b = Brinkmanship.from_tree(tree, HOLD_NODE, "Sell", hardline=HARDLINE)
    p = HARDLINE
    c, dis, nodis, z = b.comply[0], b.defy_disaster[0], b.defy_no_disaster[0], b.no_threat[0]
    upper = ((1 - p) * c + p * nodis - z) / (p * (nodis - dis))
    window = threat_to_sell(tree)[1].window  # what the analysis and the app show
    assert window is not None
    assert window.high == upper == F(6, 19)  # the lesson's window: 0.1772 <= q <= 6/19
    assert window.high < 1  # the upper bound binds, as the lesson's text says
    assert round(float(window.low), 4) == 0.1772
    # Without a hard-line type, every effective risk is acceptable: the bound never binds.
    assert brinkmanship(tree, HOLD_NODE, "Sell").window.high == 1
    # The lesson: above a hard-line chance of about 1/8 the largest acceptable risk falls
    # below the smallest effective one (upper(p) = low), and brinkmanship cannot work.
    low = window.low
    cutoff = (c - z) / (c - nodis + low * (nodis - dis))
    assert round(float(cutoff), 3) == 0.125
    assert brinkmanship(tree, HOLD_NODE, "Sell", hardline=cutoff).window.high == low
    assert brinkmanship(tree, HOLD_NODE, "Sell", hardline=F(2, 10)).window is None


def test_lesson_4_walk_back_cost_is_not_justified_by_the_walk_back():
    # A model never takes its conclusion as an input: the reason given for the walk-back
    # cost in every scenario must not be "because Kato walked it back".
    for name in ("april-2025", "may-2025", "july-2025-deal"):
        text = (SCENARIOS / f"{name}.toml").read_text()
        line = next(x for x in text.splitlines() if x.startswith("walk_back_cost"))
        assert "walked the remark back" not in line, name
        assert "assumption" in line, name
