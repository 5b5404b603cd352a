from lindung.common.routes import urlpatterns_of
from lindung.ops import views

app_name = "ops"
urlpatterns = urlpatterns_of(views)
