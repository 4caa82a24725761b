"""The ``negotiation`` command line: output checked against solve() and brute force."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import tempfile
from fractions import Fraction

import pytest
from hypothesis import given, settings
from strategies import games

from negotiation import BimatrixGame, __version__, format_number, solve
from negotiation.cli import build_parser, load_target, main, render_solution, solution_document
from negotiation.normal_form.classification import classify
from negotiation.normal_form.nfg import write_nfg

DATA = pathlib.Path(__file__).parent / "data"
ROOT = pathlib.Path(__file__).parent.parent


def brute_force_best_responses(game):
    """row[i][j]: row i is a best response to column j; col[i][j]: column j to row i."""
    m, n = game.shape
    A, B = game.payoff_matrices(exact=True)
    row = [[A[i][j] == max(A[k][j] for k in range(m)) for j in range(n)] for i in range(m)]
    col = [[B[i][j] == max(B[i][k] for k in range(n)) for j in range(n)] for i in range(m)]
    return row, col


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def table_cells(out, game):
    """The payoff cells printed for each row, as lists of stripped strings."""
    lines = out.splitlines()
    header = next(k for k, line in enumerate(lines) if line.startswith(game.players[0] + " \\ "))
    m, _ = game.shape
    return [
        [c.strip() for c in line.split(" | ")[1:]] for line in lines[header + 1 : header + 1 + m]
    ]


def exact_text(p):
    """How the probability lines print a probability: exactly, rounded only as an aside."""
    if isinstance(p, Fraction) and p.denominator > 1000:
        return f"{p.numerator}/{p.denominator} (about {format_number(p)})"
    return format_number(p)


def check_text_output(out, game):
    solution = solve(game)
    # Every cell, with stars exactly where brute force finds best responses.
    row_best, col_best = brute_force_best_responses(game)
    cells = table_cells(out, game)
    m, n = game.shape
    for i in range(m):
        for j in range(n):
            u, v = game.payoff(i, j)
            expected = (
                f"{format_number(u)}{'*' if row_best[i][j] else ''}, "
                f"{format_number(v)}{'*' if col_best[i][j] else ''}"
            )
            assert cells[i][j] == expected, (i, j)
    assert "* marks a best response" in out
    # Every equilibrium's exact probabilities, in solve's order (pure ones first).
    positions = []
    for e in solution.equilibria:
        x, y = e.strategies
        row_line = f"{game.players[0]}: " + ", ".join(
            f"{label} {exact_text(p)}" for label, p in zip(game.row_labels, x, strict=True)
        )
        col_line = f"{game.players[1]}: " + ", ".join(
            f"{label} {exact_text(q)}" for label, q in zip(game.col_labels, y, strict=True)
        )
        assert f"{row_line}\n     {col_line}" in out
        positions.append(out.index(e.describe()))
    assert positions == sorted(positions)
    if solution.degenerate:
        assert solution.note.split()[0] in out
        assert "Components of the set of equilibria" in out


def test_version(capsys):
    code, out, err = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"negotiation {__version__}"
    assert err == ""


def test_help_lists_solve(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "solve" in out


def test_solve_prisoners_dilemma(capsys):
    path = DATA / "prisoners_dilemma.nfg"
    code, out, err = run(capsys, "solve", str(path))
    assert code == 0
    assert err == ""
    game = load_target(str(path))
    assert out.startswith("Tariff Prisoner's Dilemma\nPlayers: Japan (rows) and US (columns)\n")
    check_text_output(out, game)
    # Independent facts about this game: Defect is dominant, so the one equilibrium is
    # (Defect, Defect), the only cell with two stars, and it is a Prisoner's Dilemma.
    assert table_cells(out, game) == [["3, 3", "0, 5*"], ["5*, 0", "1*, 1*"]]
    assert "1 equilibrium (1 pure):" in out
    assert "Class: Prisoner's Dilemma" in out


def test_solve_battle_of_the_sexes_mixed_probabilities(capsys):
    code, out, _ = run(capsys, "solve", str(DATA / "battle_of_the_sexes.nfg"))
    assert code == 0
    check_text_output(out, load_target(str(DATA / "battle_of_the_sexes.nfg")))
    # Japan mixes so that the US is indifferent: 2q = 1 - q... worked by hand,
    # Japan plays Autos first with probability 2/3 and the US with 1/3.
    assert "Japan: Autos first 2/3, Rice first 1/3" in out
    assert "US: Autos first 1/3, Rice first 2/3" in out
    assert "3 equilibria (2 pure, 1 mixed), pure ones first:" in out


def test_solve_larger_game_has_no_class(capsys):
    code, out, _ = run(capsys, "solve", str(DATA / "three_by_two.nfg"))
    assert code == 0
    check_text_output(out, load_target(str(DATA / "three_by_two.nfg")))
    assert "Class:" not in out


def test_degenerate_game_shows_note_and_components(capsys, tmp_path):
    # The column player is indifferent between her strategies against Bottom, so Row's
    # pure strategy Bottom has two best responses: a degenerate game with a segment of
    # equilibria (Bottom with any mix of Left and Right giving Top no more than Bottom).
    game = BimatrixGame([[3, 0], [1, 1]], [[1, 0], [2, 2]], title="Degenerate")
    path = tmp_path / "degenerate.nfg"
    write_nfg(game, path)
    solution = solve(game)
    assert solution.degenerate
    code, out, _ = run(capsys, "solve", str(path))
    assert code == 0
    check_text_output(out, game)
    assert "extreme equilibri" in out
    for k, component in enumerate(solution.components, start=1):
        assert f"  {k}. equilibri" in out
        if not component.is_isolated:
            assert "continuum" in out


def test_json_matches_solve(capsys):
    path = DATA / "battle_of_the_sexes.nfg"
    code, out, err = run(capsys, "solve", str(path), "--json")
    assert code == 0
    assert err == ""
    doc = json.loads(out)
    game = load_target(str(path))
    assert doc["source"] == str(path)
    assert doc["solution"] == json.loads(json.dumps(solve(game).to_dict()))
    assert doc["game"]["players"] == ["Japan", "US"]
    assert doc["game"]["payoffs"][0][1] == [0, 0]
    assert doc["game"]["payoffs"][1][1] == [1, 2]
    row_best, col_best = brute_force_best_responses(game)
    assert doc["best_responses"] == {"row": row_best, "col": col_best}
    # The textbook payoffs tie (both mismatches pay 0, 0): a boundary case of the class.
    assert doc["class"] == classify(game).name
    assert "Battle of the Sexes" in doc["class"]
    mixed = [e for e in doc["solution"]["equilibria"] if not e["pure"]]
    assert mixed[0]["row"] == {"Autos first": "2/3", "Rice first": "1/3"}


def test_json_for_larger_game_has_null_class(capsys):
    code, out, _ = run(capsys, "solve", "--json", str(DATA / "three_by_two.nfg"))
    assert code == 0
    assert json.loads(out)["class"] is None


@settings(max_examples=25)
@given(games(max_size=3))
def test_json_and_text_agree_with_solve_on_random_games(game):
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "g.nfg"
        write_nfg(game, path)
        doc = solution_document(load_target(str(path)), source=str(path))
        text = render_solution(load_target(str(path)))
    assert doc["solution"] == solve(game).to_dict()
    row_best, col_best = brute_force_best_responses(game)
    assert doc["best_responses"] == {"row": row_best, "col": col_best}
    check_text_output(text, game)


# --- errors: one line on stderr, exit status 2, no traceback ----------------------------


def assert_one_line_error(code, out, err, *fragments):
    assert code == 2
    assert out == ""
    assert err.startswith("negotiation: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


def test_missing_file(capsys, tmp_path):
    missing = tmp_path / "missing.nfg"
    assert_one_line_error(*run(capsys, "solve", str(missing)), "no such file", "missing.nfg")


def test_malformed_file(capsys, tmp_path):
    path = tmp_path / "game.nfg"
    path.write_text('NFG 1 R "t" { "A" "B" } { 2 2 }\n1 2 3 4\n5 6 7\n', encoding="utf-8")
    assert_one_line_error(
        *run(capsys, "solve", str(path)),
        "game.nfg, line 3: expected 8 payoffs (2 players x 2 x 2 strategy profiles), found 7",
    )


def test_three_player_file(capsys, tmp_path):
    path = tmp_path / "three.nfg"
    path.write_text('NFG 1 R "t" { "A" "B" "C" } { 2 2 2 }\n', encoding="utf-8")
    assert_one_line_error(*run(capsys, "solve", str(path)), "only two-player games")


def test_unknown_subcommand(capsys):
    assert_one_line_error(*run(capsys, "dance"), "invalid choice", "dance")


def test_no_command(capsys):
    assert_one_line_error(*run(capsys), "missing a command")


def test_missing_target_and_unknown_option(capsys):
    assert_one_line_error(*run(capsys, "solve"), "required")
    assert_one_line_error(*run(capsys, "solve", "x.nfg", "--frobnicate"), "--frobnicate")


def test_target_that_is_not_a_game(capsys, tmp_path):
    assert_one_line_error(*run(capsys, "solve", "tariff_stand_off"), "unknown game")
    assert_one_line_error(*run(capsys, "solve", str(tmp_path)), "is a directory")


def test_unreadable_file(capsys, tmp_path):
    path = tmp_path / "secret.nfg"
    path.write_text("NFG 1 R", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # running as root: permissions are not enforced
        pytest.skip("file permissions are not enforced for this user")
    assert_one_line_error(*run(capsys, "solve", str(path)), "cannot read", "secret.nfg")


def test_wrong_argv_type():
    with pytest.raises(TypeError, match="argv must be a list of strings"):
        main("solve pd.nfg")


def test_parser_is_extensible():
    # Issue 6 adds subcommands and solve options; each subcommand sets a handler.
    args = build_parser().parse_args(["solve", "pd.nfg"])
    assert args.command == "solve"
    assert callable(args.handler)
    assert args.target == "pd.nfg"


# --- the installed program, run for real ------------------------------------------------


def test_python_dash_m_negotiation():
    result = subprocess.run(
        [sys.executable, "-m", "negotiation", "solve", str(DATA / "battle_of_the_sexes.nfg")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Japan: Autos first 2/3, Rice first 1/3" in result.stdout

    result = subprocess.run(
        [sys.executable, "-m", "negotiation.cli", "solve", "nowhere.nfg"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "negotiation: error: no such file: 'nowhere.nfg'\n"


def test_console_script():
    script = pathlib.Path(sys.executable).parent / "negotiation"
    if not script.exists():
        pytest.skip("the negotiation console script is not installed in this environment")
    result = subprocess.run(
        [str(script), "solve", "--json", str(DATA / "prisoners_dilemma.nfg")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["class"] == "Prisoner's Dilemma"
    assert [e["pure"] for e in doc["solution"]["equilibria"]] == [True]
    version = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=120, check=False
    )
    assert version.stdout.strip() == f"negotiation {__version__}"


def test_closed_pipe_is_not_a_traceback(capsys, monkeypatch):
    # `negotiation solve game.nfg | head -1`: the reader goes away while we print.
    def closed(*args, **kwargs):
        raise BrokenPipeError

    monkeypatch.setattr("negotiation.cli.render_solution", closed)
    assert main(["solve", str(DATA / "prisoners_dilemma.nfg")]) == 1


def test_probabilities_stay_exact_with_large_denominators(capsys, tmp_path):
    # Row is indifferent when 1000 q = 9 (1 - q), so Column plays C1 with q = 9/1009
    # (worked by hand); format_number alone would round this to 0.00892.
    game = BimatrixGame([[1000, 0], [0, 9]], [[0, 1], [1, 0]])
    path = tmp_path / "g.nfg"
    write_nfg(game, path)
    code, out, _ = run(capsys, "solve", str(path))
    assert code == 0
    assert "Column: C1 9/1009 (about 0.00892), C2 1000/1009 (about 0.9911)" in out
    assert "Row: R1 1/2, R2 1/2" in out


# --- game trees (.efg) -------------------------------------------------------------------------


def test_solve_efg_json_prints_every_nash_equilibrium_in_behaviour_strategies(capsys, tmp_path):
    from negotiation.trees import nash_equilibria, write_efg
    from negotiation.trees.examples import beer_quiche

    tree = beer_quiche()
    path = tmp_path / "bq.efg"
    write_efg(tree, path)
    code, out, err = run(capsys, "solve", str(path), "--json")
    assert code == 0 and not err
    doc = json.loads(out)
    expected = nash_equilibria(tree)
    assert len(doc["equilibria"]) == len(expected) == 4
    for got, eq in zip(doc["equilibria"], expected):
        # the sender's sets have no name in the file: keyed #1, #2 as numbered there
        assert set(got["behaviour"]["Sender"]) == {"#1", "#2"}
        assert set(got["behaviour"]["Receiver"]) == {"after beer", "after quiche"}
        receiver = got["behaviour"]["Receiver"]["after quiche"]
        assert {a: Fraction(p) for a, p in receiver.items()} == eq.profile.at("after quiche")
        assert {k: Fraction(v) for k, v in got["payoffs"].items()} == dict(
            zip(tree.players, eq.payoffs)
        )
        assert {tuple(k.split("/")): Fraction(v) for k, v in got["outcome"].items()} == eq.path
        assert sum(Fraction(v) for v in got["outcome"].values()) == 1


def test_solve_efg_perfect_bayesian_json_has_beliefs_kinds_and_the_intuitive_criterion(
    capsys, tmp_path
):
    from negotiation.trees import write_efg
    from negotiation.trees.examples import beer_quiche

    path = tmp_path / "bq.efg"
    write_efg(beer_quiche(), path)
    code, out, err = run(capsys, "solve", str(path), "--perfect-bayesian", "--json")
    assert code == 0 and not err
    doc = json.loads(out)
    pure = [e for e in doc["equilibria"] if "1/2" not in json.dumps(e["behaviour"])]
    assert [e["kind"] for e in doc["equilibria"]] == ["pooling"] * 4
    assert [e["intuitive"] for e in pure] == [True, False]  # Cho and Kreps (1987)
    beer = pure[0]
    assert beer["beliefs"] == {
        "Receiver": {"after beer": {"strong/beer": "9/10", "weak/beer": "1/10"}}
    }
    assert beer["off_path_beliefs"]["Receiver"]["after quiche"]["weak/quiche"] == {
        "min": "1/2",
        "max": "1",
    }
    code, text, _ = run(capsys, "solve", str(path), "--perfect-bayesian")
    assert code == 0
    assert "Fails the intuitive criterion: beer is equilibrium-dominated for weak" in text
    assert "├─ strong [9/10] → Sender moves" in text


def test_perfect_bayesian_of_a_tree_that_is_not_a_signalling_game(capsys, tmp_path):
    # Entry deterrence has perfect information: its perfect Bayesian equilibria are its
    # subgame-perfect ones (Selten 1965): the entrant enters, the incumbent accommodates.
    from negotiation.trees import write_efg
    from negotiation.trees.examples import entry_deterrence

    path = tmp_path / "entry.efg"
    write_efg(entry_deterrence(), path)
    code, out, err = run(capsys, "solve", str(path), "--perfect-bayesian", "--json")
    assert code == 0 and not err
    (eq,) = json.loads(out)["equilibria"]
    assert eq["outcome"] == {"In/Accommodate": "1"}
    assert eq["kind"] == "other" and eq["intuitive"] is None
    code, out, err = run(capsys, "solve", str(DATA / "prisoners_dilemma.nfg"), "--perfect-bayesian")
    assert code == 2 and "--perfect-bayesian applies to game trees" in err


def test_solve_a_three_player_tree_prints_its_pure_equilibria(capsys, tmp_path):
    # Selten's horse (Selten 1975, Figure 1): two pure Nash equilibria, (C, c, R) and
    # (D, c, L); only (C, c, R) is perfect Bayesian, with player 3 believing D at most 1/3.
    from negotiation.trees import write_efg
    from negotiation.trees.examples import selten_horse

    path = tmp_path / "horse.efg"
    write_efg(selten_horse(), path)
    code, out, err = run(capsys, "solve", str(path), "--json")
    assert code == 0 and not err
    doc = json.loads(out)
    assert doc["pure_only"] is True and doc["tree"]["players"] == [
        "Player 1",
        "Player 2",
        "Player 3",
    ]
    assert [e["outcome"] for e in doc["equilibria"]] == [{"C/c": "1"}, {"D/L": "1"}]
    code, out, err = run(capsys, "solve", str(path), "--perfect-bayesian", "--json")
    assert code == 0 and not err
    (eq,) = json.loads(out)["equilibria"]
    assert eq["outcome"] == {"C/c": "1"}
    assert eq["off_path_beliefs"]["Player 3"]["after D or C, d"]["D"] == {"min": "0", "max": "1/3"}
    code, text, _ = run(capsys, "solve", str(path), "--perfect-bayesian")
    assert code == 0
    assert "1 pure weak perfect Bayesian equilibrium (3 players: mixed equilibria are not" in text


def test_malformed_efg_is_one_line_with_the_line_number(capsys, tmp_path):
    path = tmp_path / "bad.efg"
    path.write_text(
        'EFG 2 R "" { "A" "B" } ""\np "" 1 1 "" { "L" "R" } 0\np "" 2 1 "" { "l" "r" } 0\n'
        't "" 1 "" { 1, 1 }\nt "" 2 "" { 0, 0 }\np "" 2 1 "" { "x" "y" } 0\nt "" 0\nt "" 0\n'
    )
    code, out, err = run(capsys, "solve", str(path))
    assert code == 2 and not out
    assert "line 6: information set 1 of player 2 has the actions" in err
