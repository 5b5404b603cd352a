"""The one access helper: who may do what to which record, by role and area of work.

Each entity registers a `Policy` once (in its app's `access.py`); views, API endpoints and
services ask `require`/`visible`/`get_visible_or_404` and never re-implement the rule.

The rule: a user's **area** (:func:`area_of`) is a set of region code prefixes ("" =
national) plus, for an officer posted to a site, that **post**:

* the user's scope region (``scope_region``; none = national, except for a posted officer);
* a posted officer (task-force officer at an embarkation point, desk officer at an LTSA
  centre, village officer at a village post) also has the post's area of work
  (`Site.area_prefixes`: by default the province of an embarkation point, the region of
  an LTSA centre or village post; configurable per site in ``Site.area_codes``);
* records made at the post (a policy's ``site_field``: screening manifests, alerts,
  prevented departures, reports located there, applications of the centre) and people
  linked to it (registered there, screened or prevented there: :func:`link_to_site`) are
  theirs whatever their region: registration is not residence.

A record is in the area when its region code equals a prefix or starts with it and a dot,
or when it belongs to the post. A refusal raises :class:`Denied` (a PermissionDenied that
carries what was refused and why, for the forbidden page).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lindung.core.roles import VIEW
from lindung.core.roles import role_may

M = TypeVar("M", bound=models.Model)

#: Roles whose post (``User.site``) widens their area to the post's area of work.
POSTED_ROLES = ("taskforce_officer", "desk_officer", "village_officer")


class Denied(PermissionDenied):
    """A refusal that says what was refused (`what`) and why (`why`): the forbidden page
    shows both, with who can grant access."""

    def __init__(self, why: Any = "", *, what: Any = "") -> None:
        self.why = why or _("Peran atau wilayah kerja Anda tidak mencakup data ini.")
        self.what = what
        super().__init__(str(self.why))


def is_staff_user(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active
                and getattr(user, "role", ""))


def is_machine_client(user: Any) -> bool:
    """Machine clients use the API with a token; the web UI is not theirs."""
    return getattr(user, "role", "") == "machine_client"


def scope_code(user: Any) -> str:
    """The user's scope region prefix ("" = national). Deciding access goes through
    :func:`area_of`; this is the default region for forms and figures."""
    return str(getattr(user, "scope_code", "") or "")


def home_code(user: Any) -> str:
    """The region a user works from, for defaults (a statistics area, a time zone): their
    scope region, else their post's area (its first prefix); "" = national."""
    scope = scope_code(user)
    if scope or getattr(user, "site_id", None) is None:
        return scope
    return next((prefix for prefix in area_of(user).prefixes if prefix), "")


def code_in_scope(scope: str, region_code: str | None) -> bool:
    if not scope:
        return True
    if not region_code:
        return False
    return region_code == scope or region_code.startswith(scope + ".")


def scope_q(scope: str, field: str) -> Q:
    if not scope:
        return Q()
    return Q(**{field: scope}) | Q(**{f"{field}__startswith": scope + "."})


_NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Area:
    """Where a user works: region prefixes ("" = national) and the post (a site id)."""

    prefixes: tuple[str, ...] = ()
    site_id: Any = None
    site_name: str = field(default="", compare=False)

    @property
    def national(self) -> bool:
        return "" in self.prefixes

    def covers(self, region_code: str | None) -> bool:
        return any(code_in_scope(prefix, region_code) for prefix in self.prefixes)

    def q(self, field_name: str) -> Q:
        """The records whose `field_name` region code is in the area (Q() if national)."""
        if self.national:
            return Q()
        condition = _NOTHING
        for prefix in self.prefixes:
            condition |= scope_q(prefix, field_name)
        return condition

    def ancestors(self) -> set[str]:
        """Every region above a prefix of the area ("" included unless national)."""
        above: set[str] = set()
        for prefix in self.prefixes:
            parts = prefix.split(".") if prefix else []
            above.update(".".join(parts[:i]) for i in range(len(parts)))
        return above


def _area_key(user: Any) -> tuple[Any, ...]:
    return (getattr(user, "pk", None), getattr(user, "role", ""),
            getattr(user, "scope_region_id", None), getattr(user, "site_id", None))


