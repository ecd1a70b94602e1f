from django.urls import path

from rangwan.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    path("<int:pk>/copy/", views.programme_copy, name="copy"),
    path("<int:pk>/steps/new/", views.step_add, name="step_add"),
    path("<int:pk>/steps/<int:step_pk>/", views.step_row, name="step_row"),
    path("<int:pk>/steps/<int:step_pk>/edit/", views.step_edit, name="step_edit"),
]
