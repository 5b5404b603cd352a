from django.urls import URLPattern

app_name = "ltsa"
urlpatterns: list[URLPattern] = []
