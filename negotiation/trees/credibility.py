"""Credible threats: would a player carry out a threat when the moment came?

A threat is a plan to do something that hurts the other side, if they do not
do what you want. It is **credible** when carrying it out would be in your own
interest at the moment it is due: when the node is reached, the threatened
action must be a best choice given how the game continues (subgame-perfect play
afterwards) [Selten1965]_. Japan's threat to sell US Treasuries if the US keeps
its tariffs is credible only if selling is better for Japan, at that point,
than not selling; selling costs Japan losses on its holdings and a stronger
yen, so that depends on how large those costs are.

With symbolic payoffs, :func:`credibility` returns the *condition* on the
parameters under which the threat is credible, solved for one parameter when
it can be:

>>> import sympy
>>> from negotiation.trees import GameTree, decision, credibility
>>> cost = sympy.Symbol("selling_cost", positive=True)
>>> tree = GameTree(("Japan", "US"), decision("US", {
...     "Hold": decision("Japan", {"Sell": (2 - 5 * cost, -4), "Don't sell": (1, 3)}),
...     "Back down": (3, 1),
... }))
>>> c = credibility(tree, ("Hold",), "Sell")
>>> c.condition
selling_cost <= 1/5
>>> c.holds(selling_cost=0.1), c.holds(selling_cost=0.3)
(True, False)

A threat too costly to carry out can still work if it leaves something to
chance: see :mod:`negotiation.trees.brinkmanship`.

References
----------
.. [Selten1965] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121,
   301-324 and 667-689, 1965.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

from ..core._numbers import format_number, to_exact
from ._backward import NumericTree, ValueSet, slow, value_sets
from .nodes import Path, format_path, to_sympy
from .tree import GameTree

__all__ = ["MAX_REGIMES", "Credibility", "credibility"]

#: The most cases (combinations of which action is optimal below a node) the symbolic analysis explores.
MAX_REGIMES = 4_096

Regime = tuple[Any, tuple[Any, ...]]  # (condition on the parameters, value vector)


# --- symbolic backward induction ----------------------------------------------------------


def _ge(a: Any, b: Any, strict: bool = False) -> Any:
    import sympy

    d = sympy.expand(a - b)
    return sympy.Gt(d, 0) if strict else sympy.Ge(d, 0)


def _regimes(tree: GameTree, root: int) -> list[list[Regime] | None]:
    """For each node below ``root``: the cases (condition, value) of subgame-perfect play.

    In every parameter region the conditions that hold give exactly the values of
    the subgame-perfect continuations there (ties included, as the conditions use ``>=``).
    """
    import sympy

    kind, children = tree._kind, tree._children
    end = root + 1
    stack = [root]
    while stack:  # find where the subtree of root ends in preorder
        k = stack.pop()
        end = max(end, k + 1)
        stack.extend(children[k])
    out: list[list[Regime] | None] = [None] * len(kind)
    for k in range(end - 1, root - 1, -1):
        if kind[k] == GameTree.TERMINAL:
            out[k] = [(sympy.true, tuple(to_sympy(v) for v in tree._payoffs[k]))]
            continue
        sets: list[list[Regime]] = [out[c] for c in children[k]]  # type: ignore[misc]
        size = 1
        for s in sets:
            size *= len(s)
        if size > MAX_REGIMES:
            raise ValueError(
                f"the symbolic analysis below the node at {format_path(tree._paths[k])} has "
                f"{size:,} cases to combine (more than {MAX_REGIMES:,}); substitute some "
                f"parameter values first with tree.at(...)"
            )
        result: list[Regime] = []
        if kind[k] == GameTree.CHANCE:
            probs = [to_sympy(p) for p in tree._probs[k]]
            for combo in product(*sets):
                cond = sympy.And(*(c for c, _ in combo))
                if cond is sympy.false:
                    continue
                vec = tuple(
                    sympy.expand(
                        sum(
                            (p * v[j] for p, (_, v) in zip(probs, combo, strict=True)),
                            sympy.Integer(0),
                        )
                    )
                    for j in range(len(tree.players))
                )
                result.append((cond, vec))
        else:
            i = tree._owner[k]
            for a in range(len(sets)):
                for combo in product(*sets):
                    va = combo[a][1]
                    cond = sympy.And(
                        *(c for c, _ in combo),
                        *(_ge(va[i], w[i]) for b, (_, w) in enumerate(combo) if b != a),
                    )
                    if cond is not sympy.false:
                        result.append((cond, va))
        out[k] = result
    return out


def _domain(symbol: Any) -> Any:
    import sympy

    if symbol.is_positive:
        return sympy.Interval.open(0, sympy.oo)
    if symbol.is_nonnegative:
        return sympy.Interval(0, sympy.oo)
    if symbol.is_negative:
        return sympy.Interval.open(-sympy.oo, 0)
    if symbol.is_nonpositive:
        return sympy.Interval(-sympy.oo, 0)
    return sympy.S.Reals


def _to_set(cond: Any, s: Any) -> Any:
    import sympy

    if cond is sympy.true:
        return sympy.S.Reals
    if cond is sympy.false:
        return sympy.S.EmptySet
    if isinstance(cond, sympy.And):
        out = sympy.S.Reals
        for arg in cond.args:
            out = out.intersect(_to_set(arg, s))
        return out
    if isinstance(cond, sympy.Or):
        out = sympy.S.EmptySet
        for arg in cond.args:
            out = out.union(_to_set(arg, s))
        return out
    if isinstance(cond, sympy.Not):
        return sympy.S.Reals - _to_set(cond.args[0], s)
    return sympy.solve_univariate_inequality(cond, s, relational=False, domain=sympy.S.Reals)


def _isolate(rel: Any, s: Any) -> Any:
    """Rewrite a relational that is linear in ``s`` as ``s <op> bound`` when the coefficient's sign is known."""
    import sympy

    if not isinstance(rel, sympy.core.relational.Relational) or s not in rel.free_symbols:
        return rel
    d = sympy.expand(rel.lhs - rel.rhs)
    try:
        poly = sympy.Poly(d, s)
    except sympy.PolynomialError:
        return rel
    if poly.degree() != 1:
        return rel
    a = poly.coeff_monomial(s)
    bound = sympy.simplify(-(d - a * s) / a)
    ops = {
        sympy.Ge: (sympy.Ge, sympy.Le),
        sympy.Gt: (sympy.Gt, sympy.Lt),
        sympy.Le: (sympy.Le, sympy.Ge),
        sympy.Lt: (sympy.Lt, sympy.Gt),
    }
    pair = ops.get(type(rel))
    if pair is None:
        return rel
    if a.is_positive:
        return pair[0](s, bound)
    if a.is_negative:
        return pair[1](s, bound)
    return rel


