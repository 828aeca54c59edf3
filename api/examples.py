"""Examples in the schema, built from one example object per resource.

Each viewset declares ``example`` (an object as the API answers it) and
``example_input`` (a body it accepts); list, detail and write operations reuse them.
``example_detail`` adds what only a single object's answer has (a source's ``text``).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample


def resource_examples(view_class, action: str | None, method: str) -> list[OpenApiExample]:
    examples = []
    name = view_class.noun.capitalize() or "Example"
    if view_class.example is not None and action in (
        "list",
        "retrieve",
        "create",
        "update",
        "partial_update",
    ):
        value = view_class.example
        if action != "list":
            value = {**value, **(getattr(view_class, "example_detail", None) or {})}
        examples.append(
            OpenApiExample(
                name,
                value=value,
                response_only=True,
                status_codes=["201"] if action == "create" else ["200"],
            )
        )
    if view_class.example_input is not None and action in ("create", "update", "partial_update"):
        examples.append(
            OpenApiExample(f"{name} input", value=view_class.example_input, request_only=True)
        )
    return examples
