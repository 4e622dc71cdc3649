"""Other parts of the product register their lifecycle rules when the apps start."""

from inspections import lifecycle


def _modules(rules) -> set[str]:
    return {rule.__module__ for rule in rules}


def test_the_apps_register_their_lifecycle_rules_at_start_up():
    assert "inspections.recording.lifecycle" in _modules(lifecycle.hooks_after("start_fieldwork"))
    assert "reports.lifecycle" in _modules(lifecycle.blockers_for("publish"))
    assert "reports.lifecycle" in _modules(lifecycle.blockers_for("await_action_plan"))
    assert "inspections.moderation.lifecycle" in _modules(
        lifecycle.blockers_for("send_for_factual_accuracy")
    )
    assert "reports.lifecycle" in _modules(lifecycle.hooks_after("publish"))


def test_notifying_queues_the_emails_through_a_registered_hook():
    assert "inspections.hooks" in _modules(lifecycle.hooks_after("notify"))
