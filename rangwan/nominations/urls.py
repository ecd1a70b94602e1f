from django.urls import path

from rangwan.nominations import views

app_name = "nominations"
urlpatterns = [path("district/", views.district_home, name="district_home")]
