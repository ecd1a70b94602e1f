from django.urls import path

from rangwan.judging import committee_views, views

app_name = "judging"
urlpatterns = [
    path("programmes/<int:pk>/rubric/", views.rubric_detail, name="rubric"),
    path("programmes/<int:pk>/rubric/edit/", views.rubric_edit, name="rubric_edit"),
    path("programmes/<int:pk>/committee/", views.committee, name="committee"),
    path("programmes/<int:pk>/committee/new/", views.seat_add, name="seat_add"),
    path("programmes/<int:pk>/committee/<int:seat_pk>/edit/", views.seat_edit, name="seat_edit"),
    path("programmes/<int:pk>/judging/", committee_views.judge_home, name="judge_home"),
    path(
        "programmes/<int:pk>/judging/<int:nomination_pk>/declare/",
        committee_views.declare,
        name="declare",
    ),
    path(
        "programmes/<int:pk>/judging/<int:nomination_pk>/sheet/",
        committee_views.sheet,
        name="sheet",
    ),
    path("programmes/<int:pk>/judging/conflicts/", committee_views.conflicts, name="conflicts"),
    path(
        "programmes/<int:pk>/judging/conflicts/<int:declaration_pk>/rule/",
        committee_views.rule,
        name="rule",
    ),
    path(
        "programmes/<int:pk>/judging/sheets/<int:sheet_pk>/reopen/",
        committee_views.reopen,
        name="reopen",
    ),
    path("programmes/<int:pk>/judging/progress/", committee_views.progress, name="progress"),
    path("programmes/<int:pk>/judging/schedule/", committee_views.schedule, name="schedule"),
    path("programmes/<int:pk>/judging/agenda/", committee_views.agenda, name="agenda"),
]
