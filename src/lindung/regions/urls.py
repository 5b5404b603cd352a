from lindung.common.routes import urlpatterns_of
from lindung.regions import views

app_name = "regions"
urlpatterns = urlpatterns_of(views)
