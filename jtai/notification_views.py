"""The notifications pages: the list (newest first), marking one or all read, and how the
person wants them emailed."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import notifications
from .forms import render_form, service_errors
from .models import Notification, NotificationEmail

PAGE_SIZE = 25


class EmailSettingForm(forms.Form):
    notification_email = forms.ChoiceField(
        label="How do you want to be emailed about notifications?",
        choices=NotificationEmail.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you want to be emailed"},
    )


@login_required
def notification_list(request):
    page = Paginator(notifications.notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page, "items": page.object_list},
    )


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one read; `open=1` then goes to where it points (a page of this site)."""
    try:
        notification = notifications.notifications_for(request.user).get(pk=pk)
    except Notification.DoesNotExist:
        raise Http404("No such notification") from None
    notifications.notification_mark_read(notification=notification, user=request.user)
    target = notification.url
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    marked = notifications.notifications_mark_all_read(user=request.user)
    messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} marked as read.")
    return redirect("notifications:list")


@login_required
def notification_settings(request):
    form = EmailSettingForm(
        request.POST if request.method == "POST" else None,
        initial={"notification_email": request.user.notification_email},
    )
    if request.method == "POST" and form.is_valid():
        with service_errors(form, default_field="notification_email"):
            notifications.notification_email_set(
                user=request.user, choice=form.cleaned_data["notification_email"]
            )
            messages.success(request, "Your notification settings are saved.")
            return redirect("notifications:list")
    return render_form(request, "notifications/settings.html", {"form": form}, form)
