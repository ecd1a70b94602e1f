from django.db.models import QuerySet

from rangwan.programmes.models import Programme


def programmes_for(user) -> QuerySet[Programme]:
    """The programmes a user takes part in: all for the secretariat, viewers and the
    committee; for district users, those their district takes part in."""
    qs = Programme.objects.select_related("province")
    if user.district_id:
        return qs.filter(districts=user.district_id)
    return qs
