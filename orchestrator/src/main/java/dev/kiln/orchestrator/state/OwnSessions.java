package dev.kiln.orchestrator.state;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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

    /**
     * How long a transaction may take before its caller is answered that the database is unavailable (503): a database
     * that stopped answering (frozen, packets dropped) must not leave requests hanging. The work itself goes on, and
     * its connection is given back when it ends.
     */
    static final long ANSWER_WITHIN_MS = 10_000;

    /**
     * Runs {@code work} in one transaction on a new session, closed afterwards; failures say the database failed. Its
     * result is delivered on the calling Vert.x context, if any, and fails after {@link #ANSWER_WITHIN_MS}.
     */
    static <T> Future<T> tx(Stage.SessionFactory sessions, Function<Stage.Session, CompletionStage<T>> work) {
        Context context = Vertx.currentContext();
        CompletionStage<T> done = sessions.openSession()
                .thenCompose(session -> session.withTransaction(transaction -> work.apply(session))
                        .handle((value, failure) -> session.close().handle((closed, ignored) -> {
                            if (failure != null) {
                                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                            }
                            return value;
                        }))
                        .thenCompose(x -> x));
        Future<T> result = (context == null
                        ? Future.fromCompletionStage(done)
                        : Future.fromCompletionStage(done, context))
                .recover(e -> Future.failedFuture(unwrap(e)));
        if (context == null) {
            return result;
        }
        Promise<T> answered = Promise.promise();
        long timer = context.owner()
                .setTimer(
                        ANSWER_WITHIN_MS,
                        t -> answered.tryFail(new StateUnavailableException(
                                "the database did not answer within " + ANSWER_WITHIN_MS / 1000 + " s", null)));
        result.onComplete(outcome -> {
            context.owner().cancelTimer(timer);
            if (outcome.succeeded()) {
                answered.tryComplete(outcome.result());
            } else {
                answered.tryFail(outcome.cause());
            }
        });
        return answered.future();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof dev.kiln.orchestrator.OrchestratorException) {
            return cause;
        }
        // the driver's words (addresses, SQL) are for the log, which the answer's caller does not read
        return new StateUnavailableException("the database failed; the orchestrator's log says why", cause);
    }
}
