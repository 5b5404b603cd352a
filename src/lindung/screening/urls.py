from django.urls import path

from lindung.screening import views, watchlist_views

app_name = "screening"
urlpatterns = [
    path("", views.home, name="home"),
    path("manifests/<uuid:manifest_id>/", views.manifest_detail, name="manifest"),
    path("passengers/<uuid:passenger_id>/", views.passenger_detail, name="passenger"),
    path("rules/", views.rules, name="rules"),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<uuid:alert_id>/", views.alert_detail, name="alert"),
    path("watchlist/", watchlist_views.watchlist, name="watchlist"),
    path("watchlist/<uuid:entry_id>/", watchlist_views.watchlist_entry, name="watchlist_entry"),
]
