from django.urls import path

from rangwan.core import views

app_name = "core"
urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
]
