class DomainError(Exception):
    """A business rule refused an action.

    Services raise it with a message for the user, in Bahasa Indonesia; views show it
    with ``messages.error`` and change nothing (the service's transaction rolls back).
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
