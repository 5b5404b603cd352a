from lindung.common.routes import urlpatterns_of
from lindung.core import views

app_name = "core"
urlpatterns = urlpatterns_of(views)
