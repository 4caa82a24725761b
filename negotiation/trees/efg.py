"""Reading and writing game trees in Gambit's extensive-form ``.efg`` format.

`Gambit <https://www.gambit-project.org>`_ [McKelvey2016]_ draws and solves game
trees; with :func:`write_efg` any tree of this package opens there, and with
:func:`read_efg` a tree drawn in Gambit (or taken from its catalogue) comes
into a lesson. Only the part of the format that this package's trees can hold
is read: two or more players, chance nodes, information sets.

The format (EFG version 2, Gambit's "Game representation formats") lists the
nodes in preorder, one per line by convention::

    EFG 2 R "Entry deterrence" { "Entrant" "Incumbent" }
    ""

    p "" 1 1 "" { "Out" "In" } 0
    t "" 1 "" { 1, 5 }
    p "" 2 1 "" { "Fight" "Accommodate" } 0
    t "" 2 "" { -1, -1 }
    t "" 3 "" { 2, 2 }

* The header: ``EFG 2 R``, the title, the players' names in braces, and an
  optional comment.
* A personal node: ``p``, the node's name, the player's number (from 1), the
  information set's number, then (the first time the information set appears)
  its name and its actions in braces, then an outcome.
* A chance node: ``c``, the node's name, the information set's number, its name
  and its actions, each followed by its probability, then an outcome.
* A terminal node: ``t``, the node's name and an outcome.
* An outcome is a number (``0`` for none); the first time a number appears
  it is followed by the outcome's name and the payoffs in braces. An outcome
  at a non-terminal node adds its payoffs to every leaf below it.

Numbers may be integers, decimals or fractions (``3/4``) and are read exactly,
never evaluated. An information set holding two nodes of a player means the
player cannot tell them apart (imperfect information); its name becomes the
label of the tree's information set, or ``#N`` (its number in the file) when it
has none. Empty action labels become their position (``"1"``,
``"2"``) and repeated ones get Gambit's suffixes, as in :mod:`negotiation.normal_form.nfg`.

Every tree with rational payoffs comes back equal:
``loads_efg(dumps_efg(tree)) == tree``.

References
----------
.. [McKelvey2016] R. D. McKelvey, A. M. McLennan, T. L. Turocy, "Gambit:
   Software Tools for Game Theory", version 16, https://www.gambit-project.org.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fractions import Fraction

from ..normal_form._gambit import (
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
from .nodes import Chance, Decision, Node, Terminal
from .tree import GameTree

__all__ = ["dumps_efg", "loads_efg", "read_efg", "write_efg"]

_Error = GambitError  # a parse error at a line (shared with the .nfg reader)

_EFG = GambitFormat(
    tag="EFG",
    version="2",
    kind="extensive-form",
    things="trees",
    other_tag="NFG",
    other_message="this is a Gambit strategic-form (.nfg) file; expected an extensive-form file "
    "starting with 'EFG 2 R' (use negotiation.normal_form.nfg.read_nfg for .nfg files)",
)


@dataclass
class _Record:
    kind: str  # "c", "p" or "t"
    line: int
    name: str | None
    player: int = 0
    iset: int = 0
    actions: list[str] = field(default_factory=list)
    probs: list[Fraction] = field(default_factory=list)
    payoffs: tuple[Fraction, ...] = ()  # accumulated on the path
    children: list[_Record] = field(default_factory=list)


@dataclass
class _SetInfo:
    """A player's information set as the file declares it."""

    name: str
    actions: list[str]
    line: int  # where it first appears
    count: int = 1  # how many nodes it holds


