"""JSON Schema (the dialect of OpenAPI 3.1) generated from Python types, so that the API's document says
exactly what the TypedDicts of `workforce.metrics.results` say a result holds.

`SchemaSet.schema(SomeTypedDict)` returns a `$ref` to a named component (the class's name without "Data":
`FigureData` is "Figure") and records the component (and every TypedDict it holds) in `components`; `name`
gives a type (a union such as `ResultPart`) a component written by hand. A TypedDict is an object whose
fields are its properties, required unless `NotRequired`, with no other properties; `dict[str, X]` is an
object of Xs keyed by data (groups, bands, slugs); `list[X]` an array; a union `anyOf` (or a list of simple
types).
"""

import types
import typing
from collections.abc import Mapping
from typing import Any, Union, get_args, get_origin, get_type_hints, is_typeddict

_SIMPLE = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _description(typed_dict: type) -> str:
    doc = typed_dict.__doc__ or ""
    # A TypedDict without a docstring of its own inherits dict's, which says nothing about it.
    return "" if doc.startswith(("dict()", "A simple typed namespace")) else " ".join(doc.split())


class SchemaSet:
    """The schemas of some types, with the TypedDicts among them collected as named components."""

    def __init__(self) -> None:
        self.components: dict[str, dict] = {}
        self._named: list[tuple[Any, str]] = []

    def name(self, annotation: Any, name: str, schema: dict) -> None:
        """Describe `annotation` wherever it appears by the component `name`, whose schema is `schema`."""
        self._named.append((annotation, name))
        self.components[name] = schema

    def schema(self, annotation: Any) -> dict:
        """The JSON Schema of a type annotation (a `$ref` for a TypedDict or a named type)."""
        for named, name in self._named:
            if annotation == named:
                return _ref(name)
        if is_typeddict(annotation):
            return self._typed_dict(annotation)
        if annotation is Any:
            return {}
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            return self._union(get_args(annotation))
        if origin in (dict, Mapping, typing.Mapping):
            value = get_args(annotation)[1]
            if value is Any:
                return {"type": "object"}
            return {"type": "object", "additionalProperties": self.schema(value)}
        if origin is list:
            return {"type": "array", "items": self.schema(get_args(annotation)[0])}
        if annotation in _SIMPLE:
            return {"type": _SIMPLE[annotation]}
        raise TypeError(f"No JSON Schema for {annotation!r}")

    def _typed_dict(self, typed_dict: type) -> dict:
        name = typed_dict.__name__.removesuffix("Data")
        if name not in self.components:
            self.components[name] = {}  # claimed first, so a type that holds itself ends
            hints = get_type_hints(typed_dict)
            component: dict = {"type": "object"}
            if description := _description(typed_dict):
                component["description"] = description
            component["required"] = [key for key in hints if key in typed_dict.__required_keys__]  # type: ignore[attr-defined]
            component["properties"] = {key: self.schema(hint) for key, hint in hints.items()}
            component["additionalProperties"] = False
            self.components[name] = component
        return _ref(name)

    def _union(self, members: tuple) -> dict:
        schemas = [self.schema(member) for member in members]
        if all(set(schema) == {"type"} and isinstance(schema["type"], str) for schema in schemas):
            names = [schema["type"] for schema in schemas]
            if "integer" in names and "number" in names:  # every integer is a JSON number
                names.remove("integer")
            return {"type": names[0] if len(names) == 1 else names}
        return {"anyOf": schemas}

    def parts(self, name: str) -> list[dict]:
        """Every distinct object schema inside the component `name` (not itself), components by `$ref`:
        the objects a path into such an object can point at."""
        found: dict[str, dict] = {}

        def walk(schema: dict) -> None:
            if "$ref" in schema:
                component = schema["$ref"].rsplit("/", 1)[1]
                if component in found:
                    return
                found[component] = schema
                walk(self.components[component])
                return
            if schema.get("type") == "object" and "properties" not in schema and "additionalProperties" in schema:
                found.setdefault(repr(schema), schema)
            for child in (*schema.get("properties", {}).values(), *schema.get("anyOf", ())):
                walk(child)
            for key in ("additionalProperties", "items"):
                if isinstance(schema.get(key), dict):
                    walk(schema[key])

        walk(_ref(name))
        return [schema for key, schema in found.items() if key != name]


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}
