"""Models of the Desmigratif villages app: programme villages, the four pillars, the
cooperative's double-entry ledger. One module per area; everything is importable from here."""

from lindung.villages.models.business import BusinessGroup
from lindung.villages.models.business import BusinessMember
from lindung.villages.models.business import EquipmentReceipt
from lindung.villages.models.business import Instructor
from lindung.villages.models.business import Training
from lindung.villages.models.business import TrainingAttendance
from lindung.villages.models.business import TurnoverReport
from lindung.villages.models.census import CensusHousehold
from lindung.villages.models.census import ChildCard
from lindung.villages.models.census import ChildProfile
from lindung.villages.models.census import ServiceLogEntry
from lindung.villages.models.census import StayAbroad
from lindung.villages.models.cooperative import Cooperative
from lindung.villages.models.cooperative import CoopMember
from lindung.villages.models.cooperative import Loan
from lindung.villages.models.cooperative import LoanInstallment
from lindung.villages.models.cooperative import LoanRepayment
from lindung.villages.models.cooperative import Remittance
from lindung.villages.models.cooperative import RemittanceAllocation
from lindung.villages.models.cooperative import SavingsAccount
from lindung.villages.models.imports import CensusImport
from lindung.villages.models.imports import CensusImportError
from lindung.villages.models.indicators import IndicatorRegion
from lindung.villages.models.ledger import AccountingPeriod
from lindung.villages.models.ledger import JournalEntry
from lindung.villages.models.ledger import JournalLine
from lindung.villages.models.ledger import LedgerAccount
from lindung.villages.models.ledger import LedgerImmutableError
from lindung.villages.models.parenting import ActivityAttendance
from lindung.villages.models.parenting import ParentingActivity
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
