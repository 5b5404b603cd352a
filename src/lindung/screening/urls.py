from lindung.common.routes import urlpatterns_of
from lindung.screening import views, watchlist_views

app_name = "screening"
urlpatterns = urlpatterns_of(views, watchlist_views)
