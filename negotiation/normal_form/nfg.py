"""Reading and writing Gambit's strategic-form ``.nfg`` files.

`Gambit <https://www.gambit-project.org>`_ [McKelvey2016]_ is the standard
open-source toolbox for game theory, and its ``.nfg`` text format is how games
travel between Gambit, its game catalogue and other tools. With
:func:`read_nfg` a teacher can bring a catalogue game into a lesson, and with
:func:`write_nfg` open any of this package's games in Gambit's graphical
interface.

The format (NFG version 1, as documented in Gambit's "Game representation
formats") looks like this::

    NFG 1 R "Prisoner's Dilemma" { "Japan" "US" }
    { { "Cooperate" "Defect" } { "Cooperate" "Defect" } }
    ""
    3 3  5 0  0 5  1 1

* The header: ``NFG``, the version ``1``, the letter ``R`` (``D`` is accepted
  too), the title in double quotes and the players' names in braces.
* The strategies: either one brace list of labels per player, or just the
  number of strategies of each player, ``{ 2 2 }``; then strategies are
  labelled ``"1"``, ``"2"``, ... (Gambit's own convention).
* An optional comment in double quotes.
* The body, in one of two versions. The *payoff version* is a flat list of
  numbers: for each strategy profile, the payoff of every player in turn. The
  *outcome version* first lists outcomes, ``{ "name" 3, 3 }``, then gives one
  outcome number per profile, ``0`` meaning the null outcome in which everyone
  gets 0. In both, profiles are listed with the **first player's strategy
  varying fastest**: ``(R1, C1), (R2, C1), ..., (R1, C2), ...``. Above, Japan
  gets 5 when Japan defects and the US cooperates.

Inside double quotes every character counts; ``\\"`` stands for a quote.
Numbers may be integers, decimals (``0.25``, ``1e-3``) or fractions (``3/4``);
they are read exactly, as :class:`~fractions.Fraction`, never evaluated.

Only two-player games can be read into a :class:`~negotiation.BimatrixGame`.

Differences from Gambit worth knowing:

* Empty player names become ``"Player 1"``/``"Player 2"`` and empty strategy
  labels become the strategy's number, where Gambit would write ``"_1"``;
  repeated labels get Gambit's suffixes (``"x_1"``, ``"x_2"``).
* ``\\\\`` in a label is read as one backslash (Gambit keeps both). The writer
  doubles a backslash only before a quote, another backslash or the closing
  quote, so labels without such backslashes are written exactly as Gambit
  writes them.
* Outcome names and the comment are not kept: a
  :class:`~negotiation.BimatrixGame` has no place for them.

References
----------
.. [McKelvey2016] R. D. McKelvey, A. M. McLennan, T. L. Turocy, "Gambit:
   Software Tools for Game Theory", version 16, https://www.gambit-project.org.
"""

from __future__ import annotations

import os
from fractions import Fraction

from ..core.game import BimatrixGame
from ._gambit import (
    INTEGER,
    NUMBER_HELP,
    GambitError,
    GambitFormat,
    TokenParser,
    deduplicate,
    default_blank,
    format_payoff,
    loads,
    parse_number,
    quote,
)

__all__ = ["dumps_nfg", "loads_nfg", "read_nfg", "write_nfg"]

_NFG = GambitFormat(
    tag="NFG",
    version="1",
    kind="strategic-form",
    things="games",
    other_tag="EFG",
    other_message="this is a Gambit extensive-form (.efg) file; expected a strategic-form "
    "file starting with 'NFG 1 R'",
)


