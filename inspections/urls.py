from django.urls import include, path

from .views import calendar, frameworks, inspection, partner_agencies, schedule, team

app_name = "inspections"
urlpatterns: list = [
    path("", inspection.inspection_list, name="list"),
    path("schedule/", schedule.schedule_start, name="schedule"),
    path("schedule/authority/", schedule.schedule_authority, name="schedule-authority"),
    path("schedule/framework/", schedule.schedule_framework, name="schedule-framework"),
    path("schedule/theme/", schedule.schedule_theme, name="schedule-theme"),
    path("schedule/window/", schedule.schedule_window, name="schedule-window"),
    path("schedule/inspectorates/", schedule.schedule_inspectorates, name="schedule-inspectorates"),
    path("schedule/check/", schedule.schedule_check, name="schedule-check"),
    path("schedule/done/<int:pk>/", schedule.schedule_done, name="schedule-done"),
    path("calendar/", calendar.calendar, name="calendar"),
    path("needing-a-team/", team.needing_team, name="needing-team"),
    path("my-schedule/", calendar.my_schedule, name="my-schedule"),
    path("my-schedule/new-link/", calendar.my_schedule_reset, name="my-schedule-reset"),
    path("my-schedule.ics", calendar.my_schedule_ics, name="my-schedule-ics"),
    path("frameworks/", frameworks.framework_list, name="framework-list"),
    path("frameworks/<slug:code>/", frameworks.framework_detail, name="framework-detail"),
    path("frameworks/<slug:code>/themes/add/", frameworks.theme_create, name="theme-create"),
    path(
        "frameworks/<slug:code>/versions/<int:version>/",
        frameworks.framework_version_edit,
        name="framework-version-edit",
    ),
    path("partner-agencies/", partner_agencies.partner_agency_list, name="partner-agency-list"),
    path(
        "partner-agencies/add/", partner_agencies.partner_agency_form, name="partner-agency-create"
    ),
    path(
        "partner-agencies/<int:pk>/",
        partner_agencies.partner_agency_form,
        name="partner-agency-edit",
    ),
    path("<int:pk>/", inspection.inspection_detail, name="detail"),
    path("<int:pk>/change/", inspection.inspection_change, name="change"),
    path("<int:pk>/team/", team.team, name="team"),
    path("<int:pk>/team/<int:member_pk>/", team.team_member, name="team-member"),
    path(
        "<int:pk>/team/<int:member_pk>/remove/",
        team.team_member_remove,
        name="team-member-remove",
    ),
    path(
        "<int:pk>/actions/notify/check/",
        inspection.inspection_notify_confirm,
        name="notify-confirm",
    ),
    path("<int:pk>/actions/<slug:verb>/", inspection.inspection_transition, name="transition"),
    path("", include("inspections.recording.urls")),
    path("", include("inspections.moderation.urls")),
    path("", include("inspections.fieldwork.urls")),
    path("", include("inspections.information.urls")),
    path("", include("inspections.retention.urls")),
    path("programmes/", include("inspections.planning.urls")),
]
