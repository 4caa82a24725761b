"""The common machinery of every app: sliders from parameters, scenarios, reset, text, errors.

An :class:`App` binds one model of :data:`negotiation.models.MODELS` to widgets.
The model stays a pure function of its parameter values; the app only reads the
sliders, calls :meth:`~negotiation.models.Model.analyse`, and shows the result.
Updates are synchronous (``observe(..., names="value")``), so setting
``app.controls[name].value`` in Python and reading ``app.analysis`` or
``app.text`` right after is how tests and lessons drive an app.

Errors never escape into the notebook: an exception during an update is shown in
the app's error area (``ng-error``, red, one line) and the next move clears it;
warnings are collected and shown as notes in the app rather than on stderr.
"""

from __future__ import annotations

import asyncio
import html
import re
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any

import ipywidgets as w

from ..core._numbers import Number, format_number, to_exact
from ..models import (
    DEFAULT_PARTNER,
    MODELS,
    Analysis,
    Model,
    check_partner,
    for_partner,
    partner_text,
)
from ..symbolic import Parameter
from ._render import LiveFigure

__all__ = ["App", "FigureView", "make_control", "snap"]

#: Seconds without a move before an app does optional slow work (thresholds, maps).
IDLE_DELAY = 0.25

#: How many analyses an app remembers (slider positions revisited are instant).
CACHE_SIZE = 512

_CSS = """
<style>
.ng-app { font-size: 15px; }
.ng-app .widget-label { white-space: normal; line-height: 1.15; overflow: visible; }
.ng-app .widget-slider .widget-readout { min-width: 5.5em; }
.ng-equilibrium-text { font-size: 16px; line-height: 1.45; }
.ng-equilibrium-text .ng-headline { font-size: 19px; font-weight: bold; margin-bottom: 0.3em; }
.ng-equilibrium-text ul { margin: 0.2em 0 0.4em 1.2em; padding: 0; }
.ng-change { background: #FFF6E0; border-left: 5px solid #E69F00; padding: 0.35em 0.6em;
             margin-top: 0.4em; }
.ng-details { font-size: 14px; color: #333; line-height: 1.4; }
.ng-notes { font-size: 13px; color: #555; }
</style>
"""


def _decimals(step: Number) -> int:
    """Decimal places needed to show multiples of ``step`` (at most 4)."""
    for k in range(5):
        if (Fraction(step) * 10**k).denominator == 1:
            return k
    return 4


def snap(parameter: Parameter, value: Any) -> Number:
    """A slider value as an exact number on the parameter's step grid, inside its range.

    A slider reports floats such as ``0.30000000000000004``; the value is read as
    the decimal it prints as, rounded to the nearest multiple of the step above
    ``low`` and kept inside ``[low, high]``.

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> p = MODELS["tariff_standoff"].parameter("pass_through")
    >>> snap(p, 0.30000000000000004), snap(p, 0.6299)
    (Fraction(3, 10), Fraction(13, 20))
    >>> snap(p, "0.5")
    Traceback (most recent call last):
    ...
    TypeError: pass_through must be a number, got the string '0.5' (strings are never parsed)
    """
    if not isinstance(parameter, Parameter):
        raise TypeError(f"parameter must be a Parameter, got {type(parameter).__name__}")
    v = to_exact(value, parameter.name)
    step = Fraction(parameter.slider_step)
    low, high = Fraction(parameter.low), Fraction(parameter.high)
    k = round((Fraction(v) - low) / step)
    out = min(max(low + k * step, low), high)
    return out


def _is_integer(x: Number) -> bool:
    return isinstance(x, Fraction) and x.denominator == 1


#: Units that are words rather than measures: left out of sentences ("0.6", not "0.6 share").
PLAIN_UNITS = frozenset({"share", "elasticity", "weight", "probability"})