class _Parser(TokenParser):
    def parse(self) -> BimatrixGame:
        title, players = self.header(_NFG)
        row_labels, col_labels = self.strategies(players)
        if self.peek().kind == "string":
            self.next()  # the optional comment
        m, n = len(row_labels), len(col_labels)
        token = self.peek()
        if token.kind == "{":
            A, B = self.outcome_body(m, n)
        elif token.kind == "word":
            A, B = self.payoff_body(m, n)
        else:
            raise GambitError(
                token.line,
                "expected the payoffs (a list of numbers, or '{' opening a list of "
                f"outcomes), found {token.describe()}",
            )
        players = deduplicate(default_blank(players, ["Player 1", "Player 2"]))
        return BimatrixGame(
            A,
            B,
            players=players,
            row_labels=deduplicate(default_blank(row_labels, [str(k + 1) for k in range(m)])),
            col_labels=deduplicate(default_blank(col_labels, [str(k + 1) for k in range(n)])),
            title=title,
        )

    def strategies(self, players: list[str]) -> tuple[list[str], list[str]]:
        self.expect("{", "'{' opening the strategies (a list of labels or counts per player)")
        lists: list[list[str]] = []
        if self.peek().kind == "{":
            for p, name in enumerate(players):
                self.expect("{", f"'{{' opening the strategy labels of player {p + 1} ({name!r})")
                labels: list[str] = []
                while self.peek().kind == "string":
                    labels.append(self.next().text)
                token = self.expect(
                    "}",
                    f"a strategy label in double quotes or '}}' closing player {p + 1}'s list",
                )
                if not labels:
                    raise GambitError(
                        token.line,
                        f"player {p + 1} ({name!r}) has no strategies; expected at least one",
                    )
                lists.append(labels)
        else:
            for p, name in enumerate(players):
                token = self.next()
                if token.kind != "word" or not INTEGER.fullmatch(token.text):
                    raise GambitError(
                        token.line,
                        f"expected the number of strategies of player {p + 1} ({name!r}), "
                        f"found {token.describe()}",
                    )
                count = int(token.text)
                if count < 1:
                    raise GambitError(
                        token.line,
                        f"player {p + 1} ({name!r}) has {count} strategies; expected at least one",
                    )
                lists.append([str(k + 1) for k in range(count)])
        self.expect("}", f"'}}' closing the strategies ({len(players)} players)")
        return lists[0], lists[1]

    def payoff_body(self, m: int, n: int) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
        total = 2 * m * n
        expected = f"{total} payoffs (2 players x {m} x {n} strategy profiles)"
        values: list[Fraction] = []
        while len(values) < total:
            token = self.next()
            if token.kind == "eof":
                raise GambitError(token.line, f"expected {expected}, found {len(values)}")
            value = parse_number(token)
            if value is None:
                raise GambitError(
                    token.line,
                    f"expected payoff number {len(values) + 1} of {total} ({NUMBER_HELP}), "
                    f"found {token.describe()}",
                )
            values.append(value)
        self.end(f"after the {expected}")
        A = [[Fraction(0)] * n for _ in range(m)]
        B = [[Fraction(0)] * n for _ in range(m)]
        for k in range(m * n):
            i, j = k % m, k // m  # the first player's strategy varies fastest
            A[i][j], B[i][j] = values[2 * k], values[2 * k + 1]
        return A, B

    def outcome_body(self, m: int, n: int) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
        self.expect("{", "'{' opening the list of outcomes")
        outcomes: list[tuple[Fraction, Fraction]] = []
        while self.peek().kind == "{":
            self.next()
            number = len(outcomes) + 1
            self.expect("string", f"the name of outcome {number} in double quotes")
            payoffs: list[Fraction] = []
            for player in (1, 2):
                token = self.next()
                value = parse_number(token)
                if value is None:
                    raise GambitError(
                        token.line,
                        f"expected player {player}'s payoff in outcome {number} "
                        f"({NUMBER_HELP}), found {token.describe()}",
                    )
                payoffs.append(value)
                if self.peek().kind == ",":
                    self.next()
            self.expect("}", f"'}}' closing outcome {number} after its 2 payoffs")
            outcomes.append((payoffs[0], payoffs[1]))
        self.expect("}", "'{' opening another outcome or '}' closing the list of outcomes")
        K = len(outcomes)
        expected = f"{m * n} outcome numbers (one per strategy profile, {m} x {n})"
        indices: list[int] = []
        while len(indices) < m * n:
            token = self.next()
            if token.kind == "eof":
                raise GambitError(token.line, f"expected {expected}, found {len(indices)}")
            if token.kind != "word" or not INTEGER.fullmatch(token.text):
                raise GambitError(
                    token.line,
                    f"expected an outcome number from 0 to {K}, found {token.describe()}",
                )
            index = int(token.text)
            if not 0 <= index <= K:
                raise GambitError(
                    token.line,
                    f"outcome number {index} is out of range: this file defines {K} "
                    f"outcome(s), so expected 0 to {K} (0 is the null outcome, all payoffs 0)",
                )
            indices.append(index)
        self.end(f"after the {expected}")
        zero = (Fraction(0), Fraction(0))
        A = [[Fraction(0)] * n for _ in range(m)]
        B = [[Fraction(0)] * n for _ in range(m)]
        for k, index in enumerate(indices):
            i, j = k % m, k // m  # the first player's strategy varies fastest
            A[i][j], B[i][j] = outcomes[index - 1] if index else zero
        return A, B

    def end(self, where: str) -> None:
        token = self.peek()
        if token.kind != "eof":
            raise GambitError(token.line, f"expected end of file {where}, found {token.describe()}")


def _loads(text: str, source: str | None) -> BimatrixGame:
    return loads(lambda t: _Parser(t).parse(), text, source)


# --- public API -------------------------------------------------------------------------