class _Parser(TokenParser):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.outcomes: dict[int, tuple[tuple[Fraction, ...], int]] = {}
        self.n = 2  # the number of players, from the header
        self.player_sets: dict[tuple[int, int], _SetInfo] = {}
        self.chance_sets: dict[int, tuple[list[str], list[Fraction], int]] = {}

    def integer(self, what: str) -> tuple[int, int]:
        token = self.next()
        if token.kind != "word" or not token.text.isdigit():
            raise _Error(token.line, f"expected {what} (a whole number), found {token.describe()}")
        return int(token.text), token.line

    # --- grammar --------------------------------------------------------------------------
    def parse(self) -> GameTree:
        title, names = self.header(_EFG, more=True)
        self.n = len(names)
        players = tuple(
            deduplicate(default_blank(names, [f"Player {k + 1}" for k in range(len(names))]))
        )
        if self.peek().kind == "string":
            self.next()  # the optional comment
        root = self.record(None)
        stack = [root] if root.kind != "t" else []
        expected = {id(root): len(root.actions)}
        while stack:
            top = stack[-1]
            if len(top.children) == expected[id(top)]:
                stack.pop()
                continue
            if self.peek().kind == "eof":
                missing = expected[id(top)] - len(top.children)
                raise _Error(
                    self.peek().line,
                    f"the file ends too early: the node on line {top.line} has "
                    f"{expected[id(top)]} actions, but only {len(top.children)} of its children "
                    f"are listed ({missing} missing)",
                )
            rec = self.record(top)
            top.children.append(rec)
            if rec.kind != "t":
                expected[id(rec)] = len(rec.actions)
                stack.append(rec)
        token = self.peek()
        if token.kind != "eof":
            raise _Error(
                token.line,
                f"expected the end of the file after the last node of the tree, found "
                f"{token.describe()}",
            )
        return GameTree(players, _build(root, players, _set_labels(self.player_sets)), title=title)

    def record(self, parent: _Record | None) -> _Record:
        token = self.next()
        if token.kind != "word" or token.text not in ("c", "p", "t"):
            raise _Error(
                token.line,
                "expected a node: 'p' (a player's move), 'c' (a chance move) or 't' (an end "
                f"of the game), found {token.describe()}",
            )
        kind, line = token.text, token.line
        name = self.expect("string", f"the node's name in double quotes after '{kind}'").text
        rec = _Record(kind, line, name or None)
        if kind == "p":
            numbers = "1 or 2" if self.n == 2 else f"1 to {self.n}"
            player, pline = self.integer(f"the number of the player who moves ({numbers})")
            if not 1 <= player <= self.n:
                raise _Error(pline, f"player number {player} is out of range; expected {numbers}")
            rec.player = player
            iset, iline = self.integer("the information set's number")
            rec.iset = iset
            known = self.player_sets.get((player, iset))
            if self.peek().kind == "string":
                set_name = self.next().text
                actions = self.labels(line, with_probs=False)[0]
                if known is None:
                    self.player_sets[(player, iset)] = _SetInfo(set_name, actions, line)
                else:
                    if known.actions != actions:
                        raise _Error(
                            iline,
                            f"information set {iset} of player {player} has the actions "
                            f"{known.actions} on line {known.line} but {actions} here; the nodes "
                            f"of an information set offer the same actions",
                        )
                    known.count += 1
            elif known is not None:
                actions = list(known.actions)
                known.count += 1
            else:
                raise _Error(
                    self.peek().line,
                    f"expected the name and actions of information set {iset} of player "
                    f"{player} (it appears here for the first time), found {self.peek().describe()}",
                )
            rec.actions = actions
        elif kind == "c":
            iset, iline = self.integer("the chance information set's number")
            if self.peek().kind == "string":
                self.next()
                actions, probs = self.labels(line, with_probs=True)
                if iset in self.chance_sets:
                    old_a, old_p, first = self.chance_sets[iset]
                    if (old_a, old_p) != (actions, probs):
                        raise _Error(
                            iline,
                            f"chance information set {iset} was declared differently on line "
                            f"{first}; a repeated declaration must match exactly",
                        )
                else:
                    self.chance_sets[iset] = (actions, probs, line)
            elif iset in self.chance_sets:
                actions, probs, _ = self.chance_sets[iset]
            else:
                raise _Error(
                    iline,
                    f"chance information set {iset} appears for the first time, so its name and "
                    f"actions with probabilities are expected, found {self.peek().describe()}",
                )
            rec.actions, rec.probs = list(actions), list(probs)
        own = self.outcome()
        base = parent.payoffs if parent is not None else (Fraction(0),) * self.n
        rec.payoffs = tuple(b + o for b, o in zip(base, own, strict=True))
        return rec

    def labels(self, line: int, with_probs: bool) -> tuple[list[str], list[Fraction]]:
        what = "chance actions, each followed by its probability" if with_probs else "action labels"
        self.expect("{", f"'{{' opening the {what}")
        labels: list[str] = []
        probs: list[Fraction] = []
        while self.peek().kind == "string":
            labels.append(self.next().text)
            if with_probs:
                token = self.next()
                value = parse_number(token)
                if value is None:
                    raise _Error(
                        token.line,
                        f"expected the probability of the chance action {labels[-1]!r} (a number "
                        f"such as 1/2 or 0.25), found {token.describe()}",
                    )
                if not 0 <= value <= 1:
                    raise _Error(
                        token.line,
                        f"the probability of {labels[-1]!r} is {token.text}; probabilities must "
                        f"be between 0 and 1",
                    )
                probs.append(value)
            if self.peek().kind == ",":
                self.next()
        token = self.expect("}", f"an action label in double quotes or '}}' closing the {what}")
        if not labels:
            raise _Error(
                token.line, "this node has no actions; a node that is not a leaf needs at least one"
            )
        if with_probs and sum(probs) != 1:
            shown = ", ".join(str(p) for p in probs)
            raise _Error(
                line,
                f"the chance probabilities add up to {sum(probs)} ({shown}), expected 1",
            )
        labels = deduplicate(default_blank(labels, [str(k + 1) for k in range(len(labels))]))
        return labels, probs

    def outcome(self) -> tuple[Fraction, ...]:
        number, line = self.integer("the outcome's number (0 for none)")
        token = self.peek()
        has_description = token.kind == "{" or token.kind == "string"
        if number == 0:
            if has_description and token.kind == "{":
                raise _Error(token.line, "outcome 0 (no outcome) cannot have payoffs")
            return (Fraction(0),) * self.n
        if not has_description:
            if number not in self.outcomes:
                raise _Error(
                    line,
                    f"outcome {number} appears for the first time, so its name and payoffs are "
                    f"expected, found {token.describe()}",
                )
            return self.outcomes[number][0]
        if token.kind == "string":
            self.next()
        self.expect("{", f"'{{' opening the payoffs of outcome {number}")
        values: list[Fraction] = []
        while self.peek().kind != "}":
            token = self.next()
            if token.kind == ",":
                continue
            value = parse_number(token)
            if value is None:
                raise _Error(
                    token.line,
                    f"expected a payoff of outcome {number} (an integer, decimal or fraction), "
                    f"found {token.describe()}",
                )
            values.append(value)
        self.next()
        if len(values) != self.n:
            raise _Error(
                line,
                f"outcome {number} has {len(values)} payoffs, expected {self.n} (one per player)",
            )
        payoffs = tuple(values)
        if number in self.outcomes and self.outcomes[number][0] != payoffs:
            raise _Error(
                line,
                f"outcome {number} was declared with other payoffs on line "
                f"{self.outcomes[number][1]}; a repeated declaration must match exactly",
            )
        self.outcomes.setdefault(number, (payoffs, line))
        return payoffs


