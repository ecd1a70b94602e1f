from django.urls import path

from rangwan.documents import views

app_name = "documents"
urlpatterns = [
    path("programmes/<int:pk>/letter/", views.letter, name="letter"),
    path("programmes/<int:pk>/letter/edit/", views.letter_edit, name="letter_edit"),
    path("programmes/<int:pk>/letter/send/", views.letter_send, name="letter_send"),
    path("programmes/<int:pk>/letter/letter.pdf", views.letter_pdf, name="letter_pdf"),
    path("programmes/<int:pk>/letter/workplan.pdf", views.workplan_pdf, name="workplan_pdf"),
    path("programmes/<int:pk>/letter/form3.pdf", views.form3_pdf, name="form3_pdf"),
    path("programmes/<int:pk>/letter/form4.pdf", views.form4_pdf, name="form4_pdf"),
    path("programmes/<int:pk>/letter/rubric.pdf", views.rubric_pdf, name="rubric_pdf"),
    path("programmes/<int:pk>/announcement.pdf", views.announcement_pdf, name="announcement_pdf"),
]
