"""Who may do what with the Desmigratif records: one table for the whole app.

Entities (see lindung.core.roles.CAPABILITIES):
- desmigratif_village: the programme villages and their officers (coordinators manage them);
- census: households, stays abroad, children and KIS/KIP cards, census imports (pillar 1);
- village_service: the village service log (pillar 1);
- village_business: business groups, trainings, turnover (pillar 2);
- village_parenting: community-parenting activities and attendance (pillar 3);
- cooperative: members, savings, loans, the ledger and its periods (pillar 4);
- remittance: remittances received and how they were used (pillar 4);
- village_indicator: aggregate indicators and village reports (no person-level data).
Every record carries the village's region code, so scope is the usual prefix rule.
"""

from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import DELETE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.core.roles import register_capabilities
from lindung.villages import models as m

_ALL = {VIEW, CREATE, CHANGE, DELETE}
_WORK = {VIEW, CREATE, CHANGE}

register_capabilities("desmigratif_village", {
    Role.ADMIN: _ALL,
    Role.COORDINATOR: _WORK,
    Role.ANALYST: {VIEW},
    Role.VILLAGE_OFFICER: {VIEW},
    Role.DESK_OFFICER: {VIEW},
    Role.TASKFORCE_OFFICER: {VIEW},
})
register_capabilities("census", {
    Role.ADMIN: _ALL,
    Role.COORDINATOR: _WORK,
    Role.VILLAGE_OFFICER: _WORK,
    Role.DESK_OFFICER: {VIEW},
    Role.TASKFORCE_OFFICER: {VIEW},
})
register_capabilities("village_service", {
    Role.ADMIN: _ALL,
    Role.COORDINATOR: _WORK,
    Role.VILLAGE_OFFICER: _WORK,
    Role.DESK_OFFICER: {VIEW},
})
register_capabilities("village_business", {
    Role.ADMIN: _ALL,
    Role.COORDINATOR: _WORK,
    Role.VILLAGE_OFFICER: _WORK,
})
register_capabilities("village_parenting", {
    Role.ADMIN: _ALL,
    Role.COORDINATOR: _WORK,
    Role.VILLAGE_OFFICER: _WORK,
})
register_capabilities("cooperative", {
    Role.ADMIN: _ALL,
    Role.COORDINATOR: _WORK,
    Role.VILLAGE_OFFICER: _WORK,
})
register_capabilities("remittance", {
    Role.ADMIN: _ALL,
    Role.COORDINATOR: _WORK,
    Role.VILLAGE_OFFICER: _WORK,
})
register_capabilities("village_indicator", {
    Role.ADMIN: {VIEW},
    Role.ANALYST: {VIEW},
    Role.COORDINATOR: {VIEW},
    Role.VILLAGE_OFFICER: {VIEW},
})

_POLICIES: dict[type, str] = {
    m.ProgrammeVillage: "desmigratif_village",
    m.CensusHousehold: "census",
    m.StayAbroad: "census",
    m.ChildProfile: "census",
    m.ChildCard: "census",
    m.CensusImport: "census",
    m.ServiceLogEntry: "village_service",
    m.BusinessGroup: "village_business",
    m.BusinessMember: "village_business",
    m.EquipmentReceipt: "village_business",
    m.Instructor: "village_business",
    m.Training: "village_business",
    m.TrainingAttendance: "village_business",
    m.TurnoverReport: "village_business",
    m.ParentingActivity: "village_parenting",
    m.ActivityAttendance: "village_parenting",
    m.Cooperative: "cooperative",
    m.CoopMember: "cooperative",
    m.SavingsAccount: "cooperative",
    m.Loan: "cooperative",
    m.LoanInstallment: "cooperative",
    m.LoanRepayment: "cooperative",
    m.LedgerAccount: "cooperative",
    m.AccountingPeriod: "cooperative",
    m.JournalEntry: "cooperative",
    m.Remittance: "remittance",
    m.RemittanceAllocation: "remittance",
}
for _model, _entity in _POLICIES.items():
    access.register(_model, access.Policy(_entity, region_field="region_code"))
access.register(m.JournalLine, access.Policy("cooperative", region_field="entry__region_code"))
access.register(m.IndicatorRegion, access.Policy("village_indicator", region_field="code"))
access.register(m.CensusImportError,
                access.Policy("census", region_field="census_import__region_code"))
