from lindung.common.routes import urlpatterns_of
from lindung.coordination.views import meetings, plan, reports, stakeholders

app_name = "coordination"
urlpatterns = urlpatterns_of(stakeholders, plan, meetings, reports)
