from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="create"),
    path("meetings/<str:ref>/", views.MeetingDetailView.as_view(), name="detail"),
    path("meetings/<str:ref>/edit/", views.MeetingUpdateView.as_view(), name="edit"),
    path("meetings/<str:ref>/agenda/", views.edit_agenda, name="agenda"),
    path("meetings/<str:ref>/headline-report/", views.headline_report, name="headline-report"),
    path("meetings/<str:ref>/actions/new/", views.raise_action, name="raise-action"),
    path("meetings/<str:ref>/decisions/new/", views.record_decision, name="record-decision"),
    path("meetings/<str:ref>/votes/new/", views.record_votes, name="record-votes"),
    path("meetings/<str:ref>/vote-rounds/new/", views.open_vote_round, name="open-vote-round"),
    path("meetings/<str:ref>/vote-rounds/<int:pk>/close/", views.close_vote_round, name="close-vote-round"),
    path("meetings/<str:ref>/vote-rounds/<int:pk>/vote/", views.cast_vote, name="cast-vote"),
    path("meetings/<str:ref>/discussion/new/", views.add_discussion, name="add-discussion"),
    path("meetings/<str:ref>/headline/issue/", views.issue_headline, name="issue-headline"),
    path("meetings/<str:ref>/headline/approve/", views.approve_headline, name="approve-headline"),
    path("meetings/<str:ref>/packs/", views.packs_fragment, name="packs"),
    path("meetings/<str:ref>/packs/new/", views.request_pack, name="request-pack"),
    path("packs/<int:pk>/retry/", views.retry_pack, name="pack-retry"),
    path("packs/<int:pk>/download/", views.download_pack, name="pack-download"),
    path("actions/", views.ActionListView.as_view(), name="action-list"),
    path("actions/<str:ref>/", views.ActionDetailView.as_view(), name="action-detail"),
    path("actions/<str:ref>/edit/", views.ActionUpdateView.as_view(), name="action-edit"),
    path("actions/<str:ref>/owner-update/", views.owner_update, name="action-owner-update"),
    path("actions/<str:ref>/<str:step>/", views.action_step, name="action-step"),
    path("decisions/", views.DecisionListView.as_view(), name="decision-list"),
    path("decisions/<str:ref>/", views.DecisionDetailView.as_view(), name="decision-detail"),
]
