"""Background work, run by `manage.py db_worker` (django-tasks, database backend)."""

from django_tasks import task

from rangwan.honours.services import run_certificate_batch


@task()
def generate_certificate_batch(batch_pk: int) -> dict:
    """Issue and render every certificate of a programme into one zip."""
    return run_certificate_batch(batch_pk)
