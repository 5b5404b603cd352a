from lindung.common.routes import urlpatterns_of
from lindung.site import views

app_name = "site"
urlpatterns = urlpatterns_of(views)
