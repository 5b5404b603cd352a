from lindung.common.routes import urlpatterns_of
from lindung.coordination.views import meetings
from lindung.coordination.views import plan
from lindung.coordination.views import reports
from lindung.coordination.views import stakeholders

app_name = "coordination"
urlpatterns = urlpatterns_of(stakeholders, plan, meetings, reports)
