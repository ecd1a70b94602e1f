from django.urls import path

from rangwan.nominations import views

app_name = "nominations"
urlpatterns = [
    path("district/", views.district_home, name="district_home"),
    path("programmes/<int:pk>/my-nomination/", views.my_nomination, name="mine"),
    path("programmes/<int:pk>/my-nomination/pair/", views.register_pair, name="register"),
    path("programmes/<int:pk>/screening/", views.screening_list, name="screening"),
    path("programmes/<int:pk>/committee-packet.pdf", views.committee_packet, name="packet"),
    path(
        "programmes/<int:pk>/districts/<int:district_pk>/extension/",
        views.extension,
        name="extension",
    ),
    path("nominations/<int:pk>/", views.nomination_detail, name="detail"),
    path("nominations/<int:pk>/dossier/", views.dossier_edit, name="dossier"),
    path("nominations/<int:pk>/dossier.pdf", views.dossier_pdf, name="dossier_pdf"),
    path("nominations/<int:pk>/dossier/autosave/", views.dossier_autosave, name="autosave"),
    path("nominations/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        "nominations/<int:pk>/evidence/<int:evidence_pk>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("nominations/<int:pk>/certify/", views.certify, name="certify"),
    path("nominations/<int:pk>/submit/", views.submit, name="submit"),
    path("nominations/<int:pk>/screen/", views.screen, name="screen"),
    path("nominations/<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("nominations/<int:pk>/versions/<int:number>/receipt/", views.receipt, name="receipt"),
    path("evidence/<int:evidence_pk>/<str:variant>/", views.evidence_file, name="evidence_file"),
]
