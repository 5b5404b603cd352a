from lindung.common.routes import urlpatterns_of
from lindung.people import dedupe_views
from lindung.people import views

app_name = "people"
urlpatterns = urlpatterns_of(views, dedupe_views)
