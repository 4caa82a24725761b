"""Gambit .nfg files: reading both versions, writing, round trips and clear errors."""

from __future__ import annotations

import pathlib
import re
import tempfile
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from strategies import labelled_games

from negotiation import BimatrixGame
from negotiation.normal_form.nfg import dumps_nfg, loads_nfg, read_nfg, write_nfg

DATA = pathlib.Path(__file__).parent / "data"


# --- the order of payoffs: checked against cells written down by hand -------------------


def test_first_player_varies_fastest_payoff_version():
    # tests/data/three_by_two.nfg: Row gets i + j/10 and Column -(i + j/4) in cell (i, j),
    # counting strategies from 1, as stated in the file's comment.
    g = read_nfg(DATA / "three_by_two.nfg")
    assert g.shape == (3, 2)
    for i in range(1, 4):
        for j in range(1, 3):
            assert g.payoff(str(i), str(j)) == (i + Fraction(j, 10), -(i + Fraction(j, 4)))


def test_selten_example_from_gambit_documentation():
    # Gambit's documentation of the payoff version walks through this file (Selten 1975,
    # figure 2): after (1, 1) comes Player 1's second strategy with Player 2's first,
    # with payoffs 0 and 2, then (3, 1) with 0 and 2, then (1, 2) with 1 and 1.
    g = loads_nfg(
        'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"\n'
        '{ "Player 1" "Player 2" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n'
    )
    assert g.players == ("Player 1", "Player 2")
    assert g.row_labels == ("1", "2", "3")
    assert g.col_labels == ("1", "2")
    assert g.A_exact == ((1, 1), (0, 0), (0, 2))
    assert g.B_exact == ((1, 1), (2, 3), (2, 0))
    assert g.title == "Selten (IJGT, 75), Figure 2, normal form"

    # The same game in the outcome version, as in Gambit's documentation of that version.
    h = loads_nfg(
        'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }\n\n'
        '{\n{ "1" "2" "3" }\n{ "1" "2" }\n}\n\n'
        '{\n{ "" 1, 1 }\n{ "" 0, 2 }\n{ "" 0, 2 }\n{ "" 1, 1 }\n{ "" 0, 3 }\n{ "" 2, 0 }\n}\n'
        "1 2 3 4 5 6\n"
    )
    assert h == g


def test_outcome_and_payoff_versions_give_equal_games():
    outcome = read_nfg(DATA / "battle_of_the_sexes.nfg")
    payoff = loads_nfg(
        'NFG 1 R "Battle of the Sexes: which sector first?" { "Japan" "US" }\n'
        '{ { "Autos first" "Rice first" } { "Autos first" "Rice first" } }\n'
        "2 1  0 0  0 0  1 2\n"
    )
    assert outcome == payoff
    # Outcome 0 is the null outcome: both get 0 when they do not agree.
    assert outcome.payoff("Autos first", "Rice first") == (0, 0)
    assert outcome.payoff("Rice first", "Rice first") == (1, 2)


def test_prisoners_dilemma_file():
    g = read_nfg(DATA / "prisoners_dilemma.nfg")
    assert g.players == ("Japan", "US")
    assert g.title == "Tariff Prisoner's Dilemma"
    assert g.payoff("Defect", "Cooperate") == (5, 0)
    assert g.payoff("Cooperate", "Defect") == (0, 5)
    assert g == BimatrixGame(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("Japan", "US"),
        row_labels=("Cooperate", "Defect"),
        col_labels=("Cooperate", "Defect"),
        title="Tariff Prisoner's Dilemma",
    )


