"""Demo data for the lifecycle: partner agencies and contacts in real areas, and inspections at
every stage of the journey, each built through the services with the clock set to the day each
step happens in its story, so histories, stamps and due dates are the services' own.

Agencies are real bodies (police forces, health bodies, probation regions, youth justice
services, safeguarding partnerships, and HMYOI Wetherby in Leeds, the one custodial
establishment for children among these areas). The contacts are made-up people at
example.org addresses.

Inspections, found by later seeders through their references:
- `demo-published`: Haringey's joint targeted area inspection of the response to abuse and
  neglect, on the real dates: notified 21 November 2017, on site 4 to 8 December 2017, draft
  for factual accuracy 3 January 2018, comments back 16 January, published 30 January 2018,
  written statement of action due 11 May 2018 (70 working days);
- `demo-fieldwork`: Leeds, JTAI, in fieldwork now;
- `demo-moderation`: Birmingham, JTAI, in moderation (window about six weeks ago);
- `demo-notified`: Nottingham, JTAI, notified, starting next week;
- `demo-planned`: Leeds over Christmas, a hypothetical run of the 2015 integrated inspection
  (proposed and piloted, never run), always in the future, with HMI Prisons taking part for
  HMYOI Wetherby and only the overall lead on the team yet;
- `demo-hypothetical-report`: Cornwall, a second hypothetical run of the 2015 integrated
  inspection, planned today for a window about twenty weeks ahead and taken, on those future
  days, through fieldwork and moderation to its final report (a summary report and one report
  per agency): never published, so never in the register as history;
- `demo-planned-kent`, `demo-clash` (Nottinghamshire, sharing its police force with
  Nottingham in the same week), `demo-deferred`, and `demo-past-*` (JTAIs published months
  ago, statements of action due) for the calendar.

This package takes each inspection as far as fieldwork; `inspections.recording.demo` records
the fieldwork and moves on to moderation, and `reports.demo` moderates, reports and publishes,
each at the dates `milestones` gives. Idempotent: each inspection is made once, by reference,
and each step is taken only from the state before it; agencies and contacts by name.
"""

from .data import (
    HYPOTHETICAL_REFERENCE,
    HYPOTHETICAL_REPORT_REFERENCE,
    PAST,
    PUBLISHED_REFERENCE,
    TO_MODERATION,
    TO_PUBLICATION,
)
from .seeding import seed, seed_agencies, seed_inspections
from .story import advance, milestones

__all__ = [
    "HYPOTHETICAL_REFERENCE",
    "HYPOTHETICAL_REPORT_REFERENCE",
    "PAST",
    "PUBLISHED_REFERENCE",
    "TO_MODERATION",
    "TO_PUBLICATION",
    "advance",
    "milestones",
    "seed",
    "seed_agencies",
    "seed_inspections",
]
