"""Service figures per centre and desk."""

from __future__ import annotations

from lindung.directory.choices import Desk
from lindung.ltsa import services
from lindung.ltsa.choices import RejectionReason
from lindung.ltsa.selectors import service_figures
from tests.fixtures.ltsa import LtsaWorld


def test_it_counts_queues_waits_and_rejections(ltsa: LtsaWorld, fixed_today: object) -> None:
    ready, _ = ltsa.register()
    ltsa.verify_all(ready)
    other, _ = ltsa.register(person=ltsa.world.ntt_person, job=ltsa.job_factory)
    item = other.items.get(code="health_certificate")
    services.checklist_item_reject(actor=ltsa.desks[Desk.HEALTH], item=item,
                                   reason=RejectionReason.ILLEGIBLE)
    [centre] = service_figures(ltsa.world.users["coord_ntt"])
    assert centre.name == ltsa.centre.name
    assert (centre.registered, centre.ready, centre.active) == (2, 1, 2)
    assert centre.median_days_to_ready is not None
    health = centre.desks[Desk.HEALTH]
    assert health.rejected == 1 and health.decided == 2
    assert health.rejections == {RejectionReason.ILLEGIBLE: 1}
    assert health.queue == 0
    assert centre.desks[Desk.POLICE].queue == 1
    assert centre.desks[Desk.POLICE].mean_wait_hours is not None
    page = ltsa.world.client_for("analyst").get("/ltsa/staff/figures/").content.decode()
    assert ltsa.centre.name in page and "tidak terbaca" in page


def test_it_keeps_figures_within_scope(ltsa: LtsaWorld, fixed_today: object) -> None:
    ltsa.register()
    assert service_figures(ltsa.world.users["coord_jabar"]) == []
    assert len(service_figures(ltsa.world.users["analyst"])) == 1
