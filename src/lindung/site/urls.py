from django.urls import path

from lindung.site import views

app_name = "site"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/statistics/", views.work_statistics, name="work_statistics"),
]
