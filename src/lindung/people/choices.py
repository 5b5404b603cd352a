"""Choices of the person registry: sex, migration status, household and family relations,
watchlist kinds, the de-duplication review states."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "M", _("laki-laki")
    FEMALE = "F", _("perempuan")


class MigrationStatus(models.TextChoices):
    NONE = "none", _("bukan PMI")
    PROSPECTIVE = "prospective", _("calon PMI")
    REGISTERED = "registered", _("CPMI terdaftar")
    DEPARTED = "departed", _("berangkat")
    ABROAD = "abroad", _("di luar negeri")
    RETURNED = "returned", _("purna PMI")


class HouseholdRelation(models.TextChoices):
    HEAD = "head", _("kepala keluarga")
    SPOUSE = "spouse", _("suami/istri")
    CHILD = "child", _("anak")
    PARENT = "parent", _("orang tua")
    SIBLING = "sibling", _("saudara kandung")
    GRANDCHILD = "grandchild", _("cucu")
    OTHER = "other", _("lainnya")


class FamilyRelation(models.TextChoices):
    SPOUSE = "spouse", _("suami/istri")
    PARENT = "parent", _("orang tua dari")
    CHILD = "child", _("anak dari")
    SIBLING = "sibling", _("saudara kandung")
    GUARDIAN = "guardian", _("wali dari")
    OTHER = "other", _("lainnya")


class WatchlistKind(models.TextChoices):
    RECRUITER = "recruiter", _("perekrut/calo yang dilaporkan")
    SUSPECT = "suspect", _("tersangka dalam kasus")
    MISSING_PERSON = "missing_person", _("orang yang dilaporkan hilang")
    PREVENTED_DEPARTURE = "prevented_departure", _("pernah dicegah berangkat")


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("belum diputuskan")
    SAME = "same", _("orang yang sama")
    NOT_SAME = "not_same", _("bukan orang yang sama")
    UNSURE = "unsure", _("ragu-ragu")
