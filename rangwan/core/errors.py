"""The error pages that must work when the rest of the site does not."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.views import defaults

DATABASE_UNAVAILABLE_PAGE = """<!doctype html>
<html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ระบบไม่พร้อมใช้งานชั่วคราว · Temporarily unavailable</title></head>
<body>
<h1>ระบบไม่พร้อมใช้งานชั่วคราว</h1>
<p>ขณะนี้ติดต่อฐานข้อมูลไม่ได้ ข้อมูลที่บันทึกไว้แล้วไม่สูญหาย กรุณาลองใหม่อีกครั้งในอีกสักครู่</p>
<h2 lang="en">Temporarily unavailable</h2>
<p lang="en">The database cannot be reached just now. Nothing you saved is lost.
Please try again in a minute.</p>
</body></html>
"""
RETRY_AFTER_SECONDS = 60


def server_error(request):
    """The 500 page, or the 503 page when the database is what failed.

    Django calls this inside its exception handler, for an exception from a view or
    from any middleware (the session and the user are read from the database there), so
    the exception is in sys.exc_info(). Neither page touches the database: 500.html is
    rendered without context, the 503 page is a constant.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        response = HttpResponse(DATABASE_UNAVAILABLE_PAGE, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request)
