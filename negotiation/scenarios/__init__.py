"""Dated scenarios: the models' parameters at moments of the 2025 talks, each value sourced.

A scenario is a TOML file. Its ``[scenario]`` table names it; then one table per
model gives *every* parameter of that model as an inline table with the value, its
unit (exactly the model's unit) and its source: a key of
:data:`negotiation.models.sources.SOURCES`, a citation in words, or
``"assumption"`` together with a ``reason``::

    [scenario]
    name = "april-2025"
    title = "April 2025: the 24% 'reciprocal' tariff, paused at 10%"
    date = 2025-04-09
    partner = "Japan"
    summary = "..."

    [tariff_standoff]
    tariff = { value = 24, unit = "%", source = "reciprocal-rate-apr-2025" }
    pass_through = { value = 0.6, unit = "share", source = "assumption", reason = "..." }

``partner`` names the US's partner in the talks (``"Japan"`` when left out; every
bundled file writes it): the models' games, headlines and apps use that name.
Files hold numbers only; nothing in them is evaluated. A value outside its
parameter's range, a missing or unknown key, a string where a number belongs or a
missing source is an error naming the file, the key and what is allowed: nothing is
clipped or guessed. A teacher adapts a scenario by copying a file (or starting from
:func:`template`) and loading it by path.

Examples
--------
>>> from negotiation import scenarios
>>> scenarios.names()
('april-2025', 'may-2025', 'july-2025-deal', 'eu-july-2025', 'korea-july-2025')
>>> s = scenarios.load("july-2025-deal")
>>> s.values("tariff_standoff")["deal_rate"]
Fraction(15, 1)
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

from ..core._numbers import Number, format_number, to_exact
from ..models._partner import DEFAULT_PARTNER, check_partner

__all__ = ["Entry", "Scenario", "ScenarioError", "compare_deals", "load", "names", "template"]

_HEADER_KEYS: dict[str, Any] = {"name": str, "title": str, "date": (dt.date, str), "summary": str}
_OPTIONAL_HEADER_KEYS: dict[str, Any] = {"partner": str}
_ENTRY_KEYS = {"value", "unit", "source", "reason", "note"}


class ScenarioError(ValueError):
    """A scenario file that breaks the rules; the message names the file and the key."""


@dataclass(frozen=True)
class Entry:
    """One sourced value: ``value`` in ``unit``, from ``source`` (with ``reason`` for assumptions)."""

    value: Number
    unit: str
    source: str
    reason: str = ""
    note: str = ""

    @property
    def is_assumption(self) -> bool:
        return self.source == "assumption"


@dataclass(frozen=True)
class Scenario:
    """A dated set of parameter values for some or all models.

    Attributes
    ----------
    name, title, date, summary : str
    path : Path or None
        The file it was read from.
    entries : dict
        ``entries[model][parameter]`` is an :class:`Entry`.
    partner : str
        The US's partner in these talks (``"Japan"``, ``"Korea"``, ``"the EU"``...).
    """

    name: str
    title: str
    date: str
    summary: str
    path: Path | None
    entries: dict[str, dict[str, Entry]]
    partner: str = "Japan"

    @property
    def models(self) -> tuple[str, ...]:
        """The models this scenario gives values for."""
        return tuple(self.entries)

    def covers(self, model: str) -> bool:
        return model in self.entries

    def values(self, model: str) -> dict[str, Number]:
        """Every parameter of ``model`` in this scenario (exact numbers)."""
        if model not in self.entries:
            raise ValueError(
                f"scenario {self.name!r} has no values for model {model!r}; it covers {list(self.entries)}"
            )
        return {k: e.value for k, e in self.entries[model].items()}

    def parameter_table(self, model: str, *, why: bool = False) -> str:
        """The model's parameters at this scenario as a Markdown table, for a lesson.

        One row per parameter: its letter (as a formula), what it is, its value with
        its unit, and its source (the sourced figure with its citation, or the reason
        for a stylized assumption); with ``why=True`` the last column gives the reason
        for every value instead. Dollar signs are escaped, since JupyterLab reads a
        single ``$`` as the start of a formula.

        Examples
        --------
        >>> from negotiation import scenarios
        >>> table = scenarios.load("april-2025").parameter_table("tariff_standoff")
        >>> print(table.splitlines()[0])
        | | what it is | April 2025 | source |
        >>> r"\\\\$bn/yr" in table
        True
        """
        from ..models import MODELS
        from ..models.sources import SOURCES

        self.values(model)  # a clear error for a model this scenario does not cover
        entries = self.entries[model]
        when = self.title.split(":")[0]
        last = "why this value" if why else "source"
        rows = [f"| | what it is | {when} | {last} |", "|:-:|---|---|---|"]
        for p in MODELS[model].parameters:
            entry = entries[p.name]
            if why:
                note = entry.reason
            elif entry.is_assumption:
                note = "**stylized assumption**: " + entry.reason
            else:
                note = f"{SOURCES[entry.source].value} ({SOURCES[entry.source].citation})"
            rows.append(
                f"| ${p.latex}$ | {_dollars(p.description)} | {float(entry.value):g} "
                f"{_dollars(p.unit)} | {_dollars(note)} |"
            )
        return "\n".join(rows)

    def __repr__(self) -> str:
        return f"<Scenario {self.name!r} ({self.date}): {len(self.entries)} models>"


def _dollars(text: str) -> str:
    """A literal dollar sign in Markdown that JupyterLab also renders formulas in."""
    return text.replace("$", r"\\$")


def _bundled() -> dict[str, Any]:
    folder = resources.files(__name__)
    return {
        entry.name.removesuffix(".toml"): entry
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    }


def compare_deals(
    chosen: list[str] | tuple[str, ...] = ("july-2025-deal", "eu-july-2025", "korea-july-2025"),
) -> str:
    """The tariff standoff at several partners' deal dates, side by side, as a Markdown table.

    One column per scenario, in date order: the partner, the date, the tariff the US
    threatened and the rate agreed, US imports, the yearly value of the partner's package
    to the US and its cost to the partner, the partner's net value of counter-tariffs,
    then what the model predicts at those values. Each scenario's values are its own,
    sourced or stated assumptions; nothing is set to make the model agree with the deal.

    Examples
    --------
    >>> table = compare_deals()
    >>> table.splitlines()[0]
    '| | Japan | the EU | Korea |'
    >>> "Hold (30%)" in table
    True
    """
    from ..models import MODELS

    given: Any = chosen
    if isinstance(given, str) or not isinstance(given, list | tuple):
        raise TypeError(f"chosen must be a list of scenario names, got {given!r}")
    if not chosen:
        raise ValueError("chosen is empty: name at least one scenario")
    loaded = sorted((load(name) for name in chosen), key=lambda s: (s.date, s.name))
    model = MODELS["tariff_standoff"]
    columns = []
    for s in loaded:
        v = s.values(model.name)  # a clear error for a scenario without the standoff
        analysis = model.analyse(v, partner=s.partner)
        pure = analysis.result.pure
        if len(analysis.result.equilibria) == 1 and pure:
            us = analysis.game.row_labels[pure[0].row_support[0]]
            partner = analysis.game.col_labels[pure[0].col_support[0]]
            rate = v["tariff"] if us == "Hold" else v["deal_rate"]
            prediction = f"{us} ({format_number(rate)}%), {partner.lower()}"
        else:
            prediction = f"{len(analysis.result.equilibria)} equilibria (see the app)"
        columns.append(
            (
                s.partner,
                s.date,
                f"{format_number(v['tariff'])}%",
                f"{format_number(v['deal_rate'])}%",
                _dollars(f"${format_number(v['imports'])}bn"),
                _dollars(f"${format_number(v['concession_value'])}bn"),
                f"{float(v['concession_cost']):g}% of GDP",
                f"{float(v['retaliation_value']):g}% of GDP",
                prediction,
            )
        )
    labels = (
        "date of the deal",
        "tariff threatened",
        "rate agreed",
        "US imports from the partner (2024, a year)",
        "value of the package to the US (a year)",
        "cost of the package to the partner (a year)",
        "net value to the partner of counter-tariffs",
        "the model's equilibrium (US, partner)",
    )
    rows = ["| | " + " | ".join(c[0] for c in columns) + " |", "|---|" + "---|" * len(columns)]
    for k, label in enumerate(labels, start=1):
        rows.append(f"| {label} | " + " | ".join(str(c[k]) for c in columns) + " |")
    return "\n".join(rows)


def names() -> tuple[str, ...]:
    """The bundled scenarios, in date order."""
    loaded = [load(name) for name in _bundled()]
    return tuple(s.name for s in sorted(loaded, key=lambda s: (s.date, s.name)))


def _fail(where: str, message: str) -> ScenarioError:
    return ScenarioError(f"{where}: {message}")


def _entry(where: str, raw: Any, parameter: Any) -> Entry:
    from ..models.sources import SOURCES

    if not isinstance(raw, Mapping):
        raise _fail(
            where,
            f"expected an inline table {{ value = ..., unit = {parameter.unit!r}, source = ... }}, got {raw!r}",
        )
    extra = set(raw) - _ENTRY_KEYS
    if extra:
        raise _fail(where, f"unknown key(s) {sorted(extra)}; allowed: {sorted(_ENTRY_KEYS)}")
    for key in ("value", "unit", "source"):
        if key not in raw:
            raise _fail(where, f"missing key {key!r} (every value needs value, unit and source)")
    value = raw["value"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(where, f"value must be a number, got {type(value).__name__} {value!r}")
    try:
        exact = parameter.validate(to_exact(value, "value"))
    except ValueError as err:
        raise _fail(where, str(err)) from None
    unit = raw["unit"]
    if unit != parameter.unit:
        raise _fail(where, f"unit must be {parameter.unit!r} (the model's unit), got {unit!r}")
    source, reason, note = raw["source"], raw.get("reason", ""), raw.get("note", "")
    for key, text in (("source", source), ("reason", reason), ("note", note)):
        if not isinstance(text, str):
            raise _fail(where, f"{key} must be a string, got {type(text).__name__} {text!r}")
    source = source.strip()
    if not source:
        raise _fail(
            where, "source is empty: name a published figure, or write 'assumption' with a reason"
        )
    if source == "assumption":
        if not reason.strip():
            raise _fail(where, 'an assumption needs a reason (reason = "...")')
    elif " " not in source and source not in SOURCES:
        raise _fail(
            where,
            f"unknown source key {source!r}; use a key of negotiation.models.sources.SOURCES, "
            f"a citation in words, or 'assumption' with a reason",
        )
    return Entry(value=exact, unit=unit, source=source, reason=reason.strip(), note=note.strip())


def _parse(data: Mapping[str, Any], where: str, path: Path | None) -> Scenario:
    from ..models import MODELS

    if "scenario" not in data:
        raise _fail(where, "missing the [scenario] table (name, title, date, summary)")
    header = data["scenario"]
    if not isinstance(header, Mapping):
        raise _fail(where, "[scenario] must be a table")
    allowed = {*_HEADER_KEYS, *_OPTIONAL_HEADER_KEYS}
    extra = set(header) - allowed
    if extra:
        raise _fail(
            where, f"[scenario] has unknown key(s) {sorted(extra)}; allowed: {sorted(allowed)}"
        )
    partner = header.get("partner", DEFAULT_PARTNER)
    if not isinstance(partner, str):
        raise _fail(where, f"[scenario] partner must be text (a country's name), got {partner!r}")
    try:
        partner = check_partner(partner)
    except ValueError as err:
        raise _fail(where, f"[scenario] partner: {err}") from None
    for key, kind in _HEADER_KEYS.items():
        if key not in header:
            raise _fail(where, f"[scenario] is missing the key {key!r}")
        if not isinstance(header[key], kind):
            raise _fail(where, f"[scenario] {key} must be text, got {header[key]!r}")
    entries: dict[str, dict[str, Entry]] = {}
    for section, table in data.items():
        if section == "scenario":
            continue
        if section not in MODELS:
            raise _fail(where, f"unknown model [{section}]; models are {sorted(MODELS)}")
        if not isinstance(table, Mapping):
            raise _fail(where, f"[{section}] must be a table of parameters")
        model = MODELS[section]
        unknown = [k for k in table if k not in model.parameter_names]
        if unknown:
            raise _fail(
                where,
                f"[{section}] has unknown parameter(s) {unknown}; its parameters are {list(model.parameter_names)}",
            )
        missing = [p for p in model.parameter_names if p not in table]
        if missing:
            raise _fail(
                where, f"[{section}] is missing parameter(s) {missing} (give every parameter)"
            )
        entries[section] = {
            p.name: _entry(f"{where}: [{section}] {p.name}", table[p.name], p)
            for p in model.parameters
        }
    if not entries:
        raise _fail(where, f"no model tables; add at least one of {sorted(MODELS)}")
    date = header["date"]
    return Scenario(
        name=header["name"],
        title=header["title"],
        date=date.isoformat() if isinstance(date, dt.date) else date,
        summary=header["summary"].strip(),
        path=path,
        entries=entries,
        partner=partner,
    )


def load(name_or_path: str | Path) -> Scenario:
    """A bundled scenario by name, or a scenario file by path.

    Raises
    ------
    ScenarioError
        (a ``ValueError``) for a file that breaks the rules, naming the file and key.
    FileNotFoundError
        For a path that does not exist.
    """
    if isinstance(name_or_path, str) and name_or_path in _bundled():
        resource = _bundled()[name_or_path]
        text = resource.read_text(encoding="utf-8")
        where, path = f"{name_or_path}.toml", None
    else:
        if not isinstance(name_or_path, str | Path):
            raise TypeError(f"a scenario is a name or a path, got {type(name_or_path).__name__}")
        path = Path(name_or_path)
        if not path.exists():
            raise FileNotFoundError(
                f"no scenario named {str(name_or_path)!r} and no such file; bundled scenarios: "
                f"{', '.join(sorted(_bundled()))}"
            )
        text = path.read_text(encoding="utf-8")
        where = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise _fail(where, f"not valid TOML: {err}") from None
    return _parse(data, where, path)


def _toml_number(value: Number) -> str:
    if isinstance(value, Fraction) and value.denominator == 1:
        return str(value.numerator)
    return repr(float(value)) if not isinstance(value, Fraction) else _decimal(value)


def _decimal(value: Fraction) -> str:
    text = format_number(float(value), digits=12)
    if Fraction(text) != value:
        text = repr(float(value))
    return text


def template(
    models: list[str] | None = None, name: str = "my-scenario", partner: str = DEFAULT_PARTNER
) -> str:
    """A complete scenario file with every parameter at its default, to copy and adapt.

    The defaults are calibrated to Japan. For another ``partner`` every value is
    marked as an assumption whose reason says it is Japan's figure, a placeholder to
    replace with the partner's own figure and its source: a template never passes a
    Japanese figure off as another country's.

    Examples
    --------
    >>> text = template(["currency_claims"])
    >>> "[currency_claims]" in text and "weak_yen_gain" in text
    True
    >>> korea = template(["tariff_standoff"], "korea", partner="Korea")
    >>> 'partner = "Korea"' in korea and "placeholder" in korea
    True
    """
    from ..models import MODELS

    partner = check_partner(partner)
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    given: Any = models
    if given is not None and (isinstance(given, str) or not all(isinstance(m, str) for m in given)):
        raise TypeError(f"models must be a list of model names, got {models!r}")
    chosen = list(MODELS) if models is None else models
    lines = [
        "[scenario]",
        f'name = "{name}"',
        'title = "A title for the class"',
        f"date = {dt.date.today().isoformat()}",
        f'partner = "{partner}"',
        'summary = "What is happening at this date, in two or three sentences."',
    ]
    for model_name in chosen:
        if model_name not in MODELS:
            raise ValueError(f"unknown model {model_name!r}; models are {sorted(MODELS)}")
        lines += ["", f"[{model_name}]"]
        for p in MODELS[model_name].parameters:
            source = p.source or "assumption"
            reason = ', reason = "say why"' if source == "assumption" else ""
            if partner != DEFAULT_PARTNER:
                was = "a stylized assumption" if source == "assumption" else f"from {source}"
                source = "assumption"
                reason = (
                    f", reason = \"placeholder: Japan's value ({was}); replace it with a "
                    f'figure for {partner} and cite its source, or say why it is assumed"'
                )
            lines.append(
                f'{p.name} = {{ value = {_toml_number(p.default)}, unit = "{p.unit}", source = "{source}"{reason} }}'
            )
    return "\n".join(lines) + "\n"