def control_label(parameter: Parameter, partner: str | None = None) -> str:
    """The text next to a slider: the description with its unit, e.g. ``US tariff if held (%)``.

    A unit already said by the description is not repeated. ``partner`` names the
    country that the description calls "the partner" (an app gives its scenario's).

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> control_label(MODELS["tariff_ladder"].parameter("supply_elasticity_us"))
    'US export-supply elasticity'
    >>> control_label(MODELS["tariff_standoff"].parameter("partner_loss"), "Korea")
    "Korea's GDP loss per tariff point (% of GDP per point)"
    """
    text = parameter.description or parameter.name.replace("_", " ")
    if partner is not None:
        text = re.sub(r"\b[Tt]he partner\b", check_partner(partner), text)
    text = text[:1].upper() + text[1:]
    unit = parameter.unit
    if not unit or unit.lower() in text.lower():
        return text
    return f"{text} ({unit})"


def _label_html(text: str) -> str:
    """A slider label as HTML that MathJax leaves alone (``$bn`` is money, not mathematics)."""
    return f"<span class='tex2jax_ignore mathjax_ignore'>{html.escape(text)}</span>"


def make_control(
    parameter: Parameter, value: Number | None = None, integer: bool | None = None
) -> Any:
    """An ipywidgets slider built from a parameter's metadata (label with unit, range, step).

    An ``IntSlider`` when the range and step are whole numbers, else a ``FloatSlider``
    with as many decimals as the step needs. The tooltip names the source.

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> s = make_control(MODELS["tariff_standoff"].parameter("tariff"))
    >>> type(s).__name__, s.min, s.max, s.step, s.value
    ('IntSlider', 10, 50, 1, 24)
    >>> _plain(s.description)
    'US tariff if held (%)'
    """
    if not isinstance(parameter, Parameter):
        raise TypeError(f"parameter must be a Parameter, got {type(parameter).__name__}")
    start = parameter.default if value is None else parameter.validate(value)
    step = parameter.slider_step
    if integer is None:
        integer = all(
            _is_integer(Fraction(x)) for x in (parameter.low, parameter.high, step, start)
        )
    source = parameter.source or "not given"
    common: dict[str, Any] = {
        "description": _label_html(control_label(parameter)),
        "description_allow_html": True,
        "tooltip": f"{control_label(parameter)} [{parameter.name}; source: {source}]",
        "continuous_update": True,
        "style": {"description_width": "250px"},
        "layout": w.Layout(width="560px", max_width="100%"),
    }
    if integer:
        return w.IntSlider(
            value=int(start),
            min=int(parameter.low),
            max=int(parameter.high),
            step=int(step),
            **common,
        )
    digits = _decimals(step)
    return w.FloatSlider(
        value=float(start),
        min=float(parameter.low),
        max=float(parameter.high),
        step=float(step),
        readout_format=f".{digits}f",
        **common,
    )


