"""What Gambit's ``.nfg`` and ``.efg`` text formats share: tokens, numbers, labels, the header.

The strategic-form reader (:mod:`negotiation.normal_form.nfg`) and the
extensive-form reader (:mod:`negotiation.trees.efg`) read the same lexical
language: brace lists, double-quoted strings with ``\\"`` escapes, and numbers
written as integers, decimals or fractions, read exactly and never evaluated.
They also open with the same header (format, version, ``R``, title, players) and
write labels and payoffs the same way. This module is that common part; each
reader keeps only its own grammar.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")

# A payoff is an optionally signed integer, decimal (with an optional exponent)
# or fraction. Nothing else is accepted, and the text is never evaluated.
_DECIMAL = re.compile(
    r"(?P<sign>[+-]?)(?:(?P<int>\d+)(?:\.(?P<frac>\d*))?|\.(?P<frac2>\d+))"
    r"(?:[eE](?P<exp>[+-]?\d+))?"
)
_RATIONAL = re.compile(r"(?P<num>[+-]?\d+)/(?P<den>\d+)")
INTEGER = re.compile(r"[+-]?\d+")
_MAX_EXPONENT = 1000  # 1e999999999 would take forever to build exactly

NUMBER_HELP = "an integer, decimal or fraction such as 3, -0.25 or 3/4"


# --- tokens -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # "{", "}", ",", "string", "word" or "eof"
    text: str
    line: int

    def describe(self) -> str:
        if self.kind == "eof":
            return "end of file"
        if self.kind == "string":
            shown = self.text if len(self.text) <= 40 else self.text[:37] + "..."
            return f"the string {shown!r}"
        return repr(self.text)


class GambitError(ValueError):
    """A parse error at a line; :func:`loads` adds the file name."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    line = 1
    k = 0
    n = len(text)
    while k < n:
        c = text[k]
        if c == "\n":
            line += 1
            k += 1
        elif c.isspace():
            k += 1
        elif c in "{},":
            tokens.append(Token(c, c, line))
            k += 1
        elif c == '"':
            start_line = line
            chars: list[str] = []
            k += 1
            while True:
                if k >= n:
                    raise GambitError(
                        start_line,
                        'unterminated string: a label that opens with " here is never closed',
                    )
                c = text[k]
                if c == "\\" and k + 1 < n and text[k + 1] in '"\\':
                    chars.append(text[k + 1])
                    k += 2
                    continue
                if c == '"':
                    k += 1
                    break
                if c == "\n":
                    line += 1
                chars.append(c)
                k += 1
            tokens.append(Token("string", "".join(chars), start_line))
        else:
            start = k
            while k < n and not text[k].isspace() and text[k] not in '{},"':
                k += 1
            tokens.append(Token("word", text[start:k], line))
    # End of file is reported on the last line that has any text.
    tokens.append(Token("eof", "", text.rstrip().count("\n") + 1))
    return tokens


def parse_number(token: Token) -> Fraction | None:
    """The exact value of a numeric token, or None if it is not a number."""
    text = token.text
    if token.kind != "word":
        return None
    m = _RATIONAL.fullmatch(text)
    if m:
        den = int(m["den"])
        if den == 0:
            raise GambitError(token.line, f"the fraction {text!r} divides by zero")
        return Fraction(int(m["num"]), den)
    m = _DECIMAL.fullmatch(text)
    if not m:
        return None
    digits_int = m["int"] or ""
    digits_frac = m["frac"] or m["frac2"] or ""
    exponent = int(m["exp"]) if m["exp"] else 0
    if abs(exponent) > _MAX_EXPONENT:
        raise GambitError(
            token.line, f"the number {text!r} has an exponent beyond +-{_MAX_EXPONENT}"
        )
    try:
        mantissa = int(digits_int + digits_frac or "0")
    except ValueError:  # more digits than Python converts by default
        raise GambitError(token.line, f"the number {text[:40]!r}... is too long") from None
    value = Fraction(mantissa, 10 ** len(digits_frac)) * Fraction(10) ** exponent
    return -value if m["sign"] == "-" else value


