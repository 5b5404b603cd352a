from django.urls import path

from lindung.core import views

app_name = "core"
urlpatterns = [
    path("staff/audit/", views.audit_log, name="audit_log"),
]
