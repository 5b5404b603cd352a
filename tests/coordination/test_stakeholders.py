"""The stakeholder directory: stakeholders extending the directory's agencies, services,
contacts, agreements, referral pathways and the receiver suggestion for the task force."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone

from lindung.coordination import services
from lindung.coordination.choices import AgreementKind
from lindung.coordination.choices import ServiceKind
from lindung.coordination.choices import StakeholderCategory
from lindung.coordination.models import StakeholderProfile
from lindung.coordination.selectors import default_category
from lindung.coordination.selectors import suggest_referral_receivers
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import AgencyLevel
from lindung.directory.models import Agency
from lindung.regions.models import Region
from tests.fixtures.coordination import Coord


def test_it_extends_the_directorys_agency_without_duplicating_it(coord: Coord) -> None:
    agency = Agency.objects.get(pk=coord.shelter.pk)
    assert agency.kind == AgencyKind.SHELTER and agency.region_id == "53.71"
    profile = StakeholderProfile.objects.get(agency=agency)
    assert profile.category == StakeholderCategory.SHELTER and profile.region_code == "53.71"
    assert set(agency.coordination_services.values_list(
        "service", flat=True)) == {"shelter", "health"}


def test_it_gives_seed_agencies_a_default_category(coord: Coord) -> None:
    assert default_category(coord.mission) == StakeholderCategory.MISSION
    assert default_category(coord.disnaker) == StakeholderCategory.GOVERNMENT
    assert services.profile_of(coord.disnaker).category == StakeholderCategory.GOVERNMENT


@pytest.mark.parametrize(("fields", "field", "expected"), [
    ({"level": AgencyLevel.PROVINCE, "region": None}, "region", "memerlukan wilayah tingkat"),
    ({"level": AgencyLevel.NATIONAL, "region": "53"}, "region", "tidak memiliki wilayah"),
    ({"level": AgencyLevel.INTERNATIONAL, "category": StakeholderCategory.MISSION,
      "country": "ID"}, "country", "berada di luar negeri: pilih negaranya"),
    ({"level": AgencyLevel.NATIONAL, "country": "XYZ"}, "country", "dua huruf ISO"),
])
def test_it_refuses_a_stakeholder_in_the_wrong_place(coord: Coord, fields: dict[str, object],
                                                     field: str, expected: str) -> None:
    data: dict[str, object] = {"name": "Lembaga Uji", "kind": AgencyKind.NGO,
                               "category": StakeholderCategory.NGO, "country": "ID"}
    data.update(fields)
    if isinstance(data.get("region"), str):
        data["region"] = Region.objects.get(code=data["region"])
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_create(actor=coord.world.users["admin"], **data)  # type: ignore[arg-type]
    assert expected in " ".join(exc.value.message_dict[field])


def test_it_lets_a_coordinator_add_stakeholders_only_in_scope(coord: Coord) -> None:
    user = coord.world.users["coord_ntt"]
    ngo = services.stakeholder_create(
        actor=user, name="Yayasan Peduli Migran Kupang", kind=AgencyKind.NGO,
        level=AgencyLevel.REGENCY, category=StakeholderCategory.NGO,
        region=Region.objects.get(code="53.71"), services=[ServiceKind.LEGAL_AID])
    assert ngo.pk
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_create(
            actor=user, name="Yayasan di Bandung", kind=AgencyKind.NGO,
            level=AgencyLevel.REGENCY, category=StakeholderCategory.NGO,
            region=Region.objects.get(code="32.04"))
    assert "di luar lingkup kerja Anda" in " ".join(exc.value.message_dict["region"])
    with pytest.raises(PermissionDenied):
        services.stakeholder_create(
            actor=coord.world.users["taskforce_kupang"], name="X", kind=AgencyKind.NGO,
            level=AgencyLevel.NATIONAL, category=StakeholderCategory.NGO)
    # A national stakeholder belongs to national scope only.
    with pytest.raises(PermissionDenied):
        services.stakeholder_update(actor=user, agency=coord.mission,
                                    category=StakeholderCategory.MISSION)


def test_it_edits_a_seed_agency_without_a_region(coord: Coord) -> None:
    services.stakeholder_update(actor=coord.world.users["admin"], agency=coord.disnaker,
                                category=StakeholderCategory.GOVERNMENT,
                                mandate="Koordinator satgas", services=[
                                    ServiceKind.JOB_INFORMATION], phone="0380 123")
    profile = StakeholderProfile.objects.get(agency=coord.disnaker)
    assert profile.mandate == "Koordinator satgas"
    coord.disnaker.refresh_from_db()
    assert coord.disnaker.phone == "0380 123"


def test_it_keeps_contacts_and_requires_an_email_for_alerts(coord: Coord) -> None:
    user = coord.world.users["coord_ntt"]
    contact = services.stakeholder_contact_add(
        actor=user, agency=coord.police, name="AKBP Yohanes", position="Dirreskrimum",
        email="reskrimum@example.org")
    assert contact.region_code == "53"
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_contact_add(actor=user, agency=coord.police, name="Bripka Ana",
                                         phone="0812", receives_alerts=True)
    assert "Peringatan dikirim lewat surel" in " ".join(exc.value.message_dict["receives_alerts"])
    services.stakeholder_contact_remove(actor=user, contact=contact)
    assert not coord.police.coordination_contacts.exists()


def test_it_records_agreements_between_at_least_two_parties(coord: Coord) -> None:
    admin = coord.world.users["admin"]
    today = timezone.localdate()
    agreement = services.agreement_create(
        actor=admin, kind=AgreementKind.REFERRAL, title="Perjanjian rujukan korban TPPO",
        parties=[coord.disnaker, coord.shelter, coord.shelter], scope="Rujukan korban",
        signed_on=today, valid_from=today, valid_until=today + timedelta(days=365),
        services=[ServiceKind.SHELTER])
    assert set(agreement.parties.all()) == {coord.disnaker, coord.shelter}
    assert agreement.in_force()
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(actor=admin, kind=AgreementKind.MOU, title="MoU",
                                  parties=[coord.disnaker], scope="x", signed_on=today,
                                  valid_from=today)
    assert "sedikitnya dua pihak yang berbeda" in " ".join(exc.value.message_dict["parties"])
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(actor=admin, kind=AgreementKind.MOU, title="MoU",
                                  parties=[coord.disnaker, coord.police], scope="x",
                                  signed_on=today, valid_from=today,
                                  valid_until=today - timedelta(days=1))
    assert "sebelum berlaku sejak" in " ".join(exc.value.message_dict["valid_until"])


def test_it_refuses_a_pathway_to_a_stakeholder_without_the_service(coord: Coord) -> None:
    with pytest.raises(ValidationError) as exc:
        services.referral_pathway_create(actor=coord.world.users["admin"],
                                         receiver=coord.police, case_kind=ServiceKind.SHELTER)
    assert "tidak menawarkan layanan 'Rumah aman" in " ".join(
        exc.value.message_dict["case_kind"])


def test_it_refuses_a_pathway_on_an_agreement_the_receiver_is_not_party_to(
        coord: Coord) -> None:
    admin = coord.world.users["admin"]
    agreement = services.agreement_create(
        actor=admin, kind=AgreementKind.MOU, title="MoU", scope="x",
        parties=[coord.disnaker, coord.police], signed_on=date(2024, 1, 1),
        valid_from=date(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.referral_pathway_create(actor=admin, receiver=coord.shelter,
                                         case_kind=ServiceKind.SHELTER, agreement=agreement)
    assert "bukan pihak dalam perjanjian" in " ".join(exc.value.message_dict["agreement"])


def _pathways(coord: Coord) -> None:
    admin = coord.world.users["admin"]
    ntt, kupang = Region.objects.get(code="53"), Region.objects.get(code="53.71")
    services.referral_pathway_create(actor=admin, receiver=coord.shelter,
                                     case_kind=ServiceKind.SHELTER, region=kupang, priority=2)
    services.referral_pathway_create(actor=admin, receiver=coord.police,
                                     case_kind=ServiceKind.INVESTIGATION, region=ntt)
    services.referral_pathway_create(actor=admin, receiver=coord.mission,
                                     case_kind=ServiceKind.SHELTER, country="MY", priority=1)
    services.referral_pathway_create(actor=admin, receiver=coord.iom,
                                     case_kind=ServiceKind.REPATRIATION, priority=5)
    services.referral_pathway_create(actor=admin, receiver=coord.mission,
                                     case_kind=ServiceKind.REPATRIATION, country="MY",
                                     priority=3)


def test_it_suggests_receivers_by_region_country_and_priority(coord: Coord) -> None:
    _pathways(coord)
    # In Kota Kupang a shelter case goes to the Kupang shelter; not to the mission abroad.
    assert suggest_referral_receivers(case_kind="shelter", region_code="53.71.01.1001") == [
        coord.shelter]
    # Outside Kota Kupang nobody takes shelter cases at home.
    assert suggest_referral_receivers(case_kind="shelter", region_code="53.01.05.1001") == []
    # Abroad in Malaysia: the mission for Malaysia.
    assert suggest_referral_receivers(case_kind="shelter", country="my") == [coord.mission]
    # Repatriation from Malaysia: the country's own pathway first, then the one for anywhere.
    assert suggest_referral_receivers(case_kind="repatriation", country="MY") == [
        coord.mission, coord.iom]
    assert suggest_referral_receivers(case_kind="repatriation", country="SA") == [coord.iom]
    assert suggest_referral_receivers(case_kind="investigation",
                                      region_code="53.01") == [coord.police]
    assert suggest_referral_receivers(case_kind="investigation", region_code="") == []


def test_it_orders_by_region_specificity_and_skips_inactive(coord: Coord) -> None:
    admin = coord.world.users["admin"]
    national_shelter = services.stakeholder_create(
        actor=admin, name="Rumah Perlindungan Trauma Center (nasional)",
        kind=AgencyKind.SHELTER, level=AgencyLevel.NATIONAL,
        category=StakeholderCategory.SHELTER, services=[ServiceKind.SHELTER])
    _pathways(coord)
    national = services.referral_pathway_create(actor=admin, receiver=national_shelter,
                                                case_kind=ServiceKind.SHELTER, priority=1)
    assert suggest_referral_receivers(case_kind="shelter", region_code="53.71.01") == [
        coord.shelter, national_shelter]
    services.referral_pathway_deactivate(actor=admin, pathway=national)
    assert suggest_referral_receivers(case_kind="shelter", region_code="53.71.01") == [
        coord.shelter]
    services.stakeholder_update(actor=admin, agency=coord.shelter,
                                category=StakeholderCategory.SHELTER, active=False,
                                services=["shelter", "health"])
    assert suggest_referral_receivers(case_kind="shelter", region_code="53.71.01") == []


def test_it_uses_the_referral_service_codes_of_the_task_force() -> None:
    from lindung.reports.choices import ReferralService

    assert set(ReferralService.values) <= set(ServiceKind.values)


def test_it_will_not_drop_a_service_still_used_by_a_pathway(coord: Coord) -> None:
    _pathways(coord)
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_update(actor=coord.world.users["admin"], agency=coord.shelter,
                                    category=StakeholderCategory.SHELTER, services=["health"])
    assert "masih dipakai jalur rujukan aktif" in " ".join(
        exc.value.message_dict["services"])
