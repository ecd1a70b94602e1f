from django.contrib import admin

from rangwan.audit.admin_mixins import AuditedAdmin
from rangwan.directory import models


@admin.register(models.Province)
class ProvinceAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en"]


@admin.register(models.District)
class DistrictAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "province"]
    list_filter = ["province"]
    search_fields = ["name_th", "name_en", "code"]


@admin.register(models.ProvincialOffice)
class ProvincialOfficeAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name_th", "province", "phone"]


@admin.register(models.DistrictOffice)
class DistrictOfficeAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name_th", "district", "phone", "email"]
    search_fields = ["name_th", "district__name_th"]


@admin.register(models.OfficerKind)
class OfficerKindAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name_th", "name_en", "code", "order"]


@admin.register(models.NetworkKind)
class NetworkKindAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name_th", "abbreviation", "requires_name", "order"]


@admin.register(models.Person)
class PersonAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["full_name", "position", "office"]
    search_fields = ["first_name", "last_name"]
    list_filter = ["office__district"]
