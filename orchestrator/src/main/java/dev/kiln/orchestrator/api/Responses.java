package dev.kiln.orchestrator.api;

import dev.kiln.kit.Failures;
import dev.kiln.model.api.ApiError;
import dev.kiln.orchestrator.OrchestratorException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers: JSON on success, {@code {"error": ...}} with the failure's own status otherwise (never a bare 500). */
final class Responses {
    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
    private static final java.security.SecureRandom REFERENCES = new java.security.SecureRandom();

    private Responses() {}

    /** Runs a handler's work and answers with its result. */
    static <T> void json(RoutingContext ctx, int status, Supplier<Future<T>> work) {
        Future<T> future;
        try {
            future = work.get();
        } catch (RuntimeException e) {
            error(ctx, e);
            return;
        }
        future.onSuccess(value -> send(ctx, status, value)).onFailure(e -> error(ctx, e));
    }

    static void send(RoutingContext ctx, int status, Object value) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (value == null) {
            ctx.response().setStatusCode(status == 200 ? 204 : status).end();
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(ApiJson.write(value));
    }

    static void error(RoutingContext ctx, Throwable e) {
        Throwable cause =
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        int status = cause instanceof OrchestratorException o ? o.httpStatus() : 500;
        String message;
        if (cause instanceof OrchestratorException) {
            // Kiln's own failures are written for the caller: what failed and what to do
            message = Failures.message(cause);
            if (cause instanceof UnavailableException) {
                // fenced: said once where it happens (the lease), not per call
                LOG.debug(
                        "{} {} answered 503: {}",
                        ctx.request().method(),
                        ctx.request().path(),
                        message);
            } else if (status == 503) {
                // the database away: a line per call, without a stack trace each
                LOG.warn(
                        "{} {} answered 503: {}{}",
                        ctx.request().method(),
                        ctx.request().path(),
                        message,
                        cause.getCause() == null ? "" : " (" + cause.getCause() + ")");
            } else if (status >= 500) {
                LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
            }
        } else {
            // anything else is a fault of Kiln's whose text (class names, SQL, paths) is for the log alone
            String reference = Long.toHexString(REFERENCES.nextLong() & 0xffffffffffL);
            LOG.error(
                    "{} {} failed (reference {})",
                    ctx.request().method(),
                    ctx.request().path(),
                    reference,
                    cause);
            message = "the orchestrator could not complete this call (reference " + reference
                    + " in its log); try again, and report it if it persists";
        }
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (cause instanceof TooManyLoginsException pause) {
            ctx.response().putHeader("Retry-After", Long.toString(pause.retryAfterSeconds()));
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(ApiJson.write(new ApiError(message)));
    }

    /** A query parameter as a whole number within bounds, or the default. */
    static long number(RoutingContext ctx, String name, long fallback, long min, long max) {
        String text = ctx.request().getParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new BadRequestException("parameter " + name + " must be from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequestException("parameter " + name + " must be a whole number, not " + text);
        }
    }
}
