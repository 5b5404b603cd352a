from lindung.common.routes import urlpatterns_of
from lindung.reports.views import cases, public, staff

app_name = "reports"
urlpatterns = urlpatterns_of(public, staff, cases)
