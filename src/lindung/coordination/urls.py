from django.urls import path

from lindung.coordination.views import meetings, plan, reports, stakeholders

app_name = "coordination"
urlpatterns = [
    # Stakeholders, agreements, referral pathways.
    path("stakeholders/", stakeholders.stakeholder_list, name="stakeholder_list"),
    path("stakeholders/new/", stakeholders.stakeholder_create, name="stakeholder_create"),
    path("stakeholders/<uuid:agency_id>/", stakeholders.stakeholder_detail,
         name="stakeholder_detail"),
    path("stakeholders/<uuid:agency_id>/edit/", stakeholders.stakeholder_edit,
         name="stakeholder_edit"),
    path("contacts/<uuid:contact_id>/remove/", stakeholders.contact_remove,
         name="contact_remove"),
    path("agreements/", stakeholders.agreement_list, name="agreement_list"),
    path("agreements/new/", stakeholders.agreement_create, name="agreement_create"),
    path("agreements/<uuid:agreement_id>/", stakeholders.agreement_detail,
         name="agreement_detail"),
    path("pathways/", stakeholders.pathway_list, name="pathway_list"),
    path("pathways/new/", stakeholders.pathway_create, name="pathway_create"),
    path("pathways/<uuid:pathway_id>/deactivate/", stakeholders.pathway_deactivate,
         name="pathway_deactivate"),
    # The action plan.
    path("plans/", plan.plan_list, name="plan_list"),
    path("plans/new/", plan.plan_create, name="plan_create"),
    path("plans/<uuid:plan_id>/", plan.plan_detail, name="plan_detail"),
    path("plans/<uuid:plan_id>/edit/", plan.plan_edit, name="plan_edit"),
    path("plans/<uuid:plan_id>/goals/new/", plan.goal_create, name="goal_create"),
    path("plans/<uuid:plan_id>/actions/new/", plan.action_create, name="action_create"),
    path("plans/<uuid:plan_id>/indicators/new/", plan.indicator_create,
         name="indicator_create"),
    path("actions/<uuid:action_id>/", plan.action_detail, name="action_detail"),
    path("indicators/<uuid:indicator_id>/", plan.indicator_detail, name="indicator_detail"),
    path("evidence/<uuid:evidence_id>/", plan.evidence_download, name="evidence_download"),
    path("flags/", plan.flag_list, name="flag_list"),
    path("metrics/", plan.metric_list, name="metric_list"),
    # Meetings.
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<uuid:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path("follow-ups/<uuid:follow_up_id>/close/", meetings.follow_up_close,
         name="follow_up_close"),
    # Periodic reports.
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<uuid:report_id>/", reports.report_detail, name="report_detail"),
    path("reports/<uuid:report_id>/narrative/", reports.report_narrative,
         name="report_narrative"),
    path("reports/<uuid:report_id>/report.<str:fmt>", reports.report_download,
         name="report_download"),
]
