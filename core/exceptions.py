class WorkflowError(Exception):
    """A workflow step refused: the record is not in a state that allows it.

    Raised by services; the API answers 400 with the message, pages show it as a form error or message.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def refusal_text(error: Exception) -> str:
    """One readable sentence from a workflow refusal or a model validation error, for a page message."""
    if isinstance(error, WorkflowError):
        return error.message
    messages = getattr(error, "messages", None) or [str(error)]
    return " ".join(messages)
