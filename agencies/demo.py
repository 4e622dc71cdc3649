"""Demo accounts: an admin, an overall lead inspector and one inspector per inspectorate.

Called by `manage.py seed_demo`, which runs only in demo mode (JTAI_DEMO=1), so production
never has these accounts. Idempotent: a second run changes nothing.
"""

import os

from django.db import transaction

from .models import Inspectorate, Role, User

DEFAULT_PASSWORD = "demo-password-change-me"  # noqa: S105 - published in the README, demo only

# username, role, inspectorate code, first name, last name
ACCOUNTS = [
    ("admin", Role.ADMIN, None, "Priya", "Raman"),
    ("lead", Role.LEAD_INSPECTOR, "ofsted", "Margaret", "Okafor"),
    ("ofsted", Role.INSPECTOR, "ofsted", "Daniel", "Whitfield"),
    ("cqc", Role.INSPECTOR, "cqc", "Aisha", "Begum"),
    ("hmicfrs", Role.INSPECTOR, "hmicfrs", "Gareth", "Llewellyn"),
    ("hmiprobation", Role.INSPECTOR, "hmiprobation", "Helen", "McAllister"),
    ("hmiprisons", Role.INSPECTOR, "hmiprisons", "Tomasz", "Nowak"),
]


def demo_password() -> str:
    return os.environ.get("JTAI_DEMO_PASSWORD") or DEFAULT_PASSWORD


@transaction.atomic
def seed(stdout) -> list[User]:
    password = demo_password()
    inspectorates = {i.code: i for i in Inspectorate.objects.all()}
    people = []
    created_names = []
    for username, role, code, first_name, last_name in ACCOUNTS:
        wanted = {
            "role": role,
            "inspectorate": inspectorates[code] if code else None,
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@demo.jtai.localhost",
            "is_staff": role == Role.ADMIN,
            "is_superuser": role == Role.ADMIN,
            "is_active": True,
        }
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, **wanted)
            user.set_password(password)
            user.full_clean()
            user.save()
            created_names.append(username)
        else:
            changed = [field for field, value in wanted.items() if getattr(user, field) != value]
            for field in changed:
                setattr(user, field, wanted[field])
            if not user.check_password(password):
                user.set_password(password)
                changed.append("password")
            if changed:
                user.full_clean()
                user.save()
        people.append(user)
    if created_names:
        stdout.write(f"Demo accounts created: {', '.join(created_names)}")
    else:
        stdout.write("Demo accounts: already there")
    return people
