from django.urls import URLPattern

app_name = "villages"
urlpatterns: list[URLPattern] = []
