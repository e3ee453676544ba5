"""Documents the error answers every operation can give, so that clients (and the schema
fuzzing tests) know a 400, 401, 403, 404 (or, for a body, 415) is part of the contract,
not a surprise."""

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
# Only operations that read a body: one whose media type cannot be parsed (a malformed
# multipart upload, say) is refused before its fields are read.
BODY_ERROR_RESPONSES = {
    "415": ("The request body's media type could not be read.", "Error"),
}


def add_error_responses(result: dict[str, Any], **_: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("FieldErrors", FIELD_ERRORS)
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            errors = dict(ERROR_RESPONSES)
            if "requestBody" in operation:
                errors.update(BODY_ERROR_RESPONSES)
            for status, (description, schema) in errors.items():
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


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "description": (
        "A key of your own (a UUID, say) that makes this POST safe to retry: the same key "
        "with the same body returns the first answer (same status and body) without doing "
        "the work again. Keys are per person and kept for 24 hours. Only 2xx and 4xx "
        "answers are kept; after a 5xx the POST may be retried with the same key."
    ),
}
IDEMPOTENCY_RESPONSES = {
    "409": "A request with this Idempotency-Key is still being processed.",
    "422": "This Idempotency-Key was already used for a different request.",
}


def add_idempotency_key(result: dict[str, Any], **_: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every POST takes an Idempotency-Key
    (districtdesk.api.idempotency)."""
    for path_item in result.get("paths", {}).values():
        operation = path_item.get("post")
        if operation is None:
            continue
        operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
        responses = operation.setdefault("responses", {})
        for status, description in IDEMPOTENCY_RESPONSES.items():
            responses.setdefault(
                status,
                {
                    "description": description,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
            )
    return result
