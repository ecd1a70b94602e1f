from django.urls import path

from rangwan.judging import views

app_name = "judging"
urlpatterns = [
    path("programmes/<int:pk>/rubric/", views.rubric_detail, name="rubric"),
    path("programmes/<int:pk>/rubric/edit/", views.rubric_edit, name="rubric_edit"),
    path("programmes/<int:pk>/committee/", views.committee, name="committee"),
    path("programmes/<int:pk>/committee/new/", views.seat_add, name="seat_add"),
    path("programmes/<int:pk>/committee/<int:seat_pk>/edit/", views.seat_edit, name="seat_edit"),
]
