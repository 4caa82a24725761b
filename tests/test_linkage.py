"""Tests for negotiation.bargaining.linkage: packages, Pareto set, Nash package, gain from linkage."""

from __future__ import annotations

import itertools
import time
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

from negotiation.bargaining import nash_solution
from negotiation.bargaining.linkage import (
    Issue,
    LinkedNegotiation,
    gain_from_linkage,
    issue_by_issue,
    nash_package,
    pareto_packages,
)
from tests.strategies import linked_negotiations

TARIFF = Issue("tariff", ("25%", "15%", "10%"), ((0, 6, 8), (10, 5, 0)), status_quo="25%")
INVEST = Issue(
    "investment", ("none", "$300bn", "$550bn"), ((0, -1, -3), (0, 4, 9)), status_quo="none"
)
RICE = Issue("rice", ("no change", "+75% in quota"), ((0, -1), (0, 2)), status_quo="no change")


def talks(**kwargs):
    return LinkedNegotiation([TARIFF, INVEST, RICE], players=("Japan", "US"), **kwargs)


# --- independent references: brute force over every package ------------------------------


def brute_packages(neg):
    """Every package's options and exact utilities, by itertools.product."""
    out = []
    for combo in itertools.product(*(range(len(i.options)) for i in neg.issues)):
        u = [
            sum(
                neg.weights[p][k] * issue.utilities[p][o]
                for k, (issue, o) in enumerate(zip(neg.issues, combo))
            )
            for p in (0, 1)
        ]
        out.append(
            (
                tuple(i.options[o] for i, o in zip(neg.issues, combo)),
                (Fraction(u[0]), Fraction(u[1])),
            )
        )
    return out


def brute_pareto(packages):
    return [
        (opts, u)
        for opts, u in packages
        if not any(v[0] >= u[0] and v[1] >= u[1] and v != u for _, v in packages)
    ]


def nash_product(u, d):
    g = (u[0] - d[0], u[1] - d[1])
    return g[0] * g[1] if g[0] > 0 and g[1] > 0 else None


# --- the worked example: logrolling ---------------------------------------------------------


def test_logrolling_two_issues():
    # Raiffa (1982), Sebenius (1983): alone, neither issue moves (every change hurts one
    # side); linked, each side gives way on the issue it cares less about.
    tariff = Issue("tariff", ("low", "high"), ((6, 0), (0, 2)), status_quo="high")
    invest = Issue("investment", ("small", "large"), ((2, 0), (0, 6)), status_quo="small")
    neg = LinkedNegotiation([tariff, invest], players=("Japan", "US"))
    gain = gain_from_linkage(neg)
    assert gain.separate.package.options == ("high", "small")
    assert gain.linked.package.options == ("low", "large")
    assert gain.gain == (4, 4)
    assert {t.issue: t.change for t in gain.trades} == {"tariff": (6, -2), "investment": (-2, 6)}
    text = gain.describe()
    assert "US gives way on tariff (-2 for US, +6 for Japan)" in text
    assert "Japan gives way on investment (-2 for Japan, +6 for US)" in text


def test_july_2025_style_package():
    neg = talks()
    assert neg.n_packages == 18
    assert neg.disagreement == (0, 10)  # 25% tariff, no investment, no rice
    best = nash_package(neg)
    assert best.package.as_dict() == {
        "tariff": "15%",
        "investment": "$550bn",
        "rice": "+75% in quota",
    }
    assert best.utilities == (2, 16)
    assert best.gains == (2, 6)
    separate = issue_by_issue(neg)
    assert separate.package.options == ("25%", "none", "no change")
    assert "Japan gets 2 and US gets 16" in best.describe()


def test_weights_change_the_deal():
    # if Japan weighs the tariff 3 times as much, it can afford more concessions elsewhere
    heavy = talks(weights=((3, 1, 1), (1, 1, 1)))
    assert heavy.package(("15%", "$550bn", "+75% in quota")).utilities == (14, 16)
    assert nash_package(heavy).package.options[0] in ("15%", "10%")


