"""Cases in the Human Trafficking Case Data Standard (HTCDS v0.2, IOM) vocabulary.

Model fields carry the HTCDS names in snake case (``methods_of_control`` is
``vic_MethodsOfControl``) and picklist values are stored as HTCDS value names, so an export
is a mechanical rename: prefix + PascalCase. Fields HTCDS does not have are exported with
the ``lnd_`` prefix. The mapping table is in docs/reports.md.
"""

from __future__ import annotations

from typing import Any

from lindung.people.models import Person
from lindung.reports.choices import IloIndicator
from lindung.reports.choices import ReferralStatus
from lindung.reports.models import Case
from lindung.reports.models import CaseSuspect
from lindung.reports.models import CaseVictim
from lindung.reports.models import TraffickingEvent

MULTI_SEPARATOR = ";"


def htcds_name(prefix: str, field: str) -> str:
    """("vic_", "methods_of_control") -> "vic_MethodsOfControl"."""
    return prefix + "".join(part.capitalize() for part in field.split("_"))


def _multi(values: list[str]) -> str:
    return MULTI_SEPARATOR.join(values)


def _gender(person: Person) -> str:
    return {"M": "Male", "F": "Female"}.get(person.sex, "Unknown")


def person_fields(person: Person | None, name: str = "") -> dict[str, Any]:
    # Indonesian names are not split into first and second names (many people have one
    # name): the whole name goes into prs_FirstName, prs_SecondName stays empty.
    return {
        "prs_FirstName": person.name if person else name,
        "prs_SecondName": "",
        "prs_Birthdate": person.birth_date.isoformat() if person and person.birth_date else "",
        "prs_Gender": _gender(person) if person else "Unknown",
        "prs_Nationality": "ID" if person else "",
        "prs_MailingCountry": "ID" if person and person.region_code else "",
        "lnd_PersonId": str(person.pk) if person else "",
        "lnd_RegionCode": person.region_code if person else "",
    }


def victim_fields(victim: CaseVictim) -> dict[str, Any]:
    return {
        **person_fields(victim.person),
        "vic_AgreementToManagePersonalData": victim.agreement_to_manage_personal_data,
        "vic_MethodOfRecruitment": _multi(victim.method_of_recruitment),
        "vic_MethodsOfControl": _multi(victim.methods_of_control),
        "vic_TypeOfLabourExploitation": _multi(victim.type_of_labour_exploitation),
        "vic_RecruitmentWebsitesAndApps": _multi(victim.recruitment_websites_and_apps),
        "vic_DetailsOfVulnerabilities": victim.details_of_vulnerabilities,
    }


def perpetrator_fields(suspect: CaseSuspect) -> dict[str, Any]:
    return {
        **person_fields(suspect.person, suspect.name),
        "per_RoleInProcess": _multi(suspect.role_in_process),
        "per_RoleDetails": suspect.role_details,
        "per_Organisation": suspect.organisation,
    }


def event_fields(event: TraffickingEvent) -> dict[str, Any]:
    return {
        "hte_Type": event.type,
        "hte_Date": event.date.isoformat() if event.date else "",
        "hte_City": event.city,
        "hte_State": event.state,
        "hte_Country": event.country,
        "hte_Description": event.description,
        "lnd_RegionCode": event.region_id or "",
    }


def case_fields(case: Case) -> dict[str, Any]:
    referrals = list(case.report.referrals.all()) if case.report else []
    outgoing = [r for r in referrals if r.status in (ReferralStatus.REQUESTED,
                                                     ReferralStatus.ACCEPTED)]
    first = outgoing[0] if outgoing else None
    return {
        "cas_Id": case.reference,
        "cas_Status": case.status,
        "cas_CaseOwner": str(case.case_owner) if case.case_owner else "",
        "cas_ReferredOrganisation": _multi([str(r.to_agency) for r in outgoing]),
        "cas_ReasonForOutgoingReferral": first.reason if first else "",
        "cas_OutgoingReferralDate": first.created_at.date().isoformat() if first else "",
        "cas_OutgoingReferralDetails": first.details if first else "",
        "cas_ReasonForCaseClosure": case.reason_for_case_closure,
        "lnd_Title": case.title,
        "lnd_RegionCode": case.region_code,
        "lnd_LegalStage": case.legal_stage,
        "lnd_IloIndicators": _multi(case.ilo_indicators),
        "lnd_IloIndicatorCount": len(case.ilo_indicators),
        "lnd_ReportReference": case.report.reference if case.report else "",
        "lnd_OpenedOn": case.created_at.date().isoformat(),
    }


def case_document(case: Case) -> dict[str, Any]:
    """The whole case as one HTCDS-shaped document (the API's JSON export)."""
    return {
        **case_fields(case),
        "victims": [victim_fields(v) for v in case.victims.select_related("person")],
        "perpetrators": [perpetrator_fields(s) for s in case.suspects.select_related("person")],
        "trafficking_events": [event_fields(e) for e in case.events.all()],
        "lnd_IloIndicatorLabels": {code: str(IloIndicator(code).label)
                                   for code in case.ilo_indicators},
    }


def case_rows(case: Case) -> list[dict[str, Any]]:
    """Flat rows for CSV/XLSX: one per victim (as CTDC publishes), or one for the case."""
    base = case_fields(case)
    suspects = list(case.suspects.all())
    base["lnd_PerpetratorRoles"] = _multi(sorted({role for s in suspects
                                                  for role in s.role_in_process}))
    base["lnd_PerpetratorCount"] = len(suspects)
    victims = list(case.victims.select_related("person"))
    if not victims:
        return [base]
    return [{**base, **victim_fields(victim)} for victim in victims]
