package dev.kiln.cli;

import dev.kiln.orchestrator.OrchestratorException;

/** A command's arguments refused before any call; the message says what to do. */
final class ApiCallException extends OrchestratorException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiCallException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the orchestrator did not answer. */
    int status() {
        return status;
    }

    /** The exit status for it: 2 for a bad request, 1 otherwise. */
    int exitCode() {
        return exitCode(status);
    }

    /** The exit status for an HTTP status: 2 for a bad request (400, 404, 409), 1 otherwise. */
    static int exitCode(int status) {
        return status == 400 || status == 404 || status == 409 ? 2 : 1;
    }
}
