"""The gradient doctor: check a learner's graph against the local rules of its operations (+, -, *, /, **k,
relu, exp, tanh, log).

It uses only what the graph holds (each Value's _prev, _op, data and grad). It recomputes each
Value's data from its inputs, and the correct gradients with its own reverse pass over the same
graph; then it names the first Value that disagrees, and the rule that most likely explains it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import combinations

from playground.plugins.autograd.nodes import Node, grouped, number, rounded, shown_apart


@dataclass
class Finding:
    node: int  # position in the walk
    field: str  # "data" or "grad"
    expected: float
    actual: object  # what the learner's Value holds
    sentence: str
    culprit: int | None = None  # the node whose local rule (its op's method) is at fault; None: backward() itself


def check(nodes: list[Node], check_grads: bool = True) -> tuple[Finding | None, str | None]:
    """The first Value that breaks a local rule (data before grad), and a note on what was not checked."""
    doctor = Doctor(nodes)
    finding = doctor.first_wrong_data()
    if finding is None and check_grads:
        finding = doctor.first_wrong_grad()
    return finding, doctor.note


class Doctor:
    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = nodes
        self.data = [number(n.data) for n in nodes]
        self.grads = [number(n.grad) for n in nodes]
        self.ops = [normal_op(n.op) for n in nodes]
        self.rules = [self.rule(i) for i in range(len(nodes))]
        self.uses: list[list[tuple[int, float]]] = []  # per node: (consumer, local derivative), one per use
        self.note: str | None = None

    def rule(self, i: int) -> tuple[float | None, list[tuple[int, float]] | None]:
        """Node i's data recomputed from its inputs, and each input's local derivative (one pair per use).

        None stands for what cannot be known: an unknown op, an input that is not a number.
        """
        node, op, out = self.nodes[i], self.ops[i], self.data[i]
        kids = node.children
        if not kids:
            return None, []
        x = [self.data[k] for k in kids]
        if node.opaque or None in x:
            return None, None
        if len(kids) == 1 and is_unary(op):
            return unary(op, x[0], kids[0])
        if len(kids) == 2 and op in ("-", "/"):
            return binary(op, x, kids)
        if op not in ("+", "*"):
            return None, None
        if len(kids) == 1:  # with a set for _prev, x + x and x * x keep x only once
            twice = x[0] + x[0] if op == "+" else x[0] * x[0]
            if out is not None and close(out, twice):
                kids, x = kids * 2, x * 2
            elif op == "+":  # x + a number that was kept out of _prev
                return None, [(kids[0], 1.0)]
            else:
                return None, ([(kids[0], out / x[0])] if out is not None and x[0] != 0 else None)
        if op == "+":
            return sum(x), [(k, 1.0) for k in kids]
        return math.prod(x), [(k, math.prod(x[:j] + x[j + 1:])) for j, k in enumerate(kids)]

    # data

    def first_wrong_data(self) -> Finding | None:
        for i, (expected, _) in enumerate(self.rules):
            actual = self.data[i]
            if expected is not None and math.isfinite(expected) and (actual is None or not close(actual, expected)):
                return Finding(i, "data", expected, self.nodes[i].data, self.data_sentence(i, expected), i)
        return None

    def data_sentence(self, i: int, expected: float) -> str:
        node, op = self.nodes[i], self.ops[i]
        inputs = [rounded(self.nodes[k].data) for k in node.children]
        actual, should = shown_apart(node.data, expected)
        head = f"{self.ref(i)}.data is {actual} but should be {should}{self.made(i)}: "
        if is_unary(op) or (op in ("-", "/") and len(inputs) == 2):
            return head + f"{op} makes a Value whose data is {formula(op, inputs)}"
        if len(inputs) == 1:
            inputs *= 2
        if op == "+":
            return head + f"+ makes a Value whose data is the sum of its inputs' data ({' + '.join(inputs)})"
        return head + f"* makes a Value whose data is the product of its inputs' data ({' × '.join(inputs)})"

    # gradients

    def reverse_pass(self) -> list[float | None]:
        """The correct gradients, from the output seeded with 1; fills self.uses on the way."""
        n = len(self.nodes)
        grads, known = [0.0] * n, [True] * n
        self.uses = uses = [[] for _ in range(n)]
        grads[-1] = 1.0
        for i in reversed(range(n)):  # the walk puts inputs first: reversed, every consumer comes first
            local = self.rules[i][1]
            if local is None or not known[i]:
                if local is None and self.note is None:
                    self.note = (f"The gradient doctor has no rule for {self.ref(i)} (op {self.nodes[i].op!r}), "
                                 "so it did not check the gradients of the Values it was made from.")
                for k in self.nodes[i].children:
                    known[k] = False
                continue
            for k, derivative in local:
                grads[k] += derivative * grads[i]
                uses[k].append((i, derivative))
        return [g if ok and math.isfinite(g) else None for g, ok in zip(grads, known, strict=True)]

    def first_wrong_grad(self) -> Finding | None:
        """The wrong gradient closest to the output: its consumers' gradients are all right, so the fault
        is in how they passed gradient back to it (or, for the output, in the seed)."""
        expected = self.reverse_pass()
        wrong = [i for i, e in enumerate(expected)
                 if e is not None and (self.grads[i] is None or not close(self.grads[i], e))]
        if not wrong:
            return None
        depth = [0] * len(self.nodes)  # longest path from the output
        for i in reversed(range(len(self.nodes))):
            for k in self.nodes[i].children:
                depth[k] = max(depth[k], depth[i] + 1)
        i = min(wrong, key=lambda i: (depth[i], self.nodes[i].name is None, i))
        sentence, culprit = self.grad_sentence(i, expected)
        return Finding(i, "grad", expected[i], self.nodes[i].grad, sentence, culprit)

    def grad_sentence(self, i: int, expected: list) -> tuple[str, int | None]:
        """What is wrong with node i's grad, and the node whose local rule most likely does it (None: backward)."""
        x, e, a = self.ref(i), expected[i], self.grads[i]
        actual, should = shown_apart(self.nodes[i].grad, e)
        head = f"{x}.grad is {actual} but should be {should}{self.made(i)}: "
        if i == len(self.nodes) - 1:
            return head + "backward() must start by setting the output's grad to 1", None
        mine = self.uses[i]
        consumer = mine[0][0] if mine else None
        if a is None:
            return head + "a grad must be a number: it starts at 0 and each use of the Value adds to it", consumer
        for reason in (self.relu_reason, self.product_reason, self.rule_reason, self.silent_reason,
                       self.accumulate_reason, self.order_reason, self.upstream_reason):
            if found := reason(i, a, e, mine, expected):
                sentence, culprit = found
                return head + sentence, culprit
        terms = ", ".join(f"{rounded(d)} × {rounded(expected[c])} from {self.nodes[c].label}" for c, d in mine[:4])
        more = ", …" if len(mine) > 4 else ""
        return head + f"each use adds its local derivative × its grad ({terms}{more})", consumer

    # Each reason returns its sentence and the node whose rule is at fault (None: backward()), or None.

    def relu_reason(self, i: int, a: float, e: float, mine: list, expected: list) -> tuple | None:
        """relu passing gradient back whatever the sign (or blocking it where it should pass)."""
        relus = [(c, d) for c, d in mine if self.ops[c] == "ReLU"]
        flipped = e + sum((1.0 - 2 * d) * expected[c] for c, d in relus)  # each relu does the opposite
        if not relus or close(flipped, e) or not close(a, flipped):
            return None
        x, value, relu = self.ref(i), rounded(self.nodes[i].data), relus[0][0]
        if self.data[i] > 0:
            return f"relu passes the gradient through unchanged where its input is positive, and {x} is {value}", relu
        return f"relu passes gradient back only where its input is positive, and {x} is {value}", relu

    def product_reason(self, i: int, a: float, e: float, mine: list, expected: list) -> tuple | None:
        """In x*y, x.grad getting x's own data times out.grad instead of y's."""
        own = self.data[i]
        products = [(c, d) for c, d in sorted(mine) if self.ops[c] == "*" and len(self.nodes[c].children) == 2
                    and not close(d, own)]
        swapped = e + sum((own - d) * expected[c] for c, d in products)
        if not products or close(swapped, e) or not close(a, swapped):
            return None
        c, d = products[0]
        other = next(k for k in self.nodes[c].children if k != i)
        x, product = self.ref(i), self.nodes[c]
        where = f"{product.name} = {product.expr}" if product.name else product.expr
        factor = f"{self.nodes[other].name}.data" if self.nodes[other].name else "the other factor's data"
        out = product.name or "out"
        return (f"in {where}, {x}.grad gets {factor} * {out}.grad ({rounded(d)} × {rounded(expected[c])}), "
                f"not {x}'s own data"), c

    def rule_reason(self, i: int, a: float, e: float, mine: list, expected: list) -> tuple | None:
        """A one-input op whose local derivative is a known slip (in every use of it): tanh's from its input,
        a power rule without its exponent, exp's or log's rule forgotten, -x passing back +out.grad."""
        x = self.data[i]
        for op in dict.fromkeys(self.ops[c] for c, _ in mine if len(self.nodes[c].children) == 1):
            uses = [(c, d) for c, d in mine if self.ops[c] == op and len(self.nodes[c].children) == 1]
            for slip, why in slips(op, x):
                if slip is None or all(close(slip, d) for _, d in uses):
                    continue
                if close(a, e + sum((slip - d) * expected[c] for c, d in uses)):
                    return f"{self.ref(uses[0][0])} should pass back {why}", uses[0][0]
        return None

    def upstream_reason(self, i: int, a: float, e: float, mine: list, expected: list) -> tuple | None:
        """An op whose rule passes back its local derivative alone, forgetting to multiply by out.grad."""
        for op in dict.fromkeys(self.ops[c] for c, _ in mine):
            mistaken = [(c, d) for c, d in mine if self.ops[c] == op]
            if all(close(expected[c], 1.0) or d == 0 for c, d in mistaken):
                continue
            if close(a, e + sum(d * (1 - expected[c]) for c, d in mistaken)):
                c, d = next((c, d) for c, d in mistaken if not close(expected[c], 1.0) and d != 0)
                out = self.nodes[c].name or "out"
                return (f"{self.ref(c)} should pass back its local derivative times {out}.grad "
                        f"({rounded(d)} × {rounded(expected[c])}), not the local derivative alone"), c
        return None

    def silent_reason(self, i: int, a: float, e: float, mine: list, expected: list) -> tuple | None:
        """A Value that passed nothing back to any of its inputs: its _backward never ran, or ran before its
        grad was in (backward() visiting nodes in the wrong order, or not at all)."""
        for c, d in mine:
            share = d * expected[c]
            inputs = set(self.nodes[c].children)
            if share == 0 or len(inputs) < 2 or not close(a, e - share):
                continue
            passed = {k: sum(dk * expected[c] for c2, dk in self.uses[k] if c2 == c) for k in inputs}
            if all(self.grads[k] is not None and expected[k] is not None and close(self.grads[k], expected[k] - p)
                   for k, p in passed.items()):
                return (f"{self.ref(c)} passed nothing back to its inputs: backward() must call every node's "
                        "_backward once, in reverse topological order (the output first)"), None
        return None

    def accumulate_reason(self, i: int, a: float, e: float, mine: list, expected: list) -> tuple | None:
        """Assigning instead of adding: the grad holds the share of the use that set it last, plus the shares
        of the uses (by ops whose rules do add) that came after it. The op that assigns is the one to fix."""
        if len(mine) < 2:
            return None
        shares = [(c, d * expected[c]) for c, d in mine]
        culprit = next((c for c, share in shares if close(a, share)), None)  # the last use set it: the plainest
        for c, share in shares if culprit is None else ():
            adders = [s for c2, s in shares if self.ops[c2] != self.ops[c]]  # uses by ops other than c's
            if len(adders) <= 10 and any(close(a, share + sum(subset)) for r in range(1, len(adders) + 1)
                                         for subset in combinations(adders, r)):
                culprit = c
                break
        if culprit is None:
            return None
        x, consumers = self.ref(i), sorted({c for c, _ in mine})
        times = "twice" if len(mine) == 2 else f"{len(mine)} times"
        if len(consumers) == 1:
            return f"{x} feeds the {self.nodes[consumers[0]].op} {times}, and each use must add to {x}.grad", \
                consumers[0]
        places = " and ".join(self.nodes[c].label for c in consumers[:4])
        return f"{x} is used {times} (in {places}), and each use must add to {x}.grad", culprit

    def order_reason(self, i: int, a: float, e: float, mine: list, expected: list) -> tuple | None:
        """A consumer that passed its gradient on too early (only some uses in), or more than once."""
        for c, d in mine:
            shares = [d2 * expected[c2] for c2, d2 in self.uses[c]]
            if not 2 <= len(shares) <= 10:
                continue
            rest, full = e - d * expected[c], expected[c]
            partial = [sum(s) for r in range(1, len(shares)) for s in combinations(shares, r)]
            if any(close(a, rest + d * p) for p in partial):
                return (f"{self.ref(c)}'s gradient was passed on before all its uses had added to it — "
                        "visit nodes in reverse topological order"), None
            if any(close(a, rest + d * (full + p)) for p in [*partial, full]):
                return (f"{self.ref(c)}'s gradient was passed on more than once — call each Value's "
                        "_backward once, in reverse topological order"), None
        return None

    def made(self, i: int) -> str:
        """How a named Value was made, for a reader who never saw the code that named it (a hidden test's f):
        ' (f = relu(e))'; nothing for an unnamed Value, whose label is already how it was made, or a leaf."""
        node = self.nodes[i]
        readable = node.expr and "node " not in node.expr and "…" not in node.expr
        return f" ({node.name} = {node.expr})" if node.name and node.children and readable else ""

    def ref(self, i: int) -> str:
        """How a sentence names node i: x, (b*c), Value(5)."""
        node = self.nodes[i]
        if node.name:
            return node.name
        if not node.children:
            return f"Value({node.expr})"
        return node.label if node.label.startswith("node ") else grouped(node.label)


