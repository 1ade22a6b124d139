package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;
import java.util.Collection;
import java.util.TreeSet;

/** A pipeline or repository name that names nothing. */
public final class UnknownPipelineException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    UnknownPipelineException(String name, Collection<String> known) {
        super("no pipeline or repository named " + name
                + (known.isEmpty() ? "; add one with kiln repos add GIT_URL" : "; known: " + new TreeSet<>(known)));
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
