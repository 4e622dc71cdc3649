"""Every write to frameworks, inspections, teams and the lifecycle, one module per concern.

Keyword-only `<entity>_<verb>` functions, atomic, `full_clean()` before saving, and an
`ApplicationError` with field errors for every rule broken. Rules the database can hold too
(overlapping bookings, on PostgreSQL) are checked first for a clear message, and the
database's refusal is translated into the same message. Import from the concern's module
(`inspections.services.scheduling`, `.teams`, `.transitions`, ...).
"""
