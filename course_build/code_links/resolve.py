"""Find, from a Python example's own imports, the names that come from the
libraries the course links to, and the reference page of each.

A name is linked under the public path the code reaches it by (the module it
is imported from, then attributes): ``from sklearn.model_selection import
TunedThresholdClassifierCV`` links ``sklearn.model_selection.TunedThresholdClassifierCV``,
``np.mean`` links ``numpy.mean``, ``stats.t.sf`` links ``scipy.stats.t`` (the
page that documents ``sf``). Whatever cannot be followed that way stays
plain: variables (``model.fit``), names the example also assigns, modules
alone (``np``), private paths, and libraries not listed here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata

# The top-level package of each linked library, and its distribution's name.
LINKED_LIBRARIES = {
    "sklearn": "scikit-learn",
    "imblearn": "imbalanced-learn",
    "numpy": "numpy",
    "scipy": "scipy",
    "matplotlib": "matplotlib",
}


@dataclass(frozen=True)
class Reference:
    """A span of an example's source (character offsets) that names ``path``."""

    start: int
    end: int
    path: str  # the documented object's public dotted path, e.g. "numpy.mean"
    in_import: bool = False  # the name as an import statement brings it in


def resolution(parts: tuple[str, ...]) -> tuple[str | None, int]:
    """What the dotted name ``parts`` reaches: the public path of the object
    documented for it (or None), and how many leading parts name something
    that exists (0 when there is no path). It imports the library: the one
    step of ``references`` that a cache spares (``known.KnownLinks``)."""
    path = documented_path(list(parts))
    return path, _resolvable_depth(list(parts)) if path else 0


def references(code: str, resolve: Callable[[tuple[str, ...]], tuple[str | None, int]] = resolution) -> list[Reference]:
    """Every linkable name in ``code``, in source order; none if it does not
    parse. ``resolve`` gives what a dotted name reaches (``resolution``)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    lines = code.splitlines(keepends=True)
    line_starts = _line_starts(lines)

    def offset(line: int, column: int) -> int:
        # ast counts columns in UTF-8 bytes.
        return line_starts[line - 1] + len(lines[line - 1].encode()[:column].decode())

    imported = _imported_names(tree)
    parents = {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                path, _ = resolve((*node.module.split("."), alias.name))
                if path and (alias.asname or alias.name) in imported:
                    start = offset(alias.lineno, alias.col_offset)
                    found.append(Reference(start, start + len(alias.name), path, in_import=True))
        elif isinstance(node, ast.Name | ast.Attribute) and isinstance(node.ctx, ast.Load):
            chain = _chain(node)
            if chain is None or chain[0].id not in imported or _is_inner(node, parents):
                continue
            root, attributes = chain
            imported_parts = imported[root.id].split(".")
            parts = [*imported_parts, *(a.attr for a in attributes)]
            path, resolvable = resolve(tuple(parts))
            if path is None:
                continue
            # The span reaches as far as the attributes resolve: ``stats.t.sf``, whole.
            depth = resolvable - len(imported_parts)
            end = attributes[depth - 1] if depth > 0 else root
            found.append(
                Reference(offset(root.lineno, root.col_offset), offset(end.end_lineno, end.end_col_offset), path)
            )
    return sorted(found, key=lambda r: r.start)


def _line_starts(lines: list[str]) -> list[int]:
    starts, total = [], 0
    for line in lines:
        starts.append(total)
        total += len(line)
    return starts


def _imported_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> dotted path, for names bound only by imports of linked libraries."""
    imported: dict[str, str] = {}
    bound_otherwise: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    imported[alias.asname] = alias.name
                else:  # ``import scipy.stats`` binds ``scipy``
                    top = alias.name.split(".")[0]
                    imported[top] = top
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                name = alias.asname or alias.name
                if node.module and not node.level:
                    imported[name] = f"{node.module}.{alias.name}"
                else:
                    bound_otherwise.add(name)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound_otherwise.add(node.id)
        elif isinstance(node, ast.arg):
            bound_otherwise.add(node.arg)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound_otherwise.add(node.name)
    # A name the example also assigns may no longer be what it imported.
    return {
        name: path
        for name, path in imported.items()
        if name not in bound_otherwise and path.split(".")[0] in LINKED_LIBRARIES
    }


