"""The username the login lockout (django-axes) records for an attempt."""

from django.contrib.auth import get_user_model


def lockout_username(request, credentials=None) -> str | None:
    """The attempted username, cut to the longest a real account can have.

    No account has a longer username, so nothing is lost, and the lockout tables (255
    characters) never refuse the record, which would turn a failed sign-in into a server error.
    """
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    if not isinstance(username, str):
        return username
    return username[: get_user_model()._meta.get_field("username").max_length]
