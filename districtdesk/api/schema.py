"""Documents the error answers every operation can give, so that clients (and the schema
fuzzing tests) know a 400, 401, 403 or 404 is part of the contract, not a surprise."""

from typing import Any

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Field name to the list of problems with its value.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
ERROR_RESPONSES = {
    "400": ("The request's fields or filters are invalid.", "FieldErrors"),
    "401": ("Authentication is missing or invalid.", "Error"),
    "403": ("The caller may not do this.", "Error"),
    "404": ("No such object, or none the caller may see.", "Error"),
    "405": ("The method is not allowed here.", "Error"),
}


def add_error_responses(result: dict[str, Any], **_: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("FieldErrors", FIELD_ERRORS)
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for status, (description, schema) in ERROR_RESPONSES.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{schema}"}
                            }
                        },
                    },
                )
    return result
