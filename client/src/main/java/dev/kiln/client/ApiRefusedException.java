package dev.kiln.client;

/** The orchestrator answered with an error status; the message is its own ({@code {"error": ...}}). */
public final class ApiRefusedException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A refusal with the HTTP status and the orchestrator's message. */
    public ApiRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status: 400 for a bad request, 401, 403, 404, 409, 503 on standby. */
    public int status() {
        return status;
    }
}
