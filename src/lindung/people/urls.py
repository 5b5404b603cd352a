from django.urls import path

from lindung.people import dedupe_views, views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<uuid:person_id>/", views.person_detail, name="detail"),
    path("<uuid:person_id>/edit/", views.person_edit, name="edit"),
    path("<uuid:person_id>/family/", views.family_link_add, name="family_link_add"),
    path("duplicates/", dedupe_views.dedupe_queue, name="dedupe_queue"),
    path("duplicates/run/", dedupe_views.dedupe_run_start, name="dedupe_start"),
    path("duplicates/jobs/<uuid:job_id>/", dedupe_views.dedupe_job, name="dedupe_job"),
    path("duplicates/<uuid:pair_id>/decide/", dedupe_views.dedupe_decide, name="dedupe_decide"),
]