# --- independent checks (hypothesis) --------------------------------------------------


@given(linked_negotiations())
def test_enumeration_matches_brute_force(neg):
    ref = brute_packages(neg)
    assert neg.n_packages == len(ref)
    packages = neg.packages()
    assert [(p.options, p.utilities) for p in packages] == ref
    assert np.allclose(neg.utilities(), [[float(a), float(b)] for _, (a, b) in ref])
    for p in packages[:5]:
        assert neg.package(p.as_dict()) == p
        assert neg.package(list(p.options)) == p
        assert neg.package(p.index) == p


@given(linked_negotiations())
def test_pareto_packages_match_brute_force_dominance(neg):
    mine = [(p.options, p.utilities) for p in pareto_packages(neg)]
    assert sorted(mine) == sorted(brute_pareto(brute_packages(neg)))


@given(linked_negotiations())
def test_nash_package_maximises_the_nash_product(neg):
    d = neg.disagreement
    products = [nash_product(u, d) for _, u in brute_packages(neg)]
    if all(v is None for v in products):
        with pytest.raises(ValueError, match="nothing to bargain over"):
            nash_package(neg)
        return
    best = nash_package(neg)
    assert nash_product(best.utilities, d) == max(v for v in products if v is not None)
    # linking cannot do worse than settling issue by issue (whose package is a candidate)
    separate = issue_by_issue(neg)
    sep = nash_product(separate.utilities, d)
    assert sep is None or nash_product(best.utilities, d) >= sep
    # lotteries between packages can only help
    hull = nash_solution(neg.to_bargaining_problem())
    assert nash_product(hull.utilities, d) >= nash_product(best.utilities, d)


@given(linked_negotiations())
def test_issue_by_issue_settles_each_issue_on_its_own(neg):
    sep = issue_by_issue(neg)
    for k, issue in enumerate(neg.issues):
        sq = issue.index(issue.status_quo)
        chosen = issue.index(sep.package.options[k])
        w = [neg.weights[p][k] for p in (0, 1)]
        gain = [w[p] * (issue.utilities[p][chosen] - issue.utilities[p][sq]) for p in (0, 1)]
        assert gain[0] >= 0
        assert gain[1] >= 0
        best = max(
            (
                w[0]
                * (issue.utilities[0][o] - issue.utilities[0][sq])
                * w[1]
                * (issue.utilities[1][o] - issue.utilities[1][sq])
            )
            for o in range(len(issue.options))
            if all(w[p] * (issue.utilities[p][o] - issue.utilities[p][sq]) >= 0 for p in (0, 1))
        )
        assert gain[0] * gain[1] == best


def test_generalised_power_favours_the_stronger_side():
    neg = talks()
    weak = nash_package(neg, power=Fraction(1, 10))
    strong = nash_package(neg, power=Fraction(9, 10))
    assert strong.utilities[0] >= weak.utilities[0]
    assert nash_package(neg, power=0.37).package  # a float power (exact 37/100)


def test_four_issues_with_six_options_is_fast():
    rng = np.random.default_rng(2025)
    issues = [
        Issue(
            f"issue {k}",
            tuple(f"option {j}" for j in range(6)),
            tuple(tuple(int(v) for v in rng.integers(-10, 11, 6)) for _ in range(2)),
            status_quo="option 0",
        )
        for k in range(4)
    ]
    start = time.perf_counter()
    neg = LinkedNegotiation(issues, weights=((1, 2, Fraction(1, 2), 3), (2, 1, 3, Fraction(1, 4))))
    gain = gain_from_linkage(neg)
    elapsed = time.perf_counter() - start
    assert neg.n_packages == 1296
    assert elapsed < 2.0  # the benchmark asks < 0.1 s; this only guards against blow-ups
    assert nash_product(gain.linked.utilities, neg.disagreement) >= (
        nash_product(gain.separate.utilities, neg.disagreement) or 0
    )


