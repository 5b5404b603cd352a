from django.urls import path

from lindung.reports.views import cases, public, staff

app_name = "reports"
urlpatterns = [
    # Public: no account, no session.
    path("new/", public.report_new, name="new"),
    path("track/", public.report_track, name="track"),
    path("track/add/", public.report_track_add, name="track_add"),
    # Officers.
    path("", staff.report_list, name="list"),
    path("queue/", staff.queue, name="queue"),
    path("log/", staff.report_log, name="log"),
    path("<uuid:report_id>/", staff.report_detail, name="detail"),
    path("<uuid:report_id>/triage/", staff.report_triage, name="triage"),
    path("<uuid:report_id>/transition/", staff.report_transition, name="transition"),
    path("<uuid:report_id>/message/", staff.report_message, name="message"),
    path("<uuid:report_id>/contact/", staff.report_contact, name="contact"),
    path("<uuid:report_id>/people/", staff.report_people, name="people"),
    path("<uuid:report_id>/refer/", staff.referral_new, name="refer"),
    path("<uuid:report_id>/case/", cases.case_open, name="case_open_from_report"),
    path("attachments/<uuid:attachment_id>/", staff.attachment_download, name="attachment"),
    path("referrals/", staff.referral_list, name="referral_list"),
    path("referrals/<uuid:referral_id>/", staff.referral_detail, name="referral_detail"),
    path("referrals/<uuid:referral_id>/respond/", staff.referral_respond,
         name="referral_respond"),
    path("referrals/<uuid:referral_id>/revoke/", staff.referral_revoke, name="referral_revoke"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/new/", cases.case_open, name="case_open"),
    path("cases/export.<str:fmt>", cases.case_export, name="case_export"),
    path("cases/<uuid:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<uuid:case_id>/edit/", cases.case_edit, name="case_edit"),
    path("cases/<uuid:case_id>/events/", cases.case_event_add, name="case_event_add"),
    path("cases/<uuid:case_id>/suspects/", cases.case_suspect_add, name="case_suspect_add"),
    path("cases/<uuid:case_id>/victims/", cases.case_victim_add, name="case_victim_add"),
    path("cases/<uuid:case_id>/htcds.json", cases.case_htcds_json, name="case_htcds"),
]
