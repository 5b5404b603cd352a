from django.apps import AppConfig


class LtsaConfig(AppConfig):
    name = "lindung.ltsa"
    label = "ltsa"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from lindung.core.nav import NavItem, register_nav
        from lindung.ltsa import access, panels  # noqa: F401  (policies and the person panel)

        register_nav(NavItem(_("Berkas LTSA"), "ltsa:application_list", "ltsa_application",
                             order=30))
        register_nav(NavItem(_("Antrean loket"), "ltsa:queue", "ltsa_checklist", order=31,
                             action=access.DECIDE))
        register_nav(NavItem(_("Angka layanan LTSA"), "ltsa:figures", "ltsa_figures",
                             order=32))
        register_nav(NavItem(_("P3MI dan job order"), "ltsa:agency_admin", "ltsa_reference",
                             order=33, action="change"))
        register_nav(NavItem(_("Biaya resmi"), "ltsa:fee_admin", "ltsa_reference", order=34,
                             action="change"))
        register_nav(NavItem(_("Pengaduan biaya"), "ltsa:complaint_list", "ltsa_complaint",
                             order=35))
        register_nav(NavItem(_("Periksa sertifikat"), "ltsa:certificate_lookup",
                             "ltsa_certificate_check", order=36))