def _solve_condition(cond: Any, symbol: Any | None) -> tuple[Any, Any | None]:
    """Simplify a condition and, where possible, solve it for one parameter."""
    import sympy

    if cond in (sympy.true, sympy.false):
        return cond, None
    free = cond.free_symbols
    if symbol is None:
        if len(free) != 1:
            return sympy.simplify_logic(cond) if len(
                cond.atoms(sympy.core.relational.Relational)
            ) <= 8 else cond, None
        symbol = next(iter(free))
    if free <= {symbol}:
        try:
            solution = _to_set(cond, symbol)
        except (NotImplementedError, ValueError, TypeError):
            solution = None
        if solution is not None:
            domain = _domain(symbol)
            inside = solution.intersect(domain)
            if inside == sympy.S.EmptySet:
                return sympy.false, symbol
            if domain.is_subset(inside):
                return sympy.true, symbol
            rel = inside.as_relational(symbol)
            if isinstance(rel, sympy.And) and domain != sympy.S.Reals:
                # Drop the parts the symbol's own assumptions already say (0 < c for a positive c).
                keep = [arg for arg in rel.args if not domain.is_subset(_to_set(arg, symbol))]
                rel = sympy.And(*keep)
            # Put the parameter on the left: "c >= 1/5" rather than "1/5 <= c".
            atoms = rel.atoms(sympy.core.relational.Relational)
            return rel.xreplace({r: _isolate(r, symbol) for r in atoms}), symbol
    atoms = cond.atoms(sympy.core.relational.Relational)
    return cond.xreplace({r: _isolate(r, symbol) for r in atoms}), symbol


