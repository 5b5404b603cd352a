from django.urls import path

from lindung.prevention import views

app_name = "prevention"
urlpatterns = [
    path("", views.departure_list, name="list"),
    path("new/", views.departure_new, name="new"),
    path("export.<str:fmt>", views.departure_export, name="export"),
    path("<uuid:departure_id>/", views.departure_detail, name="detail"),
    path("dissemination/", views.dissemination_list, name="dissemination_list"),
    path("dissemination/new/", views.dissemination_new, name="dissemination_new"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export.<str:fmt>", views.statistics_export, name="statistics_export"),
]
