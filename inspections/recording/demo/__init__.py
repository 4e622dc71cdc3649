"""Demo recording: judgements, evidence and case samples on the demo inspections.

`demo-fieldwork` is under way (some judgements completed, some in progress, some not started);
the inspections the story takes further (`demo-moderation`, `demo-published`, `demo-past-*`)
are fully recorded, with any shared judgement agreed, then their evidence is closed and
moderation starts. Everything is written through the services with the clock set to the
story's days (`inspections.demo.milestones`), so revisions, versions and the lifecycle's
history are real. Idempotent: judgements already saved, inspections that already have evidence
or cases, and steps already taken are left alone. Children appear only as case references.
"""

from .seeding import seed

__all__ = ["seed"]
