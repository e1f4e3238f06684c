from django.core.exceptions import ValidationError


class RuleViolation(ValidationError):
    """A refused business step: a field, a stable code, and extra data for the API body."""

    def __init__(self, field: str, message: str, code: str, **extra):
        super().__init__({field: ValidationError(message, code=code)})
        self.extra = extra
