package dev.kiln.ui;

/** The orchestrator answered a call with an error status: its message says why (a field, a role, a state). */
public final class ApiRefusedException extends UiException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** The API's status and message. */
    public ApiRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status: 401 unknown token, 403 a role too low, 404 gone, 409 not in that state. */
    public int status() {
        return status;
    }
}