def _set_labels(sets: dict[tuple[int, int], _SetInfo]) -> dict[tuple[int, int], str | None]:
    """Each information set's label: its name, ``#N`` (its number) when it has none.

    A set of one node without a name is a node the player knows (``None``); a name
    that two sets of one player share gets the number too, so sets stay apart.
    """
    named: dict[tuple[int, str], int] = {}
    for (player, _), info in sets.items():
        if info.name:
            named[(player, info.name)] = named.get((player, info.name), 0) + 1
    labels: dict[tuple[int, int], str | None] = {}
    for (player, number), info in sets.items():
        text = info.name
        if not text:
            labels[(player, number)] = None if info.count == 1 else f"#{number}"
        elif named[(player, text)] > 1:
            labels[(player, number)] = f"{text} #{number}"
        else:
            labels[(player, number)] = text
    return labels


def _build(
    root: _Record, players: tuple[str, ...], labels: dict[tuple[int, int], str | None]
) -> Node:
    order: list[_Record] = []
    stack = [root]
    while stack:
        rec = stack.pop()
        order.append(rec)
        stack.extend(rec.children)
    built: dict[int, Node] = {}
    for rec in reversed(order):  # children before parents
        node: Node
        if rec.kind == "t":
            node = Terminal(rec.payoffs, rec.name)
        elif rec.kind == "p":
            kids = tuple(built[id(c)] for c in rec.children)
            node = Decision(
                players[rec.player - 1],
                tuple(rec.actions),
                kids,
                rec.name,
                labels[(rec.player, rec.iset)],
            )
        else:
            kids = tuple(built[id(c)] for c in rec.children)
            node = Chance(tuple(rec.actions), tuple(rec.probs), kids, rec.name)
        built[id(rec)] = node
    return built[id(root)]


