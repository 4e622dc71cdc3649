"""Pages for scheduling and running inspections: the same services and selectors as the API.

One module per area (`inspection`, `team`, `schedule`, `calendar`, `frameworks`,
`partner_agencies`); `inspections.urls` imports them.
"""
