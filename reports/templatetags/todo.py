"""The home page's to-do lists, as a template tag: the project's home view stays free of the
apps (see `jtai.views.home`); the lists themselves come from `reports.todo`."""

from django import template

from jtai import clock

from ..todo import home_todo

register = template.Library()


@register.inclusion_tag("home/todo.html", takes_context=True)
def todo_lists(context):
    user = context["user"]
    return {"user": user, "todo": home_todo(user, clock.today()), "today": clock.today()}
