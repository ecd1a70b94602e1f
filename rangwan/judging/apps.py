from django.apps import AppConfig


class JudgingConfig(AppConfig):
    name = "rangwan.judging"
    label = "judging"

    def ready(self):
        # Here, not at the top: models load only once the registry is ready.
        from rangwan.judging.services import copy_committee, copy_rubric, copy_rules
        from rangwan.programmes.signals import programme_copied

        def copy_judging(*, source, target, actor, **_signal):
            """A programme copied to the next year takes the rubric, the committee seats
            and the judging rules with it."""
            copy_rubric(source=source, target=target, actor=actor)
            copy_committee(source=source, target=target)
            copy_rules(source=source, target=target, actor=actor)

        programme_copied.connect(copy_judging, weak=False, dispatch_uid="judging.copy")
