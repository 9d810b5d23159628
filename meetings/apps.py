from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        # Milestone baselines may move under a recorded decision (DAG-DEC55); milestones never imports meetings.
        from meetings.services import decision_authorises_baseline_change
        from milestones.services import BASELINE_AUTHORITIES

        if decision_authorises_baseline_change not in BASELINE_AUTHORITIES:
            BASELINE_AUTHORITIES.append(decision_authorises_baseline_change)
