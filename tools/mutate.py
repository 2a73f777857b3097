"""A small AST mutation tester for the rule modules (a slow job, kept out of CI).

It makes one mutant per change below, runs a chosen set of fast domain test
files against each mutant and prints, per module, how many mutants the tests
killed and which survived (with their line numbers).

Changes made (one at a time):

- comparison operators: ``<``↔``<=``, ``>``↔``>=``, ``==``↔``!=``, ``in``↔``not in``,
  ``is``↔``is not``;
- integer constants: ``n+1`` and ``n-1``;
- ``and``↔``or``; ``+``↔``-``; ``min``↔``max``;
- negated conditions (``if``, ``while``, ``x if c else y``, comprehension filters)
  and a dropped ``not``;
- ``return True``↔``return False``; ``return x`` → ``return None``;
- a removed statement (a call, ``+=``, ``continue``, ``break``, an ``append``).

Only code inside functions and module-level constants are changed (not class
bodies, decorators or default values). No file is ever written: the tool imports
the package and the test modules once, then forks a child per mutant; the child
swaps the mutated code objects into the live functions (so every ``from x import
f`` sees the mutant) and runs pytest in-process. The source tree is untouched
whatever happens (Ctrl+C included).

Mutants judged equivalent (no test can tell them from the original) are listed
with a reason each in ``tools/mutation_equivalent.txt`` and left out of the score.

Run from the repository root::

    /work/venv/bin/python tools/mutate.py                 # every module
    /work/venv/bin/python tools/mutate.py rules_ledger    # one module
    /work/venv/bin/python tools/mutate.py rules_ledger --list   # list mutants, run nothing

Each mutant costs one pytest run of the module's test files (about a second);
the whole run takes several minutes. POSIX only (it forks).
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib
import importlib.util
import os
import signal
import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "village_tui.domain"
EQUIVALENT_FILE = ROOT / "tools" / "mutation_equivalent.txt"

_DOMAIN = ["tests/test_check_rules.py", "tests/test_history_rules.py"]
# The fast domain test files run against each module's mutants (no pilot or screen tests).
MODULE_TESTS: dict[str, list[str]] = {
    "rules_ledger": ["tests/test_boundaries_ledger.py", "tests/test_ledger_domain.py", *_DOMAIN],
    "rules_desk": ["tests/test_boundaries_desk.py", "tests/test_desk_domain.py", "tests/test_matters_domain.py",
                   *_DOMAIN],
    "rules_visits": ["tests/test_boundaries_visits.py", "tests/test_rules_visits.py", *_DOMAIN],
    "rules_duty": ["tests/test_boundaries_duty.py", "tests/test_rules_duty.py", *_DOMAIN],
    "rules_pairing": ["tests/test_boundaries_pairing.py", "tests/test_rules_pairing.py", *_DOMAIN],
    "assessment": ["tests/test_assessment.py", *_DOMAIN],
    "dated": ["tests/test_dated_domain.py", "tests/test_dated_facts.py", *_DOMAIN],
    "privacy": ["tests/test_privacy_boundaries.py", "tests/test_privacy_mutants.py", "tests/test_privacy.py",
                "tests/test_exchange_masking_corpus.py"],
}

# The tests must run in the child that holds the mutant: no pytest-xdist workers (the suite's addopts has -n 2).
_IN_PROCESS = ["-n", "0"] if importlib.util.find_spec("xdist") is not None else []

_FLIP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
         ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
           ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}


@dataclass
class Mutant:
    """One change to a module.

    Attributes:
        index: The node's position in a walk of the module's tree.
        kind: Which change, e.g. ``cmp 0``, ``const +1``.
        line: The line of the changed node.
        function: The qualified name of the function holding it ("<module>" for a constant).
        label: A readable description, e.g. ``item.due < day: < → <=``.
    """

    index: int
    kind: str
    line: int
    function: str
    label: str

    def key(self, module: str) -> str:
        """The key that names this mutant in the equivalent list (line numbers left out)."""
        return f"{module} | {self.function} | {self.label}"


def _short(node: ast.AST) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= 70 else text[:67] + "..."


def _walk(tree: ast.Module) -> list[tuple[ast.AST, str, bool]]:
    """Every node with the function holding it and whether it may be changed."""
    out: list[tuple[ast.AST, str, bool]] = []

    def visit(node: ast.AST, scope: str, live: bool, in_class: bool, in_func: bool = False) -> None:
        out.append((node, scope, live))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # A nested function belongs to the function (or method) around it, whose code holds it.
            inner = scope if in_func else (f"{scope}.{node.name}" if scope != "<module>" else node.name)
            for deco in node.decorator_list:
                visit(deco, scope, False, in_class, in_func)
            visit(node.args, inner, False, False, True)
            if node.returns is not None:
                visit(node.returns, inner, False, False, True)
            for i, stmt in enumerate(node.body):
                docstring = i == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                visit(stmt, inner, not docstring, False, True)
            return
        if isinstance(node, ast.ClassDef):
            inner = f"{scope}.{node.name}" if scope != "<module>" else node.name
            for child in ast.iter_child_nodes(node):
                visit(child, inner, False, True)
            return
        if isinstance(node, (ast.AnnAssign, ast.arg)) or (in_class and not live):
            for child in ast.iter_child_nodes(node):
                visit(child, scope, False, in_class)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, scope, live, in_class, in_func)

    for stmt in tree.body:
        const = isinstance(stmt, ast.Assign) and scope_constant(stmt)
        visit(stmt, "<module>", bool(const), False)
    return out


def scope_constant(stmt: ast.Assign) -> bool:
    """Whether a module-level assignment binds names (a constant one may mutate)."""
    return all(isinstance(t, ast.Name) for t in stmt.targets)


def mutants_of(tree: ast.Module) -> list[Mutant]:
    """Every mutant of a module's tree, in a stable order."""
    found: list[Mutant] = []
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    for index, (node, scope, live) in enumerate(_walk(tree)):
        if not live:
            continue
        line = getattr(node, "lineno", 0)

        def add(kind: str, label: str) -> None:
            found.append(Mutant(index, kind, line, scope, label))

        parent = parents.get(id(node))
        if isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                if type(op) in _FLIP:
                    which = f" (#{k + 1})" if len(node.ops) > 1 else ""
                    add(f"cmp {k}", f"{_short(node)}: {_SYMBOL[type(op)]}{which} → {_SYMBOL[_FLIP[type(op)]]}")
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            if isinstance(parent, ast.JoinedStr) or isinstance(parent, ast.FormattedValue):
                continue
            where = _short(parent) if parent is not None else str(node.value)
            add("const +1", f"{where}: {node.value} → {node.value + 1}")
            add("const -1", f"{where}: {node.value} → {node.value - 1}")
        elif isinstance(node, ast.BoolOp):
            other = "or" if isinstance(node.op, ast.And) else "and"
            add("boolop", f"{_short(node)}: → {other}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            add("binop", f"{_short(node)}: {'+ → -' if isinstance(node.op, ast.Add) else '- → +'}")
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, (ast.Add, ast.Sub)):
            add("binop", f"{_short(node)}: {'+= → -=' if isinstance(node.op, ast.Add) else '-= → +='}")
            add("remove", f"{_short(node)}: removed")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
            add("minmax", f"{_short(node)}: {node.func.id} → {'max' if node.func.id == 'min' else 'min'}")
        elif isinstance(node, (ast.If, ast.While, ast.IfExp)):
            add("negate", f"{_short(node.test)}: negated")
        elif isinstance(node, ast.comprehension):
            for k, cond in enumerate(node.ifs):
                found.append(Mutant(index, f"negate-if {k}", getattr(cond, "lineno", line), scope,
                                    f"{_short(cond)}: negated"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            add("unnot", f"{_short(node)}: not dropped")
        elif isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, bool):
                add("return-bool", f"return {value.value} → return {not value.value}")
            elif not (isinstance(value, ast.Constant) and value.value is None):
                add("return-none", f"return {_short(value)} → return None")
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            add("remove", f"{_short(node)}: removed")
        elif isinstance(node, (ast.Continue, ast.Break)):
            add("remove", f"{_short(node)}: removed")
    seen: dict[tuple[str, str], int] = {}
    for m in found:  # the same change twice in one function: number the later ones
        n = seen[(m.function, m.label)] = seen.get((m.function, m.label), 0) + 1
        if n > 1:
            m.label += f" [{n}]"
    return found


def apply(tree: ast.Module, mutant: Mutant) -> ast.Module:
    """A copy of ``tree`` with ``mutant`` made."""
    tree = copy.deepcopy(tree)
    node = _walk(tree)[mutant.index][0]
    kind = mutant.kind
    if kind.startswith("cmp "):
        k = int(kind.split()[1])
        node.ops[k] = _FLIP[type(node.ops[k])]()
    elif kind == "const +1":
        node.value += 1
    elif kind == "const -1":
        node.value -= 1
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "binop":
        node.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
    elif kind == "minmax":
        node.func.id = "max" if node.func.id == "min" else "min"
    elif kind == "negate":
        node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    elif kind.startswith("negate-if "):
        k = int(kind.split()[1])
        node.ifs[k] = ast.UnaryOp(op=ast.Not(), operand=node.ifs[k])
    elif kind == "unnot":
        _replace(tree, node, node.operand)
    elif kind == "return-bool":
        node.value = ast.Constant(not node.value.value)
    elif kind == "return-none":
        node.value = ast.Constant(None)
    elif kind == "remove":
        _replace(tree, node, ast.Pass())
    else:
        raise ValueError(kind)
    return ast.fix_missing_locations(tree)


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        ast.copy_location(new, old)
                        value[i] = new
                        return
    raise LookupError("node not found")


def _codes(code: types.CodeType) -> dict[str, types.CodeType]:
    """Every function code object inside ``code``, by qualified name."""
    found: dict[str, types.CodeType] = {}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found.setdefault(const.co_qualname, const)
            for name, inner in _codes(const).items():
                found.setdefault(name, inner)
    return found


def _functions(module: types.ModuleType) -> dict[str, types.FunctionType]:
    """The module's own functions and methods, by qualified name."""
    found: dict[str, types.FunctionType] = {}

    def take(obj: object) -> None:
        for raw in (obj, getattr(obj, "__func__", None), getattr(obj, "fget", None), getattr(obj, "fset", None),
                    getattr(obj, "__wrapped__", None)):
            if isinstance(raw, types.FunctionType) and raw.__module__ == module.__name__:
                found.setdefault(raw.__code__.co_qualname, raw)

    for value in list(vars(module).values()):
        take(value)
        if isinstance(value, type) and value.__module__ == module.__name__:
            for attr in vars(value).values():
                take(attr)
    return found


def install(module: types.ModuleType, tree: ast.Module, mutant: Mutant) -> None:
    """Make ``mutant`` live in this process (the child's): swap code objects or rebind a constant."""
    code = compile(apply(tree, mutant), module.__file__, "exec")
    if mutant.function == "<module>":
        namespace: dict = {"__name__": module.__name__, "__file__": module.__file__}
        exec(code, namespace)  # noqa: S102 - the module's own source, mutated
        for name, value in namespace.items():
            old = vars(module).get(name, namespace)
            if old is namespace or isinstance(old, (type, types.FunctionType, types.ModuleType)) or old == value:
                continue
            setattr(module, name, value)
            for other in list(sys.modules.values()):
                if other is not None and getattr(other, name, namespace) is old:
                    setattr(other, name, value)
        return
    new = _codes(code)
    live = _functions(module)
    prefix = mutant.function
    changed = False
    for name, func in live.items():
        if (name == prefix or name.startswith(prefix + ".")) and name in new and func.__code__ != new[name]:
            func.__code__ = new[name]
            changed = True
    if not changed:
        raise LookupError(f"no live function for {mutant.function}")


def run_child(module: types.ModuleType, tree: ast.Module, mutant: Mutant | None, tests: list[str],
              timeout: float) -> str:
    """Fork, make the mutant live in the child, run the tests there; ``killed``, ``survived`` or ``timeout``."""
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            if mutant is not None:
                install(module, tree, mutant)
            import pytest

            code = int(pytest.main(["-x", "-q", "-p", "no:cacheprovider", *_IN_PROCESS, *tests]))
        except BaseException:  # noqa: BLE001 - any failure kills the mutant
            code = 4
        finally:
            os._exit(code)
    deadline = time.monotonic() + timeout
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                pid = 0
                return "survived" if os.waitstatus_to_exitcode(status) == 0 else "killed"
            if time.monotonic() > deadline:
                return "timeout"
            time.sleep(0.02)
    finally:
        if pid:  # a timeout, Ctrl+C or SIGTERM: end the child this run started
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def load_equivalent() -> dict[str, str]:
    """Keys of mutants judged equivalent, with the reason given for each."""
    out: dict[str, str] = {}
    if EQUIVALENT_FILE.exists():
        for raw in EQUIVALENT_FILE.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            key, _, reason = raw.partition(" # ")
            out[key.strip()] = reason.strip()
    return out


def _preload(tests: list[str]) -> None:
    """Import pytest, the conftest and the test modules once, so each child only runs them."""
    import pytest

    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(1), os.dup(2)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *_IN_PROCESS, *tests])
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)


