"""Moderation's part in the inspection's lifecycle (registered at start-up): the report goes
to the area for factual accuracy only once every agency's judgement is signed off and no
inspectorate disputes a shared judgement. The same rules list, on every page and in the API,
what stands in the way, each linked to where it is settled."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse

from ..lifecycle import Blocker, blocker
from ..models import Judgement, JudgementStatus, SharedJudgementAgreement


def _ids(inspections) -> list[int]:
    return [i.pk for i in inspections]


@blocker("send_for_factual_accuracy")
def judgements_signed_off(inspections) -> dict[int, list[Blocker]]:
    """A returned judgement is named (it waits for its inspector); the others not yet signed
    off are counted per inspectorate (they wait for its lead)."""
    found: dict[int, list[Blocker]] = defaultdict(list)
    waiting: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        Judgement.objects.filter(inspection_id__in=_ids(inspections))
        .exclude(status=JudgementStatus.SIGNED_OFF)
        .select_related("agency", "area", "inspectorate")
        .order_by("inspection_id", "inspectorate__order", "agency__name", "area__order")
    )
    for j in rows:
        name = j.inspectorate.short_name
        if j.status == JudgementStatus.RETURNED:
            found[j.inspection_id].append(
                Blocker(
                    f"{name}'s judgement on {j.agency.name}: “{j.area.title}” is returned to "
                    "its inspector",
                    reverse("inspections:moderation:judgement", args=[j.inspection_id, j.pk]),
                )
            )
        else:
            waiting[(j.inspection_id, name)] += 1
    for (pk, name), n in waiting.items():
        found[pk].append(
            Blocker(
                f"{n} of {name}'s judgement{'s' if n != 1 else ''} not signed off",
                reverse("inspections:moderation:grid", args=[pk]),
            )
        )
    return dict(found)


@blocker("send_for_factual_accuracy")
def shared_judgements_not_disputed(inspections) -> dict[int, list[Blocker]]:
    """An inspectorate's latest word on the current version of a shared judgement is "no"."""
    found: dict[int, list[Blocker]] = defaultdict(list)
    latest: dict[tuple[int, int], SharedJudgementAgreement] = {}
    agreements = (
        SharedJudgementAgreement.objects.filter(
            shared_judgement__inspection_id__in=_ids(inspections)
        )
        .select_related("shared_judgement__area", "inspectorate")
        .order_by("at", "pk")
    )
    for a in agreements:
        if a.judgement_version == a.shared_judgement.version:
            latest[(a.shared_judgement_id, a.inspectorate_id)] = a
    for a in latest.values():
        if not a.agrees:
            shared = a.shared_judgement
            found[shared.inspection_id].append(
                Blocker(
                    f"{a.inspectorate.short_name} disagrees with the shared judgement on "
                    f"“{shared.area.title}”",
                    reverse("inspections:recording:shared", args=[shared.inspection_id, shared.pk]),
                )
            )
    return dict(found)
