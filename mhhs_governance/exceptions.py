class WorkflowError(Exception):
    """A workflow step refused: the record is not in a state that allows it.

    Raised by services; the API answers 400 with the message, pages show it as a form error or message.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
