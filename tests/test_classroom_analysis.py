"""The class's choices against the equilibrium: counts, the figure, the summary, the examples."""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

import matplotlib.colors as mcolors
import numpy as np
import pytest

from negotiation.classroom import (
    Decisions,
    choice_frequencies,
    example,
    load,
    plot_choices,
    prediction,
    summary,
)
from negotiation.classroom._examples import SETTINGS, simulate, write_all
from negotiation.classroom.analysis import EXAMPLE_SESSION, EXAMPLES, is_example, source_of
from negotiation.models import MODELS
from negotiation.normal_form.equilibria import solve


def table_of(*rows):
    return Decisions(("participant", "round", "role", "choice", "played_by", "partner"), rows)


CLASS = table_of(
    ("a", 1, "US", "Hold", "student", "student"),
    ("b", 1, "Japan", "Accommodate", "student", "student"),
    ("a", 2, "US", "Cut", "student", "student"),
    ("b", 2, "Japan", "Accommodate", "computer", "student"),  # b let the page time out
    ("c", 1, "US", "Cut", "student", "computer"),  # c played the computer
)


def test_prediction_is_the_solvers_first_equilibrium():
    mix = prediction("currency_claims")
    x, y = solve(MODELS["currency_claims"].at())[0].strategies
    assert list(mix) == ["US", "Japan"]
    assert list(mix["US"].values()) == pytest.approx([float(p) for p in x])
    assert list(mix["Japan"].values()) == pytest.approx([float(p) for p in y])
    assert mix["US"]["Accuse"] == pytest.approx(3 / 19)  # the mixed equilibrium of lesson 3
    assert prediction("tariff_standoff") == {
        "US": {"Hold": 1.0, "Cut": 0.0},
        "Japan": {"Retaliate": 0.0, "Accommodate": 1.0},
    }
    with pytest.raises(ValueError, match="is not a normal-form game"):
        prediction("treasury_leverage")


def test_choices_are_counted_by_who_made_them():
    assert source_of({"choice": "Hold"}) == "student"  # an app without computer players
    assert choice_frequencies(CLASS, "US") == {
        "student": {"Hold": 1, "Cut": 1},
        "timeout": {},
        "against computer": {"Cut": 1},
    }
    assert choice_frequencies(CLASS, "Japan") == {
        "student": {"Accommodate": 1},
        "timeout": {"Accommodate": 1},
        "against computer": {},
    }


def test_summary_says_what_the_class_did_and_keeps_the_computer_apart():
    text = summary(CLASS, prediction("tariff_standoff"))
    lines = text.splitlines()
    assert lines[0] == (
        "3 students, 2 rounds: 3 choices by students (1 made by the computer after a timeout, "
        "1 by students facing a computer, counted apart)."
    )
    # the US's students chose Hold once and Cut once: 50% against the equilibrium's 100%
    assert (
        lines[1]
        == "US chose Hold 50% of the time (equilibrium: 100%); Cut 50% of the time (equilibrium: 0%)."
    )
    assert lines[2].startswith(
        "Japan chose Retaliate 0% of the time (equilibrium: 0%); Accommodate 100%"
    )
    assert (
        lines[3]
        == "The class played far from the equilibrium: the largest gap is 50 percentage points."
    )
    assert "Example data" not in text  # a real class is not called an example


def test_the_figure_shows_students_against_the_equilibrium_and_the_computer_apart():
    fig = plot_choices(CLASS, prediction("tariff_standoff"))
    us, japan = fig.axes
    assert (us.get_title(), japan.get_title()) == ("US", "Japan")
    assert [t.get_text() for t in us.get_xticklabels()] == ["Hold", "Cut"]

    # the students' bars: US 50% / 50% (the two bars of width 0.5), Japan 0% / 100%
    def student_bars(ax):
        return [round(b.get_height()) for b in ax.patches if round(b.get_width(), 2) == 0.5]

    assert student_bars(us) == [50, 50] and student_bars(japan) == [0, 100]
    # the computer's choice after a timeout and the choice against a computer: narrow bars
    narrow = [round(b.get_height()) for b in us.patches if round(b.get_width(), 2) == 0.12]
    assert narrow == [0, 100]  # the US choice against the computer was Cut
    narrow = [round(b.get_height()) for b in japan.patches if round(b.get_width(), 2) == 0.12]
    assert narrow == [0, 100]  # the computer chose Accommodate for Japan's student
    # the equilibrium: diamonds at 100% (Hold) and 0% (Cut) for the US
    diamonds = [line for line in us.lines if line.get_marker() == "D"]
    assert [float(d.get_ydata()[0]) for d in diamonds] == [100.0, 0.0]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:2] == ["students (95% interval)", "equilibrium"]
    assert any("timeout" in t for t in legend) and any("facing a computer" in t for t in legend)
    # colour-blind-safe: the two roles' bars in the Okabe-Ito blue and vermillion
    colours = {mcolors.to_hex(b.get_facecolor()[:3]) for b in us.patches if b.get_width() == 0.5}
    assert colours == {"#0072b2"}


