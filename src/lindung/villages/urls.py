from lindung.common.routes import urlpatterns_of
from lindung.villages.views import census, cooperative, imports, indicators, pillars, programme

app_name = "villages"
urlpatterns = urlpatterns_of(programme, indicators, census, imports, pillars, cooperative)
