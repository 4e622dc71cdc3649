from django.core.exceptions import ValidationError


class ApplicationError(Exception):
    """A business rule was broken. Carries a message for people and optional field errors.

    Services raise it; views show `message` (and `fields` inline); the API answers 400
    (or `status_code` when a subclass sets one, e.g. 409 for a transition not allowed).
    """

    status_code = 400

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    @classmethod
    def from_fields(cls, fields: dict[str, list[str]]):
        """The error for these field errors; its message is the first field's first message."""
        return cls(next(iter(fields.values()))[0], fields=fields)


class ConflictError(ApplicationError):
    """The request conflicts with the current state (a stale version, a transition not allowed)."""

    status_code = 409


def full_clean(instance, **kwargs) -> None:
    """`instance.full_clean(**kwargs)`, Django's validation errors raised as an
    `ApplicationError` with field errors (the first message is its message)."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "message_dict") else {"__all__": exc.messages}
        raise ApplicationError.from_fields({k: list(v) for k, v in fields.items()}) from exc