def main(argv: list[str] | None = None) -> int:
    """Run the mutation job; prints per-module scores and the surviving mutants."""
    parser = argparse.ArgumentParser(description="Mutation testing of the rule modules (slow; not in CI).")
    parser.add_argument("modules", nargs="*", default=list(MODULE_TESTS), help="module names under domain/")
    parser.add_argument("--list", action="store_true", help="list the mutants and run nothing")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per mutant before it counts as killed")
    parser.add_argument("--line", type=int, action="append", help="only mutants on these lines")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so the running child is ended too
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ["PYTHONPATH"] = str(ROOT)
    equivalent = load_equivalent()
    summary = []
    for name in args.modules:
        module = importlib.import_module(f"{PACKAGE}.{name}")
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        mutants = mutants_of(tree)
        if args.line:
            mutants = [m for m in mutants if m.line in args.line]
        if args.list:
            for m in mutants:
                mark = "  (equivalent)" if m.key(name) in equivalent else ""
                print(f"{name}.py:{m.line}  {m.function}  {m.label}{mark}")
            continue
        tests = [t for t in MODULE_TESTS[name] if (ROOT / t).exists()]
        _preload(tests)
        if run_child(module, tree, None, tests, args.timeout * 4) != "survived":
            print(f"{name}: the tests fail without any mutant; fix them first", file=sys.stderr)
            return 2
        killed, survivors, skipped = 0, [], 0
        started = time.monotonic()
        for m in mutants:
            if m.key(name) in equivalent:
                skipped += 1
                continue
            outcome = run_child(module, tree, m, tests, args.timeout)
            print({"killed": ".", "survived": "S", "timeout": "T"}[outcome], end="", file=sys.stderr, flush=True)
            if outcome == "survived":
                survivors.append(m)
            else:
                killed += 1
        total = killed + len(survivors)
        share = 100 * killed / total if total else 100.0
        print(f"\n{name}.py: {killed}/{total} killed ({share:.0f}%), {skipped} equivalent left out, "
              f"{time.monotonic() - started:.0f}s")
        for m in survivors:
            print(f"  survived {name}.py:{m.line}  {m.function}  {m.label}")
        summary.append((name, killed, total, skipped))
        sys.stdout.flush()
    if summary:
        print("\nmodule            killed/total   score  equivalent")
        for name, killed, total, skipped in summary:
            print(f"{name:<17} {killed:>5}/{total:<6}  {100 * killed / max(total, 1):5.0f}%  {skipped:>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