def normal_op(op) -> str | None:
    """The op as the doctor knows it: 'ReLU', 'exp', 'tanh', 'log', 'neg', '**2', '+', '-', '*', '/'."""
    if not isinstance(op, str):
        return None
    op = op.strip()
    names = {"relu": "ReLU", "exp": "exp", "tanh": "tanh", "log": "log", "ln": "log", "neg": "neg"}
    if op.lower() in names:
        return names[op.lower()]
    if power := POWER.match(op):
        return f"**{float(power.group(1)):g}"
    return op


POWER = re.compile(r"^(?:\*\*|\^|pow)\s*\(?\s*(-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*\)?$")  # **2, ^-1, pow(0.5)


def unary_rule(op: str, x: float) -> tuple[float, float] | None:
    """An op of one input: its value at x and its derivative there, or None where either is undefined."""
    try:
        if op == "ReLU":
            return max(0.0, x), 1.0 if x > 0 else 0.0
        if op == "neg" or op == "-":
            return -x, -1.0
        if op == "exp":
            return math.exp(x), math.exp(x)
        if op == "tanh":
            return math.tanh(x), 1 - math.tanh(x) ** 2
        if op == "log":
            return (math.log(x), 1 / x) if x > 0 else None
        if op.startswith("**"):
            k = float(op[2:])
            value, derivative = x ** k, k * x ** (k - 1)
            return (value, derivative) if isinstance(value, float) and isinstance(derivative, float) else None
    except (OverflowError, ZeroDivisionError, ValueError):
        return None
    return None


