from django.test import Client


def klien(user) -> Client:
    """A test client logged in as ``user`` (or anonymous for None)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
