from lindung.common.routes import urlpatterns_of
from lindung.stats import views

app_name = "stats"
urlpatterns = urlpatterns_of(views)
