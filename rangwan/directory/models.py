"""Reference data: where people work and what they belong to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import BilingualNameMixin, TimeStampedModel


class Province(BilingualNameMixin, TimeStampedModel):
    code = models.CharField(_("code"), max_length=2, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class District(BilingualNameMixin, TimeStampedModel):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )
    code = models.CharField(_("code"), max_length=4, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class ProvincialOffice(BilingualNameMixin, TimeStampedModel):
    """The provincial community development office that runs programmes."""

    province = models.OneToOneField(
        Province, on_delete=models.PROTECT, related_name="office", verbose_name=_("province")
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("provincial office")
        verbose_name_plural = _("provincial offices")


class DistrictOffice(BilingualNameMixin, TimeStampedModel):
    """สำนักงานพัฒนาชุมชนอำเภอ: the office that nominates a pair."""

    district = models.OneToOneField(
        District, on_delete=models.PROTECT, related_name="office", verbose_name=_("district")
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["district__code"]
        verbose_name = _("district office")
        verbose_name_plural = _("district offices")


class OfficerKind(BilingualNameMixin, TimeStampedModel):
    """พัฒนากร or อาสาพัฒนา (อสพ.): who may be the officer of a pair."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("officer kind")
        verbose_name_plural = _("officer kinds")


class NetworkKind(BilingualNameMixin, TimeStampedModel):
    """A kind of community network (กข.คจ., ศอช.ต., ...). The list is open: a kind with
    `requires_name` ("other") asks the nominating district to name the network."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    requires_name = models.BooleanField(
        _("asks for a name"),
        default=False,
        help_text=_("For 'other': the district must name the network."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("network kind")
        verbose_name_plural = _("network kinds")


class Person(TimeStampedModel):
    """Someone named in a programme: an officer, a network member or a committee member.
    Sign-in accounts are separate (accounts.User); a person need not have one."""

    title = models.CharField(_("title"), max_length=50, blank=True, help_text=_("นาย, นาง, นางสาว"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    position = models.CharField(_("position"), max_length=200, blank=True)
    office = models.ForeignKey(
        DistrictOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("district office"),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}".strip()

    def __str__(self) -> str:
        return self.full_name
