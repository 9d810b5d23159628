from meetings.api import views

routes = [
    ("meetings", views.MeetingViewSet, "meeting"),
    ("agenda-items", views.AgendaItemViewSet, "agenda-item"),
    ("actions", views.ActionViewSet, "action"),
    ("decisions", views.DecisionViewSet, "decision"),
    ("votes", views.VoteViewSet, "vote"),
    ("discussion-items", views.DiscussionItemViewSet, "discussion-item"),
    ("meeting-packs", views.MeetingPackViewSet, "meeting-pack"),
]