def test_gambit_layouts_are_accepted():
    # Everything on one line, braces without spaces, an outcome list without commas,
    # a trailing comma, a 'D' data type and no comment.
    g = loads_nfg('NFG 1 D "t" {"a" "b"} {{"x" "y"}{"z"}} {{"o1" 1 2,}{"o2" 3,4}} 2 1')
    assert g.row_labels == ("x", "y")
    assert g.col_labels == ("z",)
    assert g.payoff("x", "z") == (3, 4)
    assert g.payoff("y", "z") == (1, 2)


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("3", Fraction(3)),
        ("-3", Fraction(-3)),
        ("+3", Fraction(3)),
        ("3/4", Fraction(3, 4)),
        ("-6/8", Fraction(-3, 4)),
        ("0.1", Fraction(1, 10)),
        ("-.25", Fraction(-1, 4)),
        ("2.", Fraction(2)),
        ("1e3", Fraction(1000)),
        ("1.5E-2", Fraction(3, 200)),
        ("0.3333333333333333", Fraction(3333333333333333, 10**16)),
    ],
)
def test_numbers_are_read_exactly(token, value):
    g = loads_nfg(f'NFG 1 R "" {{ "A" "B" }} {{ 1 1 }} {token} 0')
    assert g.A_exact[0][0] == value
    assert isinstance(g.A_exact[0][0], Fraction)


@pytest.mark.parametrize(
    "token", ["abc", "1,5", "3/0", "1/2/3", "0x10", "1_000", "__import__('os')", "1e99999", "nan"]
)
def test_non_numbers_are_refused(token):
    with pytest.raises(ValueError, match=r"^line 1: ") as info:
        loads_nfg(f'NFG 1 R "" {{ "A" "B" }} {{ 1 1 }} {token} 0')
    message = str(info.value)
    assert "expected" in message or "divides by zero" in message or "exponent" in message


# --- writing ---------------------------------------------------------------------------


def test_written_text_is_gambit_payoff_version():
    g = BimatrixGame(
        [[Fraction(3, 4), 0], [5, 1]],
        [[3, 5], [0, Fraction(-1, 3)]],
        players=("Japan", "US"),
        row_labels=('say "no"', "Defect"),
        col_labels=("C", "D"),
        title="PD",
    )
    text = dumps_nfg(g, comment="made in a test")
    lines = text.splitlines()
    assert lines[0] == 'NFG 1 R "PD" { "Japan" "US" }'
    assert '{ { "say \\"no\\"" "Defect" }' in lines
    assert '"made in a test"' in lines
    # (R1, C1), (R2, C1), (R1, C2), (R2, C2): the first player varies fastest.
    assert lines[-4:] == ["3/4 3", "5 0", "0 5", "1 -1/3"]


def test_backslashes_round_trip():
    for label in ["a\\b", "a\\", "\\", '\\"', "a\\\\b", 'x"\\"y']:
        g = BimatrixGame([[1, 2]], [[3, 4]], row_labels=[label], title=label)
        assert loads_nfg(dumps_nfg(g)) == g, label
    # A backslash that escapes nothing is written as it is, as Gambit does.
    assert '"a\\b"' in dumps_nfg(BimatrixGame([[1]], [[1]], row_labels=["a\\b"]))


@given(labelled_games())
def test_round_trip_text(game):
    assert loads_nfg(dumps_nfg(game)) == game


@given(labelled_games(max_size=3))
def test_round_trip_file(game):
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "game.nfg"
        write_nfg(game, path)
        again = read_nfg(str(path))
    assert again == game
    assert again.exact


def test_irrational_payoffs_read_back_as_the_same_floats():
    g = BimatrixGame([[sympy.sqrt(2), 1e-5], [1e300, -1 / 3]], [[0, 1], [2, 3]])
    assert not g.exact
    again = loads_nfg(dumps_nfg(g))
    assert np.array_equal(again.A, g.A)
    assert np.array_equal(again.B, g.B)
    assert "e" not in dumps_nfg(g).split('""')[-1]  # no exponents in the payoffs


def test_data_files_round_trip(tmp_path):
    for path in sorted(DATA.glob("*.nfg")):
        g = read_nfg(path)
        write_nfg(g, tmp_path / path.name)
        assert read_nfg(tmp_path / path.name) == g


def test_labels_are_normalised_like_gambit():
    g = loads_nfg('NFG 1 R "" { "" "" } { { "x" "x" "" } { "y" "  " } } 1 2 3 4 5 6 7 8 9 10 11 12')
    assert g.players == ("Player 1", "Player 2")
    assert g.row_labels == ("x_1", "x_2", "3")
    assert g.col_labels == ("y", "2")
    g = loads_nfg('NFG 1 R "" { "A" "A" } { 1 1 } 1 2')
    assert g.players == ("A_1", "A_2")


