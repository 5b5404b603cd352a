from lindung.common.routes import urlpatterns_of
from lindung.prevention import views

app_name = "prevention"
urlpatterns = urlpatterns_of(views)
