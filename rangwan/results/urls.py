from django.urls import path

from rangwan.results import views

app_name = "results"
urlpatterns = [
    path("results/<int:pk>/", views.public_results, name="public"),
    path("results/<int:pk>/bundle.json", views.bundle, name="bundle"),
    # Under judging/ as it was before the page moved here: bookmarks keep working.
    path("programmes/<int:pk>/judging/results/", views.tally, name="tally"),
    path("programmes/<int:pk>/results/publish/", views.publish, name="publish"),
    path("programmes/<int:pk>/results/finalise/", views.finalise, name="finalise"),
    path("programmes/<int:pk>/results/tie-vote/", views.tie_vote, name="tie_vote"),
]