# --- bad input: clear errors naming the value -------------------------------------------------


@pytest.mark.parametrize(
    ("build", "error", "match"),
    [
        (lambda: Issue("currency", (), ((), ())), ValueError, "issue 'currency' has no options"),
        (
            lambda: Issue("rice", ("a", "a"), ((0, 1), (0, 1))),
            ValueError,
            "lists the option 'a' twice",
        ),
        (lambda: Issue("rice", ("a", "b"), ((0, 1), (0,))), ValueError, "player 2 has 1 scores"),
        (lambda: Issue("rice", ("a", "b"), ((0, 1),)), ValueError, "must be a pair"),
        (lambda: Issue("rice", ("a", "b"), ((0, "x"), (0, 1))), TypeError, "'x'"),
        (
            lambda: Issue("rice", ("a", "b"), ((0, 1), (0, 1)), status_quo="c"),
            ValueError,
            "got 'c'",
        ),
        (lambda: Issue("", ("a",), ((0,), (0,))), ValueError, "non-empty name"),
        (lambda: Issue("rice", "ab", ((0, 1), (0, 1))), TypeError, "single string 'ab'"),
        (lambda: LinkedNegotiation([]), ValueError, "issues is empty"),
        (lambda: LinkedNegotiation([TARIFF, TARIFF]), ValueError, "both called 'tariff'"),
        (
            lambda: talks(weights=((1, -1, 1), (1, 1, 1))),
            ValueError,
            r"weights\[0\]\[1\] \(Japan's weight on issue 'investment'\) must be non-negative, got -1",
        ),
        (
            lambda: talks(weights=((1, 1, 1), (0, 0, 0))),
            ValueError,
            r"weights\[1\] \(US's weights\) are all zero",
        ),
        (
            lambda: talks(weights=((1, 1), (1, 1, 1))),
            ValueError,
            r"weights\[0\] must have one weight per issue \(3\)",
        ),
        (
            lambda: LinkedNegotiation([Issue("x", ("a",), ((0,), (0,)))]),
            ValueError,
            r"issue\(s\) \['x'\] have no status_quo",
        ),
        (lambda: talks(disagreement=(1, 2, 3)), ValueError, "disagreement must be a pair"),
        (lambda: talks().package({"tariff": "5%"}), ValueError, "no option '5%'"),
        (lambda: talks().package(99), ValueError, r"package index 99 is out of range 0\.\.17"),
        (
            lambda: talks().package({"tariff": "15%"}),
            ValueError,
            r"missing \['investment', 'rice'\]",
        ),
        (
            lambda: nash_package(talks(disagreement=(100, 100))),
            ValueError,
            r"nothing to bargain over.*\(100, 100\)",
        ),
        (
            lambda: nash_package(talks(), power=2),
            ValueError,
            "power must be strictly between 0 and 1, got 2",
        ),
        (lambda: nash_package([TARIFF]), TypeError, "needs a LinkedNegotiation, got list"),
        (
            lambda: issue_by_issue(
                LinkedNegotiation([Issue("x", ("a",), ((0,), (0,)))], disagreement=(0, 0))
            ),
            ValueError,
            r"issue\(s\) \['x'\] have no status_quo",
        ),
    ],
)
def test_bad_input_names_the_value(build, error, match):
    with pytest.raises(error, match=match):
        build()


def test_issue_from_scores_and_repr():
    issue = Issue.from_scores("tariff", {"25%": (0, 10), "15%": (6, 5)}, status_quo="25%")
    assert issue.utilities == ((0, 6), (10, 5))
    assert issue.score(0, "15%") == 6
    assert "18 packages" in repr(talks())
    with pytest.raises(ValueError, match="option index 5 is out of range"):
        issue.index(5)
