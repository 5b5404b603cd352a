from django.urls import URLPattern

app_name = "prevention"
urlpatterns: list[URLPattern] = []