def test_the_bundled_examples_are_bots_labelled_as_such_and_reproducible(tmp_path):
    for name, (_file, _app, model) in EXAMPLES.items():
        table = example(name)
        assert is_example(table) and set(table.column("session")) == {EXAMPLE_SESSION}
        assert all(label.startswith("bot") for label in table.column("label"))
        assert len(table) == SETTINGS["students"] * SETTINGS["rounds"]
        assert set(table.column("role")) == set(MODELS[model].at().players)
        assert summary(table, prediction(model)).startswith("Example data (bots with noise)")
        assert "example data" in plot_choices(table, prediction(model))._suptitle.get_text()
    # regenerated from the fixed seed, the files are the same bytes
    written = write_all(tmp_path)
    for path in written:
        bundled = resources.files("negotiation.classroom") / "data" / path.name
        assert path.read_text() == bundled.read_text()


def test_the_example_class_mixes_near_lesson_3s_equilibrium():
    """Bots with 30% noise: shares within 15 points of the mix, and the timeouts apart."""
    table = example("currency_claims")
    mix = prediction("currency_claims")
    for role, probabilities in mix.items():
        counts = choice_frequencies(table, role)
        n = sum(counts["student"].values())
        for label, p in probabilities.items():
            assert abs(counts["student"].get(label, 0) / n - p) < 0.15
        # the computer, after a timeout, plays the equilibrium's likelier choice
        assert set(counts["timeout"]) <= {max(probabilities, key=probabilities.get)}
    text = summary(table, mix)
    found = re.search(r"(\d+) made by the computer after a timeout", text)
    assert found and int(found[1]) == sum(r["played_by"] == "computer" for r in table)


def test_simulate_writes_what_load_reads(tmp_path):
    text = simulate("tariff_standoff", "standoff", students=4, rounds=2, noise=0.0, timeout=0.0)
    header = next(csv.reader(io.StringIO(text)))
    assert "standoff.2.player.played_by" in header
    path = tmp_path / "all_apps_wide.csv"
    path.write_text(text)
    table = load(path, app="standoff")
    # no noise: every bot plays the pure equilibrium (Hold, Accommodate)
    assert {(r["role"], r["choice"]) for r in table} == {("US", "Hold"), ("Japan", "Accommodate")}
    assert np.all(
        table.array("points") == [14.21 if r == "US" else -0.6 for r in table.column("role")]
    )
    with pytest.raises(ValueError, match="even number"):
        simulate("tariff_standoff", "x", students=3)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: summary("not a table", {"US": {"Hold": 1}}),
            TypeError,
            "must be a Decisions table",
        ),
        (
            lambda: summary(table_of(), prediction("tariff_standoff")),
            ValueError,
            "holds no choices",
        ),
        (lambda: summary(CLASS, {}), TypeError, "prediction must map each role"),
        (lambda: summary(CLASS, {"US": {"Hold": 0.5, "Cut": 0.2}}), ValueError, "add up to 1"),
        (lambda: summary(CLASS, {"US": {"Hold": 2}}), ValueError, r"must be in \[0, 1\]"),
        (lambda: choice_frequencies(CLASS, "China"), ValueError, "no role 'China'"),
        (lambda: plot_choices(CLASS, prediction("currency_claims")), ValueError, "another game"),
        (lambda: plot_choices(CLASS, prediction("tariff_standoff"), title=3), TypeError, "title"),
        (lambda: example("no_such"), ValueError, "no example 'no_such'"),
        (lambda: source_of(["US"]), TypeError, "row must be a mapping"),
        (
            lambda: summary(Decisions(("round",), ((1,),)), {"US": {"Hold": 1}}),
            ValueError,
            "no 'role' column",
        ),
    ],
)
def test_bad_input_is_refused_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()
