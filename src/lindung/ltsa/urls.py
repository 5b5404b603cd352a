from lindung.common.routes import urlpatterns_of
from lindung.ltsa.views import files
from lindung.ltsa.views import manage
from lindung.ltsa.views import port
from lindung.ltsa.views import public

app_name = "ltsa"
urlpatterns = urlpatterns_of(public, port, files, manage)
