from django.urls import include, path

from . import views

app_name = "inspections"
urlpatterns: list = [
    path("", views.inspection_list, name="list"),
    path("schedule/", views.schedule_start, name="schedule"),
    path("schedule/authority/", views.schedule_authority, name="schedule-authority"),
    path("schedule/framework/", views.schedule_framework, name="schedule-framework"),
    path("schedule/theme/", views.schedule_theme, name="schedule-theme"),
    path("schedule/window/", views.schedule_window, name="schedule-window"),
    path("schedule/inspectorates/", views.schedule_inspectorates, name="schedule-inspectorates"),
    path("schedule/check/", views.schedule_check, name="schedule-check"),
    path("schedule/done/<int:pk>/", views.schedule_done, name="schedule-done"),
    path("calendar/", views.calendar, name="calendar"),
    path("my-schedule/", views.my_schedule, name="my-schedule"),
    path("my-schedule/new-link/", views.my_schedule_reset, name="my-schedule-reset"),
    path("my-schedule.ics", views.my_schedule_ics, name="my-schedule-ics"),
    path("frameworks/", views.framework_list, name="framework-list"),
    path("frameworks/<slug:code>/", views.framework_detail, name="framework-detail"),
    path("frameworks/<slug:code>/themes/add/", views.theme_create, name="theme-create"),
    path(
        "frameworks/<slug:code>/versions/<int:version>/",
        views.framework_version_edit,
        name="framework-version-edit",
    ),
    path("partner-agencies/", views.partner_agency_list, name="partner-agency-list"),
    path("partner-agencies/add/", views.partner_agency_form, name="partner-agency-create"),
    path("partner-agencies/<int:pk>/", views.partner_agency_form, name="partner-agency-edit"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/change/", views.inspection_change, name="change"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/<int:member_pk>/", views.team_member, name="team-member"),
    path(
        "<int:pk>/team/<int:member_pk>/remove/",
        views.team_member_remove,
        name="team-member-remove",
    ),
    path("<int:pk>/actions/<slug:verb>/", views.inspection_transition, name="transition"),
    path("", include("inspections.recording.urls")),
    path("", include("inspections.moderation.urls")),
    path("programmes/", include("inspections.planning.urls")),
]
