"""Readers for the public reference files an administrator refreshes jtai from.

* mySociety's "UK Local Authority Names and Codes" CSV (every UK authority, current and former);
* the Ofsted lookup of the 153 children's services authorities (DfE LA code, Ofsted URN,
  Ofsted region, statistical neighbours), keyed by the DfE LA code;
* the Ofsted ILACS outcomes CSV (the latest inspection of each authority).

Readers only parse and check: they return plain records (dicts of model field values) and
raise `RowError` naming the file, the row and the column of the first problem. Row numbers
count the header as row 1, as a spreadsheet shows them. Writing is `agencies.services`.

One module per source file (`lookup`, `authorities`, `ilacs`) over what they share (`rows`);
callers import the readers and records from here.
"""

from .authorities import AuthorityFile, read_local_authorities
from .ilacs import OutcomeFile, read_ilacs_outcomes
from .lookup import LookupRow, read_lookup
from .rows import GSS_CODE, Record, RowError

__all__ = [
    "GSS_CODE",
    "AuthorityFile",
    "LookupRow",
    "OutcomeFile",
    "Record",
    "RowError",
    "read_ilacs_outcomes",
    "read_local_authorities",
    "read_lookup",
]
