"""Self-checking exercises for the lessons: type an answer, get feedback, reveal the solution.

Each question shows a prompt, an answer box (a number, or a choice), a *Check*
button that gives feedback (what is wrong, a hint), and a *Show solution* button.
Answers are computed by the package when the lesson runs, never typed into the
notebook by hand, so a question stays right if a model changes. Typed numbers are
read by a strict pattern (``3``, ``-0.25``, ``2/3``), never evaluated.

Examples
--------
>>> from fractions import Fraction
>>> q = NumberQuestion("What is 1/2 + 1/6?", answer=Fraction(2, 3), solution="1/2 + 1/6 = 3/6 + 1/6 = 4/6.")
>>> q.check("0.5")
(False, 'Not quite: 0.5 is too low.')
>>> q.check("2/3")
(True, 'Correct: 2/3 (about 0.6667).')
>>> c = ChoiceQuestion("Which is a coordination game?", ["Chicken", "Stag Hunt"], answer="Stag Hunt")
>>> c.check("Chicken")[0]
False
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from ..core._numbers import Number, format_number, parse_number, to_exact

__all__ = ["ChoiceQuestion", "NumberQuestion", "Question"]


class Question:
    """Common machinery: the widget, feedback area and solution area.

    Subclasses implement :meth:`check` (``text -> (correct, feedback)``) and
    :meth:`_input_widget`.
    """

    kind = "question"

    def __init__(self, prompt: str, solution: str = "", hint: str = "") -> None:
        for name, value in (("prompt", prompt), ("solution", solution), ("hint", hint)):
            if not isinstance(value, str):
                raise TypeError(f"{name} must be text, got {type(value).__name__}")
        if not prompt.strip():
            raise ValueError("prompt must not be empty")
        self.prompt = prompt
        self.solution = solution
        self.hint = hint
        self.attempts = 0
        self.solved = False
        self._view: Any = None

    def check(self, given: str) -> tuple[bool, str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def answer_text(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _input_widget(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def submit(self, given: str) -> tuple[bool, str]:
        """Check an answer and record the attempt (what the Check button does)."""
        correct, feedback = self.check(given)
        self.attempts += 1
        self.solved = self.solved or correct
        if not correct and self.hint and self.attempts >= 2:
            feedback += f" Hint: {self.hint}"
        return correct, feedback

    @property
    def view(self) -> Any:
        """The ipywidgets box: prompt, answer box, Check, feedback, Show solution."""
        if self._view is None:
            self._view = self._build()
        return self._view

    def _build(self) -> Any:
        import ipywidgets as w

        prompt = w.HTML(f"<p><b>{html.escape(self.prompt)}</b></p>")
        box = self._input_widget()
        check = w.Button(description="Check", button_style="primary", icon="check")
        show = w.Button(description="Show solution", icon="eye")
        feedback = w.HTML("")
        feedback.add_class("ng-feedback")
        solution = w.HTML("")

        def on_check(_: Any) -> None:
            value = box.value if box.value is not None else ""
            try:
                correct, text = self.submit(str(value))
            except Exception as exc:  # never let a typo kill the widget
                correct, text = False, f"Could not read that answer: {exc}"
            colour = "#009E73" if correct else "#D55E00"
            mark = "&#10004;" if correct else "&#10008;"
            feedback.value = f'<span style="color:{colour}">{mark} {html.escape(text)}</span>'

        def on_show(_: Any) -> None:
            body = html.escape(self.solution) if self.solution else ""
            solution.value = (
                f"<div style='border-left:4px solid #0072B2;padding-left:8px'>"
                f"<b>Answer:</b> {html.escape(self.answer_text())}<br>{body}</div>"
            )

        check.on_click(on_check)
        show.on_click(on_show)
        view = w.VBox([prompt, w.HBox([box, check, show]), feedback, solution])
        view.add_class("ng-question")
        self._check_button, self._show_button = check, show
        self._feedback, self._solution_area, self._box = feedback, solution, box
        return view

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook front end
        from IPython.display import display

        display(self.view)  # type: ignore[no-untyped-call]


class NumberQuestion(Question):
    """A question whose answer is a number, checked exactly or within a tolerance.

    Parameters
    ----------
    prompt : str
    answer : number
        The right answer (computed by the package in the lesson).
    tolerance : number, optional
        Accepted absolute error (default: exact for exact answers that are typed
        exactly, and 0.5% of the answer's size for decimals typed by a student).
    unit : str, optional
        Shown after the box, e.g. ``"%"``.
    solution, hint : str
    """

    kind = "number"

    def __init__(
        self,
        prompt: str,
        answer: Any,
        *,
        tolerance: Any = None,
        unit: str = "",
        solution: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(prompt, solution, hint)
        if isinstance(answer, str):
            raise TypeError("answer must be a number computed by the package, not text")
        self.answer: Number = to_exact(answer, "answer")
        self.tolerance: Number | None = (
            None if tolerance is None else to_exact(tolerance, "tolerance")
        )
        if self.tolerance is not None and self.tolerance < 0:
            raise ValueError(f"tolerance must be >= 0, got {format_number(self.tolerance)}")
        self.unit = unit

    def answer_text(self) -> str:
        exact = format_number(self.answer)
        approx = f"{float(self.answer):.4g}"
        decimal = format_number(self.answer, decimals=True)
        if exact == approx or "/" not in exact:
            text = exact
        elif "/" not in decimal:  # a short decimal, exactly: 7/20 = 0.35
            text = f"{exact} = {decimal}"
        else:
            text = f"{exact} (about {approx})"
        return f"{text} {self.unit}".strip()

    def _allowed(self) -> float:
        if self.tolerance is not None:
            return float(self.tolerance)
        return 0.005 * max(abs(float(self.answer)), 1e-9)

    def check(self, given: str) -> tuple[bool, str]:
        text = (
            str(given).strip().removesuffix(self.unit).strip() if self.unit else str(given).strip()
        )
        if not text:
            return False, "Type a number first (for example 0.25 or 2/3)."
        value = parse_number(text.replace(",", ""), "your answer")
        exact_match = value == self.answer
        if exact_match or abs(float(value) - float(self.answer)) <= self._allowed():
            return True, f"Correct: {self.answer_text()}."
        direction = "too high" if value > self.answer else "too low"
        return False, f"Not quite: {text} is {direction}."

    def _input_widget(self) -> Any:
        import ipywidgets as w

        return w.Text(placeholder="e.g. 0.25 or 2/3", layout=w.Layout(width="12em"))


class ChoiceQuestion(Question):
    """A multiple-choice question.

    Parameters
    ----------
    prompt : str
    options : sequence of str
    answer : str
        One of the options (computed by the package where it can be).
    explanations : dict, optional
        Feedback for particular wrong options (the common misconceptions).
    """

    kind = "choice"

    def __init__(
        self,
        prompt: str,
        options: Sequence[str],
        answer: str,
        *,
        explanations: dict[str, str] | None = None,
        solution: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(prompt, solution, hint)
        if isinstance(options, str):
            raise TypeError("options must be a list of strings, not one string")
        self.options = tuple(options)
        if len(self.options) < 2:
            raise ValueError(f"a choice needs at least two options, got {list(self.options)}")
        if len(set(self.options)) != len(self.options):
            raise ValueError(f"options must be distinct, got {list(self.options)}")
        if answer not in self.options:
            raise ValueError(f"answer {answer!r} is not one of the options {list(self.options)}")
        self.answer = answer
        self.explanations = dict(explanations or {})
        unknown = set(self.explanations) - set(self.options)
        if unknown:
            raise ValueError(f"explanations for unknown option(s) {sorted(unknown)}")

    def answer_text(self) -> str:
        return self.answer

    def check(self, given: str) -> tuple[bool, str]:
        if given not in self.options:
            return False, "Pick one of the options first."
        if given == self.answer:
            return True, f"Correct: {self.answer}."
        why = self.explanations.get(given, "Look again at the best responses.")
        return False, f"Not {given}. {why}"

    def _input_widget(self) -> Any:
        import ipywidgets as w

        return w.RadioButtons(options=list(self.options), value=None, layout=w.Layout(width="auto"))
