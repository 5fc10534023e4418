class DomainError(Exception):
    """A business rule refused an action.

    Services raise it with a message for the user, in Bahasa Indonesia; views show it
    with ``messages.error`` and change nothing (the service's transaction rolls back).
    ``rincian`` lists every individual problem when there are several (a forum that
    cannot be closed yet names each usulan still undecided).
    """

    def __init__(self, message: str, rincian: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.rincian = list(rincian or [])

    def __str__(self) -> str:
        if not self.rincian:
            return self.message
        return self.message + " " + "; ".join(self.rincian)
