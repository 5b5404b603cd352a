from django.utils.translation import gettext_lazy as _

from lindung.core import appconfig
from lindung.core.nav import NavItem


class LtsaConfig(appconfig.LindungAppConfig):
    name = "lindung.ltsa"
    registers = ("access", "panels")  # the policies and the person panel
    menu = (
        NavItem(_("Berkas LTSA"), "ltsa:application_list", "ltsa_application", order=30),
        # "decide": ltsa.access.DECIDE (the desk's decision on a checklist item)
        NavItem(_("Antrean loket"), "ltsa:queue", "ltsa_checklist", order=31, action="decide"),
        NavItem(_("Angka layanan LTSA"), "ltsa:figures", "ltsa_figures", order=32),
        NavItem(_("P3MI dan job order"), "ltsa:agency_admin", "ltsa_reference", order=33,
                action="change"),
        NavItem(_("Biaya resmi"), "ltsa:fee_admin", "ltsa_reference", order=34,
                action="change"),
        NavItem(_("Pengaduan biaya"), "ltsa:complaint_list", "ltsa_complaint", order=35),
        NavItem(_("Periksa sertifikat"), "ltsa:certificate_lookup", "ltsa_certificate_check",
                order=36),
    )
