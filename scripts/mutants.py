"""The hidden tests, tested by mutation (`make check-problems`): mutants of each problem's reference solution,
derived by rule, must each fail a required test, unless the problem's mistakes/mutants.json lists the mutant as
equivalent to the reference, with the reason. Prints the kill rate per problem; exits 1 on a survivor that is not
listed, or on a listed one that no longer survives (or no longer exists).

Usage: python scripts/mutants.py [problem id ...]   (PLAYGROUND_PROBLEMS: the problems' folder)
"""

import ast
import copy
import json
import multiprocessing
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBLEMS = Path(os.environ.get("PLAYGROUND_PROBLEMS", ROOT / "py" / "problems"))
sys.path.insert(0, str(ROOT / "py"))
from playground import run_tests  # noqa: E402  (imported once, before any fork)

FORK = multiprocessing.get_context("fork")
TIMEOUT_SECONDS = 120  # a mutant that runs this long (a loop it can't leave) counts as caught: the page stops it


def is_grad(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "grad"


def is_upstream(node: ast.AST) -> bool:
    """out.grad: the gradient that flows into a local rule from the node it made."""
    return is_grad(node) and isinstance(node.value, ast.Name) and node.value.id == "out"


class Swap(ast.NodeTransformer):
    """Swaps two names, or two attribute expressions given as source."""

    def __init__(self, a: str, b: str):
        self.pairs = {a: b, b: a}

    def visit_Name(self, node):
        return ast.Name(self.pairs.get(node.id, node.id), node.ctx)

    def visit_Attribute(self, node):
        swapped = self.pairs.get(ast.unparse(node))
        return ast.parse(swapped, mode="eval").body if swapped else self.generic_visit(node)


class Replace(ast.NodeTransformer):
    """Replaces every node that matches by what make() returns."""

    def __init__(self, matches, make):
        self.matches, self.make = matches, make

    def generic_visit(self, node):
        return self.make(node) if self.matches(node) else super().generic_visit(node)


def local_rule_mutants(stmt: ast.AugAssign) -> dict[str, ast.stmt]:
    """x.grad += <local derivative> * out.grad, in a _backward: four ways to get it wrong."""
    found = {"assigns instead of adds": ast.Assign([stmt.target], stmt.value)}
    if any(is_upstream(node) for node in ast.walk(stmt.value)):
        dropped = Replace(is_upstream, lambda _: ast.Constant(1.0)).visit(copy.deepcopy(stmt.value))
        found["drops the upstream gradient"] = ast.AugAssign(stmt.target, ast.Add(), dropped)
    upstream = ast.parse("out.grad", mode="eval").body
    if is_upstream(stmt.value):
        wrong = ast.UnaryOp(ast.USub(), upstream)
    else:
        wrong = upstream
    found["wrong local derivative"] = ast.AugAssign(stmt.target, ast.Add(), wrong)
    names = {node.id for node in ast.walk(stmt.value) if isinstance(node, ast.Name)}
    if "other" in names | {ast.unparse(stmt.target.value)}:
        swap = Swap("self", "other")
    elif {"self.data", "out.data"} & {ast.unparse(node) for node in ast.walk(stmt.value)}:
        swap = Swap("self.data", "out.data")
    else:
        swap = None
    if swap:
        swapped = swap.visit(copy.deepcopy(stmt.value))
        if ast.unparse(swapped) != ast.unparse(stmt.value):
            found["wrong operand"] = ast.AugAssign(stmt.target, ast.Add(), swapped)
    return found


def children_of(function: ast.FunctionDef) -> str | None:
    """The attribute backward() walks to a node's children (_prev in micrograd)."""
    for node in ast.walk(function):
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Attribute):
            return node.iter.attr
    return None


BREADTH_FIRST = """
self.grad = 1.0
order, seen, i = [self], {{id(self)}}, 0
while i < len(order):
    for child in order[i].{children}:
        if id(child) not in seen:
            seen.add(id(child))
            order.append(child)
    i += 1
for v in order:
    v._backward()
"""
ONCE_PER_PATH = """
self.grad = 1.0
def propagate(v):
    v._backward()
    for child in v.{children}:
        propagate(child)
propagate(self)
"""


def order_mutants(function: ast.FunctionDef) -> dict[str, list[ast.stmt]]:
    """backward()'s order, replaced by orders that are not topological."""
    children = children_of(function)
    found = {}
    body = copy.deepcopy(function.body)
    unreversed = Replace(lambda node: isinstance(node, ast.Call) and getattr(node.func, "id", "") == "reversed",
                         lambda node: node.args[0])
    forward = [unreversed.visit(stmt) for stmt in body]
    if ast.dump(ast.Module(forward, [])) != ast.dump(ast.Module(function.body, [])):
        found["forward order"] = forward
    if children:
        found["breadth-first from the output"] = ast.parse(BREADTH_FIRST.format(children=children)).body
        found["each node once per path"] = ast.parse(ONCE_PER_PATH.format(children=children)).body
    found["output not seeded"] = [stmt for stmt in function.body
                                  if not (isinstance(stmt, ast.Assign) and ast.unparse(stmt.targets[0]) == "self.grad")]
    return found