# --- credibility --------------------------------------------------------------------------


@dataclass(frozen=True)
class Credibility:
    """Whether carrying out an action at a node would be optimal once the node is reached.

    Attributes
    ----------
    node : tuple of str
        The node's path.
    player : str
        Who moves there.
    action : str
        The action examined (the threat, or a promise).
    credible : bool or None
        For a numeric tree, the answer; for a symbolic tree ``True``/``False`` when it
        does not depend on the parameters, otherwise ``None`` (see :attr:`condition`).
    condition : sympy boolean
        When the action is credible: ``sympy.true``/``sympy.false`` for numeric trees,
        a relation on the parameters otherwise, solved for :attr:`solved_for` when possible.
    solved_for : sympy.Symbol or None
        The parameter the condition was solved for.
    strict : bool
        Whether "credible" meant *the only* optimal action (``True``) or *an* optimal one.
    payoffs : dict
        The player's payoff from each action at the node, given subgame-perfect play
        afterwards (numbers or expressions; a tuple ``(low, high)`` when ties further
        down give several values; ``None`` when it depends on the parameters piecewise).
    explanation : str
        The answer in plain words.
    """

    tree: GameTree = field(repr=False)
    node: Path
    player: str
    action: str
    credible: bool | None
    condition: Any
    solved_for: Any
    strict: bool
    payoffs: dict[str, Any] = field(repr=False)
    explanation: str = field(repr=False)
    _raw: Any = field(repr=False, default=None)

    def holds(self, **values: Any) -> bool:
        """Whether the action is credible at given parameter values (by the parameters' names).

        Examples
        --------
        >>> import sympy
        >>> from negotiation.trees import GameTree, decision
        >>> c = sympy.Symbol("c", positive=True)
        >>> t = GameTree(("Japan", "US"), decision("Japan", {"Sell": (1 - c, 0), "Keep": (0, 0)}))
        >>> result = credibility(t, (), "Sell")
        >>> result.condition, result.holds(c=0.5), result.holds(c=2)
        (c <= 1, True, False)
        """
        import sympy

        if not self.tree.symbolic:
            if values:
                raise ValueError(
                    f"this tree has no parameters, so no values are needed; got {sorted(values)}"
                )
            return bool(self.credible)
        names = {s.name: s for s in self.tree.parameters}
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {unknown}; this tree's parameters are {sorted(names)}"
            )
        raw = self._raw if self._raw is not None else self.condition
        mapping = {}
        for name, value in values.items():
            v = to_exact(value, f"the value of {name}")
            for s in self.tree.parameters:
                if s.name == name:
                    mapping[s] = to_sympy(v)
        result = raw.xreplace(mapping)
        if result not in (sympy.true, sympy.false):
            result = sympy.simplify(result)
        if result not in (sympy.true, sympy.false):
            missing = sorted(str(s) for s in result.free_symbols)
            raise ValueError(
                f"the condition {self.condition} still depends on {missing}; give values for them too"
            )
        return bool(result)

    def __str__(self) -> str:
        return self.explanation


def _format(v: Any) -> str:
    """A payoff for an explanation: ``-0.35`` for -7/20 (exactly), ``2/3`` stays ``2/3``."""
    if isinstance(v, Fraction | float | int):
        return format_number(v, decimals=True)
    if isinstance(v, tuple):
        return f"between {_format(v[0])} and {_format(v[1])}"
    try:
        import sympy

        if isinstance(v, sympy.Rational):
            return format_number(Fraction(int(v.p), int(v.q)))
    except ImportError:  # pragma: no cover
        pass
    return str(v)


def _find_decision(tree: GameTree, node: Any, what: str) -> int:
    k = tree._index(node)
    if tree._kind[k] != GameTree.DECISION:
        kind = "a leaf" if tree._kind[k] == GameTree.TERMINAL else "a chance node"
        raise ValueError(
            f"{what} needs a decision node, but the node at {format_path(tree._paths[k])} is "
            f"{kind}; no player chooses there"
        )
    return k


