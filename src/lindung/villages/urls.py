from lindung.common.routes import urlpatterns_of
from lindung.villages.views import census
from lindung.villages.views import cooperative
from lindung.villages.views import imports
from lindung.villages.views import indicators
from lindung.villages.views import pillars
from lindung.villages.views import programme

app_name = "villages"
urlpatterns = urlpatterns_of(programme, indicators, census, imports, pillars, cooperative)
