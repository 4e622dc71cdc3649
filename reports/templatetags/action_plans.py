"""The home page's block of overdue written statements of action (admins: every one; an
overall lead: those of the inspections they lead). A template tag keeps the project's home
view free of the apps: it shows whatever the app says is overdue for the user today."""

from django import template

from jtai import clock

from ..selectors import overdue_action_plans

register = template.Library()


@register.inclusion_tag("reports/action_plan_overdue_block.html", takes_context=True)
def overdue_action_plans_block(context):
    user = context["user"]
    return {"plans": list(overdue_action_plans(user, clock.today())), "user": user}
