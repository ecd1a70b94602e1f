from django.urls import path

from rangwan.directory import views

app_name = "directory"
urlpatterns = [
    path("people/<int:pk>/export.json", views.person_export, name="person_export"),
]
