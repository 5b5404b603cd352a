from lindung.common.routes import urlpatterns_of
from lindung.ltsa.views import files, manage, port, public

app_name = "ltsa"
urlpatterns = urlpatterns_of(public, port, files, manage)
