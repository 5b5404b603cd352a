"""Pillar 4 pages: the cooperative, members and their savings, loans, the ledger (journal,
trial balance, periods, reversals), member statements, remittances and their use."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models import Q
from django.db.models import Sum
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from lindung.accounts.models import User
from lindung.common.pdf import pdf_response
from lindung.common.routes import route
from lindung.common.views import attempt
from lindung.common.views import page
from lindung.common.views import paginated
from lindung.common.views import posted_action
from lindung.common.views import submitted
from lindung.common.views import uuid_or_none
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import VIEW
from lindung.villages import pdf
from lindung.villages.choices import LoanStatus
from lindung.villages.choices import SavingsKind
from lindung.villages.forms.cooperative import AccountForm
from lindung.villages.forms.cooperative import AllocationForm
from lindung.villages.forms.cooperative import CashForm
from lindung.villages.forms.cooperative import CooperativeForm
from lindung.villages.forms.cooperative import CoopMemberForm
from lindung.villages.forms.cooperative import DateOnlyForm
from lindung.villages.forms.cooperative import LoanApplyForm
from lindung.villages.forms.cooperative import LoanDecisionForm
from lindung.villages.forms.cooperative import RemittanceForm
from lindung.villages.forms.cooperative import RepayForm
from lindung.villages.forms.cooperative import ReverseForm
from lindung.villages.forms.cooperative import SavingsForm
from lindung.villages.forms.cooperative import WriteOffForm
from lindung.villages.models import AccountingPeriod
from lindung.villages.models import CensusHousehold
from lindung.villages.models import Cooperative
from lindung.villages.models import CoopMember
from lindung.villages.models import JournalEntry
from lindung.villages.models import Loan
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import Remittance
from lindung.villages.models import SavingsAccount
from lindung.villages.selectors import ledger as ledger_selectors
from lindung.villages.selectors.cooperative import loan_state
from lindung.villages.selectors.cooperative import portfolio
from lindung.villages.services import cooperative as coop_services
from lindung.villages.services import ledger as ledger_services
from lindung.villages.views.common import may_add
from lindung.villages.views.common import offer_people
from lindung.villages.views.common import village_add_form
from lindung.villages.views.common import village_page
from lindung.villages.views.common import village_people


@route("<uuid:village_id>/cooperative/", name="cooperative")
@village_page(Cooperative)
def cooperative_home(request: HttpRequest, user: User, village: ProgrammeVillage) -> HttpResponse:
    cooperative = Cooperative.objects.filter(programme_village=village).first()
    if cooperative is None:
        form, created = village_add_form(request, user, village, Cooperative, CooperativeForm,
                                         coop_services.cooperative_create)
        if created is not None:
            return redirect("villages:cooperative", village_id=village.pk)
        return page(request, "villages/cooperative_new.html", {"village": village, "form": form},
                    (form,))
    can_change = access.can(user, CHANGE, cooperative)
    member_form = CoopMemberForm(request.POST or None) if can_change else None
    offer_people(member_form, "person", access.visible(user, village_people(village)).exclude(
        coop_memberships__cooperative=cooperative))
    if request.method == "POST" and member_form is not None and member_form.is_valid():
        data = member_form.cleaned_data
        member = attempt(member_form, lambda: coop_services.coop_member_add(
            actor=user, cooperative=cooperative, **data))
        if member is not None:
            return redirect("villages:member", member_id=member.pk)
    members = cooperative.members.select_related("person").annotate(
        running=Count("loans", filter=Q(loans__status=LoanStatus.DISBURSED))).order_by(
        "member_number")
    trial = ledger_selectors.trial_balance(cooperative, include_sub_accounts=False)
    today = timezone.localdate()
    loans = cooperative.loans.select_related("member__person").order_by("-number")
    return page(request, "villages/cooperative.html", {
        "village": village, "cooperative": cooperative, "form": member_form,
        "can_change": can_change,
        "members": paginated(request, members, 30),
        "trial": trial, "cash": ledger_selectors.cash_balance(cooperative),
        "portfolio": portfolio(cooperative.loans.all(), today),
        "loans": loans[:20],
        "pending": loans.filter(status__in=[LoanStatus.APPLIED, LoanStatus.APPROVED]).count(),
    }, (member_form,))


def _member(user: User, member_id: UUID, action: str = VIEW) -> CoopMember:
    return access.get_visible_or_404(user, CoopMember.objects.select_related(
        "person", "cooperative__programme_village__village"), action, pk=member_id)


@route("members/<uuid:member_id>/", name="member")
@staff_view()
def member_detail(request: HttpRequest, user: User, member_id: UUID) -> HttpResponse:
    member = _member(user, member_id)
    cooperative = member.cooperative
    can_change = access.can(user, CHANGE, member)
    action = request.POST.get("action", "")
    groups = [(str(g.pk), g.name) for g in cooperative.programme_village.business_groups.all()]
    savings_form = SavingsForm(request.POST if action == "savings" else None, prefix="savings")
    loan_form = LoanApplyForm(request.POST if action == "loan" else None, prefix="loan",
                              groups=groups)
    if request.method == "POST" and can_change:
        if action == "savings" and savings_form.is_valid():
            data = savings_form.cleaned_data
            account = member.savings_accounts.get(kind=data["kind"])
            service = (coop_services.savings_deposit if data["direction"] == "deposit"
                       else coop_services.savings_withdraw)
            if attempt(savings_form, lambda: service(actor=user, savings=account,
                                                   amount=data["amount"], on=data["on"])):
                return redirect("villages:member", member_id=member.pk)
        elif action == "loan" and loan_form.is_valid():
            data = loan_form.cleaned_data
            loan = attempt(loan_form, lambda: coop_services.loan_apply(
                actor=user, member=member, purpose=data["purpose"], principal=data["principal"],
                term_months=data["term_months"], applied_on=data["applied_on"],
                monthly_rate=data["monthly_rate"],
                business_group_id=data["business_group"] or None,
                destination_country=data["destination_country"], note=data["note"]))
            if loan is not None:
                return redirect("villages:loan", loan_id=loan.pk)
    savings = [(account, ledger_selectors.savings_balance(account)) for account in
               member.savings_accounts.select_related("ledger_account").order_by("kind")]
    return page(request, "villages/member_detail.html", {
        "member": member, "cooperative": cooperative,
        "village": cooperative.programme_village, "savings": savings,
        "loans": member.loans.order_by("-number"), "can_change": can_change,
        "savings_form": savings_form if can_change else None,
        "loan_form": loan_form if can_change else None,
        "entries": member.entries.order_by("-number")[:30],
    }, (savings_form, loan_form))


def _date_param(request: HttpRequest, name: str) -> date | None:
    try:
        return date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


@route("members/<uuid:member_id>/statement.pdf", name="member_statement")
@staff_view()
def member_statement(request: HttpRequest, user: User, member_id: UUID) -> HttpResponse:
    member = _member(user, member_id)
    start, end = _date_param(request, "from"), _date_param(request, "to")
    data = pdf.member_statement(member=member, start=start, end=end)
    audit.record_object(actor=user, action=AuditAction.EXPORT, obj=member,
                        region_code=member.region_code, detail={"report": "member_statement"})
    return pdf_response(data, f"rekening-anggota-{member.label}.pdf")


@route("loans/<uuid:loan_id>/", name="loan")
@staff_view()
def loan_detail(request: HttpRequest, user: User, loan_id: UUID) -> HttpResponse:
    loan = access.get_visible_or_404(user, Loan.objects.select_related(
        "member__person", "cooperative__programme_village__village", "business_group"),
        VIEW, pk=loan_id)
    can_change = access.can(user, CHANGE, loan)
    action = request.POST.get("action", "")
    forms = {
        "decide": LoanDecisionForm(request.POST if action == "decide" else None, prefix="decide"),
        "disburse": DateOnlyForm(request.POST if action == "disburse" else None,
                                 prefix="disburse"),
        "repay": RepayForm(request.POST if action == "repay" else None, prefix="repay"),
        "write_off": WriteOffForm(request.POST if action == "write_off" else None,
                                  prefix="write_off"),
    }
    if can_change and posted_action(request, forms, {
            "decide": lambda data: coop_services.loan_decide(
                actor=user, loan=loan, approve=data["decision"] == "approve", on=data["on"],
                note=data["note"]),
            "disburse": lambda data: coop_services.loan_disburse(
                actor=user, loan=loan, on=data["on"]),
            "repay": lambda data: coop_services.loan_repay(
                actor=user, loan=loan, amount=data["amount"], on=data["on"]),
            "write_off": lambda data: coop_services.loan_write_off(
                actor=user, loan=loan, on=data["on"], reason=data["reason"])}):
        return redirect("villages:loan", loan_id=loan.pk)
    state = loan_state(loan, timezone.localdate())
    return page(request, "villages/loan_detail.html", {
        "loan": loan, "cooperative": loan.cooperative,
        "village": loan.cooperative.programme_village, "state": state,
        "repayments": loan.repayments.select_related("entry").order_by("paid_on"),
        "forms": forms if can_change else {}, "can_change": can_change,
    }, tuple(forms.values()))


@route("cooperatives/<uuid:cooperative_id>/ledger/", name="ledger")
@staff_view()
def ledger(request: HttpRequest, user: User, cooperative_id: UUID) -> HttpResponse:
    cooperative = access.get_visible_or_404(user, Cooperative.objects.select_related(
        "programme_village__village"), VIEW, pk=cooperative_id)
    can_change = access.can(user, CHANGE, cooperative)
    action = request.POST.get("action", "")
    cash_form = CashForm(request.POST if action == "cash" else None, prefix="cash")
    account_form = AccountForm(request.POST if action == "account" else None, prefix="account")
    if request.method == "POST" and can_change:
        if action == "cash" and cash_form.is_valid():
            data = cash_form.cleaned_data
            service = (coop_services.capital_receive if data["kind"] == "capital"
                       else coop_services.expense_pay)
            if attempt(cash_form, lambda: service(actor=user, cooperative=cooperative,
                                                amount=data["amount"], on=data["on"],
                                                memo=data["memo"])):
                return redirect("villages:ledger", cooperative_id=cooperative.pk)
        elif action == "account" and account_form.is_valid():
            if attempt(account_form, lambda: ledger_services.ledger_account_create(
                    actor=user, cooperative=cooperative, **account_form.cleaned_data)):
                return redirect("villages:ledger", cooperative_id=cooperative.pk)
        elif action == "close":
            period_id = uuid_or_none(request.POST.get("period"))
            period = (AccountingPeriod.objects.filter(cooperative=cooperative,
                                                      pk=period_id).first()
                      if period_id else None)
            if period is not None:
                try:
                    ledger_services.accounting_period_close(actor=user, period=period)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
            return redirect("villages:ledger", cooperative_id=cooperative.pk)
    as_of = _date_param(request, "as_of")
    entries = cooperative.entries.select_related("reversal").prefetch_related(
        "lines__account").order_by("-number")
    periods = cooperative.periods.annotate(n=Count("entries")).order_by("-starts_on")
    return page(request, "villages/ledger.html", {
        "cooperative": cooperative, "village": cooperative.programme_village,
        "trial": ledger_selectors.trial_balance(cooperative, as_of), "as_of": as_of,
        "entries": paginated(request, entries, 25),
        "periods": periods[:24], "can_change": can_change,
        "cash_form": cash_form if can_change else None,
        "account_form": account_form if can_change else None,
    }, (cash_form, account_form))


@route("entries/<uuid:entry_id>/", name="entry")
@staff_view()
def entry_detail(request: HttpRequest, user: User, entry_id: UUID) -> HttpResponse:
    entry = access.get_visible_or_404(user, JournalEntry.objects.select_related(
        "cooperative__programme_village__village", "period", "reverses", "member__person",
        "loan"), VIEW, pk=entry_id)
    can_change = access.can(user, CHANGE, entry)
    form = ReverseForm(request.POST or None) if can_change else None
    reversal = submitted(request, form, lambda data: ledger_services.journal_entry_reverse(
        actor=user, entry=entry, reason=data["reason"], on=data["on"]))
    if reversal is not None:
        return redirect("villages:entry", entry_id=reversal.pk)
    reversal = JournalEntry.objects.filter(reverses=entry).first()
    return page(request, "villages/entry_detail.html", {
        "entry": entry, "cooperative": entry.cooperative,
        "village": entry.cooperative.programme_village,
        "lines": entry.lines.select_related("account"), "reversal": reversal,
        "form": form if reversal is None and entry.kind != "reversal" else None,
    }, (form,))


@route("<uuid:village_id>/remittances/", name="remittances")
@village_page(Remittance)
def remittance_list(request: HttpRequest, user: User, village: ProgrammeVillage) -> HttpResponse:
    can_create = may_add(user, village, Remittance)
    households = [(str(h.pk), str(h)) for h in CensusHousehold.objects.filter(
        programme_village=village).select_related("household").order_by("-created_at")[:300]]
    form = RemittanceForm(request.POST or None, households=households) if can_create else None
    offer_people(form, "sender", access.visible(user, village_people(village)).filter(
        stays_abroad__isnull=False).distinct())
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        household_id = uuid_or_none(data["household"])
        household = (CensusHousehold.objects.filter(programme_village=village,
                                                    pk=household_id).first()
                     if household_id else None)
        if household is None and data["sender"] is not None:
            household = CensusHousehold.objects.filter(
                household_id=data["sender"].household_id).first()
        remittance = attempt(form, lambda: coop_services.remittance_record(
            actor=user, programme_village=village, amount=data["amount"],
            received_on=data["received_on"], channel=data["channel"],
            census_household=household, sender=data["sender"], country=data["country"],
            note=data["note"]))
        if remittance is not None:
            return redirect("villages:remittance", remittance_id=remittance.pk)
    remittances = access.visible(user, Remittance.objects.filter(programme_village=village)
                                 ).select_related("sender").annotate(
        allocated=Sum("allocations__amount")).order_by("-received_on")
    totals = remittances.aggregate(total=Sum("amount"))
    return page(request, "villages/remittance_list.html", {
        "village": village, "form": form,
        "page": paginated(request, remittances, 25),
        "total": totals["total"] or 0}, (form,))


@route("remittances/<uuid:remittance_id>/", name="remittance")
@staff_view()
def remittance_detail(request: HttpRequest, user: User, remittance_id: UUID) -> HttpResponse:
    remittance = access.get_visible_or_404(user, Remittance.objects.select_related(
        "programme_village__village", "sender", "census_household__household"), VIEW,
        pk=remittance_id)
    can_change = access.can(user, CHANGE, remittance)
    savings_accounts = SavingsAccount.objects.filter(
        region_code=remittance.region_code, kind=SavingsKind.VOLUNTARY,
        member__left_on__isnull=True).select_related("member__person")
    if remittance.census_household is not None:
        savings_accounts = savings_accounts.filter(
            member__person__household_id=remittance.census_household.household_id)
    choices = [(str(s.pk), f"{s.member.label} {s.member.person.name}") for s in savings_accounts]
    form = AllocationForm(request.POST or None, savings=choices) if can_change else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        savings = savings_accounts.filter(pk=data["savings"]).first() if data["savings"] else None
        if attempt(form, lambda: coop_services.remittance_allocate(
                actor=user, remittance=remittance, use=data["use"], amount=data["amount"],
                purpose=data["purpose"], savings=savings)):
            return redirect("villages:remittance", remittance_id=remittance.pk)
    return page(request, "villages/remittance_detail.html", {
        "remittance": remittance, "village": remittance.programme_village, "form": form,
        "allocations": remittance.allocations.all(),
        "left": coop_services.remittance_unallocated(remittance)}, (form,))
