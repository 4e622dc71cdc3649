"""Signing in with a username and password, the signed-in user read with their inspectorate.

Every page names the signed-in person's inspectorate beside their name (and most pages
check it): reading it with the user, in the session's one query for them, saves a query on
every page an inspector opens.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserWithInspectorateBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("inspectorate")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