# --- parsing ----------------------------------------------------------------------------


def default_blank(labels: list[str], default: list[str]) -> list[str]:
    return [label if label.strip() else default[k] for k, label in enumerate(labels)]


def deduplicate(labels: list[str]) -> list[str]:
    """Make repeated labels unique the way Gambit does: ``x`` -> ``x_1``, ``x_2``."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    out = []
    for label in labels:
        if counts[label] == 1:
            out.append(label)
            continue
        while True:
            visited[label] = visited.get(label, 0) + 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


# --- the header and the parser's token helpers -------------------------------------------


@dataclass(frozen=True)
class GambitFormat:
    """How a Gambit file of one kind opens, for the header's error messages."""

    tag: str  # "NFG" or "EFG"
    version: str  # "1" or "2"
    kind: str  # "strategic-form" or "extensive-form"
    things: str  # what two players make: "games" or "trees"
    other_tag: str  # the tag of the other kind of file
    other_message: str  # what to say when the file is of the other kind


class TokenParser:
    """A cursor over the tokens of a Gambit file, with the helpers both grammars use."""

    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def next(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind != "eof":
            self.pos += 1
        return token

    def expect(self, kind: str, what: str) -> Token:
        token = self.next()
        if token.kind != kind:
            raise GambitError(token.line, f"expected {what}, found {token.describe()}")
        return token

    def header(self, form: GambitFormat, *, more: bool = False) -> tuple[str, list[str]]:
        """Read ``TAG version R "title" { "player" "player" }``: the title and the names.

        Two names, or with ``more`` two or more.
        """
        token = self.next()
        if token.kind == "word" and token.text == form.other_tag:
            raise GambitError(token.line, form.other_message)
        if token.kind != "word" or token.text != form.tag:
            raise GambitError(
                token.line,
                f"expected the header '{form.tag} {form.version} R' of a Gambit {form.kind} "
                f"file, found {token.describe()}",
            )
        token = self.next()
        if token.kind != "word" or token.text != form.version:
            raise GambitError(
                token.line,
                f"expected the version number {form.version} after '{form.tag}', "
                f"found {token.describe()}",
            )
        token = self.next()
        if token.kind != "word" or token.text not in ("R", "D"):
            raise GambitError(
                token.line,
                f"expected 'R' after '{form.tag} {form.version}', found {token.describe()}",
            )
        title = self.expect("string", "the game's title in double quotes").text
        self.expect("{", "'{' opening the list of player names")
        players: list[str] = []
        start = self.peek().line
        while self.peek().kind == "string":
            players.append(self.next().text)
        self.expect("}", "a player name in double quotes or '}' closing the list of players")
        if more and len(players) < 2:
            names = ", ".join(repr(p) for p in players)
            raise GambitError(
                start,
                f"only two-player {form.things} or {form.things} of more players can be read, "
                f"but this file has {len(players)} player(s)" + (f" ({names})" if players else ""),
            )
        if not more and len(players) != 2:
            names = ", ".join(repr(p) for p in players)
            raise GambitError(
                start,
                f"only two-player {form.things} can be read, but this file has {len(players)} "
                f"player(s)" + (f" ({names})" if players else ""),
            )
        return title, players


def loads(parse: Callable[[str], T], text: str, source: str | None) -> T:
    """``parse(text)`` without a byte-order mark; a GambitError becomes a ValueError naming the line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return parse(text)
    except GambitError as exc:
        where = f"{source}, line {exc.line}" if source else f"line {exc.line}"
        raise ValueError(f"{where}: {exc.message}") from None


# --- writing ------------------------------------------------------------------------------


def quote(text: str) -> str:
    out = ['"']
    for k, c in enumerate(text):
        if c == '"':
            out.append('\\"')
        elif c == "\\" and (k + 1 == len(text) or text[k + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def format_payoff(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    # An irrational payoff kept as a float: the shortest decimal that reads back
    # as the same float, without an exponent.
    return np.format_float_positional(float(value), unique=True, trim="-")
