from django.urls import path

from lindung.ltsa.views import files, manage, port, public

app_name = "ltsa"
urlpatterns = [
    # Public pages.
    path("", public.home, name="home"),
    path("check/", public.check, name="check"),
    path("agencies/<uuid:agency_id>/", public.agency, name="agency"),
    path("job-orders/<uuid:job_order_id>/", public.job_order, name="job_order"),
    path("fees/", public.fees, name="fees"),
    path("jobs/", public.jobs, name="jobs"),
    path("track/", public.track, name="track"),
    path("verify/", port.certificate_lookup, name="certificate_lookup"),
    path("verify/<str:token>", public.verify, name="verify"),
    path("verify/<str:token>/", public.verify),
    # Application files (staff).
    path("staff/applications/", files.application_list, name="application_list"),
    path("staff/applications/new/", files.application_create, name="application_create"),
    path("staff/applications/<uuid:application_id>/", files.application_detail,
         name="application_detail"),
    path("staff/applications/<uuid:application_id>/items/<uuid:item_id>/decide/",
         files.item_decide, name="item_decide"),
    path("staff/applications/<uuid:application_id>/payments/new/", files.payment_create,
         name="payment_create"),
    path("staff/applications/<uuid:application_id>/payments/<uuid:payment_id>/receipt.pdf",
         files.payment_receipt_pdf, name="payment_receipt_pdf"),
    path("staff/applications/<uuid:application_id>/withdraw/", files.application_withdraw,
         name="application_withdraw"),
    path("staff/applications/<uuid:application_id>/receipt.pdf", files.receipt_pdf,
         name="receipt_pdf"),
    path("staff/applications/<uuid:application_id>/receipt/reissue/", files.receipt_reissue,
         name="receipt_reissue"),
    path("staff/applications/<uuid:application_id>/checklist.pdf", files.checklist_pdf,
         name="checklist_pdf"),
    path("staff/applications/<uuid:application_id>/certificate.pdf", files.certificate_pdf,
         name="certificate_pdf"),
    path("staff/applications/<uuid:application_id>/photo", port.application_photo,
         name="application_photo"),
    path("staff/applications/<uuid:application_id>/photo/upload/",
         port.application_photo_upload, name="application_photo_upload"),
    path("staff/queue/", files.queue, name="queue"),
    # Reference data, complaints, figures (staff).
    path("staff/agencies/", manage.agency_admin, name="agency_admin"),
    path("staff/agencies/<uuid:agency_id>/", manage.agency_admin_detail,
         name="agency_admin_detail"),
    path("staff/fees/", manage.fee_admin, name="fee_admin"),
    path("staff/complaints/", manage.complaint_list, name="complaint_list"),
    path("staff/complaints/<uuid:complaint_id>/", manage.complaint_detail,
         name="complaint_detail"),
    path("staff/figures/", manage.figures, name="figures"),
]
