from lindung.common.routes import urlpatterns_of
from lindung.screening import views
from lindung.screening import watchlist_views

app_name = "screening"
urlpatterns = urlpatterns_of(views, watchlist_views)