def _action_of(tree: GameTree, k: int, action: Any) -> int:
    if not isinstance(action, str):
        raise TypeError(
            f"action must be an action label (a string), got {type(action).__name__} {action!r}"
        )
    acts = tree._actions[k]
    if action not in acts:
        raise ValueError(
            f"the node at {format_path(tree._paths[k])} has no action {action!r}; its actions are "
            f"{list(acts)}"
        )
    return acts.index(action)


def credibility(
    tree: GameTree,
    node: Path | str,
    action: str,
    *,
    solve_for: Any = None,
    strict: bool = False,
) -> Credibility:
    """Would ``action`` be carried out if ``node`` were reached?

    The action is *credible* when it is an optimal choice for the player who
    moves at the node, given subgame-perfect play afterwards: there is then a
    subgame-perfect equilibrium of the subgame in which it is played. With
    ``strict=True`` it must be played in *every* one (the player strictly
    prefers it).

    Parameters
    ----------
    tree : GameTree
        Numeric or symbolic.
    node : tuple of str or str
        The node's path of actions (``()`` for the root) or its name.
    action : str
        One of the actions at the node.
    solve_for : str or sympy.Symbol, optional
        The parameter to solve the condition for (by default, the only parameter
        it involves, if there is one).
    strict : bool
        Require the action to be the only optimal one.

    Returns
    -------
    Credibility
        ``.credible`` (a bool, or ``None`` when it depends on the parameters),
        ``.condition`` (a sympy relation such as ``selling_cost <= 1/5``) and a
        plain-English ``.explanation``.

    Raises
    ------
    ValueError
        For a node that does not exist or is not a decision node, an unknown
        action, or an unknown ``solve_for`` parameter.

    Examples
    --------
    In Selten's entry game the incumbent's threat to fight is not credible:

    >>> from negotiation.trees import GameTree, decision
    >>> entry = GameTree(("Entrant", "Incumbent"), decision("Entrant", {
    ...     "Out": (1, 5),
    ...     "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
    ... }))
    >>> c = credibility(entry, ("In",), "Fight")
    >>> c.credible
    False
    >>> print(c.explanation)
    If the game reached the point after In, Incumbent would get -1 from Fight and 2 from Accommodate. So Fight is not credible: Incumbent would choose Accommodate instead.
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"credibility() needs a GameTree, got {type(tree).__name__}")
    tree.require_perfect_information("credibility()")
    if not isinstance(strict, bool):
        raise TypeError(f"strict must be True or False, got {strict!r}")
    k = _find_decision(tree, node, "credibility()")
    a = _action_of(tree, k, action)
    path = tree._paths[k]
    i = tree._owner[k]
    player = tree.players[i]
    acts = tree._actions[k]
    symbol = None
    if solve_for is not None:
        wanted = solve_for if isinstance(solve_for, str) else getattr(solve_for, "name", None)
        matches = [s for s in tree.parameters if s.name == wanted]
        if not matches:
            known = [s.name for s in tree.parameters]
            raise ValueError(
                f"cannot solve for {solve_for!r}: it is not a parameter of this tree "
                f"(its parameters are {known})"
            )
        symbol = matches[0]
    if not tree.symbolic:
        return _numeric_credibility(tree, k, a, strict)
    return _symbolic_credibility(tree, k, a, strict, symbol, player, path, acts)


def _numeric_credibility(tree: GameTree, k: int, a: int, strict: bool) -> Credibility:
    import sympy

    num = NumericTree(tree, "credibility()")
    values = value_sets(num, root=k)
    i = tree._owner[k]
    player = tree.players[i]
    acts = tree._actions[k]
    sets: list[ValueSet] = [values[c] for c in tree._children[k]]  # type: ignore[misc]
    lows = [min(v[i] for v in s) for s in sets]
    highs = [max(v[i] for v in s) for s in sets]
    others = [b for b in range(len(sets)) if b != a]
    if strict:
        credible = all(lows[a] > highs[b] for b in others)
    else:
        credible = all(highs[a] >= lows[b] for b in others) and bool(
            value_sets(num, {k: ((a, 1),)}, root=k)[k]
        )
    payoffs: dict[str, Any] = {}
    for b in range(len(sets)):
        payoffs[acts[b]] = slow(lows[b]) if lows[b] == highs[b] else (slow(lows[b]), slow(highs[b]))
    listed = " and ".join(f"{_format(payoffs[x])} from {x}" for x in acts)
    intro = f"{_reached_words(tree._paths[k])}, {player} would get {listed}."
    if len(acts) == 1:
        text = f"{intro} {acts[a]} is the only action there, so it is credible."
    elif credible:
        tied = [acts[b] for b in others if highs[b] >= lows[a]]
        if tied and not strict:
            text = (
                f"{intro} So {acts[a]} is credible, but only weakly: {player} is indifferent "
                f"between it and {', '.join(tied)} (ties can go either way)."
            )
        else:
            text = f"{intro} So {acts[a]} is credible: it is {player}'s best choice there."
    else:
        best = max(others, key=lambda b: (lows[b], -b))
        if strict and highs[a] >= lows[best]:
            text = (
                f"{intro} {acts[a]} is not strictly credible: {player} would be just as happy "
                f"with {acts[best]}."
            )
        else:
            text = (
                f"{intro} So {acts[a]} is not credible: {player} would choose {acts[best]} instead."
            )
    return Credibility(
        tree=tree,
        node=tree._paths[k],
        player=player,
        action=acts[a],
        credible=credible,
        condition=sympy.true if credible else sympy.false,
        solved_for=None,
        strict=strict,
        payoffs=payoffs,
        explanation=text,
    )


def _symbolic_credibility(
    tree: GameTree,
    k: int,
    a: int,
    strict: bool,
    symbol: Any,
    player: str,
    path: Path,
    acts: tuple[str, ...],
) -> Credibility:
    import sympy

    regimes = _regimes(tree, k)
    i = tree._owner[k]
    sets: list[list[Regime]] = [regimes[c] for c in tree._children[k]]  # type: ignore[misc]
    others = [b for b in range(len(sets)) if b != a]
    if strict:
        clauses = []
        for combo in product(*sets):
            valid = sympy.And(*(c for c, _ in combo))
            beats = sympy.And(*(_ge(combo[a][1][i], combo[b][1][i], strict=True) for b in others))
            clauses.append(sympy.Or(sympy.Not(valid), beats))
        raw = sympy.And(*clauses)
    else:
        raw = sympy.Or(
            *(
                sympy.And(
                    *(c for c, _ in combo),
                    *(_ge(combo[a][1][i], combo[b][1][i]) for b in others),
                )
                for combo in product(*sets)
            )
        )
    condition, solved = _solve_condition(raw, symbol)
    credible: bool | None = None
    if condition is sympy.true:
        credible = True
    elif condition is sympy.false:
        credible = False
    payoffs: dict[str, Any] = {
        acts[b]: (s[0][1][i] if len(s) == 1 else None) for b, s in enumerate(sets)
    }
    if all(v is not None for v in payoffs.values()):
        listed = " and ".join(f"{_format(payoffs[x])} from {x}" for x in acts)
        intro = f"{_reached_words(path)}, {player} would get {listed}."
    else:
        intro = (
            f"{_reached_words(path)}, {player}'s payoff from each action would depend on the "
            f"parameters through later choices."
        )
    word = "strictly credible" if strict else "credible"
    if credible is True:
        text = f"{intro} {acts[a]} is {word} for every value of the parameters."
    elif credible is False:
        text = f"{intro} {acts[a]} is not {word} for any value of the parameters."
    else:
        text = f"{intro} {acts[a]} is {word} if and only if {_pretty(condition)}."
    return Credibility(
        tree=tree,
        node=path,
        player=player,
        action=acts[a],
        credible=credible,
        condition=condition,
        solved_for=solved,
        strict=strict,
        payoffs=payoffs,
        explanation=text,
        _raw=raw,
    )


def _reached_words(path: Path) -> str:
    if not path:
        return "At the start of the game"
    return "If the game reached the point after " + " → ".join(path)


def _pretty(cond: Any) -> str:
    text = str(cond)
    return text.replace(" & ", " and ").replace(" | ", " or ")
