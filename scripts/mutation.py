"""Mutation testing of the metric modules (issue 11 point 6): do the metric tests notice a wrong figure?

    .venv/bin/python scripts/mutation.py                                  # every module in workforce/metrics
    .venv/bin/python scripts/mutation.py workforce/metrics/wres.py        # one module (or several)
    make mutation MODULES=workforce/metrics/wres.py

Each mutant changes one thing in one module: an arithmetic operator (`+` and `-`, `*` and `/`, ...), a
comparison at its boundary (`<` and `<=`, `>` and `>=`, `==` and `!=`, `in` and `not in`, `is` and `is not`),
a number (n -> n + 1, True and False), an index (`x[0]` -> `x[1]`, `x[-1]` -> `x[-2]`), `and` and `or`, a
`not` or a minus sign dropped, or the default of a `.get(key, default)` (0 -> 1, anything else -> None).
Strings, docstrings and type annotations are not mutated.

How it runs, on one process: pytest collects the tests once (`tests/workforce/metrics` unless `--tests` says
otherwise); a forked child runs them all unmutated, recording which lines of the metric modules each test
executes and how long it takes. Then each mutant runs in its own forked child of the collected session: the
mutated function's code object is swapped in place (so every module that imported the function sees the
mutant), or, for a module-level mutant (a constant, a default argument), the module's names are replaced
wherever they were imported; then only the tests that execute the mutated lines run (every test for a
module-level mutant), stopping at the first failure. A mutant is killed when a test fails, errors or times
out; it survives when they all pass or no test runs its line. The tree is never rewritten and nothing is copied.

Mutants that cannot change behaviour are listed, each with the reason, in `scripts/mutation_equivalents.toml`;
they are counted apart and left out of the score. The exit status is 1 when a module scores under
`--fail-under` (default 90%).
"""

import argparse
import ast
import os
import pickle
import signal
import sys
import tempfile
import time
import tomllib
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODULES = "workforce/metrics"
DEFAULT_TESTS = "tests/workforce/metrics"
EQUIVALENTS = Path(__file__).with_name("mutation_equivalents.toml")

BINARY = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
    ast.LShift: ast.RShift,
    ast.RShift: ast.LShift,
}
COMPARISON = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


@dataclass
class Mutant:
    path: str  # relative to the repository root
    line: int
    end_line: int
    scope: str  # qualified name of the outermost function holding it, or "<module>"
    description: str  # "`a < b` -> `a <= b`"
    number: int  # which node of the module's walk, and which variant of it
    variant: int
    ident: str = ""  # "scope: description", with "#2" etc. when one scope has the same change twice
    outcome: str = ""
    equivalent_because: str = ""
    tests: list = field(default_factory=list)


def _not_mutated(tree: ast.AST) -> set[int]:
    """ids of the nodes never mutated: docstrings, annotations, f-strings, `__all__`."""
    skip: set[int] = set()

    def skip_all(node):
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip_all(body[0])
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for decorator in node.decorator_list:  # configuration (`frozen=True`), not a calculation
                skip_all(decorator)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            skip_all(node.returns)
            for argument in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
                skip_all(argument.annotation)
            skip_all(node.args.vararg and node.args.vararg.annotation)
            skip_all(node.args.kwarg and node.args.kwarg.annotation)
        elif isinstance(node, ast.AnnAssign):
            skip_all(node.annotation)
        elif isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        ):
            skip_all(node)
    return skip


def _is_get_default(parent: ast.AST | None, node: ast.AST) -> bool:
    return (
        isinstance(parent, ast.Call)
        and isinstance(parent.func, ast.Attribute)
        and parent.func.attr == "get"
        and len(parent.args) == 2
        and parent.args[1] is node
    )


