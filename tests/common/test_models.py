from __future__ import annotations

import uuid
from datetime import UTC
from datetime import date
from datetime import datetime
from unittest import mock

from lindung.core.models import AuditEvent
from lindung.people.models import Person
from lindung.reports.models import ReportTally
from lindung.villages.models import CoopMember
from lindung.villages.models import LoanInstallment


def test_a_record_is_shown_by_its_class_template_over_its_attributes() -> None:
    loan_id = uuid.uuid4()
    assert str(LoanInstallment(loan_id=loan_id, number=3)) == f"{loan_id} #3"
    assert str(ReportTally(month=date(2026, 12, 1), area_code="53", dimension="category",
                           value="broker")) == "2026-12-01 53 category=broker"


def test_the_template_takes_format_specs_and_related_records() -> None:
    event = AuditEvent(at=datetime(2026, 12, 7, 5, 13, 30, tzinfo=UTC), actor_label="ana",
                       action="view", entity="people.person")
    assert str(event) == "2026-12-07 05:13 ana view people.person"
    member = CoopMember(member_number=7, person=Person(name="Siti Aminah"))
    assert str(member) == "0007 Siti Aminah"


def test_a_model_without_a_template_is_shown_as_django_shows_it() -> None:
    installment = LoanInstallment(id=uuid.UUID(int=5), number=3)
    with mock.patch.object(LoanInstallment, "str_format", ""):
        assert str(installment) == f"LoanInstallment object ({uuid.UUID(int=5)})"
