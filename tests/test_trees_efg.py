"""Gambit .efg files: reading, writing and refusing malformed files (negotiation.trees.efg).

The format follows Gambit's documentation, "Game representation formats", section
"The extensive game (.efg) file format" (McKelvey, McLennan and Turocy, Gambit 16).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import sympy

from negotiation.trees import GameTree, decision, dumps_efg, leaf, loads_efg, read_efg, write_efg
from negotiation.trees.examples import centipede, treasury_card, ultimatum

F = Fraction
DATA = Path(__file__).parent / "data"


def test_reads_the_treasury_card_file():
    tree = read_efg(DATA / "treasury_card.efg")
    assert tree == treasury_card()


def test_writes_what_gambit_writes():
    expected = (DATA / "treasury_card.efg").read_text(encoding="utf-8")
    comment = "Stylized payoffs (Japan, US); see negotiation.trees.examples.treasury_card"
    assert dumps_efg(treasury_card(), comment=comment) == expected


def test_reads_gambit_features():
    # Outcomes at non-terminal nodes add to every payoff below them; an outcome
    # number given again without payoffs reuses them; decimals are exact; empty
    # labels become their position and repeated ones get Gambit's suffixes.
    tree = read_efg(DATA / "gambit_features.efg")
    assert tree.title == 'Features of Gambit files: "quotes", stage payoffs, shared outcomes'
    assert tree.players == ("Row", "Column")
    assert tree.node(()).name == "start"
    assert tree.node(("Good",)).name == "good state"
    assert tree.node(("Good", "Up", "left")).payoffs == (F(9), F(2))
    assert tree.node(("Good", "Up", "right")).payoffs == (F(-1), F(10))
    assert tree.node(("Good", "Down")).payoffs == (F(-1), F(10))
    assert tree.node(("Bad",)).actions == ("1", "2")
    assert tree.node(("Bad",)).probabilities == (F(1, 3), F(2, 3))
    assert tree.node(("Bad", "1")).actions == ("Up_1", "Up_2")
    assert tree.node(("Bad", "1", "Up_1")).payoffs == (F(1, 2), F(-1, 4))
    assert tree.node(("Bad", "1", "Up_2")).payoffs == (F(9), F(2))
    assert tree.node(("Bad", "2")).payoffs == (F(-1), F(0))


@pytest.mark.parametrize(
    "tree",
    [treasury_card(), ultimatum(3), centipede(5)],
    ids=["treasury", "ultimatum", "centipede"],
)
def test_round_trip_through_a_file(tmp_path, tree):
    path = tmp_path / "tree.efg"
    text = write_efg(tree, path)
    assert path.read_text(encoding="utf-8") == text
    assert read_efg(path) == tree
    assert read_efg(str(path)) == tree


def test_round_trip_keeps_names_titles_and_odd_labels():
    tree = GameTree(
        ('Player "one"', "Two\\"),
        decision(
            'Player "one"',
            {'say "hi"': leaf(1, F(1, 3), name="a\\b"), "back\\slash": (F(-7, 2), 0.25)},
            name="root node",
        ),
        title='A "quoted" title',
    )
    assert loads_efg(dumps_efg(tree)) == tree


def test_writing_a_symbolic_tree_names_the_node():
    c = sympy.Symbol("c")
    tree = GameTree(("A", "B"), decision("A", {"x": (c, 0), "y": (0, 0)}))
    with pytest.raises(ValueError, match=r"writing a .efg file needs numbers.*\('x',\).*c=\.\.\."):
        dumps_efg(tree)


def test_type_errors():
    with pytest.raises(TypeError, match="decode the bytes first"):
        loads_efg(b"EFG 2 R")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tree must be a GameTree"):
        dumps_efg("tree")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path must be a file path"):
        read_efg(3)  # type: ignore[arg-type]


def test_a_missing_file():
    with pytest.raises(FileNotFoundError):
        read_efg(DATA / "no such file.efg")


def test_errors_in_a_file_name_the_file_and_line(tmp_path):
    path = tmp_path / "bad.efg"
    path.write_text('EFG 2 R "" { "A" "B" }\n\np "" 1 1 "" { "x" } 0\nt "" 1 "" { 1 }\n')
    with pytest.raises(ValueError, match=r"bad\.efg, line 4: outcome 1 has 1 payoffs, expected 2"):
        read_efg(path)


HEAD = 'EFG 2 R "" { "A" "B" } ""\n'


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            'NFG 1 R "" { "A" "B" } { 2 2 }',
            r"line 1: this is a Gambit strategic-form \(.nfg\) file",
        ),
        ("EFG 3 R", r"line 1: expected the version number 2 after 'EFG', found '3'"),
        # Trees hold two or more players (Gambit's format holds any number); one is too few.
        (
            'EFG 2 R "" { "A" }',
            r"line 1: only two-player trees or trees of more players .* 1 player",
        ),
        (HEAD + 'x "" 1', r"line 2: expected a node: 'p' \(a player's move\), 'c'"),
        (
            HEAD + 'p "" 1 1 "" { "L" "R" } 0\nt "" 1 "" { 1, 1 }',
            r"line 3: the file ends too early: the node on line 2 has 2 actions, but only 1",
        ),
        (
            HEAD + 'p "" 3 1 "" { "L" } 0',
            r"line 2: player number 3 is out of range; expected 1 or 2",
        ),
        (HEAD + 't "" 1 "" { 1, one }', r"line 2: expected a payoff of outcome 1 .* found 'one'"),
        (HEAD + 't "" 1 "" { 1, 1/0 }', r"line 2: the fraction '1/0' divides by zero"),
        (HEAD + 't "" 1 "" { 1, 2, 3 }', r"line 2: outcome 1 has 3 payoffs, expected 2"),
        (
            HEAD + 'p "" 1 1 "" { "L" "R" } 0\nt "" 1\nt "" 0',
            r"line 3: outcome 1 appears for the first time, so its name and payoffs are expected",
        ),
        (
            HEAD + 'c "" 1 "" { "a" 1/2 "b" 0.4 } 0\nt "" 0\nt "" 0',
            r"line 2: the chance probabilities add up to 9/10 \(1/2, 2/5\), expected 1",
        ),
        (
            HEAD + 'c "" 1 "" { "a" -1/2 "b" 3/2 } 0',
            r"line 2: the probability of 'a' is -1/2; probabilities must be between 0 and 1",
        ),
        (
            HEAD + 'p "" 1 1 "" { "L" "R" } 0\np "" 2 1 "" { "l" "r" } 0\nt "" 0\nt "" 0\n'
            'p "" 2 1 "" { "x" "y" } 0\nt "" 0\nt "" 0',
            r"line 6: information set 1 of player 2 has the actions \['l', 'r'\] on line 3 but "
            r"\['x', 'y'\] here",
        ),
        (
            HEAD + 'p "" 1 1 "" { } 0',
            r"line 2: this node has no actions; a node that is not a leaf needs at least one",
        ),
        (HEAD + 't "" 1 "" { 1, 1 }\nt "" 2 "" { 0, 0 }', r"line 3: expected the end of the file"),
        (HEAD + 't "unterminated 1 "" { 1, 1 }', r"line 2: unterminated string"),
        (HEAD + 'p "" 1 1 0', r"line 2: expected the name and actions of information set 1"),
        (
            HEAD + 'c "" 1 "" { "a" 1 } 0\nc "" 1 "" { "a" 1/2 "b" 1/2 } 0\nt "" 0\nt "" 0',
            r"line 3: chance information set 1 was declared differently on line 2",
        ),
        (
            HEAD + 'p "" 1 1 "" { "L" "R" } 0\nt "" 1 "" { 1, 1 }\nt "" 1 "" { 2, 2 }',
            r"line 4: outcome 1 was declared with other payoffs on line 3",
        ),
    ],
    ids=[
        "nfg-file",
        "version",
        "one-player",
        "bad-node-type",
        "truncated",
        "player-number",
        "not-a-number",
        "zero-denominator",
        "payoff-count",
        "unknown-outcome",
        "probabilities-not-one",
        "negative-probability",
        "information-set-actions-differ",
        "no-actions",
        "trailing-text",
        "unterminated-string",
        "missing-information-set",
        "chance-set-redeclared",
        "outcome-redeclared",
    ],
)
def test_malformed_files_are_refused_with_the_line(text, match):
    with pytest.raises(ValueError, match=match):
        loads_efg(text)


def test_chance_information_sets_may_be_shared():
    # Gambit lets chance nodes share an information set (same actions and
    # probabilities); that is no loss of information for the players.
    text = HEAD + (
        'c "" 1 "" { "h" 1/2 "t" 1/2 } 0\n'
        'c "" 2 "" { "x" 1/4 "y" 3/4 } 0\nt "" 1 "" { 1, 0 }\nt "" 2 "" { 0, 1 }\n'
        'c "" 2 0\nt "" 1\nt "" 2\n'
    )
    tree = loads_efg(text)
    assert tree.node(("t",)).probabilities == (F(1, 4), F(3, 4))
    assert tree.node(("t", "y")).payoffs == (F(0), F(1))