def _variants(node: ast.AST, parent: ast.AST | None) -> list[tuple[str, ast.AST]]:
    """The mutants of one node: (what changes, the node after the change) pairs. The node is changed in place
    by the caller's copy of the tree, so each variant is built from a fresh copy of `node`."""
    out = []

    def copy(n):
        return ast.parse(ast.unparse(n), mode="eval").body if isinstance(n, ast.expr) else None

    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        new = copy(node)
        new.op = BINARY[type(node.op)]()
        out.append(new)
    elif isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            if type(op) in COMPARISON:
                new = copy(node)
                new.ops[index] = COMPARISON[type(op)]()
                out.append(new)
    elif isinstance(node, ast.BoolOp):
        new = copy(node)
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        out.append(new)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
        if not (isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant)):
            out.append(copy(node.operand))
    elif isinstance(node, ast.Subscript) and _constant_int(node.slice) is not None:
        index = _constant_int(node.slice)
        new = copy(node)
        new.slice = ast.parse(str(index + 1 if index >= 0 else index - 1), mode="eval").body
        out.append(new)
    elif _is_get_default(parent, node):
        value = node.value if isinstance(node, ast.Constant) else object()
        out.append(ast.Constant(1 if value == 0 and value is not False else None))
    elif (
        isinstance(node, ast.Constant)
        and type(node.value) in (int, float, bool)
        and not (isinstance(parent, ast.Subscript) and parent.slice is node)
        and not (isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.USub))
    ):
        value = node.value
        out.append(ast.Constant(not value if isinstance(value, bool) else value + 1))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        value = node.operand.value
        if type(value) in (int, float) and not (isinstance(parent, ast.Subscript) and parent.slice is node):
            out.append(ast.parse(repr(-value + 1), mode="eval").body)
    described = []
    for new in out:
        change = f"`{ast.unparse(node)}` -> `{ast.unparse(new)}`"
        if isinstance(node, ast.Constant | ast.UnaryOp) and parent is not None and isinstance(parent, ast.expr):
            change = f"in `{_short(ast.unparse(parent))}`: {change}"  # a bare number needs its context
        elif isinstance(parent, ast.Assign | ast.AnnAssign) and parent.value is node:
            target = parent.targets[0] if isinstance(parent, ast.Assign) else parent.target
            change = f"value of `{ast.unparse(target)}`: {change}"
        elif isinstance(parent, ast.keyword):
            change = f"`{parent.arg}=`: {change}"
        elif isinstance(parent, ast.arguments):
            change = f"default of `{_argument_of(parent, node)}`: {change}"
        described.append((change, new))
    return described


def _argument_of(arguments: ast.arguments, default: ast.AST) -> str:
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = list(zip(positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True))
    pairs += list(zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True))
    return next(argument.arg for argument, value in pairs if value is default)


