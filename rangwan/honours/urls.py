from django.urls import path

from rangwan.honours import views

app_name = "honours"
urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("programmes/<int:pk>/certificates/", views.certificate_list, name="list"),
    path("programmes/<int:pk>/certificates/batch/", views.batch_start, name="batch_start"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="pdf"),
    path("certificates/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("certificate-batches/<int:pk>/", views.batch_status, name="batch_status"),
    path("certificate-batches/<int:pk>/zip/", views.batch_zip, name="batch_zip"),
]
