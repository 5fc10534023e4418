"""Background tasks (Django's tasks framework; the worker is `manage.py db_worker`)."""

from django.tasks import task

from apps.kompilasi import services


@task()
def unduhan_susun(unduhan_id: str) -> None:
    services.unduhan_susun(unduhan_id)
