from django.urls import path

from lindung.accounts import admin_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/recovery-codes/", views.recovery_codes_regenerate,
         name="recovery_codes_regenerate"),
    path("invite/<str:token>/", views.account_link, name="account_link"),
    path("password/", views.password_change, name="password_change"),
    path("users/", admin_views.user_list, name="user_list"),
    path("users/new/", admin_views.user_create, name="user_create"),
    path("users/<int:user_id>/", admin_views.user_detail, name="user_detail"),
    path("users/<int:user_id>/edit/", admin_views.user_edit, name="user_edit"),
    path("users/<int:user_id>/deactivate/", admin_views.user_deactivate,
         name="user_deactivate"),
    path("users/<int:user_id>/reactivate/", admin_views.user_reactivate,
         name="user_reactivate"),
    path("users/<int:user_id>/reset/", admin_views.user_reset, name="user_reset"),
    path("users/<int:user_id>/two-factor-reset/", admin_views.user_two_factor_reset,
         name="user_two_factor_reset"),
    path("users/<int:user_id>/invite/", admin_views.user_invite, name="user_invite"),
    path("users/<int:user_id>/unlock/", admin_views.user_unlock, name="user_unlock"),
    path("users/<int:user_id>/tokens/new/", admin_views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", admin_views.token_revoke, name="token_revoke"),
]
