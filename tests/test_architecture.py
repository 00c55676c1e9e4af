"""The direction of imports between the apps (docs/architecture.md): reports -> objectives -> workforce ->
organisations, and nothing in the portal imports reports (but its own URLs) or the demo app.

Read from the source with `ast`, so an import inside a function counts as much as one at the top."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["organisations", "jobs", "workforce", "objectives", "reports"]  # each may import only those before it
PORTAL = [*LAYERS, "lsc_belonging"]


def _imported_apps(path: Path) -> set[str]:
    apps = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            apps.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            apps.update(alias.name.split(".")[0] for alias in node.names)
    return apps


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_below_it(app):
    allowed_below = set(LAYERS[: LAYERS.index(app)])
    forbidden = set(PORTAL) - allowed_below - {app}
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path) & forbidden)
        for path in _modules(app)
        if _imported_apps(path) & forbidden
    }
    assert not wrong, f"{app} imports apps above it: {wrong}"


@pytest.mark.parametrize("app", PORTAL)
def test_no_portal_code_imports_the_demo_app(app):
    wrong = [str(path.relative_to(ROOT)) for path in _modules(app) if "demo" in _imported_apps(path)]
    assert not wrong


def test_the_settings_package_imports_no_app_but_to_route_to_it():
    # lsc_belonging holds settings, URLs and the portal's own pages: its URLs include every app's, and its
    # setup_portal command calls the apps' services; the rest imports nothing above organisations.
    own = [path for path in _modules("lsc_belonging") if path.name not in {"urls.py", "setup_portal.py"}]
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path) & {"workforce", "objectives", "reports"})
        for path in own
        if _imported_apps(path) & {"workforce", "objectives", "reports"}
    }
    assert not wrong
