"""Credible threats, and threats that leave something to chance.

A threat is a plan to do something that hurts the other side, if they do not
do what you want. It is **credible** when carrying it out would be in your own
interest at the moment it is due: when the node is reached, the threatened
action must be a best choice given how the game continues (subgame-perfect play
afterwards) [Selten1975]_. Japan's threat to sell US Treasuries if the US keeps
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

Schelling's answer to a threat too costly to carry out is the **threat that
leaves something to chance** [Schelling1960]_ (chapter 8): do not promise to
sell, but create a risk ``q`` that selling (or a market panic with the same
effect) happens whatever you then want. :class:`Brinkmanship` finds the risks
that work: large enough that the other side prefers to comply (the
*effectiveness condition*) and small enough that you still prefer making the
threat to not making it, given that a hard-line opponent may defy it anyway
(the *acceptability condition*) [DixitSkeath2009]_ (chapter 14).

References
----------
.. [Selten1975] R. Selten, "Reexamination of the perfectness concept for
   equilibrium points in extensive games", *International Journal of Game
   Theory* 4, 25-55, 1975.
.. [Schelling1960] T. C. Schelling, *The Strategy of Conflict*, Harvard
   University Press, 1960, chapter 8, "The threat that leaves something to chance".
.. [DixitSkeath2009] A. Dixit, S. Skeath and D. Reiley, *Games of Strategy*,
   3rd edition, W. W. Norton, 2009, chapter 14, "Brinkmanship: the Cuban
   missile crisis" (the effectiveness and acceptability conditions).
.. [DixitMcAdamsSkeath2019] A. Dixit, D. McAdams and S. Skeath, "'We haven't got
   but one more day': the Cuban missile crisis as a dynamic chicken game",
   SSRN working paper 3406265, 2019.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

from .._numbers import Number, format_number, to_exact
from ._backward import NumericTree, ValueSet, slow, value_sets
from .tree import GameTree, Path, chance, decision, format_path, leaf, to_sympy

__all__ = [
    "MAX_REGIMES",
    "Brinkmanship",
    "BrinkmanshipResult",
    "Credibility",
    "ProbabilityInterval",
    "brinkmanship",
    "credibility",
]

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
                    for j in range(2)
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


# --- brinkmanship -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProbabilityInterval:
    """The closed interval ``[low, high]`` of probabilities (exact).

    Examples
    --------
    >>> window = ProbabilityInterval(Fraction(1, 4), Fraction(3, 8))
    >>> print(window)
    1/4 <= q <= 3/8
    >>> 0.3 in window, 0.5 in window
    (True, False)
    """

    low: Number
    high: Number

    def __contains__(self, q: object) -> bool:
        try:
            value = to_exact(q)
        except (TypeError, ValueError):
            return False
        return bool(self.low <= value <= self.high)

    def __str__(self) -> str:
        if self.low == self.high:
            return f"q = {format_number(self.low)}"
        return f"{format_number(self.low)} <= q <= {format_number(self.high)}"

    def as_sympy(self) -> Any:
        """The interval as a sympy ``Interval``."""
        import sympy

        return sympy.Interval(to_sympy(self.low), to_sympy(self.high))


def _solve_linear(a: Any, b: Any) -> ProbabilityInterval | None:
    """The q in [0, 1] with a*q + b >= 0."""
    zero, one = Fraction(0), Fraction(1)
    if a == 0:
        return ProbabilityInterval(zero, one) if b >= 0 else None
    root = -b / a
    if a > 0:
        low = max(zero, root)
        return ProbabilityInterval(low, one) if low <= 1 else None
    high = min(one, root)
    return ProbabilityInterval(zero, high) if high >= 0 else None


def _intersect(
    x: ProbabilityInterval | None, y: ProbabilityInterval | None
) -> ProbabilityInterval | None:
    if x is None or y is None:
        return None
    low, high = max(x.low, y.low), min(x.high, y.high)
    return ProbabilityInterval(low, high) if low <= high else None


def _pair(value: Any, what: str) -> tuple[Number, Number]:
    if isinstance(value, str | bytes) or not hasattr(value, "__len__") or len(value) != 2:
        raise TypeError(f"{what} must be a pair of payoffs (threatener, target), got {value!r}")
    return to_exact(value[0], f"{what}[0]"), to_exact(value[1], f"{what}[1]")


@dataclass(frozen=True)
class Brinkmanship:
    """Schelling's threat that leaves something to chance, as in Dixit and Skeath's Cuban missile crisis.

    The threatener (Japan) demands something of the target (the US) and creates
    a risk: if the target defies, the threatened action (selling Treasuries, a
    market panic) happens with probability ``q``, whatever the threatener then
    wants; with probability ``1 - q`` the threatener lets it pass. With
    probability ``hardline`` the target is a type that defies whatever the risk.

    Payoff pairs are ``(threatener, target)``.

    Parameters
    ----------
    threatener, target : str
        The players' names.
    comply : pair
        Payoffs when the target gives in.
    defy_disaster : pair
        Payoffs when the target defies and the threatened action happens.
    defy_no_disaster : pair
        Payoffs when the target defies and the threatener lets it pass.
    no_threat : pair, optional
        Payoffs when no threat is made (default: ``defy_no_disaster``, the target
        goes ahead and the threatener puts up with it).
    hardline : number
        The probability ``p`` that the target defies whatever the risk (default 0).
    comply_action, defy_action, threat_action, no_threat_action, disaster_action : str
        Labels for explanations and for :meth:`to_tree`.

    Examples
    --------
    Japan plays the Treasury card: "drop the tariffs, or the bond market might
    take care of it". Selling would hurt Japan (-10) more than putting up with the
    tariffs (-2), so the plain threat is not credible. A risk of selling can work,
    even though half the time the US holds firm whatever the risk:

    >>> b = Brinkmanship("Japan", "US", comply=(1, -1), defy_disaster=(-10, -10),
    ...                  defy_no_disaster=(-2, 2), hardline=0.5)
    >>> result = b.analyse()
    >>> print(result.effective, "|", result.tolerable, "|", result.window)
    1/4 <= q <= 1 | 0 <= q <= 3/8 | 1/4 <= q <= 3/8
    >>> print(result.explanation)
    Effectiveness: US prefers Comply (-1) to Defy (2 if Japan lets it pass, -10 after Disaster) when 1/4 <= q <= 1. Acceptability: Japan prefers making the threat (Threaten) to No threat (-2) when 0 <= q <= 3/8 (with probability 1/2 US defies anyway). Brinkmanship works for 1/4 <= q <= 3/8; the safest choice is the smallest effective risk, q = 1/4. A plain threat (q = 1) would be too much for Japan: this is where a threat that leaves something to chance is needed.
    """

    threatener: str
    target: str
    comply: tuple[Any, Any]
    defy_disaster: tuple[Any, Any]
    defy_no_disaster: tuple[Any, Any]
    no_threat: tuple[Any, Any] | None = None
    hardline: Any = 0
    comply_action: str = "Comply"
    defy_action: str = "Defy"
    threat_action: str = "Threaten"
    no_threat_action: str = "No threat"
    disaster_action: str = "Disaster"

    def __post_init__(self) -> None:
        for what in (
            "threatener",
            "target",
            "comply_action",
            "defy_action",
            "threat_action",
            "no_threat_action",
            "disaster_action",
        ):
            value = getattr(self, what)
            if not isinstance(value, str) or not value.strip():
                raise TypeError(f"{what} must be a non-empty string, got {value!r}")
        if self.threatener == self.target:
            raise ValueError(
                f"the threatener and the target must differ, got {self.threatener!r} twice"
            )
        for what in ("comply", "defy_disaster", "defy_no_disaster"):
            object.__setattr__(self, what, _pair(getattr(self, what), what))
        no_threat = self.defy_no_disaster if self.no_threat is None else self.no_threat
        object.__setattr__(self, "no_threat", _pair(no_threat, "no_threat"))
        p = to_exact(self.hardline, "hardline")
        if not 0 <= p <= 1:
            raise ValueError(
                f"hardline is a probability, so it must be between 0 and 1, got {format_number(p)}"
            )
        object.__setattr__(self, "hardline", p)

    @classmethod
    def from_tree(
        cls, tree: GameTree, node: Path | str, action: str, *, hardline: Any = 0
    ) -> Brinkmanship:
        """The brinkmanship model of a threatened action in a numeric tree.

        ``node`` is the threatener's decision node where ``action`` (the threat)
        would be carried out; it must follow directly from a decision of the
        target (to *defy*). Complying is the target's best other action there;
        the payoffs are subgame-perfect values. If the threatener's own move just
        before (making the threat) has other actions, the best of them is
        ``no_threat``.

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision
        >>> tree = GameTree(("Japan", "US"), decision("Japan", {
        ...     "Accept": (-2, 2),
        ...     "Treasury card": decision("US", {
        ...         "Back down": (1, -1),
        ...         "Hold": decision("Japan", {"Sell": (-5, -6), "Don't sell": (-2, 2)}),
        ...     }),
        ... }))
        >>> b = Brinkmanship.from_tree(tree, ("Treasury card", "Hold"), "Sell", hardline=0.25)
        >>> b.comply, b.no_threat, b.defy_action
        ((Fraction(1, 1), Fraction(-1, 1)), (Fraction(-2, 1), Fraction(2, 1)), 'Hold')
        """
        if not isinstance(tree, GameTree):
            raise TypeError(f"Brinkmanship.from_tree() needs a GameTree, got {type(tree).__name__}")
        k = _find_decision(tree, node, "Brinkmanship.from_tree()")
        a = _action_of(tree, k, action)
        path = tree._paths[k]
        par = tree._parent[k]
        i = tree._owner[k]
        if par < 0 or tree._kind[par] != GameTree.DECISION or tree._owner[par] == i:
            raise ValueError(
                f"brinkmanship needs the threat at {format_path(path)} to answer a choice of "
                f"the other player (to defy), but the node just before it is not "
                f"{tree.players[1 - i]}'s decision"
            )
        num = NumericTree(tree, "Brinkmanship.from_tree()")
        values = value_sets(num)

        def value(idx: int, what: str) -> tuple[Any, Any]:
            s = values[idx]
            assert s is not None
            if len(s) != 1:
                raise ValueError(
                    f"{what} ({format_path(tree._paths[idx])}) has several subgame-perfect values "
                    f"because of ties; change payoffs slightly to break them"
                )
            v = next(iter(s))
            return slow(v[0]), slow(v[1])

        def ordered(v: tuple[Any, Any]) -> tuple[Any, Any]:
            return (v[i], v[1 - i])  # (threatener, target)

        defy = tree._children[par].index(k)
        j = 1 - i
        alternatives = [b for b in range(len(tree._children[par])) if b != defy]
        if not alternatives:
            raise ValueError(
                f"{tree.players[j]} has no alternative to {tree._actions[par][defy]!r} at "
                f"{format_path(tree._paths[par])}, so there is nothing to comply with"
            )
        comply_b = max(alternatives, key=lambda b: value(tree._children[par][b], "complying")[j])
        comply = value(tree._children[par][comply_b], "complying")
        disaster = value(tree._children[k][a], "carrying out the threat")
        no_disaster = value(k, "the threatener's own choice")
        no_threat = None
        no_threat_label = "No threat"
        threat_label = "Threaten"
        grand = tree._parent[par]
        if grand >= 0 and tree._kind[grand] == GameTree.DECISION and tree._owner[grand] == i:
            pos = tree._children[grand].index(par)
            threat_label = tree._actions[grand][pos]
            others = [b for b in range(len(tree._children[grand])) if b != pos]
            if others:
                best = max(
                    others, key=lambda b: value(tree._children[grand][b], "not threatening")[i]
                )
                no_threat = ordered(value(tree._children[grand][best], "not threatening"))
                no_threat_label = tree._actions[grand][best]
        return cls(
            threatener=tree.players[i],
            target=tree.players[j],
            comply=ordered(comply),
            defy_disaster=ordered(disaster),
            defy_no_disaster=ordered(no_disaster),
            no_threat=no_threat,
            hardline=hardline,
            comply_action=tree._actions[par][comply_b],
            defy_action=tree._actions[par][defy],
            threat_action=threat_label,
            no_threat_action=no_threat_label,
            disaster_action=tree._actions[k][a],
        )

    def effective(self) -> ProbabilityInterval | None:
        """The risks ``q`` at which the target prefers to comply (the effectiveness condition).

        The target complies when ``comply >= q * defy_disaster + (1 - q) * defy_no_disaster``
        (its own payoffs); ``None`` when no ``q`` in ``[0, 1]`` does it.

        Examples
        --------
        >>> b = Brinkmanship("Japan", "US", (1, -1), (-10, -10), (-2, 2))
        >>> print(b.effective())
        1/4 <= q <= 1
        """
        c, d, n = self.comply[1], self.defy_disaster[1], self.defy_no_disaster[1]
        # c >= q d + (1 - q) n   <=>   (n - d) q + (c - n) >= 0
        return _solve_linear(n - d, c - n)

    def tolerable(self) -> ProbabilityInterval | None:
        """The risks ``q`` at which the threatener prefers threatening to not (the acceptability condition).

        With ``p = hardline``, the threatener threatens when
        ``(1 - p) * comply + p * (q * defy_disaster + (1 - q) * defy_no_disaster) >= no_threat``
        (its own payoffs; a responsive target complies, a hard-line one defies).

        Examples
        --------
        >>> b = Brinkmanship("Japan", "US", (1, -1), (-10, -10), (-2, 2), hardline=0.5)
        >>> print(b.tolerable())
        0 <= q <= 3/8
        """
        p = self.hardline
        c, d, n = self.comply[0], self.defy_disaster[0], self.defy_no_disaster[0]
        z = self.no_threat[0]  # type: ignore[index]
        # (1 - p) c + p (q d + (1 - q) n) >= z   <=>   p (d - n) q + ((1 - p) c + p n - z) >= 0
        return _solve_linear(p * (d - n), (1 - p) * c + p * n - z)

    def analyse(self) -> BrinkmanshipResult:
        """The effective, tolerable and workable risks, with an explanation.

        Examples
        --------
        >>> b = Brinkmanship("Japan", "US", (1, -1), (-50, -10), (-2, 2), hardline=0.5)
        >>> result = b.analyse()
        >>> result.possible
        False
        >>> print(result.explanation.split(". ")[-1])
        No threat that leaves something to chance works: US needs at least q = 1/4 to comply, but Japan can stand at most q = 1/16.
        """
        eff, tol = self.effective(), self.tolerable()
        window = _intersect(eff, tol)
        me, them = self.threatener, self.target
        p = self.hardline
        lines = []
        c_them, d_them, n_them = (
            _format(v[1]) for v in (self.comply, self.defy_disaster, self.defy_no_disaster)
        )
        z_me = _format(self.no_threat[0])  # type: ignore[index]
        if eff is None:
            lines.append(
                f"No risk is large enough: even if {self.disaster_action} were certain (q = 1), "
                f"{them} would still choose {self.defy_action} ({d_them}) over "
                f"{self.comply_action} ({c_them})."
            )
        else:
            lines.append(
                f"Effectiveness: {them} prefers {self.comply_action} ({c_them}) to "
                f"{self.defy_action} ({n_them} if {me} lets it pass, {d_them} after "
                f"{self.disaster_action}) when {eff}."
            )
        if tol is None:
            lines.append(
                f"No risk is tolerable: with probability {format_number(p)} {them} defies anyway, "
                f"so even at q = 0 making the threat ({self.threat_action}) is worse for {me} "
                f"than {self.no_threat_action} ({z_me})."
            )
        else:
            risk = (
                f"with probability {format_number(p)} {them} defies anyway"
                if p
                else f"{them} never defies a threat that works"
            )
            lines.append(
                f"Acceptability: {me} prefers making the threat ({self.threat_action}) to "
                f"{self.no_threat_action} ({z_me}) when {tol} ({risk})."
            )
        if window is None:
            if eff is not None and tol is not None:
                lines.append(
                    f"No threat that leaves something to chance works: {them} needs at least "
                    f"q = {format_number(eff.low)} to comply, but {me} can stand at most "
                    f"q = {format_number(tol.high)}."
                )
            else:
                lines.append("So no threat that leaves something to chance works here.")
        else:
            lines.append(
                f"Brinkmanship works for {window}; the safest choice is the smallest effective "
                f"risk, q = {format_number(window.low)}."
            )
            if 1 not in window:
                lines.append(
                    f"A plain threat (q = 1) would be too much for {me}: this is where a threat "
                    f"that leaves something to chance is needed."
                )
        return BrinkmanshipResult(
            model=self, effective=eff, tolerable=tol, window=window, explanation=" ".join(lines)
        )

    def to_tree(self, q: Any = None) -> GameTree:
        """The game tree of the threat, with the risk ``q`` as a number or (default) a symbol ``q``.

        Examples
        --------
        >>> b = Brinkmanship("Japan", "US", comply=(1, -1), defy_disaster=(-5, -6),
        ...                  defy_no_disaster=(-2, 2))
        >>> print(b.to_tree(0.5))
        Threat that leaves something to chance (payoffs: Japan, US)
        Japan moves
        ├─ Threaten → US moves
        │  ├─ Comply → (1, -1)
        │  └─ Defy → Chance
        │     ├─ Disaster [1/2] → (-5, -6)
        │     └─ Let it pass [1/2] → (-2, 2)
        └─ No threat → (-2, 2)
        """
        if q is None:
            import sympy

            risk: Any = sympy.Symbol("q", nonnegative=True)
        else:
            risk = to_exact(q, "q")
            if not 0 <= risk <= 1:
                raise ValueError(
                    f"q is a probability, so it must be between 0 and 1, got {format_number(risk)}"
                )
        gamble = chance(
            {
                self.disaster_action: (risk, leaf(*self.defy_disaster)),
                "Let it pass": (1 - risk, leaf(*self.defy_no_disaster)),
            }
        )
        respond = decision(
            self.target, {self.comply_action: leaf(*self.comply), self.defy_action: gamble}
        )
        p = self.hardline
        after = (
            respond
            if p == 0
            else chance({"Hard-line": (p, gamble), "Responsive": (1 - p, respond)})
        )
        root = decision(
            self.threatener,
            {
                self.threat_action: after,
                self.no_threat_action: leaf(*self.no_threat),  # type: ignore[misc]
            },
        )
        return GameTree(
            (self.threatener, self.target), root, title="Threat that leaves something to chance"
        )


@dataclass(frozen=True)
class BrinkmanshipResult:
    """The risks that make a probabilistic threat work.

    Attributes
    ----------
    model : Brinkmanship
    effective : ProbabilityInterval or None
        Risks at which the target complies (``None``: none).
    tolerable : ProbabilityInterval or None
        Risks the threatener can live with (``None``: none).
    window : ProbabilityInterval or None
        Both at once: the brink (``None``: brinkmanship cannot work).
    explanation : str
    """

    model: Brinkmanship
    effective: ProbabilityInterval | None
    tolerable: ProbabilityInterval | None
    window: ProbabilityInterval | None
    explanation: str

    @property
    def possible(self) -> bool:
        """Whether some risk is both effective and tolerable."""
        return self.window is not None

    def __str__(self) -> str:
        return self.explanation


def brinkmanship(
    tree: GameTree, node: Path | str, action: str, *, hardline: Any = 0
) -> BrinkmanshipResult:
    """The risks ``q`` that make a threat that leaves something to chance work, in a tree.

    Shorthand for ``Brinkmanship.from_tree(tree, node, action, hardline=hardline).analyse()``.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision
    >>> tree = GameTree(("Japan", "US"), decision("Japan", {
    ...     "Accept": (-2, 2),
    ...     "Treasury card": decision("US", {
    ...         "Back down": (1, -1),
    ...         "Hold": decision("Japan", {"Sell": (-10, -10), "Don't sell": (-2, 2)}),
    ...     }),
    ... }))
    >>> print(brinkmanship(tree, ("Treasury card", "Hold"), "Sell", hardline=0.5).window)
    1/4 <= q <= 3/8
    """
    return Brinkmanship.from_tree(tree, node, action, hardline=hardline).analyse()