def _short(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[: length - 3] + "..."


def _constant_int(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _constant_int(node.operand)
        return None if inner is None else -inner
    return None


def _walk_with_parents(tree: ast.AST):
    """Every node in a fixed order with its parent and the outermost function (or class.method) around it."""

    def visit(node, parent, scope, class_name):
        yield node, parent, scope
        for child in ast.iter_child_nodes(node):
            child_scope, child_class = scope, class_name
            if scope == "<module>":
                if isinstance(child, ast.ClassDef):
                    child_class = f"{class_name}.{child.name}" if class_name else child.name
                elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    child_scope = f"{class_name}.{child.name}" if class_name else child.name
            yield from visit(child, node, child_scope, child_class)

    yield from visit(tree, None, "<module>", "")


def mutants_of(path: str) -> list[Mutant]:
    source = (ROOT / path).read_text()
    tree = ast.parse(source)
    skip = _not_mutated(tree)
    body_nodes: dict[str, set[int]] = {}
    for node, _, scope in _walk_with_parents(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and scope != "<module>" and scope not in body_nodes:
            body_nodes[scope] = {id(n) for statement in node.body for n in ast.walk(statement)}
    mutants, seen = [], {}
    for number, (node, parent, scope) in enumerate(_walk_with_parents(tree)):
        if id(node) in skip:
            continue
        in_body = scope != "<module>" and id(node) in body_nodes.get(scope, ())
        for variant, (description, _) in enumerate(_variants(node, parent)):
            where = scope if in_body else "<module>"
            ident = f"{where}: {description}"
            seen[ident] = seen.get(ident, 0) + 1
            if seen[ident] > 1:
                ident += f" #{seen[ident]}"
            line = getattr(node, "lineno", 0)
            mutants.append(
                Mutant(path, line, getattr(node, "end_lineno", line), where, description, number, variant, ident)
            )
    return mutants


def mutated_code(mutant: Mutant) -> types.CodeType:
    """The mutant's module, compiled (line numbers kept, so a traceback points at the mutated line)."""
    tree = ast.parse((ROOT / mutant.path).read_text())
    for number, (node, parent, _) in enumerate(_walk_with_parents(tree)):
        if number == mutant.number:
            _, new = _variants(node, parent)[mutant.variant]
            ast.copy_location(new, node)
            for child in ast.walk(new):
                child.lineno, child.end_lineno = node.lineno, node.end_lineno
                child.col_offset, child.end_col_offset = node.col_offset, node.end_col_offset
            _replace(parent, node, new)
            break
    ast.fix_missing_locations(tree)
    return compile(tree, str(ROOT / mutant.path), "exec")


def _replace(parent: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for name, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, name, new)
            return
        if isinstance(value, list):
            for index, item in enumerate(value):
                if item is old:
                    value[index] = new
                    return
    raise LookupError("node not found in its parent")


def _module_name(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _function_code(code: types.CodeType, qualname: str) -> types.CodeType:
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            if constant.co_qualname == qualname:
                return constant
            if qualname.startswith(constant.co_qualname + "."):
                found = _function_code(constant, qualname)
                if found is not None:
                    return found
    return None


def _plain_function(value):
    while True:
        if isinstance(value, staticmethod | classmethod):
            value = value.__func__
        elif isinstance(value, property):
            value = value.fget
        elif hasattr(value, "__wrapped__"):
            value = value.__wrapped__
        else:
            return value


def apply(mutant: Mutant) -> None:
    """Put the mutant in place in this (forked) process."""
    module = sys.modules[_module_name(mutant.path)]
    code = mutated_code(mutant)
    if mutant.scope != "<module>":
        target = module
        for part in mutant.scope.split("."):
            target = vars(target)[part] if isinstance(target, type | types.ModuleType) else getattr(target, part)
        function = _plain_function(target)
        function.__code__ = _function_code(code, mutant.scope)
        return
    namespace = {"__name__": module.__name__, "__package__": module.__package__, "__file__": module.__file__}
    if hasattr(module, "__path__"):
        namespace["__path__"] = module.__path__
    exec(code, namespace)  # noqa: S102 - the project's own module, mutated
    modules = [m for name, m in list(sys.modules.items()) if m is not None and name.split(".")[0] in _OURS]
    for name, new in namespace.items():
        old = vars(module).get(name)
        if old is None or old is new or name.startswith("__"):
            continue
        if isinstance(old, types.FunctionType):
            old.__defaults__, old.__kwdefaults__ = new.__defaults__, new.__kwdefaults__
        elif isinstance(old, type) and isinstance(new, type):
            _copy_class_values(old, new)
        elif not isinstance(old, types.ModuleType):
            for other in modules:
                if vars(other).get(name) is old:
                    setattr(other, name, new)


_OURS = {"workforce", "reports", "objectives", "organisations", "tests", "lsc_belonging"}


def _copy_class_values(old: type, new: type) -> None:
    for name, value in vars(new).items():
        current = vars(old).get(name)
        function = _plain_function(current) if current is not None else None
        if isinstance(function, types.FunctionType):
            new_function = _plain_function(value)
            if isinstance(new_function, types.FunctionType):
                function.__defaults__ = new_function.__defaults__
                function.__kwdefaults__ = new_function.__kwdefaults__
        elif isinstance(value, int | float | bool | str | tuple | frozenset) and current != value:
            setattr(old, name, value)


def load_equivalents() -> dict[tuple[str, str], str]:
    if not EQUIVALENTS.exists():
        return {}
    entries = tomllib.loads(EQUIVALENTS.read_text()).get("equivalent", [])
    return {(entry["module"], entry["mutant"]): entry["why"] for entry in entries}


class MutationRun:
    """The pytest plugin that takes over the test loop: one coverage run, then one child per mutant."""

    def __init__(self, paths: list[str], fail_under: float, verbose: bool):
        self.paths, self.fail_under, self.verbose = paths, fail_under, verbose
        self.status = 0

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        items = session.items
        started = time.monotonic()
        coverage = self.covered_lines(items)
        if coverage is None:
            print("The tests fail without any mutant: fix them first.", file=sys.stderr)
            self.status = 2
            return True
        lines_run, durations = coverage
        equivalents = load_equivalents()
        used_equivalents = set()
        by_module = {}
        for path in self.paths:
            mutants = mutants_of(path)
            by_module[path] = mutants
            for mutant in mutants:
                why = equivalents.get((path, mutant.ident))
                if why:
                    mutant.outcome, mutant.equivalent_because = "equivalent", why
                    used_equivalents.add((path, mutant.ident))
                    continue
                mutant.tests = [index for index, executed in enumerate(lines_run) if self.runs(mutant, executed)]
                if not mutant.tests:
                    mutant.outcome = "survived (no test runs it)"
                    continue
                timeout = 5 + 5 * sum(durations[index] for index in mutant.tests)
                mutant.outcome = self.run_mutant(mutant, [items[index] for index in mutant.tests], timeout)
                if self.verbose:
                    print(f"{path}:{mutant.line}: {mutant.ident}: {mutant.outcome}", flush=True)
        self.report(by_module, time.monotonic() - started)
        for key in sorted(key for key in set(equivalents) - used_equivalents if key[0] in self.paths):
            print(f"Note: equivalent listed but no longer generated: {key[0]}: {key[1]}")
        return True

    @staticmethod
    def runs(mutant: Mutant, executed: set) -> bool:
        """Whether a test that executed these (module, line) pairs can see the mutant: it ran the mutated line,
        or, for a module-level mutant (a constant, a default, a field's default), any test at all: what it changes
        is read through names and generated code (a NamedTuple's `__new__`) that line tracing does not see."""
        if mutant.scope == "<module>":
            return True
        return any((mutant.path, line) in executed for line in range(mutant.line, mutant.end_line + 1))

    def covered_lines(self, items):
        """Run every test unmutated in a child, recording the (module, line) pairs each executes."""
        wanted = {str(ROOT / path): path for path in self.paths}

        def record(executed):
            def tracer(frame, event, arg):
                path = wanted.get(frame.f_code.co_filename)
                if path is None:
                    return None
                executed.add((path, frame.f_lineno))

                def local(frame, event, arg):
                    if event == "line":
                        executed.add((path, frame.f_lineno))
                    return local

                return local

            return tracer

        with tempfile.TemporaryFile() as results:
            pid = os.fork()
            if pid == 0:
                from _pytest.runner import runtestprotocol

                lines_run, durations, failed = [], [], False
                _quiet()
                for index, item in enumerate(items):
                    executed: set = set()
                    begun = time.monotonic()
                    sys.settrace(record(executed))
                    try:
                        reports = runtestprotocol(
                            item, log=False, nextitem=items[index + 1] if index + 1 < len(items) else None
                        )
                    finally:
                        sys.settrace(None)
                    failed = failed or any(report.failed for report in reports)
                    lines_run.append(executed)
                    durations.append(time.monotonic() - begun)
                pickle.dump((lines_run, durations, failed), results)
                results.flush()
                os._exit(0)
            os.waitpid(pid, 0)
            results.seek(0)
            lines_run, durations, failed = pickle.load(results)  # noqa: S301 - written by our own child just now
        return None if failed else (lines_run, durations)

    def run_mutant(self, mutant: Mutant, items, timeout: float) -> str:
        pid = os.fork()
        if pid == 0:
            from _pytest.runner import runtestprotocol

            _quiet()
            signal.signal(signal.SIGALRM, lambda *_: os._exit(3))
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                apply(mutant)
            except Exception:  # noqa: BLE001 - a mutant whose module cannot even load is killed
                os._exit(1)
            for index, item in enumerate(items):
                reports = runtestprotocol(
                    item, log=False, nextitem=items[index + 1] if index + 1 < len(items) else None
                )
                if any(report.failed for report in reports):
                    os._exit(1)
            os._exit(0)
        deadline = time.monotonic() + 2 * timeout + 5
        while True:
            finished, status = os.waitpid(pid, os.WNOHANG)
            if finished:
                break
            if time.monotonic() > deadline:  # stuck where the child's own alarm cannot interrupt it
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return "killed (timeout)"
            time.sleep(0.002)
        code = os.waitstatus_to_exitcode(status)
        return {0: "survived", 1: "killed", 3: "killed (timeout)"}.get(code, f"killed (exit {code})")

    def report(self, by_module: dict, seconds: float) -> None:
        print()
        print(f"{'module':<48} {'killed':>7} {'total':>6} {'score':>7} {'equivalent':>11}")
        for path, mutants in by_module.items():
            counted = [m for m in mutants if m.outcome != "equivalent"]
            killed = sum(m.outcome.startswith("killed") for m in counted)
            equivalent = len(mutants) - len(counted)
            score = 100.0 * killed / len(counted) if counted else 100.0
            if score < self.fail_under:
                self.status = 1
            print(f"{path:<48} {killed:>7} {len(counted):>6} {score:>6.1f}% {equivalent:>11}")
        for path, mutants in by_module.items():
            survivors = [m for m in mutants if m.outcome.startswith("survived")]
            for mutant in survivors:
                print(
                    f"SURVIVED {path}:{mutant.line}: {mutant.ident}"
                    + (" (no test runs it)" if "no test" in mutant.outcome else "")
                )
        print(f"{sum(len(m) for m in by_module.values())} mutants in {seconds:.0f} s")


def _quiet() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)


def module_paths(arguments: list[str]) -> list[str]:
    paths = []
    for argument in arguments or [DEFAULT_MODULES]:
        target = (ROOT / argument).resolve()
        found = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        paths += [str(path.relative_to(ROOT)) for path in found]
    return [path for path in paths if mutants_of(path)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"modules or folders to mutate (default {DEFAULT_MODULES})")
    parser.add_argument("--tests", nargs="+", default=[DEFAULT_TESTS], help=f"tests to run (default {DEFAULT_TESTS})")
    parser.add_argument("--fail-under", type=float, default=90.0, help="lowest acceptable score per module, %%")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each mutant's outcome as it runs")
    arguments = parser.parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    run = MutationRun(module_paths(arguments.modules), arguments.fail_under, arguments.verbose)
    exit_code = pytest.main([*arguments.tests, "-q", "-p", "no:randomly", "--no-header"], plugins=[run])
    return run.status if exit_code in (0, pytest.ExitCode.OK) else int(exit_code)


if __name__ == "__main__":
    sys.exit(main())
