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


class ConflictError(ApplicationError):
    """The request conflicts with the current state (a stale version, a transition not allowed)."""

    status_code = 409
