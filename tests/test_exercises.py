"""Self-checking exercises: feedback, tolerance, hints, the widget's buttons, and safe parsing."""

from __future__ import annotations

from fractions import Fraction

import pytest

from negotiation.course.exercises import ChoiceQuestion, NumberQuestion


def test_exact_answers_and_decimals_within_tolerance():
    q = NumberQuestion("Mix?", Fraction(2, 3))
    assert q.check("2/3")[0]
    assert q.check("0.667")[0]  # within 0.5% of 2/3
    assert not q.check("0.6")[0]
    assert q.check("0.6")[1] == "Not quite: 0.6 is too low."
    assert q.check("0.7")[1] == "Not quite: 0.7 is too high."
    strict = NumberQuestion("Mix?", Fraction(2, 3), tolerance=0)
    assert strict.check("2/3")[0]
    assert not strict.check("0.667")[0]


def test_units_commas_and_empty_answers():
    q = NumberQuestion("Threshold?", 1036, unit="%")
    assert q.check("1,036")[0]
    assert q.check("1036 %")[0]
    assert q.check("  ") == (False, "Type a number first (for example 0.25 or 2/3).")


def test_a_hint_comes_after_the_second_wrong_attempt():
    q = NumberQuestion("x?", 5, hint="Look at the table.")
    assert "Hint" not in q.submit("4")[1]
    assert q.submit("4")[1].endswith("Hint: Look at the table.")
    assert q.submit("5")[0]
    assert q.solved and q.attempts == 3


def test_typed_text_is_never_evaluated():
    q = NumberQuestion("x?", 1)
    with pytest.raises(ValueError, match="must be a number such as 3"):
        q.check("__import__('os').system('true')")
    assert q.view is not None
    q._box.value = "2**10"
    q._check_button.click()
    assert "Could not read that answer" in q._feedback.value


def test_widget_buttons_give_feedback_and_reveal_the_solution():
    q = NumberQuestion("What is 1/2 + 1/6?", Fraction(2, 3), solution="Add the fractions.")
    q.view  # noqa: B018 - builds the widget
    q._box.value = "1/2"
    q._check_button.click()
    assert "too low" in q._feedback.value and "#D55E00" in q._feedback.value
    q._box.value = "4/6"
    q._check_button.click()
    assert "Correct" in q._feedback.value
    assert q._solution_area.value == ""
    q._show_button.click()
    assert "2/3" in q._solution_area.value and "Add the fractions." in q._solution_area.value


def test_choices_explain_the_misconception():
    c = ChoiceQuestion(
        "Which is a coordination game?",
        ["Chicken", "Stag Hunt"],
        answer="Stag Hunt",
        explanations={"Chicken": "In Chicken each side wants to do the opposite of the other."},
    )
    assert c.check("Chicken") == (
        False,
        "Not Chicken. In Chicken each side wants to do the opposite of the other.",
    )
    assert c.check("Stag Hunt") == (True, "Correct: Stag Hunt.")
    assert c.check("") == (False, "Pick one of the options first.")
    c.view  # noqa: B018
    c._box.value = "Stag Hunt"
    c._check_button.click()
    assert "Correct" in c._feedback.value


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: NumberQuestion("", 1), ValueError, "prompt must not be empty"),
        (lambda: NumberQuestion("x", "1"), TypeError, "answer must be a number"),
        (lambda: NumberQuestion("x", 1, tolerance=-1), ValueError, "tolerance must be >= 0"),
        (lambda: ChoiceQuestion("x", "ab", "a"), TypeError, "options must be a list"),
        (lambda: ChoiceQuestion("x", ["a"], "a"), ValueError, "at least two options"),
        (
            lambda: ChoiceQuestion("x", ["a", "b"], "c"),
            ValueError,
            "answer 'c' is not one of the options",
        ),
        (
            lambda: ChoiceQuestion("x", ["a", "b"], "a", explanations={"z": "?"}),
            ValueError,
            "unknown option",
        ),
    ],
)
def test_bad_questions(make, error, message):
    with pytest.raises(error, match=message):
        make()


@pytest.mark.parametrize(
    ("answer", "unit", "shown"),
    [
        (Fraction(2, 3), "", "2/3 (about 0.6667)"),  # a repeating decimal is only approximate
        (Fraction(7, 20), "", "7/20 = 0.35"),  # a short decimal is shown as equal
        (Fraction(1776, 125), "%", "1776/125 = 14.208 %"),
        (Fraction(12, 1), "$bn", "12 $bn"),
        (Fraction(1, 7000), "", "0.0001429"),  # a large denominator: a decimal only
    ],
)
def test_the_answer_is_shown_exactly_and_as_a_decimal(answer, unit, shown):
    assert NumberQuestion("?", answer, unit=unit).answer_text() == shown
