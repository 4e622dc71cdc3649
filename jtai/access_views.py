"""The admins' search of the access records, and its CSV export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .access import AccessRecordSearchForm, access_records_search
from .forms import render_form
from .streaming import csv_chunks

ACCESS_RECORDS_PAGE_SIZE = 50
ACCESS_RECORD_COLUMNS = (
    "when",
    "person",
    "what",
    "item",
    "inspection",
    "inspection id",
    "page or API call",
    "method",
    "path",
)


def _require_admin(user) -> None:
    # `jtai` knows nothing of the apps' permission modules: the user's own role decides.
    if not getattr(user, "is_admin", False):
        raise PermissionDenied("Only admins can read the access records")


@login_required
@require_GET
def access_records(request):
    """Admins search who read which child-level item (reading them is recorded too)."""
    _require_admin(request.user)
    form = AccessRecordSearchForm(request.GET or None)
    records = access_records_search(request=request, form=form)
    page_obj = Paginator(records, ACCESS_RECORDS_PAGE_SIZE).get_page(request.GET.get("page"))
    response = render_form(
        request,
        "access/records.html",
        {"form": form, "page_obj": page_obj, "records": page_obj.object_list},
        form,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_GET
def access_records_export(request):
    """The same search as a CSV file: for a subject access request (a person's own reads) or
    an inspection's (every read of items about it)."""
    _require_admin(request.user)
    form = AccessRecordSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return access_records(request)
    records = access_records_search(request=request, form=form, export=True)
    rows = (
        [
            record.at.isoformat(),
            record.user_label,
            record.get_kind_display(),
            record.object_id,
            record.inspection_label,
            record.inspection_id or "",
            record.route,
            record.method,
            record.path,
        ]
        for record in records.iterator(chunk_size=500)
    )
    # Streamed as it is read: a long history never sits whole in a web worker's memory.
    response = StreamingHttpResponse(
        csv_chunks(list(ACCESS_RECORD_COLUMNS), rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="access-records.csv"'
    patch_cache_control(response, private=True, no_store=True)
    return response