def _loads(text: str, source: str | None) -> GameTree:
    return loads(lambda t: _Parser(t).parse(), text, source)


def loads_efg(text: str) -> GameTree:
    """Read a game tree from the text of a Gambit ``.efg`` file.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If the text is not a well-formed two-player ``.efg`` file with perfect
        information; the message gives the line and what was expected there.

    Examples
    --------
    >>> tree = loads_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
    ... p "" 1 1 "" { "Out" "In" } 0
    ... t "" 1 "" { 1, 5 }
    ... p "" 2 1 "" { "Fight" "Accommodate" } 0
    ... t "" 2 "" { -1, -1 }
    ... t "" 3 "" { 2, 2 }''')
    >>> tree.node(("In", "Accommodate")).payoffs
    (Fraction(2, 1), Fraction(2, 1))

    Player 2 cannot tell player 1's moves apart (one information set, named "guess"):

    >>> tree = loads_efg('''EFG 2 R "" { "A" "B" } ""
    ... p "" 1 1 "" { "L" "R" } 0
    ... p "" 2 1 "guess" { "l" "r" } 0
    ... t "" 1 "" { 1, -1 }
    ... t "" 2 "" { -1, 1 }
    ... p "" 2 1 "guess" { "l" "r" } 0
    ... t "" 3 "" { -1, 1 }
    ... t "" 4 "" { 1, -1 }''')
    >>> tree.information_set(("R",)).nodes
    (('L',), ('R',))
    >>> loads_efg('''EFG 2 R "" { "A" "B" } ""
    ... p "" 1 1 "" { "L" "R" } 0
    ... p "" 2 1 "" { "l" "r" } 0
    ... t "" 1 "" { 1, 1 }
    ... t "" 2 "" { 0, 0 }
    ... p "" 2 1 "" { "x" "y" } 0''')
    Traceback (most recent call last):
    ...
    ValueError: line 6: information set 1 of player 2 has the actions ['l', 'r'] on line 3 but ['x', 'y'] here; the nodes of an information set offer the same actions
    """
    if not isinstance(text, str):
        raise TypeError(
            f"text must be the contents of a .efg file as a str, got {type(text).__name__}"
            + (
                " (decode the bytes first, e.g. data.decode('utf-8'))"
                if isinstance(text, bytes)
                else ""
            )
        )
    return _loads(text, None)


def read_efg(path: str | os.PathLike[str]) -> GameTree:
    """Read a game tree from a Gambit ``.efg`` file (UTF-8 text).

    As a convenience, a string that starts with ``EFG`` and contains a line
    break or a brace is taken to be the file's text rather than its name, so
    ``read_efg(write_efg(tree))`` works too; :func:`loads_efg` is the explicit form.

    See :func:`loads_efg` for what is read; error messages start with the file name and line.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision
    >>> tree = GameTree(("A", "B"), decision("A", {"L": (1, 0), "R": (0, 1)}), title="Tiny")
    >>> read_efg(write_efg(tree)) == tree
    True
    """
    if isinstance(path, str):
        stripped = path.lstrip("\ufeff \t\r\n")
        if stripped.startswith("EFG") and ("\n" in path or "{" in path):
            return _loads(path, None)
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