def is_unary(op: str | None) -> bool:
    return op in ("ReLU", "neg", "-", "exp", "tanh", "log") or bool(op and op.startswith("**"))


def unary(op: str, x: float, kid: int) -> tuple[float | None, list[tuple[int, float]] | None]:
    found = unary_rule(op, x)
    return (found[0], [(kid, found[1])]) if found else (None, None)


def binary(op: str, x: list[float], kids: list[int]) -> tuple[float | None, list[tuple[int, float]] | None]:
    a, b = x
    if op == "-":
        return a - b, [(kids[0], 1.0), (kids[1], -1.0)]
    if b == 0:
        return None, None
    return a / b, [(kids[0], 1 / b), (kids[1], -a / b ** 2)]


def slips(op: str | None, x: float) -> list[tuple[float | None, str]]:
    """Local derivatives a learner often writes for op at input x, each with what the right rule is."""
    def at(f):
        try:
            return f()
        except (ArithmeticError, ValueError):
            return None

    if op == "tanh":
        return [(at(lambda: 1 - x ** 2), "(1 - out.data ** 2) * out.grad: tanh's derivative comes from its output, "
                                          "not 1 - x ** 2 from its input")]
    if op == "exp":
        return [(1.0, "out.data * out.grad: exp's derivative is exp itself")]
    if op == "log":
        return [(x, "out.grad / x: log's derivative is 1 / x")]
    if op in ("neg", "-"):
        return [(1.0, "-out.grad: the derivative of -x is -1")]
    if op and op.startswith("**"):
        k = float(op[2:])
        rule = f"{k:g} * x ** {k - 1:g} * out.grad"
        return [(at(lambda: x ** (k - 1)), f"{rule}: the power rule multiplies by the exponent"),
                (at(lambda: k * x ** k), f"{rule}: the power rule lowers the exponent by one")]
    return []


def formula(op: str, inputs: list[str]) -> str:
    """How op's data comes from its inputs, written with their values."""
    if op == "ReLU":
        return f"max(0, its input) = max(0, {inputs[0]})"
    if op in ("neg", "-") and len(inputs) == 1:
        return f"minus its input: -({inputs[0]})"
    if op in ("exp", "tanh", "log"):
        return f"{op}(its input) = {op}({inputs[0]})"
    if op.startswith("**"):
        return f"its input to the power {op[2:]}: ({inputs[0]}) ** {op[2:]}"
    return f"{inputs[0]} {op} {inputs[1]}"


def close(actual: float, expected: float) -> bool:
    return math.isclose(actual, expected, rel_tol=1e-6, abs_tol=1e-9)