def training_mutants(stmt: ast.stmt) -> dict[str, ast.stmt | None]:
    """The later problems' rules: the update's sign (or an item's nudge), zeroing the gradients."""
    found = {}
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Attribute) and stmt.target.attr == "data":
        flipped = ast.Add() if isinstance(stmt.op, ast.Sub) else ast.Sub()
        found["the update's sign flipped"] = ast.AugAssign(stmt.target, flipped, stmt.value)
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Subscript) and \
            isinstance(stmt.op, ast.Add | ast.Sub):
        flipped = ast.Add() if isinstance(stmt.op, ast.Sub) else ast.Sub()
        found["a nudge's sign flipped"] = ast.AugAssign(stmt.target, flipped, stmt.value)
    if is_call_to(stmt, "zero_grad"):
        found["no zero_grad()"] = None
    if isinstance(stmt, ast.Assign) and is_grad(stmt.targets[0]) and ast.unparse(stmt.value) in ("0", "0.0"):
        found["gradients not zeroed"] = None
        found["zeroes the data, not the gradient"] = ast.Assign(
            [ast.Attribute(stmt.targets[0].value, "data", ast.Store())], stmt.value)
    return found


def is_call_to(stmt: ast.stmt, method: str) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and \
        getattr(stmt.value.func, "attr", "") == method


def sequence_mutants(body: list[ast.stmt], index: int) -> dict[str, list[ast.stmt]]:
    """Rules on the order of statements: zero_grad() moved after the backward() that follows it."""
    later = [i for i in range(index + 1, len(body)) if is_call_to(body[i], "backward")]
    if not (is_call_to(body[index], "zero_grad") and later):
        return {}
    moved = body[:index] + body[index + 1:later[0] + 1] + [body[index]] + body[later[0] + 1:]
    return {"zero_grad() after backward()": moved}


def expression_mutants(expression: ast.expr) -> dict[str, ast.expr]:
    """Rules on expressions: the loss's mean, a layer's nonlinearity, a dropped part of parameters(), a term of a
    sum, a power, a constant factor or a copy left out."""
    found = {}
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Div) and \
            isinstance(expression.right, ast.Call | ast.Name) and \
            isinstance(expression.left, ast.Call) and getattr(expression.left.func, "id", "") == "sum":
        found["a sum, not the mean"] = expression.left
    if isinstance(expression, ast.IfExp):
        found["always the first branch"] = expression.body
        found["always the second branch"] = expression.orelse
    if isinstance(expression, ast.Compare) and len(expression.ops) == 1 and \
            isinstance(expression.ops[0], ast.Gt | ast.GtE):
        other = ast.GtE() if isinstance(expression.ops[0], ast.Gt) else ast.Gt()
        found["> and >= swapped"] = ast.Compare(expression.left, [other], expression.comparators)
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Add) and \
            isinstance(expression.right, ast.List):
        found["the list's last part dropped"] = expression.left
    elif isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Add | ast.Sub):
        found["a path's term dropped"] = expression.left  # a sum over paths, one path left out
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Pow) and \
            isinstance(expression.right, ast.Constant):
        found["the power left out"] = expression.left
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Mult) and \
            isinstance(expression.left, ast.Constant):
        found["a constant factor left out"] = expression.right
    if isinstance(expression, ast.Call) and getattr(expression.func, "id", "") == "list" and \
            len(expression.args) == 1 and isinstance(expression.args[0], ast.Name):
        found["the copy left out"] = expression.args[0]  # list(xs), a copy, is xs itself
    return found


def keyword_mutants(keyword: ast.keyword) -> dict[str, ast.keyword]:
    if keyword.arg != "nonlin":
        return {}
    return {f"nonlin={choice}": ast.keyword("nonlin", ast.parse(choice, mode="eval").body)
            for choice in ("True", "False", "i == 0")}


