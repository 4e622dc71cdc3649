"""GOV.UK Design System form markup for Django forms.

    {% load govuk %}
    {% govuk_error_summary form %}
    {% govuk_field form.name %}
    {% govuk_field form.notes label_class="govuk-label--m" classes="govuk-!-width-two-thirds" %}
    {% govuk_field form.grade is_page_heading=True %}

The widget decides the pattern: text-like inputs, textarea, select, radios, checkboxes
(a multiple choice or a single boolean), and the GOV.UK date input (day, month, year) for
`jtai.forms.GovukDateInput`. Labels, hints (the field's help_text), inline error messages and
the values the user typed all come from the bound field, so a form that fails validation
re-renders exactly as it was submitted.
"""

from django import forms, template
from django.forms.utils import flatatt
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# label size -> legend size, so the same kwarg works for fieldsets.
_LEGEND_FOR_LABEL = {
    "govuk-label--s": "govuk-fieldset__legend--s",
    "govuk-label--m": "govuk-fieldset__legend--m",
    "govuk-label--l": "govuk-fieldset__legend--l",
    "govuk-label--xl": "govuk-fieldset__legend--xl",
}


def widget_kind(bound_field) -> str:
    """The GOV.UK pattern for a bound field's widget."""
    from jtai.forms import GovukDateInput

    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, GovukDateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


def field_anchor(bound_field) -> str:
    """The id the error summary links to: the field, or the first input of a group."""
    kind = widget_kind(bound_field)
    base = bound_field.auto_id or f"id_{bound_field.html_name}"
    if kind in ("radios", "checkboxes", "date"):
        return f"{base}_0"
    return bound_field.id_for_label or base


def _input_class(kind: str, has_errors: bool, classes: str) -> str:
    base = {
        "input": "govuk-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "file": "govuk-file-upload",
        "checkbox": "govuk-checkboxes__input",
    }.get(kind, "")
    if has_errors and kind in ("input", "textarea", "select", "file"):
        base += f" {base}--error"
    if classes and kind in ("input", "textarea", "select", "file"):
        base += f" {classes}"
    return base.strip()


@register.simple_tag
def govuk_field(
    bound_field,
    label_class="",
    classes="",
    is_page_heading=False,
    label=None,
    hint=None,
):
    """Render one bound field as a GOV.UK form group (see the module docstring)."""
    kind = widget_kind(bound_field)
    if kind == "hidden":
        return bound_field.as_widget()

    field_id = bound_field.auto_id or f"id_{bound_field.html_name}"
    errors = list(bound_field.errors)
    hint_text = bound_field.help_text if hint is None else hint
    label_text = bound_field.label if label is None else label
    # A field the form leaves empty but a later step requires (a judgement's strengths, needed
    # to mark it completed), or a form of filters, sets `optional_suffix = False` on the field
    # or on the form: "(optional)" would mislead.
    optional_suffix = getattr(
        bound_field.field, "optional_suffix", getattr(bound_field.form, "optional_suffix", True)
    )
    if (
        not bound_field.field.required
        and optional_suffix
        and kind not in ("checkbox", "checkboxes")
        and "optional" not in str(label_text).lower()
    ):
        label_text = f"{label_text} (optional)"

    hint_id = f"{field_id}-hint" if hint_text else ""
    error_id = f"{field_id}-error" if errors else ""
    described_by = " ".join(part for part in (hint_id, error_id) if part)

    if is_page_heading and not label_class:
        label_class = "govuk-label--l"
    legend_class = _LEGEND_FOR_LABEL.get(label_class, label_class)

    context = {
        "field": bound_field,
        "kind": kind,
        "field_id": field_id,
        "label": label_text,
        "label_class": label_class,
        "legend_class": legend_class,
        "is_page_heading": bool(is_page_heading),
        "hint": hint_text,
        "hint_id": hint_id,
        "errors": errors,
        "error_id": error_id,
        "described_by": described_by,
        "classes": classes,
    }

    if kind in ("input", "textarea", "select", "file", "checkbox"):
        attrs = {"class": _input_class(kind, bool(errors), classes)}
        if described_by:
            attrs["aria-describedby"] = described_by
        if kind == "select" and isinstance(bound_field.field.widget, forms.SelectMultiple):
            attrs["multiple"] = True
        if kind == "select":
            context["widget"] = _select(bound_field, attrs)
        else:
            context["widget"] = bound_field.as_widget(attrs=attrs)
    elif kind in ("radios", "checkboxes"):
        selected = _selected_values(bound_field)
        context["items"] = [
            {
                "id": f"{field_id}_{index}",
                "value": "" if value is None else str(value),
                "label": choice_label,
                "checked": ("" if value is None else str(value)) in selected,
            }
            for index, (value, choice_label) in enumerate(_flat_choices(bound_field))
        ]
    elif kind == "date":
        day, month, year = _date_parts(bound_field)
        context["parts"] = [
            {"suffix": "day", "label": "Day", "value": day, "width": 2, "index": 0},
            {"suffix": "month", "label": "Month", "value": month, "width": 2, "index": 1},
            {"suffix": "year", "label": "Year", "value": year, "width": 4, "index": 2},
        ]
    return render_to_string(f"includes/govuk/{_template_for(kind)}.html", context)


