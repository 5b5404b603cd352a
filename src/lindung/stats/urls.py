from django.urls import path

from lindung.stats import views

app_name = "stats"
urlpatterns = [
    path("data-quality/", views.data_quality, name="data_quality"),
    path("sources/", views.sourced_figures, name="sourced_figures"),
]