# --- bad input -------------------------------------------------------------------------

GOOD_HEADER = 'NFG 1 R "t" { "A" "B" } { 2 2 }\n'


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("", 1, "expected the header 'NFG 1 R'"),
        ("EFG 2 R", 1, "extensive-form"),
        ("NFG 2 R", 1, "version number 1"),
        ("NFG 1 X", 1, "expected 'R'"),
        ("NFG 1 R title", 1, "title in double quotes"),
        ('NFG 1 R "unterminated { "A" "B" }', 1, "unterminated string"),
        ('NFG 1 R "t"\n{ "A" "B" "C" } { 2 2 2 }', 2, "only two-player games.*3 player"),
        ('NFG 1 R "t" { "A" } { 2 }', 1, "only two-player games.*1 player"),
        ('NFG 1 R "t" { "A" "B" } { 2 0 } 1', 1, "has 0 strategies"),
        ('NFG 1 R "t" { "A" "B" } { 2 x }', 1, "number of strategies of player 2"),
        ('NFG 1 R "t" { "A" "B" } { { "a" } { } }', 1, "player 2 .* no strategies"),
        ('NFG 1 R "t" { "A" "B" } { { "a" } { "b" }', 1, "closing the strategies"),
        (GOOD_HEADER + "1 2 3 4\n5 6 7", 3, r"expected 8 payoffs \(2 players x 2 x 2 .*found 7"),
        (GOOD_HEADER + "1 2 3 4 5 6 7 8\n9", 3, "expected end of file after the 8 payoffs"),
        (GOOD_HEADER + "1 2 3 x 5 6 7 8", 2, "payoff number 4 of 8.*found 'x'"),
        (GOOD_HEADER + "1, 2, 3, 4, 5, 6, 7, 8", 2, "payoff number 2 of 8.*found ','"),
        (GOOD_HEADER, 1, "expected the payoffs"),
        (GOOD_HEADER + '{ { "o" 1 2 } }\n1 1 1', 3, "expected 4 outcome numbers.*found 3"),
        (GOOD_HEADER + '{ { "o" 1 2 } }\n1 1 1 2', 3, "outcome number 2 is out of range.*0 to 1"),
        (GOOD_HEADER + '{ { "o" 1 2 } }\n1 1 1 -1', 3, "outcome number -1 is out of range"),
        (GOOD_HEADER + '{ { "o" 1 2 } }\n1 1 1 1.5', 3, "outcome number from 0 to 1"),
        (GOOD_HEADER + '{ { "o" 1 2 } }\n1 1 1 1 1', 3, "expected end of file after the 4"),
        (GOOD_HEADER + '{ { "o" 1 } }\n1 1 1 1', 2, "player 2's payoff in outcome 1"),
        (GOOD_HEADER + '{ { "o" 1 2 3 } }\n1 1 1 1', 2, "closing outcome 1"),
        (GOOD_HEADER + "{ { 1 2 } }\n1 1 1 1", 2, "name of outcome 1"),
        (GOOD_HEADER + '{ { "o" 1 2 }\n1 1 1 1', 3, "closing the list of outcomes"),
    ],
)
def test_malformed_text_names_line_and_expectation(text, line, expected):
    with pytest.raises(ValueError, match=rf"^line {line}: .*{expected}"):
        loads_nfg(text)


def test_errors_from_files_name_the_file(tmp_path):
    path = tmp_path / "game.nfg"
    path.write_text(GOOD_HEADER + "1 2 3 4\n5 6 7\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^.*game\.nfg, line 3: ") as info:
        read_nfg(path)
    assert str(info.value) == (
        f"{path}, line 3: expected 8 payoffs (2 players x 2 x 2 strategy profiles), found 7"
    )


