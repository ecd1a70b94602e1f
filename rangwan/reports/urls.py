from django.urls import path

from rangwan.reports import views

app_name = "reports"
urlpatterns = [
    path("programmes/<int:pk>/", views.dashboard, name="dashboard"),
    path("programmes/<int:pk>/report/", views.report, name="report"),
    path("programmes/<int:pk>/report/report.pdf", views.report_pdf, name="report_pdf"),
    path("programmes/<int:pk>/report/report.docx", views.report_docx, name="report_docx"),
    path("programmes/<int:pk>/report/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path(
        "programmes/<int:pk>/exports/nominations.csv",
        views.nominations_csv,
        name="nominations_csv",
    ),
    path("programmes/<int:pk>/exports/scores.csv", views.scores_csv, name="scores_csv"),
    path("programmes/<int:pk>/exports/data.xlsx", views.exports_xlsx, name="exports_xlsx"),
]