class FigureView:
    """A live figure shown as a PNG in an ``ipywidgets.Image``.

    Parameters
    ----------
    artists : LiveArtists
        From a ``negotiation.plots.draw_*`` function. When it was drawn with
        ``legend=False`` the legend is shown once, as a second image.
    max_width : str, optional
        CSS width limit of the picture (default: its size in pixels).

    Attributes
    ----------
    artists : LiveArtists
        The drawn figure (``artists.figure``), updated in place.
    image : ipywidgets.Image
    widget : ipywidgets.HBox
        The picture and its legend, to put in a layout.
    png : bytes
        The last picture sent.

    Examples
    --------
    >>> from negotiation import BimatrixGame
    >>> from negotiation.plots import draw_best_responses
    >>> view = FigureView(draw_best_responses(BimatrixGame([[1, 0], [0, 1]], [[1, 0], [0, 1]]),
    ...                                       legend=False))
    >>> view.update("key", BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    True
    >>> view.png[:4], view.image.value == view.png, view.legend_image is not None
    (b'\x89PNG', True, True)
    """

    def __init__(self, artists: Any, max_width: str | None = None) -> None:
        if not hasattr(artists, "dynamic_artists") or not hasattr(artists, "update"):
            raise TypeError(
                f"FigureView needs the artists of a draw_* function, got {type(artists).__name__}"
            )
        self.artists = artists
        self.live = LiveFigure(artists)
        width, _ = artists.figure.get_size_inches() * artists.figure.dpi
        self.image = w.Image(
            format="png",
            layout=w.Layout(width="100%", max_width=max_width or f"{int(width)}px", height="auto"),
        )
        self.image.add_class("ng-figure")
        self.png = b""
        self.key: Any = None
        self.legend_image: Any = None
        parts = [self.image]
        if not artists.figure.legends and not artists.ax.get_legend():
            self.legend_image = w.Image(format="png", layout=w.Layout(height="auto"))
            self.legend_image.add_class("ng-legend")
            self._show_legend()
            parts.append(self.legend_image)
        self.widget = w.HBox(parts, layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))

    def _show_legend(self) -> None:
        import io

        from ..plots._live import legend_figure

        figure = legend_figure(
            self.artists.legend_handles, ncol=getattr(self.artists, "legend_ncol", 1)
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        self.legend_png = buffer.getvalue()
        self.legend_image.value = self.legend_png

    @property
    def figure(self) -> Any:
        return self.artists.figure

    def update(self, key: Any, *args: Any, **kwargs: Any) -> bool:
        """Update the figure from ``artists.update(*args)`` unless ``key`` is unchanged."""
        if self.png and key is not None and key == self.key:
            return False
        if self.artists.update(*args, **kwargs):
            self.live.invalidate()
            if self.legend_image is not None:
                self._show_legend()
        self.show()
        self.key = key
        return True

    def show(self) -> None:
        """Render and send the picture."""
        self.png = self.live.render()
        self.image.value = self.png


def _plain(html_text: str) -> str:
    """Visible text of a small HTML fragment (tags removed, entities decoded)."""
    import re

    text = re.sub(r"<(br|/p|/div|/li|/ul|/h\d|/tr|/summary|/table)\s*/?>", "\n", html_text)
    text = re.sub(r"</t[dh]>", "  ", text)
    text = re.sub(r"<li[^>]*>", "- ", text)
    text = re.sub(r"<[^>]+>", "", text)
    lines = [" ".join(line.split()) for line in html.unescape(text).splitlines()]
    return "\n".join(line for line in lines if line)


def value_text(parameter: Parameter, value: Number) -> str:
    """A parameter value with its unit, for sentences: ``24%``, ``$148bn/yr``, ``0.6``.

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> m = MODELS["tariff_standoff"]
    >>> value_text(m.parameter("tariff"), 24), value_text(m.parameter("imports"), 148)
    ('24%', '$148bn/yr')
    >>> value_text(m.parameter("pass_through"), Fraction(3, 5))
    '0.6'
    """
    if not isinstance(parameter, Parameter):
        raise TypeError(f"parameter must be a Parameter, got {type(parameter).__name__}")
    number = (
        format_number(float(value), digits=4)
        if not _is_integer(Fraction(value))
        else str(int(value))
    )
    unit = parameter.unit
    if unit.startswith("%"):
        return f"{number}{unit}"
    if unit.startswith("$bn"):
        return f"${number}bn{unit[3:]}"
    if unit in PLAIN_UNITS:
        return number
    return f"{number} {unit}".strip()


class App:
    """An interactive app for one model: sliders, scenario, reset, live text and pictures.

    Parameters
    ----------
    primary : sequence of str, optional
        The parameters whose sliders come first (the rest go into "More
        parameters"); each app has its own choice by default.
    scenario : str, optional
        Start from a bundled scenario (``"april-2025"``, ``"may-2025"``, ``"july-2025-deal"``).

    Examples
    --------
    >>> from negotiation.widgets import APPS
    >>> app = APPS["currency_claims"]()
    >>> app.controls["weak_yen_gain"].value = 0.6  # what a student's slider does
    >>> app.values["weak_yen_gain"], app.error
    (Fraction(3, 5), '')
    >>> print(app.change)  # doctest: +ELLIPSIS
    You moved “Japan's gain from a weaker yen” from 0.3% of GDP to 0.6% of GDP. Same ...

    Attributes
    ----------
    model : Model
    controls : dict of str to ipywidgets slider
        One control per parameter, by parameter name.
    view : ipywidgets.VBox
        The root widget (an app also displays itself in a notebook).
    analysis : Analysis or None
        The model's analysis at the current values (``None`` before the first
        update or after an error).
    values : dict of str to Fraction
        The current exact parameter values.
    text : str
        The equilibrium panel as plain text (what it means and what changed).
    change : str
        What changed at the last move, in plain words.
    error : str
        The error shown (empty when all is well).
    notes : tuple of str
        Warnings raised during the last update, shown in the app.
    figures : dict of str to FigureView
        The app's live figures.
    """

    model_name: str = ""
    primary_parameters: tuple[str, ...] = ()

    def __init__(
        self, *, primary: Sequence[str] | None = None, scenario: str | None = None
    ) -> None:
        self.model: Model = MODELS[self.model_name]
        names = self.model.parameter_names
        chosen = tuple(primary) if primary is not None else self.primary_parameters
        for name in chosen:
            if not isinstance(name, str) or name not in names:
                raise ValueError(
                    f"primary parameter {name!r} is not a parameter of {self.model.name!r}; "
                    f"its parameters are {list(names)}"
                )
        self.primary = chosen or names[:5]
        self._scenarios = self._scenario_values()
        self._start_scenario = scenario
        self.values: dict[str, Number] = self.model.defaults
        #: the US's partner: the last loaded scenario's (Japan for the defaults)
        self.partner: str = DEFAULT_PARTNER
        if scenario is not None:
            if scenario not in self._scenarios:
                raise ValueError(
                    f"scenario {scenario!r} has no values for {self.model.name!r}; "
                    f"choose one of {sorted(self._scenarios)}"
                )
            self.values = dict(self._scenarios[scenario][1])
            self.partner = self._partners[scenario]
        integer = {
            p.name: all(
                _is_integer(Fraction(x))
                for x in (
                    p.low,
                    p.high,
                    p.slider_step,
                    p.default,
                    *(v[1][p.name] for v in self._scenarios.values()),
                )
            )
            for p in self.model.parameters
        }
        self.controls: dict[str, Any] = {
            p.name: make_control(p, self.values[p.name], integer[p.name])
            for p in self.model.parameters
        }
        self._names_of = {id(c): n for n, c in self.controls.items()}
        self._name_partner()
        self.analysis: Analysis | None = None
        self.previous: Analysis | None = None
        self.text = ""
        self.change = ""
        self.error = ""
        self.notes: tuple[str, ...] = ()
        self.figures: dict[str, FigureView] = {}
        self.last_update_seconds = 0.0
        self._holding = False
        self._moved: str | None = None
        self._last_good: Analysis | None = None
        self._event = ""
        self._cache: OrderedDict[tuple[Any, ...], Analysis] = OrderedDict()
        self._idle_jobs: list[Callable[[], None]] = []
        self._idle_handle: Any = None
        self._build()
        if scenario is not None:
            self._set_scenario_quietly(scenario)
        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        self.update()

    # --- construction ---------------------------------------------------------------
    def _scenario_values(self) -> dict[str, tuple[str, dict[str, Number]]]:
        from .. import scenarios

        out: dict[str, tuple[str, dict[str, Number]]] = {}
        self._partners: dict[str, str] = {}
        for name in scenarios.names():
            s = scenarios.load(name)
            if s.covers(self.model.name):
                out[name] = (s.title, s.values(self.model.name))
                self._partners[name] = s.partner
        return out

    def _build(self) -> None:
        title = w.HTML(self._title_html())
        self._title = title
        self.scenario = w.Dropdown(
            options=[("Choose a scenario…", "")]
            + [(title_, name) for name, (title_, _) in self._scenarios.items()],
            value="",
            description="Scenario",
            layout=w.Layout(width="380px", max_width="100%"),
        )
        self.scenario.observe(self._on_scenario, names="value")
        self.reset_button = w.Button(
            description="Reset",
            icon="undo",
            tooltip="Back to the model's default values",
            layout=w.Layout(width="auto", min_width="96px"),
        )
        self.reset_button.on_click(lambda _button: self.reset())
        primary = [self.controls[n] for n in self.primary]
        rest = [c for n, c in self.controls.items() if n not in self.primary]
        boxes: list[Any] = [
            w.HBox([self.scenario, self.reset_button], layout=w.Layout(flex_flow="row wrap")),
            *primary,
        ]
        self.more: Any = None
        if rest:
            self.more = w.Accordion(children=[w.VBox(rest)], selected_index=None)
            self.more.set_title(0, f"More parameters ({len(rest)})")
            boxes.append(self.more)
        self.error_area = w.HTML("", layout=w.Layout(display="none"))
        self.error_area.add_class("ng-error")
        self.text_panel = w.HTML("")
        self.text_panel.add_class("ng-equilibrium-text")
        self.notes_area = w.HTML("")
        self.notes_area.add_class("ng-notes")
        self.details = w.HTML("")
        self.details.add_class("ng-details")
        left = w.VBox(boxes, layout=w.Layout(flex="1 1 520px", min_width="320px"))
        right = w.VBox(
            [self.error_area, self.text_panel, self.notes_area],
            layout=w.Layout(flex="1 1 420px", min_width="300px", padding="0 0 0 12px"),
        )
        outputs = self._build_outputs()
        self.view = w.VBox(
            [
                title,
                w.HBox([left, right], layout=w.Layout(flex_flow="row wrap", width="100%")),
                w.HBox(outputs, layout=w.Layout(flex_flow="row wrap", align_items="flex-start")),
                self.details,
            ],
            layout=w.Layout(width="100%"),
        )
        self.view.add_class("ng-app")
        self.view.add_class(f"ng-app-{self.model.name.replace('_', '-')}")

    def _build_outputs(self) -> list[Any]:
        """The model's pictures and tables (subclasses)."""
        return []

    # --- display --------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        show: Any = display
        show(self.view)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} for {self.model.name!r}: {len(self.controls)} controls>"

    # --- values ---------------------------------------------------------------------
    def _read(self, name: str) -> Number:
        parameter = self.model.parameter(name)
        raw = self.controls[name].value
        current = self.values.get(name)
        if current is not None and float(current) == float(raw):
            return current  # an exact value set by a scenario stays exact
        return snap(parameter, raw)

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Change several controls with one update at the end.

        Examples
        --------
        >>> from negotiation.widgets import APPS
        >>> app = APPS["tariff_standoff"]()
        >>> with app.hold():
        ...     app.controls["tariff"].value = 30
        ...     app.controls["concession_value"].value = 40
        >>> app.values["tariff"], app.values["concession_value"]
        (Fraction(30, 1), Fraction(40, 1))
        """
        outer = self._holding
        self._holding = True
        try:
            yield
        finally:
            self._holding = outer
        if not outer:
            self.update()

    def set_values(self, values: Mapping[str, Any], event: str = "") -> None:
        """Set several parameters (exact values are kept exactly) and update once."""
        full = self.model.values({**self.values, **dict(values)})
        self._event = event
        with self.hold():
            for name, value in full.items():
                self.values[name] = value
                control = self.controls[name]
                control.value = int(value) if isinstance(control, w.IntSlider) else float(value)

    def reset(self) -> None:
        """Every control back to where the app started: its scenario, or the model's defaults."""
        if self._start_scenario is not None:
            self.load_scenario(self._start_scenario)
            return
        self._set_scenario_quietly("")
        self.partner = DEFAULT_PARTNER
        self._name_partner()
        self.set_values(self.model.defaults, "Reset to the default values.")

    def load_scenario(self, name: str) -> None:
        """Set every control to a scenario's values (as the dropdown does)."""
        if name not in self._scenarios:
            raise ValueError(
                f"scenario {name!r} has no values for {self.model.name!r}; "
                f"choose one of {sorted(self._scenarios)}"
            )
        title, values = self._scenarios[name]
        self._set_scenario_quietly(name)
        self.partner = self._partners[name]
        self._name_partner()
        self.set_values(values, f"Loaded the scenario “{title}”.")

    def _title_html(self) -> str:
        summary = partner_text(self.model.summary, self.partner)
        return (
            f"{_CSS}<div style='font-size:20px;font-weight:bold'>{html.escape(self.model.title)}</div>"
            f"<div style='color:#444'>{html.escape(summary)}</div>"
        )

    def _name_partner(self) -> None:
        """The sliders' labels and the summary name the current partner ("Korea's GDP loss...")."""
        if hasattr(self, "_title"):
            self._title.value = self._title_html()
        for p in self.model.parameters:
            control = self.controls[p.name]
            control.description = _label_html(control_label(p, self.partner))
            source = p.source or "not given"
            control.tooltip = f"{control_label(p, self.partner)} [{p.name}; source: {source}]"

    def _paint_partner(self) -> None:
        """The figures' titles, axis labels and legends name the current partner.

        A figure is drawn once and then updated in place, so the text drawn for one
        partner is renamed when a scenario for another is loaded (and back on reset).
        """
        old = getattr(self, "_painted_partner", DEFAULT_PARTNER)
        new = self.partner
        if old == new:
            return
        pattern = re.compile(rf"\b{re.escape(old)}\b|\b{re.escape(old[:1].upper() + old[1:])}\b")

        def rename(text: str) -> str:
            return pattern.sub(lambda m: new[:1].upper() + new[1:] if m.start() == 0 else new, text)

        from matplotlib.text import Text

        for view in self.figures.values():
            for artist in view.figure.findobj(Text):
                text = artist.get_text()
                if text and pattern.search(text):
                    artist.set_text(rename(text))
            handles = getattr(view.artists, "legend_handles", None) or []
            for handle in handles:
                label = handle.get_label() if hasattr(handle, "get_label") else ""
                if label and pattern.search(label):
                    handle.set_label(rename(label))
            view.live.invalidate()
            if view.legend_image is not None:
                view._show_legend()
            view.show()
        self._painted_partner = new

    def _set_scenario_quietly(self, name: str) -> None:
        outer = self._holding
        self._holding = True
        try:
            self.scenario.value = name
        finally:
            self._holding = outer

    def _on_scenario(self, change: Mapping[str, Any]) -> None:
        if self._holding or not change["new"]:
            return
        try:
            self.load_scenario(change["new"])
        except Exception as exc:  # shown in the app, never raised into the notebook
            self._show_error(exc)

    def _on_control(self, change: Mapping[str, Any]) -> None:
        if self._holding:
            return
        name = self._names_of[id(change["owner"])]
        if self._read(name) == self.values.get(name):
            return  # the front end echoing the value it was given: not a move
        self._moved = name
        if self.scenario.value:
            self._set_scenario_quietly("")
        self.update()

    # --- the update -----------------------------------------------------------------
    def analyse(self, values: Mapping[str, Number]) -> Analysis:
        """The model's analysis at ``values``, remembered for positions visited before."""
        key = (self.partner, *sorted(values.items()))
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        result = for_partner(self.model.analyse_values(dict(values)), self.partner)
        self._cache[key] = result
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def update(self) -> None:
        """Read the controls, analyse, and refresh every output (errors shown in the app)."""
        start = time.perf_counter()
        event, self._event = self._event, ""
        name, self._moved = self._moved, None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                before = dict(self.values)
                self.values = {n: self._read(n) for n in self.controls}
                moved = None if name is None else (name, before[name], self.values[name])
                self.analysis = None
                analysis = self.analyse(self.values)
                self.previous, self.analysis = self._last_good, analysis
                self._refresh(analysis)
                self._paint_partner()
                self._last_good = analysis
                self.change = self._change_text(self.previous, analysis, moved, event)
                self._show_text(analysis)
                self._show_error(None)
                self._schedule_idle()
            except Exception as exc:  # shown in the app, never raised into the notebook
                self.analysis = None
                self._show_error(exc)
        self.notes = tuple(dict.fromkeys(str(c.message) for c in caught))
        self.notes_area.value = "".join(
            f"<div>Note: {html.escape(n)}</div>" for n in self.notes[:3]
        )
        self.last_update_seconds = time.perf_counter() - start

    def _refresh(self, analysis: Analysis) -> None:
        """Update the model's pictures and tables (subclasses)."""

    def _show_error(self, exc: BaseException | None) -> None:
        if exc is None:
            if self.error:
                self.error = ""
                self.error_area.value = ""
                self.error_area.layout.display = "none"
            return
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        if len(message) > 300:
            message = message[:297] + "..."
        self.error = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        self.error_area.value = (
            "<div style='color:#B00020;background:#FDECEE;border-left:5px solid #B00020;"
            "padding:0.4em 0.7em;font-size:15px'>"
            f"<b>Could not update the app.</b> {html.escape(self.error)}<br>"
            "<span style='color:#555'>Move a slider or press Reset to go on.</span></div>"
        )
        self.error_area.layout.display = "block"

    # --- words ----------------------------------------------------------------------
    def _moved_text(self, moved: tuple[str, Number, Number] | None) -> str:
        if moved is None:
            return ""
        name, old, new = moved
        p = self.model.parameter(name)
        label = control_label(p, self.partner).rsplit(" (", 1)[0]
        if old == new:
            return f"{label} stays at {value_text(p, new)}."
        return f"You moved “{label}” from {value_text(p, old)} to {value_text(p, new)}."

    def _change_text(
        self,
        old: Analysis | None,
        new: Analysis,
        moved: tuple[str, Number, Number] | None,
        event: str,
    ) -> str:
        """What changed since the last move: the event or the slider moved, then :meth:`_what_changed`."""
        lead = event or self._moved_text(moved)
        if old is None:
            return lead or "Move a slider: this line will say what changed and why."
        return f"{lead} {self._what_changed(old, new)}".strip()

    def _what_changed(self, old: Analysis, new: Analysis) -> str:
        """The model's own words on what changed between two analyses (subclasses override)."""
        if old.headline != new.headline:
            return f"Now: {new.headline} Before: {old.headline}"
        return "The outcome is the same as before."

    def _summary_html(self, analysis: Analysis) -> str:
        headline = analysis.headline
        size = "" if len(headline) <= 140 else " style='font-size:16px'"
        parts = [f"<div class='ng-headline'{size}>{html.escape(headline)}</div>"]
        sentences = [s for s in analysis.sentences if s != headline]
        if sentences:
            items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
            if sum(len(s) for s in sentences) <= 280:
                parts.append(f"<ul>{items}</ul>")
            else:  # long: one click away, so the panel stays readable on a projector
                parts.append(
                    f"<details><summary>In detail ({len(sentences)})</summary><ul>{items}</ul>"
                    "</details>"
                )
        if analysis.classification:
            parts.append(f"<div><b>Kind of game:</b> {html.escape(analysis.classification)}</div>")
        return "".join(parts)

    def _show_text(self, analysis: Analysis) -> None:
        body = self._summary_html(analysis)
        change = f"<div class='ng-change'><b>What changed:</b> {html.escape(self.change)}</div>"
        self.text_panel.value = body + change
        self.text = _plain(self.text_panel.value)
        self.details.value = self._details_html(analysis)

    def _details_html(self, analysis: Analysis) -> str:
        if not analysis.details:
            return ""
        return "<ul>" + "".join(f"<li>{html.escape(d)}</li>" for d in analysis.details) + "</ul>"

    # --- optional slow work ---------------------------------------------------------
    def _idle_work(self) -> list[Callable[[], None]]:
        """Slow, optional extras to compute once the sliders rest (subclasses)."""
        return []

    def _schedule_idle(self) -> None:
        self._idle_jobs = self._idle_work()
        if not self._idle_jobs:
            return
        if self._idle_handle is not None:
            self._idle_handle.cancel()
            self._idle_handle = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # not inside a running kernel: call settle() to do it now
        self._idle_handle = loop.call_later(IDLE_DELAY, self.settle)

    def settle(self) -> None:
        """Do the optional slow work now (it runs by itself in a notebook once sliders rest)."""
        self._idle_handle = None
        jobs, self._idle_jobs = self._idle_jobs, []
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            for job in jobs:
                try:
                    job()
                except Exception as exc:  # shown in the app, never raised into the notebook
                    self._show_error(exc)