def _chain(node: ast.expr) -> tuple[ast.Name, list[ast.Attribute]] | None:
    attributes = []
    while isinstance(node, ast.Attribute):
        attributes.append(node)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return node, attributes[::-1]


def _is_inner(node: ast.expr, parents: dict[int, ast.AST]) -> bool:
    """Whether ``node`` is the object of a longer attribute chain (``np`` in ``np.mean``)."""
    parent = parents.get(id(node))
    return isinstance(parent, ast.Attribute) and parent.value is node


@cache
def _resolve(parts: tuple[str, ...]) -> object | None:
    for split in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            try:
                obj = getattr(obj, name)
            except AttributeError:
                return None
        return obj
    return None


def _resolvable_depth(parts: list[str]) -> int:
    """How many leading parts name something that exists."""
    for depth in range(len(parts), 0, -1):
        if _resolve(tuple(parts[:depth])) is not None:
            return depth
    return 0


@cache
def _documented(parts: tuple[str, ...]) -> str | None:
    if parts[0] not in LINKED_LIBRARIES or any(p.startswith("_") for p in parts):
        return None
    # The page is that of the first object below a module: a class, function
    # or documented instance; what follows it (a method) is documented there.
    for depth in range(1, len(parts) + 1):
        obj = _resolve(parts[:depth])
        if obj is None:
            return None
        if not inspect.ismodule(obj):
            module = ".".join(parts[: depth - 1])
            return f"{module}.{canonical_name(module, parts[depth - 1], obj)}"
    return None  # a module alone


def documented_path(parts: list[str]) -> str | None:
    """The public path of the documented object that ``parts`` reaches, or None."""
    return _documented(tuple(parts))


def canonical_name(module: str, name: str, obj: object) -> str:
    """NumPy documents an alias under its function's own name (``abs`` as ``absolute``)."""
    own = getattr(obj, "__name__", None)
    if (
        module == "numpy"
        and isinstance(own, str)
        and own != name
        and getattr(importlib.import_module(module), own, None) is obj
    ):
        return own
    return name


def version(package: str) -> str:
    return metadata.version(LINKED_LIBRARIES[package])


def _minor(package: str) -> str:
    return ".".join(version(package).split(".")[:2])


def reference_url(path: str) -> str:
    """The reference page of ``path`` for the installed version of its library.

    Each library's own scheme: scikit-learn and NumPy keep a tree per minor
    version, SciPy and Matplotlib per release; imbalanced-learn publishes only
    its latest release (``stable``) and its development version."""
    package = path.split(".")[0]
    if package == "sklearn":
        return f"https://scikit-learn.org/{_minor('sklearn')}/modules/generated/{path}.html"
    if package == "imblearn":
        return f"https://imbalanced-learn.org/stable/references/generated/{path}.html"
    if package == "numpy":
        root = f"https://numpy.org/doc/{_minor('numpy')}/reference"
        obj = _resolve(tuple(path.split(".")))
        if path == "numpy.random.default_rng":
            return f"{root}/random/generator.html#{path}"
        if path.startswith("numpy.random."):
            return f"{root}/random/generated/{path}.html"
        if isinstance(obj, float):  # numpy.pi, numpy.nan, numpy.inf
            return f"{root}/constants.html#{path}"
        if isinstance(obj, type) and issubclass(obj, importlib.import_module("numpy").generic):
            return f"{root}/arrays.scalars.html#{path}"  # numpy.float64, numpy.int64: no page of their own
        return f"{root}/generated/{path}.html"
    if package == "scipy":
        return f"https://docs.scipy.org/doc/scipy-{version('scipy')}/reference/generated/{path}.html"
    if package == "matplotlib":
        base = f"https://matplotlib.org/{version('matplotlib')}/api"
        if path.count(".") == 1:  # matplotlib.use, matplotlib.rcParams
            return f"{base}/matplotlib_configuration_api.html#{path}"
        return f"{base}/_as_gen/{path}.html"
    raise ValueError(f"no reference scheme for {path}")
