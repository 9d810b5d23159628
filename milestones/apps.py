from django.apps import AppConfig


class MilestonesConfig(AppConfig):
    name = "milestones"
    verbose_name = "Milestones"

    def ready(self):
        # The stored RAG is today's and kept out of the history: as of a moment it is the rules' answer then.
        from core.clock import register_derived
        from milestones.models import Milestone
        from milestones.selectors import rags_as_of

        register_derived(Milestone, "rag", rags_as_of)
