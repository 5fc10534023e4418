"""Random codes people read off paper: no look-alike characters (0/O, 1/I/L)."""

import secrets

ALFABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def acak(n: int) -> str:
    return "".join(secrets.choice(ALFABET) for _ in range(n))
