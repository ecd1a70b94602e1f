from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Checks username and password. Permissions come from django-rules alone
    (each app's rules.py), so this backend grants none and asks the database for none."""

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False
