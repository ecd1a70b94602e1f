from django.urls import path

from rangwan.learning import views

app_name = "learning"
urlpatterns = [
    path("programmes/<int:pk>/lessons/", views.lessons, name="lessons"),
    path("programmes/<int:pk>/lessons/start/", views.start, name="start"),
    path("programmes/<int:pk>/lessons/edit/", views.edit, name="edit"),
    path("programmes/<int:pk>/lessons/autosave/", views.autosave, name="autosave"),
    path("programmes/<int:pk>/lessons/photos/", views.photo_add, name="photo_add"),
    path(
        "programmes/<int:pk>/lessons/photos/<int:photo_pk>/caption/",
        views.photo_caption,
        name="photo_caption",
    ),
    path(
        "programmes/<int:pk>/lessons/photos/<int:photo_pk>/remove/",
        views.photo_remove,
        name="photo_remove",
    ),
    path(
        "programmes/<int:pk>/lessons/photos/<int:photo_pk>/<str:variant>/",
        views.photo_file,
        name="photo_file",
    ),
    path("programmes/<int:pk>/lessons/publish/", views.publish, name="publish"),
    path("programmes/<int:pk>/lessons/unpublish/", views.unpublish, name="unpublish"),
    path("programmes/<int:pk>/lessons/booklet.pdf", views.booklet_pdf, name="booklet_pdf"),
    path("programmes/<int:pk>/lessons/booklet.docx", views.booklet_docx, name="booklet_docx"),
]
