from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        # `since=PSG35`, `as_of=PSG36`: the clock reads meeting refs through us; the kernel never imports meetings.
        from core.clock import register_meeting_refs
        from meetings.clock import MeetingMoments

        register_meeting_refs(MeetingMoments())

        # Milestone baselines may move under a recorded decision (DAG-DEC55); milestones never imports meetings.
        from meetings.services import decision_authorises_baseline_change
        from milestones.services import BASELINE_AUTHORITIES

        if decision_authorises_baseline_change not in BASELINE_AUTHORITIES:
            BASELINE_AUTHORITIES.append(decision_authorises_baseline_change)