def test_unterminated_string_points_at_its_start(tmp_path):
    path = tmp_path / "game.nfg"
    path.write_text('NFG 1 R "t" { "A" "B" }\n{ { "a\n\n\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"game\.nfg, line 2: unterminated string"):
        read_nfg(path)


def test_missing_file_and_wrong_types(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_nfg(tmp_path / "nope.nfg")
    with pytest.raises(TypeError, match="decode the bytes"):
        loads_nfg(b"NFG 1 R")
    with pytest.raises(TypeError, match="path must be a file path"):
        read_nfg(3)
    with pytest.raises(TypeError, match="game must be a BimatrixGame"):
        dumps_nfg([[1, 2], [3, 4]])
    with pytest.raises(TypeError, match="comment must be a string"):
        dumps_nfg(BimatrixGame([[1]], [[1]]), comment=3)
    with pytest.raises(TypeError, match="path must be a file path"):
        write_nfg(BimatrixGame([[1]], [[1]]), None)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.nfg"
    path.write_bytes('NFG 1 R "caf\u00e9" { "A" "B" } { 1 1 } 1 2'.encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin1\.nfg: not UTF-8 text"):
        read_nfg(path)


def test_lone_surrogate_cannot_be_written(tmp_path):
    g = BimatrixGame([[1]], [[1]], title="bad \ud800")
    with pytest.raises(ValueError, match="not valid Unicode"):
        write_nfg(g, tmp_path / "g.nfg")
    assert not (tmp_path / "g.nfg").exists()


def test_byte_order_mark_and_crlf_are_fine(tmp_path):
    path = tmp_path / "windows.nfg"
    path.write_bytes(b'\xef\xbb\xbfNFG 1 R "t" { "A" "B" }\r\n{ 1 1 }\r\n1 2\r\n')
    assert read_nfg(path).payoff(0, 0) == (1, 2)


# --- the lexing and header that .nfg and .efg share (negotiation/normal_form/_gambit.py) ----


@pytest.mark.parametrize(
    ("header", "nfg_says", "efg_says"),
    [
        ('XYZ 1 R "t" { "A" "B" }', "header 'NFG 1 R'", "header 'EFG 2 R'"),
        ('NFG 7 R "t" { "A" "B" }', "version number 1 after 'NFG'", "strategic-form"),
        ('EFG 7 R "t" { "A" "B" }', "extensive-form", "version number 2 after 'EFG'"),
        ('NFG 1 Q "t" { "A" "B" }', "'R' after 'NFG 1'", "strategic-form"),
        ('NFG 1 R "t" { "A" }', "two-player games", "strategic-form"),
        ('EFG 2 R "t" { "A" }', "extensive-form", "two-player trees"),
    ],
)
def test_both_readers_share_one_header_with_their_own_words(header, nfg_says, efg_says):
    from negotiation.trees.efg import loads_efg

    with pytest.raises(ValueError, match="^line 1: .*" + re.escape(nfg_says)):
        loads_nfg(header)
    with pytest.raises(ValueError, match="^line 1: .*" + re.escape(efg_says)):
        loads_efg(header)


def test_both_readers_tokenise_alike():
    from negotiation.normal_form._gambit import TokenParser, parse_number, tokenize
    from negotiation.trees.efg import loads_efg

    tokens = tokenize('NFG 1 R "a \\"quoted\\"\nline" { "x","y" } -3/4 1e-2')
    assert [(t.kind, t.text, t.line) for t in tokens] == [
        ("word", "NFG", 1),
        ("word", "1", 1),
        ("word", "R", 1),
        ("string", 'a "quoted"\nline', 1),
        ("{", "{", 2),
        ("string", "x", 2),
        (",", ",", 2),
        ("string", "y", 2),
        ("}", "}", 2),
        ("word", "-3/4", 2),
        ("word", "1e-2", 2),
        ("eof", "", 2),
    ]
    assert [parse_number(t) for t in tokens[-3:]] == [Fraction(-3, 4), Fraction(1, 100), None]
    assert TokenParser('EFG 2 R "T" { "" "A" }').header(_efg_format()) == ("T", ["", "A"])
    # both readers name the players and the title the same way from the same header
    game = loads_nfg('NFG 1 R "T" { "" "A" } { 1 1 } 0 0')
    tree = loads_efg('EFG 2 R "T" { "" "A" } t "" 1 "" { 0, 0 }')
    assert game.players == tree.players == ("Player 1", "A")
    assert game.title == tree.title == "T"


def _efg_format():
    from negotiation.trees.efg import _EFG

    return _EFG
