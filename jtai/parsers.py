"""Request parsing that answers bad input with 400, never a server error."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# Deeper than any real request body (the deepest the API takes is a list of objects in an
# object); the standard library would otherwise recurse until Python's limit and fail with 500.
MAX_DEPTH = 32


def _refuse_unsafe(data) -> None:
    """Walk the parsed document without recursion: refuse excessive depth and lone surrogates
    (a string holding `\\ud800` cannot be encoded, so echoing it in an error would fail)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ParseError(f"The JSON body is nested more than {MAX_DEPTH} levels deep.")
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ParseError("The JSON body contains text that is not valid Unicode.") from None
        elif isinstance(value, dict):
            stack.extend((key, depth + 1) for key in value)
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing bodies nested too deeply or holding lone surrogates."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                f"The JSON body is nested more than {MAX_DEPTH} levels deep."
            ) from None
        _refuse_unsafe(data)
        return data
