"""The one error type a workflow step raises when a rule says no.

It carries a stable code (for the API and tests), a message a person can act on, and the
form field it concerns, if any, so a page shows it beside that field and the API answers
400 with field errors.
"""


class DomainError(Exception):
    def __init__(self, message: str, *, code: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def as_field_errors(self) -> dict[str, list[str]]:
        return {self.field or "non_field_errors": [self.message]}
