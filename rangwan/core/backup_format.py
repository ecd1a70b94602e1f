"""Django's JSON serialisation, but times keep their microseconds.

Django's encoder cuts times to milliseconds; the audit chain hashes the full time, so a
restored copy would no longer verify. Registered as the "backupjson" format.
"""

import datetime as dt

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class FullTimeEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", FullTimeEncoder)
        super()._init_options()


Deserializer = django_json.Deserializer
