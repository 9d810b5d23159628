from milestones.api import views

routes = [
    ("milestones", views.MilestoneViewSet, "milestone"),
]
