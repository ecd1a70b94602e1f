from django.contrib import admin
from django.urls import include, path

from rangwan.accounts.views import admin_sign_in
from rangwan.api.views import api
from rangwan.programmes.views import home


def _admin_has_permission(request) -> bool:
    # The secretariat uses the admin for reference data; rules decide, not is_staff.
    return request.user.is_active and request.user.has_perm("accounts.use_admin")


admin.site.has_permission = _admin_has_permission
admin.site.login = admin_sign_in
admin.site.site_header = "Rangwan"

urlpatterns = [
    path("", home, name="home"),
    path("", include("rangwan.core.urls")),
    path("directory/", include("rangwan.directory.urls")),
    path("accounts/", include("rangwan.accounts.urls")),
    path("programmes/", include("rangwan.programmes.urls")),
    path("", include("rangwan.judging.urls")),
    path("", include("rangwan.nominations.urls")),
    path("", include("rangwan.results.urls")),
    path("", include("rangwan.documents.urls")),
    path("", include("rangwan.honours.urls")),
    path("", include("rangwan.learning.urls")),
    path("", include("rangwan.reports.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
handler500 = "rangwan.core.errors.server_error"
