from django.conf import settings
from django.urls import reverse

# The service navigation for each audience: (link text, URL name). Every name must resolve:
# a renamed or removed page fails here, on every page, rather than vanishing from the menu.
NAVIGATION = {
    "admin": [
        ("Inspections", "inspections:list"),
        ("Schedule", "inspections:schedule"),
        ("Calendar", "inspections:calendar"),
        ("Programmes", "inspections:planning:list"),
        ("Reports", "reports:register"),
        ("Local authorities", "agencies:authority-list"),
    ],
    "inspector": [
        ("My inspections", "inspections:list"),
        ("My schedule", "inspections:my-schedule"),
        ("Reports", "reports:register"),
        ("Local authorities", "agencies:authority-list"),
    ],
    "area_contact": [("Request for information", "inspections:information:mine")],
    "public": [
        ("Published reports", "reports:register"),
        ("Local authorities", "agencies:authority-list"),
    ],
}


def audience(user) -> str:
    if not user.is_authenticated:
        return "public"
    if getattr(user, "is_admin", False):
        return "admin"
    if getattr(user, "is_area_contact", False):
        return "area_contact"
    return "inspector"


def navigation_for(user, path: str) -> list[dict]:
    items = [{"text": text, "href": reverse(name)} for text, name in NAVIGATION[audience(user)]]
    # The current section is the longest link that the page's path starts with.
    matches = [item for item in items if path == item["href"] or path.startswith(item["href"])]
    if matches:
        current = max(matches, key=lambda item: len(item["href"]))
        current["current"] = path == current["href"]
        current["active"] = True
    return items


def service(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "service_navigation": navigation_for(user, request.path) if user is not None else [],
    }
