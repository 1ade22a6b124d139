package dev.kiln.orchestrator.state;

import io.vertx.core.Future;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.hibernate.reactive.stage.Stage;

/**
 * Transactions each on a session of its own. Hibernate Reactive's {@code withTransaction} shares the session bound to
 * the Vert.x context, and calls overlapping on one context (a list read entry by entry at once) would then run on one
 * session together, which it refuses.
 */
final class OwnSessions {
    private OwnSessions() {}

    /** Runs {@code work} in one transaction on a new session, closed afterwards; failures say the database failed. */
    static <T> Future<T> tx(Stage.SessionFactory sessions, Function<Stage.Session, CompletionStage<T>> work) {
        CompletionStage<T> done = sessions.openSession()
                .thenCompose(session -> session.withTransaction(transaction -> work.apply(session))
                        .handle((value, failure) -> session.close().handle((closed, ignored) -> {
                            if (failure != null) {
                                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                            }
                            return value;
                        }))
                        .thenCompose(x -> x));
        return Future.fromCompletionStage(done).recover(e -> Future.failedFuture(unwrap(e)));
    }

    private static Throwable unwrap(Throwable e) {
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof dev.kiln.orchestrator.OrchestratorException) {
            return cause;
        }
        return new StateUnavailableException("the database failed: " + cause.getMessage(), cause);
    }
}
