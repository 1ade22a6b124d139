package dev.kiln.orchestrator.access;

import dev.kiln.orchestrator.OrchestratorException;

/** An agent token with that name exists already: names say which agents a token is for, so they are unique. */
public final class DuplicateAgentTokenException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    DuplicateAgentTokenException(String name) {
        super("there is an agent token named " + name + " already; choose another name, or revoke it first"
                + " (kiln agents tokens revoke " + name + ")");
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