def _select(bound_field, attrs: dict) -> str:
    """The select `bound_field.as_widget(attrs=attrs)` renders, written here: the same markup
    (Django's select and option templates) without a template rendered per option, which made
    a page's filter form cost more than the rest of the page."""
    widget = bound_field.field.widget
    attrs = bound_field.build_widget_attrs(attrs, widget)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    context = widget.get_context(bound_field.html_name, bound_field.value(), attrs)["widget"]
    parts = [format_html('<select name="{}"{}>', context["name"], flatatt(context["attrs"]))]
    for group_name, options, _ in context["optgroups"]:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        parts.extend(
            format_html(
                '<option value="{}"{}>{}</option>',
                str(option["value"]),
                flatatt(option["attrs"]),
                option["label"],
            )
            for option in options
        )
        if group_name:
            parts.append(mark_safe("</optgroup>"))  # noqa: S308 - a constant
    parts.append(mark_safe("</select>"))  # noqa: S308 - a constant
    return mark_safe("\n".join(parts))  # noqa: S308 - each part escaped by format_html


def _template_for(kind: str) -> str:
    if kind in ("radios", "checkboxes"):
        return "choices"
    if kind == "checkbox":
        return "checkbox"
    if kind == "date":
        return "date"
    return "input"


def _flat_choices(bound_field):
    for value, label in bound_field.field.widget.choices:
        if isinstance(label, list | tuple):  # an optgroup: flatten it
            yield from label
        else:
            yield getattr(value, "value", value), label


def _selected_values(bound_field) -> set[str]:
    value = bound_field.value()
    if value is None:
        return set()
    if not isinstance(value, list | tuple | set):
        value = [value]
    return {"" if v is None else str(getattr(v, "pk", v)) for v in value}


def _date_parts(bound_field) -> tuple[str, str, str]:
    """Day, month and year as typed (from data) or from the initial date."""
    widget = bound_field.field.widget
    if bound_field.form.is_bound:
        name = bound_field.html_name
        data = bound_field.form.data
        return tuple(data.get(f"{name}_{suffix}", "") for suffix in ("day", "month", "year"))
    value = bound_field.value()
    day, month, year = widget.decompress(value)
    return ("" if day is None else str(day), "" if month is None else str(month), year or "")


@register.simple_tag
def govuk_error_summary(*forms_or_formsets):
    """The GOV.UK error summary for one or more forms; nothing when there are no errors."""
    items = []
    for form in forms_or_formsets:
        if form is None:
            continue
        for each in _forms_in(form):
            items.extend(_error_items(each))
    if not items:
        return ""
    return render_to_string("includes/govuk/error_summary.html", {"items": items})


def _forms_in(form_or_formset):
    if hasattr(form_or_formset, "forms") and hasattr(form_or_formset, "management_form"):
        for message in form_or_formset.non_form_errors():
            yield _Messages([message])
        yield from form_or_formset.forms
    else:
        yield form_or_formset


class _Messages:
    """A stand-in for formset-level errors: only non-field errors, no fields."""

    def __init__(self, messages):
        self.messages = messages


def _error_items(form):
    if isinstance(form, _Messages):
        return [{"href": "", "text": message} for message in form.messages]
    if not form.is_bound or not form.errors:
        return []
    visible = [bf for bf in form if not bf.is_hidden]
    first_anchor = f"#{field_anchor(visible[0])}" if visible else ""
    items = [{"href": first_anchor, "text": message} for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            if bound_field.is_hidden:
                items.append({"href": first_anchor, "text": message})
            else:
                items.append({"href": f"#{field_anchor(bound_field)}", "text": message})
    return items


@register.simple_tag
def govuk_field_anchor(bound_field):
    """The id an error summary link for this field points to (for hand-written summaries)."""
    return field_anchor(bound_field)


@register.filter
def govuk_page_range(paginator, number):
    """Page numbers around the current page, with the paginator's ellipsis for the gaps."""
    return paginator.get_elided_page_range(number, on_each_side=1, on_ends=1)


@register.simple_tag(takes_context=True)
def page_querystring(context, number):
    """`?...&page=N`: the current query string with only the page number changed. A page with
    two paginated lists names the second one's parameter (`page_param`) and the place it
    starts (`page_fragment`)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    params[context.get("page_param") or "page"] = number
    fragment = context.get("page_fragment")
    return f"?{params.urlencode()}" + (f"#{fragment}" if fragment else "")


@register.filter
def duration_words(delta):
    """A timedelta in words: "1 hour", "30 minutes", "1 hour 30 minutes"."""
    if delta is None:
        return ""
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes or not parts:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)
