from django import template

register = template.Library()


@register.inclusion_tag("learning/_district_link.html", takes_context=True)
def lessons_link(context, programme):
    """A link to the write-up on a district home: for the winning district once the
    results are final, and for every district once it is published."""
    user = context["user"]
    return {
        "programme": programme,
        "may_view": user.has_perm("learning.view_lessons", programme),
        "may_change": user.has_perm("learning.change_lessons", programme),
    }
