"""Models of the Desmigratif villages app: programme villages, the four pillars, the
cooperative's double-entry ledger. One module per area; everything is importable from here."""

from lindung.villages.models.business import (
    BusinessGroup,
    BusinessMember,
    EquipmentReceipt,
    Instructor,
    Training,
    TrainingAttendance,
    TurnoverReport,
)
from lindung.villages.models.census import (
    CensusHousehold,
    ChildCard,
    ChildProfile,
    ServiceLogEntry,
    StayAbroad,
)
from lindung.villages.models.cooperative import (
    Cooperative,
    CoopMember,
    Loan,
    LoanInstallment,
    LoanRepayment,
    Remittance,
    RemittanceAllocation,
    SavingsAccount,
)
from lindung.villages.models.imports import CensusImport, CensusImportError
from lindung.villages.models.indicators import IndicatorRegion
from lindung.villages.models.ledger import (
    AccountingPeriod,
    JournalEntry,
    JournalLine,
    LedgerAccount,
    LedgerImmutableError,
)
from lindung.villages.models.parenting import ActivityAttendance, ParentingActivity
from lindung.villages.models.programme import ProgrammeVillage

__all__ = [
    "AccountingPeriod",
    "ActivityAttendance",
    "BusinessGroup",
    "BusinessMember",
    "CensusHousehold",
    "CensusImport",
    "CensusImportError",
    "ChildCard",
    "ChildProfile",
    "CoopMember",
    "Cooperative",
    "EquipmentReceipt",
    "IndicatorRegion",
    "Instructor",
    "JournalEntry",
    "JournalLine",
    "LedgerAccount",
    "LedgerImmutableError",
    "Loan",
    "LoanInstallment",
    "LoanRepayment",
    "ParentingActivity",
    "ProgrammeVillage",
    "Remittance",
    "RemittanceAllocation",
    "SavingsAccount",
    "ServiceLogEntry",
    "StayAbroad",
    "Training",
    "TrainingAttendance",
    "TurnoverReport",
]
