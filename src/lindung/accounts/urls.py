from lindung.accounts import admin_views
from lindung.accounts import views
from lindung.common.routes import urlpatterns_of

app_name = "accounts"
urlpatterns = urlpatterns_of(views, admin_views)