def loads_nfg(text: str) -> BimatrixGame:
    """Read a two-player game from the text of a Gambit ``.nfg`` file.

    Parameters
    ----------
    text : str
        The file's contents, in the payoff or the outcome version of NFG 1.

    Returns
    -------
    BimatrixGame
        Player 1 is the row player. Payoffs are exact Fractions; the title,
        player names and strategy labels are kept.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If the text is not a well-formed two-player ``.nfg`` file; the message
        gives the line number and what was expected there.

    Examples
    --------
    Payoffs are listed with the first player's strategy varying fastest, so the
    third pair ``5 0`` is for (Defect, Cooperate):

    >>> pd = loads_nfg('''NFG 1 R "Prisoner's Dilemma" { "Japan" "US" }
    ... { { "Cooperate" "Defect" } { "Cooperate" "Defect" } } ""
    ... 3 3  5 0  0 5  1 1''')
    >>> pd.payoff("Defect", "Cooperate")
    (Fraction(5, 1), Fraction(0, 1))

    The outcome version, with exact fractions and decimals:

    >>> g = loads_nfg('''NFG 1 R "" { "Row" "Column" } { 2 1 }
    ... { { "" 3/4, 0.25 } { "" -1 1 } }
    ... 2 1''')
    >>> g.row_labels, g.payoff("1", "1"), g.payoff("2", "1")
    (('1', '2'), (Fraction(-1, 1), Fraction(1, 1)), (Fraction(3, 4), Fraction(1, 4)))

    >>> loads_nfg('NFG 1 R "" { "A" "B" } { 2 2 } 1 2 3 4 5 6 7')
    Traceback (most recent call last):
    ...
    ValueError: line 1: expected 8 payoffs (2 players x 2 x 2 strategy profiles), found 7
    """
    if not isinstance(text, str):
        raise TypeError(
            f"text must be the contents of a .nfg file as a str, got {type(text).__name__}"
            + (
                " (decode the bytes first, e.g. data.decode('utf-8'))"
                if isinstance(text, bytes)
                else ""
            )
        )
    return _loads(text, None)


def read_nfg(path: str | os.PathLike[str]) -> BimatrixGame:
    """Read a two-player game from a Gambit ``.nfg`` file (UTF-8 text).

    See :func:`loads_nfg` for what is read and how; error messages start with
    the file name and line number.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If the file is not a well-formed two-player ``.nfg`` file or not UTF-8 text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "mp.nfg"
    ...     write_nfg(BimatrixGame.zero_sum([[1, -1], [-1, 1]], title="Matching Pennies"), path)
    ...     read_nfg(path).title
    'Matching Pennies'
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"path must be a file path (str or pathlib.Path), got {type(path).__name__}"
        )
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8", newline="") as f:
            text = f.read()
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{name}: not UTF-8 text (byte {exc.start} cannot be decoded); save the file as UTF-8"
        ) from None
    return _loads(text, name)


def dumps_nfg(game: BimatrixGame, *, comment: str = "") -> str:
    """The game as the text of a Gambit ``.nfg`` file (payoff version, with labels).

    Parameters
    ----------
    game : BimatrixGame
        The game; the row player becomes Gambit's player 1.
    comment : str, optional
        Written as the file's comment (Gambit shows it as the game's description).

    Returns
    -------
    str
        Exact payoffs are written as integers or fractions (``3/4``); a game with
        irrational payoffs has them written as the shortest decimals that read
        back as the same floats.

    Examples
    --------
    >>> bos = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Japan", "US"),
    ...                    row_labels=("Autos", "Rice"), col_labels=("Autos", "Rice"),
    ...                    title='"Battle" of the Sexes')
    >>> print(dumps_nfg(bos))
    NFG 1 R "\\"Battle\\" of the Sexes" { "Japan" "US" }
    <BLANKLINE>
    { { "Autos" "Rice" }
      { "Autos" "Rice" }
    }
    ""
    <BLANKLINE>
    2 1
    0 0
    0 0
    1 2
    <BLANKLINE>
    >>> loads_nfg(dumps_nfg(bos)) == bos
    True
    """
    if not isinstance(game, BimatrixGame):
        raise TypeError(f"game must be a BimatrixGame, got {type(game).__name__}")
    if not isinstance(comment, str):
        raise TypeError(f"comment must be a string, got {type(comment).__name__}")
    m, n = game.shape
    players = " ".join(quote(p) for p in game.players)
    rows = " ".join(quote(s) for s in game.row_labels)
    cols = " ".join(quote(s) for s in game.col_labels)
    lines = [
        f"NFG 1 R {quote(game.title)} {{ {players} }}",
        "",
        f"{{ {{ {rows} }}",
        f"  {{ {cols} }}",
        "}",
        quote(comment),
        "",
    ]
    for j in range(n):
        for i in range(m):  # the first player's strategy varies fastest
            u, v = game.payoff(i, j)
            lines.append(f"{format_payoff(u)} {format_payoff(v)}")
    return "\n".join(lines) + "\n"


def write_nfg(game: BimatrixGame, path: str | os.PathLike[str], *, comment: str = "") -> None:
    """Write the game to a Gambit ``.nfg`` file (UTF-8), replacing any file there.

    ``read_nfg(path)`` gives back an equal game; see :func:`dumps_nfg` for the layout.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Japan", "US"))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "pd.nfg"
    ...     write_nfg(pd, path, comment="Payoffs are illustrative.")
    ...     read_nfg(path) == pd
    True
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"path must be a file path (str or pathlib.Path), got {type(path).__name__}"
        )
    text = dumps_nfg(game, comment=comment)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = text[exc.start : exc.end]
        raise ValueError(
            f"cannot write {bad!r} to {os.fspath(path)}: a label, title or comment holds a "
            "character that is not valid Unicode text (a lone surrogate)"
        ) from None
    with open(os.fspath(path), "wb") as f:
        f.write(data)