def area_of(user: Any) -> Area:
    """The user's area of work (cached on the user object for the request)."""
    key = _area_key(user)
    cached = getattr(user, "_lindung_area", None)
    if cached is not None and cached[0] == key:
        return cached[1]  # type: ignore[no-any-return]
    area = _compute_area(user)
    with contextlib.suppress(AttributeError):  # objects that take no attributes
        user._lindung_area = (key, area)
    return area


def _compute_area(user: Any) -> Area:
    scope = scope_code(user)
    site_id = getattr(user, "site_id", None)
    if site_id is None or getattr(user, "role", "") not in POSTED_ROLES:
        return Area(prefixes=(scope,))
    site = user.site  # the post (directory.Site) through the user's foreign key
    if site is None:
        return Area(prefixes=(scope,) if scope else ())
    prefixes = list(site.area_prefixes())
    if scope and scope not in prefixes:  # a posted officer's empty scope is not national
        prefixes.insert(0, scope)
    return Area(prefixes=tuple(prefixes), site_id=site.pk, site_name=site.name)


@dataclass(frozen=True)
class SiteLink:
    """Records of `model` link a `Policy`'s entity to a post: rows of `model` whose `via`
    field is the record and whose `site` path is the post (e.g. a screened passenger)."""

    model: type[models.Model]
    via: str
    site: str


_SITE_LINKS: dict[type[models.Model], list[SiteLink]] = {}


def link_to_site(target: type[models.Model], *, through: type[models.Model], via: str,
                 site: str) -> None:
    """Declare that a `target` record is at a post when a `through` row links them (apps
    declare it in their access.py: screening for screened people, prevention for prevented
    ones). The person stays visible there whatever their address."""
    links = _SITE_LINKS.setdefault(target, [])
    link = SiteLink(through, via, site)
    if link not in links:
        links.append(link)


def _value(obj: Any, path: str) -> Any:
    value: Any = obj
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


@dataclass(frozen=True)
class Policy:
    """Role capabilities for `entity` (see core.roles.CAPABILITIES) plus the user's
    area through `region_field` (None: the entity is not region-bound, e.g. reference
    data) and, for posted officers, `site_field` (the record's post, a site id path) and
    the links declared with :func:`link_to_site`."""

    entity: str
    region_field: str | None = "region_code"
    site_field: str | None = None

    def region_of(self, obj: models.Model) -> str:
        if self.region_field is None:
            return ""
        value = _value(obj, self.region_field)
        return "" if value is None else str(value)

    def role_allows(self, user: Any, action: str) -> bool:
        return is_staff_user(user) and role_may(user.role, self.entity, action)

    def at_post(self, area: Area, obj: models.Model) -> bool:
        """Whether `obj` belongs to the area's post (its site, or a link to it)."""
        if area.site_id is None:
            return False
        if self.site_field and _value(obj, self.site_field) == area.site_id:
            return True
        if obj._state.adding or obj.pk is None:
            return False
        return any(link.model._default_manager.filter(
            **{link.via: obj.pk, link.site: area.site_id}).exists()
            for link in _SITE_LINKS.get(type(obj), ()))

    def post_q(self, area: Area, model: type[models.Model]) -> Q | None:
        if area.site_id is None:
            return None
        condition: Q | None = None
        if self.site_field:
            condition = Q(**{self.site_field: area.site_id})
        for link in _SITE_LINKS.get(model, ()):
            linked = Q(pk__in=link.model._default_manager.filter(
                **{link.site: area.site_id}).values(link.via))
            condition = linked if condition is None else condition | linked
        return condition

    def in_area(self, user: Any, obj: models.Model) -> bool:
        area = area_of(user)
        return area.covers(self.region_of(obj)) or self.at_post(area, obj)

    def area_filter(self, user: Any, qs: models.QuerySet[M],
                    field_name: str | None = None) -> models.QuerySet[M]:
        area = area_of(user)
        if area.national:
            return qs
        condition = area.q(field_name or self.region_field or "region_code")
        extra = self.post_q(area, qs.model)
        return qs.filter(condition if extra is None else condition | extra)

    def allowed(self, user: Any, action: str, obj: models.Model | None) -> bool:
        if not self.role_allows(user, action):
            return False
        if obj is None or self.region_field is None:
            return True
        return self.in_area(user, obj)

    def filter(self, user: Any, qs: models.QuerySet[M], action: str = VIEW) -> models.QuerySet[M]:
        if not self.role_allows(user, action):
            return qs.none()
        if self.region_field is None:
            return qs
        return self.area_filter(user, qs)


