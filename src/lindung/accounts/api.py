"""User administration over the API (/api/v1/accounts/): the same rule and services as the
pages. Used with a staff session (an administrator or coordinator with two-factor); API tokens
belong to machine clients, which administer nobody."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.db.models import Q
from django.http import Http404
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja import Schema
from ninja import Status
from pydantic import Field

from lindung.accounts import services
from lindung.accounts.models import ApiToken
from lindung.accounts.models import User
from lindung.accounts.rules import administered
from lindung.accounts.rules import administrator
from lindung.accounts.rules import users_visible
from lindung.common.views import staff_user
from lindung.core.roles import Role

router = Router(tags=["accounts"])


class UserOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    phone: str
    role: str
    site_id: str
    site_name: str
    desk: str
    region_code: str
    agency_id: str
    is_active: bool
    has_password: bool
    two_factor: bool


class UserIn(Schema):
    role: Role
    site_id: str = Field(default="", max_length=64)
    desk: str = Field(default="", max_length=32)
    region_code: str = Field(default="", max_length=16)
    first_name: str = Field(default="", max_length=150)
    last_name: str = Field(default="", max_length=150)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=32)
    agency_id: str = Field(default="", max_length=64)

    def fields(self) -> services.AccountFields:
        return services.AccountFields(
            role=str(self.role), site_id=self.site_id, desk=self.desk,
            region_code=self.region_code, first_name=self.first_name,
            last_name=self.last_name, email=self.email, phone=self.phone.strip(),
            agency_id=self.agency_id)


class UserCreateIn(UserIn):
    username: str = Field(min_length=1, max_length=150)


class DeactivateIn(Schema):
    reason: str = Field(default="", max_length=200)


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    write: bool = False
    modules: list[str] = Field(min_length=1)
    valid_days: int = Field(ge=1, le=365)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    write: bool
    modules: list[str]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str


class DoneOut(Schema):
    detail: str


def _actor(request: HttpRequest) -> User:
    user = staff_user(request)
    assert isinstance(user, User)
    return administrator(user)


def user_out(user: User) -> UserOut:
    return UserOut(id=user.pk, username=user.username, first_name=user.first_name,
                   last_name=user.last_name, email=user.email, phone=user.phone,
                   role=user.role, site_id=str(user.site_id or ""),
                   site_name=user.site.shown_name if user.site else "", desk=user.desk,
                   region_code=user.scope_region_id or "", agency_id=str(user.agency_id or ""),
                   is_active=user.is_active, has_password=user.has_usable_password(),
                   two_factor=user.has_two_factor)


def token_out(token: ApiToken) -> TokenOut:
    return TokenOut(id=token.pk, name=token.name, prefix=token.prefix, write=token.write,
                    modules=list(token.modules), created_at=token.created_at,
                    expires_at=token.expires_at, revoked_at=token.revoked_at,
                    last_used_at=token.last_used_at)


def _actor_and_account(request: HttpRequest, user_id: int) -> tuple[User, User]:
    """The administrator calling, and the account they name (404 outside their reach)."""
    actor = _actor(request)
    return actor, administered(actor, user_id)


def _base(request: HttpRequest) -> str:
    return services.public_base_url(request.build_absolute_uri("/"))


@router.get("/users", response=list[UserOut], summary="Accounts you may administer")
def user_list(request: HttpRequest, q: str = "", role: Role | None = None,
              status: Literal["", "active", "inactive"] = "") -> list[UserOut]:
    users = users_visible(_actor(request))
    if q.strip():
        users = users.filter(Q(username__icontains=q.strip())
                             | Q(first_name__icontains=q.strip())
                             | Q(last_name__icontains=q.strip()))
    if role:
        users = users.filter(role=role)
    if status:
        users = users.filter(is_active=status == "active")
    return [user_out(user) for user in users.order_by("username")[:500]]


@router.post("/users", response={201: UserOut},
             summary="Create an account with its post; an invitation link goes out")
def user_create(request: HttpRequest, payload: UserCreateIn) -> Status[UserOut]:
    created = services.user_create(actor=_actor(request), username=payload.username,
                                   fields=payload.fields(), base_url=_base(request))
    return Status(201, user_out(created.user))


@router.get("/users/{user_id}", response=UserOut)
def user_get(request: HttpRequest, user_id: int) -> UserOut:
    return user_out(administered(_actor(request), user_id))


@router.put("/users/{user_id}", response=UserOut, summary="Change role, post and contact")
def user_update(request: HttpRequest, user_id: int, payload: UserIn) -> UserOut:
    actor, user = _actor_and_account(request, user_id)
    return user_out(services.user_update(actor=actor, user=user, fields=payload.fields()))


@router.post("/users/{user_id}/deactivate", response=UserOut,
             summary="Deactivate at once: sessions and tokens stop working")
def user_deactivate(request: HttpRequest, user_id: int, payload: DeactivateIn) -> UserOut:
    actor, user = _actor_and_account(request, user_id)
    return user_out(services.user_deactivate(actor=actor, user=user, reason=payload.reason))


@router.post("/users/{user_id}/reactivate", response=UserOut)
def user_reactivate(request: HttpRequest, user_id: int) -> UserOut:
    actor, user = _actor_and_account(request, user_id)
    return user_out(services.user_reactivate(actor=actor, user=user))


@router.post("/users/{user_id}/password-reset", response=DoneOut,
             summary="The old password stops working; a one-time link is sent")
def user_password_reset(request: HttpRequest, user_id: int) -> DoneOut:
    actor, user = _actor_and_account(request, user_id)
    services.password_reset_send(actor=actor, user=user, base_url=_base(request))
    return DoneOut(detail=_("Tautan atur ulang dikirim"))


@router.post("/users/{user_id}/invitation", response=DoneOut, summary="Send the invitation again")
def user_invite(request: HttpRequest, user_id: int) -> DoneOut:
    actor, user = _actor_and_account(request, user_id)
    services.invitation_send(actor=actor, user=user, base_url=_base(request))
    return DoneOut(detail=_("Undangan dikirim"))


@router.post("/users/{user_id}/unlock", response=DoneOut, summary="Release a login lockout")
def user_unlock(request: HttpRequest, user_id: int) -> DoneOut:
    actor, user = _actor_and_account(request, user_id)
    services.login_lockout_release(actor=actor, user=user)
    return DoneOut(detail=_("Kunci masuk dibuka"))


@router.get("/users/{user_id}/tokens", response=list[TokenOut])
def token_list(request: HttpRequest, user_id: int) -> list[TokenOut]:
    user = administered(_actor(request), user_id)
    return [token_out(token) for token in user.api_tokens.order_by("-created_at")]


@router.post("/users/{user_id}/tokens", response={201: TokenCreatedOut},
             summary="Issue a token to a machine client (shown once)")
def token_create(request: HttpRequest, user_id: int,
                 payload: TokenIn) -> Status[TokenCreatedOut]:
    actor, user = _actor_and_account(request, user_id)
    raw = services.api_token_create(actor=actor, user=user, name=payload.name,
                                    write=payload.write, modules=payload.modules,
                                    valid_days=payload.valid_days)
    row = ApiToken.objects.get(digest=ApiToken.hash(raw))
    return Status(201, TokenCreatedOut(token=raw, **token_out(row).model_dump()))


@router.post("/tokens/{token_id}/revoke", response=TokenOut)
def token_revoke(request: HttpRequest, token_id: int) -> TokenOut:
    actor = _actor(request)
    token = ApiToken.objects.select_related("user").filter(pk=token_id).first()
    if token is None:
        raise Http404
    administered(actor, token.user_id)
    return token_out(services.api_token_revoke(actor=actor, token=token))