def dumps_efg(tree: GameTree, *, comment: str = "") -> str:
    """The tree as the text of a Gambit ``.efg`` file.

    Each player node gets its own information set (perfect information), each
    leaf its own outcome; node names are kept. Exact numbers are written as
    integers or fractions.

    Raises
    ------
    ValueError
        If a payoff or probability still has a parameter (Gambit files hold
        numbers only); the message names the node.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision, chance
    >>> tree = GameTree(("Japan", "US"), decision("Japan", {
    ...     "Accept": (0, 2),
    ...     "Retaliate": chance({"Escalation": (0.25, (-2, -2)), "Talks": (0.75, (1, 0))}),
    ... }), title="Retaliation")
    >>> print(dumps_efg(tree))
    EFG 2 R "Retaliation" { "Japan" "US" }
    ""
    <BLANKLINE>
    p "" 1 1 "" { "Accept" "Retaliate" } 0
    t "" 1 "" { 0, 2 }
    c "" 1 "" { "Escalation" 1/4 "Talks" 3/4 } 0
    t "" 2 "" { -2, -2 }
    t "" 3 "" { 1, 0 }
    <BLANKLINE>
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"tree must be a GameTree, got {type(tree).__name__}")
    if not isinstance(comment, str):
        raise TypeError(f"comment must be a string, got {type(comment).__name__}")
    tree.require_numeric("writing a .efg file")
    players = " ".join(quote(p) for p in tree.players)
    lines = [f"EFG 2 R {quote(tree.title)} {{ {players} }}", quote(comment), ""]
    numbers: dict[int, int] = {}  # information set index -> its number for its player
    isets = [0] * len(tree.players)
    chance_sets = 0
    outcomes = 0
    for k, node in enumerate(tree._nodes):
        name = quote(node.name or "")
        if tree._kind[k] == GameTree.TERMINAL:
            outcomes += 1
            pay = ", ".join(format_payoff(v) for v in tree._payoffs[k])
            lines.append(f"t {name} {outcomes} {quote('')} {{ {pay} }}")
        elif tree._kind[k] == GameTree.DECISION:
            i = tree._owner[k]
            h = tree._iset[k]
            if h not in numbers:
                isets[i] += 1
                numbers[h] = isets[i]
            label = quote(tree._isets[h].label or "")
            acts = " ".join(quote(a) for a in tree._actions[k])
            lines.append(f"p {name} {i + 1} {numbers[h]} {label} {{ {acts} }} 0")
        else:
            chance_sets += 1
            acts = " ".join(
                f"{quote(a)} {format_payoff(p)}"
                for a, p in zip(tree._actions[k], tree._probs[k], strict=True)
            )
            lines.append(f"c {name} {chance_sets} {quote('')} {{ {acts} }} 0")
    return "\n".join(lines) + "\n"


def write_efg(
    tree: GameTree, path: str | os.PathLike[str] | None = None, *, comment: str = ""
) -> str:
    """Write the tree to a Gambit ``.efg`` file (UTF-8) and return the text.

    With ``path=None`` nothing is written; the text is only returned (as
    :func:`dumps_efg` does).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from negotiation.trees import GameTree, decision
    >>> tree = GameTree(("A", "B"), decision("A", {"L": (1, 0), "R": (0, 1)}))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "tiny.efg"
    ...     _ = write_efg(tree, path)
    ...     read_efg(path) == tree
    True
    """
    text = dumps_efg(tree, comment=comment)
    if path is None:
        return text
    if not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"path must be a file path (str or pathlib.Path), got {type(path).__name__}"
        )
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
    return text