@dataclass(frozen=True)
class AgencyPolicy(Policy):
    """The region scope, or membership of the agency a record is addressed to
    (`agency_field`: the agency a coordination flag is for, the agency a referral is sent
    to), wherever that record is."""

    agency_field: str = "agency_id"

    def of_users_agency(self, user: Any, obj: models.Model) -> bool:
        agency_id = getattr(user, "agency_id", None)
        return bool(agency_id) and getattr(obj, self.agency_field, None) == agency_id

    def allowed(self, user: Any, action: str, obj: models.Model | None) -> bool:
        if super().allowed(user, action, obj):
            return True
        return (obj is not None and self.role_allows(user, action)
                and self.of_users_agency(user, obj))

    def filter(self, user: Any, qs: models.QuerySet[M], action: str = VIEW) -> models.QuerySet[M]:
        if not self.role_allows(user, action):
            return qs.none()
        area = area_of(user)
        if area.national:
            return qs
        condition = area.q(self.region_field or "region_code")
        agency_id = getattr(user, "agency_id", None)
        if agency_id:
            condition |= Q(**{self.agency_field: agency_id})
        return qs.filter(condition)


_POLICIES: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model], policy: Policy) -> None:
    _POLICIES[model] = policy


def policy_for(model: type[models.Model]) -> Policy:
    try:
        return _POLICIES[model]
    except KeyError as exc:
        raise LookupError(f"No access policy registered for {model.__name__}") from exc


def can(user: Any, action: str, target: models.Model | type[models.Model]) -> bool:
    if isinstance(target, type):
        return policy_for(target).allowed(user, action, None)
    return policy_for(type(target)).allowed(user, action, target)


def may_read_in_area(user: Any, entity: str, region_code: str) -> bool:
    """Whether `user`'s role may view records of `entity` and `region_code` lies in their
    area of work: the owner of such records there (e.g. for aggregates of them)."""
    return (is_staff_user(user) and role_may(user.role, entity, VIEW)
            and area_of(user).covers(region_code))


_ACTIONS = {"view": _("melihat data ini"), "create": _("membuat data baru di sini"),
            "change": _("mengubah data ini"), "delete": _("menghapus data ini")}


def refusal(user: Any, action: str, target: models.Model | type[models.Model]) -> Denied:
    """The refusal for `action` on `target`, with its reason: not staff, the role, or the
    area of work."""
    model = target if isinstance(target, type) else type(target)
    what = _ACTIONS.get(action, _("tindakan ini"))
    if not is_staff_user(user):
        return Denied(_("Halaman ini hanya untuk petugas yang masuk."), what=what)
    if not policy_for(model).role_allows(user, action):
        return Denied(_("Peran Anda (%(role)s) tidak mencakup tindakan ini.")
                      % {"role": user.get_role_display()}, what=what)
    return Denied(_("Data ini di luar wilayah kerja Anda."), what=what)


def require(user: Any, action: str, target: models.Model | type[models.Model]) -> None:
    if not can(user, action, target):
        raise refusal(user, action, target)


def visible(user: Any, qs: models.QuerySet[M], action: str = VIEW) -> models.QuerySet[M]:
    return policy_for(qs.model).filter(user, qs, action)


def get_visible_or_404(user: Any, qs: models.QuerySet[M], action: str = VIEW,
                       **lookup: Any) -> M:
    """The object if the user may `action` it. A role without the capability gets 403; an
    object outside the user's area is answered as not found, so its existence is not
    disclosed."""
    policy = policy_for(qs.model)
    if not policy.allowed(user, action, None):
        raise refusal(user, action, qs.model)
    try:
        return policy.filter(user, qs, action).get(**lookup)
    except (qs.model.DoesNotExist, ValueError) as exc:  # type: ignore[attr-defined]
        raise Http404(_("Tidak ditemukan, atau di luar wilayah kerja Anda.")) from exc


def region_of(obj: models.Model) -> str:
    return policy_for(type(obj)).region_of(obj)
