"""Small template helpers for inspection pages: status tags and dates."""

from html import escape  # the standard library's: as Django's, without its lazy-text wrapper

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

STATUS_COLOUR = {
    "planned": "govuk-tag--grey",
    "notified": "govuk-tag--light-blue",
    "fieldwork": "govuk-tag--purple",
    "evidence_closed": "govuk-tag--turquoise",
    "moderation": "govuk-tag--yellow",
    "factual_accuracy": "govuk-tag--orange",
    "published": "govuk-tag--green",
    "action_plan_due": "govuk-tag--pink",
    "closed": "",
    "cancelled": "govuk-tag--red",
    "deferred": "govuk-tag--orange",
}


@register.simple_tag
def status_tag(inspection_or_status, label=None):
    """A GOV.UK tag for an inspection's status (or a status code with its label)."""
    from inspections.models import Status

    if isinstance(inspection_or_status, str):
        code = inspection_or_status
    else:
        code = inspection_or_status.status
        label = None
    # The status's own label, looked up directly: a list shows one tag a row.
    label = label or Status(code).label
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STATUS_COLOUR.get(code, ""), label
    )


@register.filter
def govuk_date(day):
    """4 December 2017 (GOV.UK style: no leading zero, full month)."""
    if not day:
        return ""
    return f"{day.day} {day:%B %Y}"


@register.filter
def window(inspection):
    """4 to 8 December 2017, or 27 November to 22 December 2017, or across years in full."""
    start, end = inspection.window_start, inspection.window_end
    if start.year != end.year:
        return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
    return f"{start.day} to {end.day} {end:%B %Y}"


# The calendar's repeated cells are written here in one pass rather than by a loop of tags in
# the template: an availability table has a row per inspector and a run of cells per row.


@register.simple_tag
def calendar_month_headers(months):
    """The header cells of a calendar's months, each spanning its weeks: "Dec" with the year
    under it on the first month and in January, the full name for screen readers."""
    cells = []
    for month in months:
        shown = ""
        if month.weeks > 1:
            shown = escape(month.label[:3])
            if " " in month.short:
                shown += f'<span class="jtai-calendar__year">{escape(month.label[-4:])}</span>'
        cells.append(
            f'<th scope="colgroup" colspan="{month.weeks}" class="govuk-table__header'
            f' jtai-calendar__month"><span aria-hidden="true">{shown}</span>'
            f'<span class="govuk-visually-hidden">{escape(month.label)}</span></th>'
        )
    return mark_safe("".join(cells))  # noqa: S308 - every value in it escaped above


@register.simple_tag
def availability_body_rows(rows, free_per_week):
    """An availability table's rows: per inspector, a cell per run of weeks free, booked or on
    leave (what takes them away in words for screen readers) and their free weeks; then how
    many inspectors are free each week."""
    out = []
    for row in rows:
        cells = []
        free = 0
        for cell in row.cells:
            if cell["kind"] == "free":
                free += cell["span"]
                cells.append(
                    f'<td class="govuk-table__cell jtai-calendar__gap" colspan="{cell["span"]}">'
                    "</td>"
                )
            else:
                cells.append(
                    f'<td class="govuk-table__cell jtai-calendar__bar jtai-calendar__bar--'
                    f'{cell["kind"]}" colspan="{cell["span"]}"><span class="govuk-visually-hidden">'
                    f"{escape(cell['words'][:1].upper() + cell['words'][1:])}</span></td>"
                )
        out.append(
            '\n      <tr class="govuk-table__row">\n'
            '        <th scope="row" class="govuk-table__header jtai-calendar__area">'
            f'{escape(row.user.display_name)}<span class="jtai-calendar__year">'
            f"{escape(row.user.inspectorate_name)}</span></th>\n"
            f"        {''.join(cells)}\n"
            '        <td class="govuk-table__cell govuk-table__cell--numeric jtai-calendar__total">'
            f"{free}</td>\n      </tr>"
        )
    counts = "".join(
        f'<td class="govuk-table__cell jtai-calendar__count">{n}</td>' for n in free_per_week
    )
    out.append(
        '\n      <tr class="govuk-table__row">\n'
        '        <th scope="row" class="govuk-table__header jtai-calendar__area">Inspectors free'
        f'</th>\n        {counts}\n        <td class="govuk-table__cell"></td>\n      </tr>'
    )
    return mark_safe("".join(out))  # noqa: S308 - every value in it escaped above


@register.simple_tag
def calendar_timeline_rows(rows):
    """A timeline's rows: per inspection, its area (a link), the weeks before its bar, the bar
    (its label inside when wide enough; its window and status for screen readers) and the weeks
    after. A narrow bar's label goes after it, or before it near the period's end (so it never
    runs past the last month)."""
    out = []
    for row in rows:
        inspection = row.inspection
        label = escape(row.label)
        status = escape(inspection.get_status_display())
        inside = row.label_inside
        clash = " jtai-calendar__aside--clash" if row.clashes else ""
        aside = f'<span class="jtai-calendar__aside{clash}" aria-hidden="true">{label}</span>'
        label_before = not inside and row.end_col < 4 and row.start_col >= 4
        label_after = not inside and (row.end_col >= 4 or row.start_col < 4)
        before = ""
        if row.start_col:
            before = (
                '<td class="govuk-table__cell jtai-calendar__gap'
                f'{" jtai-calendar__gap--before" if label_before else ""}"'
                f' colspan="{row.start_col}">{aside if label_before else ""}</td>'
            )
        after = ""
        if row.end_col:
            after = (
                f'<td class="govuk-table__cell jtai-calendar__gap" colspan="{row.end_col}">'
                f"{aside if label_after else ''}</td>"
            )
        if row.clashes:
            problem = " jtai-calendar__bar--clash"
        elif row.christmas:
            problem = " jtai-calendar__bar--christmas"
        else:
            problem = ""
        inner = f'<span class="jtai-calendar__label">{label}</span>' if inside else ""
        out.append(
            '\n      <tr class="govuk-table__row">\n'
            '        <th scope="row" class="govuk-table__header jtai-calendar__area">'
            f'<a class="govuk-link" href="{escape(row.url)}">'
            f"{escape(inspection.authority_name)}</a></th>\n"
            f"        {before}\n"
            '        <td class="govuk-table__cell jtai-calendar__bar jtai-calendar__bar--'
            f'{escape(inspection.status)}{problem}" colspan="{row.span}">\n'
            f"          {inner}\n"
            '          <span class="govuk-visually-hidden">: '
            f"{escape(window(inspection))}, {status}</span>\n"
            "        </td>\n"
            f"        {after}\n      </tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value in it escaped above
