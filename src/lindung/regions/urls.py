from django.urls import path

from lindung.regions import views

app_name = "regions"
urlpatterns = [path("lookup/", views.region_lookup, name="lookup")]
