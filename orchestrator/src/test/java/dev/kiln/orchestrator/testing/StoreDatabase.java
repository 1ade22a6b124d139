package dev.kiln.orchestrator.testing;

import dev.kiln.orchestrator.state.Database;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.hibernate.reactive.stage.Stage;

/** A fresh PostgreSQL database brought to Kiln's schema, opened on its own Vert.x for a store test. */
public final class StoreDatabase implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final Stage.SessionFactory sessions;

    /** Migrates a fresh database and opens it. */
    public StoreDatabase() {
        Database database = TestPostgres.freshDatabase();
        database.migrate();
        sessions = database.open(vertx);
    }

    /** The sessions a store is built on. */
    public Stage.SessionFactory sessions() {
        return sessions;
    }

    /** The context store work runs on: what uses the store in a test runs here too (one session, one thread). */
    public Context context() {
        return context;
    }

    /** Runs store work on the context and waits for its result. */
    public <T> T await(Supplier<Future<T>> work) {
        return OnContext.await(context, work);
    }

    @Override
    public void close() {
        sessions.close();
        vertx.close();
    }
}
