"""The site's URLs plus one view that fails, to see what a visitor gets."""

from django.urls import path

from config.urls import handler500, urlpatterns


def fail(request):
    raise RuntimeError("secret-internal-detail")


urlpatterns = [*urlpatterns, path("fail/", fail)]
__all__ = ["handler500", "urlpatterns"]
