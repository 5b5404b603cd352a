from lindung.common.routes import urlpatterns_of
from lindung.reports.views import cases
from lindung.reports.views import public
from lindung.reports.views import staff

app_name = "reports"
urlpatterns = urlpatterns_of(public, staff, cases)