def mutants(source: str) -> dict[str, str]:
    """{mutant id: its source}: each mutant changes one thing of source. A mutant id says where and what,
    without line numbers: "Value.__mul__._backward: assigns instead of adds: other.grad += self.data * out.grad"."""
    tree = ast.parse(source)
    nodes = list(ast.walk(tree))
    found = {}

    def record(where: str, rule: str, original: ast.AST, parent: ast.AST, field: str, index: int | None, new):
        mutated = copy.deepcopy(tree)
        place = list(ast.walk(mutated))[nodes.index(parent)]  # a deep copy walks in the same order
        if index is None:
            setattr(place, field, copy.deepcopy(new))
        else:
            getattr(place, field)[index] = copy.deepcopy(new)
        name = f"{where}: {rule}: {ast.unparse(original).splitlines()[0]}"
        found[name] = ast.unparse(ast.fix_missing_locations(mutated))

    for path, node in walk_with_path(tree):
        where = ".".join(path)
        if isinstance(node, ast.FunctionDef) and node.name == "backward":
            for rule, body in order_mutants(node).items():
                record(where, rule, node, node, "body", None, body)
        for field, value in ast.iter_fields(node):
            items = value if isinstance(value, list) else [value]
            for index, child in enumerate(items):
                position = index if isinstance(value, list) else None
                rules = {}
                if isinstance(child, ast.AugAssign) and is_grad(child.target) and path[-1] == "_backward":
                    rules |= local_rule_mutants(child)
                if isinstance(child, ast.stmt):
                    rules |= {rule: new or ast.Pass() for rule, new in training_mutants(child).items()}
                if isinstance(child, ast.expr):
                    rules |= expression_mutants(child)
                if isinstance(child, ast.keyword):
                    rules |= keyword_mutants(child)
                for rule, new in rules.items():
                    record(where, rule, child, node, field, position, new)
                if isinstance(child, ast.stmt) and isinstance(value, list):
                    for rule, new in sequence_mutants(value, index).items():
                        record(where, rule, child, node, field, None, new)
    return found


def walk_with_path(tree: ast.AST, path: tuple[str, ...] = ()):
    """Every node, with the names of the classes and functions it is in."""
    yield path or ("<module>",), tree
    for child in ast.iter_child_nodes(tree):
        inner = path + (child.name,) if isinstance(child, ast.FunctionDef | ast.ClassDef) else path
        yield from walk_with_path(child, inner)


def outcomes(problem: Path, source: str) -> dict[str, str]:
    """{test id: outcome} of the hidden tests against source, through the real harness in a Python of its own:
    a fork of this one, which has imported the harness but never run learner code."""
    receive, send = FORK.Pipe(duplex=False)
    process = FORK.Process(target=judge, args=(problem, source, send))
    process.start()
    send.close()
    ended = receive.poll(TIMEOUT_SECONDS)
    result = receive.recv() if ended else {"<the run>": "stopped"}
    process.kill()
    process.join()
    return result


def judge(problem: Path, source: str, send) -> None:
    with tempfile.TemporaryDirectory() as workdir, open(os.devnull, "w") as quiet:
        with redirect_stdout(quiet), redirect_stderr(quiet):
            result = run_tests(problem, source, workdir)
    send.send({test["id"]: test["outcome"] for test in result["tests"]})


def equivalents(problem: Path) -> dict[str, str]:
    """mistakes/mutants.json: the mutants that no test can tell from the reference, each with the reason."""
    listed = problem / "mistakes" / "mutants.json"
    return json.loads(listed.read_text(encoding="utf-8")) if listed.exists() else {}


def check(problem: Path) -> list[str]:
    """The problem's mutants run against its hidden tests; the errors, and a line of figures printed."""
    meta = json.loads((problem / "problem.json").read_text(encoding="utf-8"))
    required = {test["id"] for test in meta["tests"] if test.get("tier", "required") == "required"}
    found = mutants((problem / "solution.py").read_text(encoding="utf-8"))
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        results = dict(zip(found, pool.map(lambda source: outcomes(problem, source), found.values()), strict=True))
    survivors = {name for name, result in results.items()
                 if all(outcome == "passed" for test, outcome in result.items() if test in required)}
    listed = equivalents(problem)
    listed_here = set(listed) & set(found)
    errors = [f"{problem.name}: mutant survives every required test: {name}"
              for name in sorted(survivors - set(listed))]
    errors += [f"{problem.name}: mutants.json lists a mutant that a test now catches: {name}"
               for name in sorted(listed_here - survivors)]
    errors += [f"{problem.name}: mutants.json lists a mutant that no rule makes: {name}"
               for name in sorted(set(listed) - set(found))]
    killed = len(found) - len(survivors)
    print(f"{problem.name}: {killed}/{len(found)} mutants caught by a required test, "
          f"{len(survivors & set(listed))} listed as equivalent")
    return errors


def main(ids: list[str]) -> int:
    folders = sorted(path.parent for path in PROBLEMS.glob("*/problem.json")
                     if (path.parent / "solution.py").exists() and (not ids or path.parent.name in ids))
    errors = [error for folder in folders for error in check(folder)]
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
