"""CSV files written as they are read: a streamed response in constant memory, whatever the
number of rows."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

# Lines handed to the server at a time: few writes to the socket, little held in memory.
LINES_PER_CHUNK = 500


class _Line:
    """A file that hands back what the csv writer writes, one line at a time."""

    def write(self, value):
        return value


def csv_chunks(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The CSV text of `header` then `rows`, a few hundred lines at a time."""
    writer = csv.writer(_Line())
    yield writer.writerow(header)
    chunk = []
    for row in rows:
        chunk.append(writer.writerow(row))
        if len(chunk) >= LINES_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)
