package dev.kiln.orchestrator.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The lease that lets one of several orchestrators sharing a database lead: schedule jobs, poll and take webhooks,
 * answer agents and people. It lasts {@link #TERM} from its last renewal, by the database's clock (no two hosts'
 * clocks are compared); the leader renews it every {@link #RENEW_EVERY}. A standby takes it once it expires. A
 * leader that cannot renew it is <em>fenced</em> one renewal before it may have expired (it stops acting: its caller
 * answers nothing and dispatches nothing), so two never act at the same time; it keeps trying, and resumes when it
 * renews the lease with the same epoch (no one else held it meanwhile, as when the database was away for all). A
 * lease another orchestrator took is lost for good (the caller stops the process: its memory is stale). Plain JDBC
 * on its own connection and threads, every call bounded by {@link #CALL_SECONDS}: neither a busy event loop nor a
 * database that stops answering can delay the fence.
 */
public final class LeaderLease implements AutoCloseable {
    /** How long a lease lasts after its last renewal. */
    public static final Duration TERM = Duration.ofSeconds(10);
    /** How often the leader renews it. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(2);

    /** The longest a call to the database for the lease may take (connect, socket read, statement). */
    static final int CALL_SECONDS = 3;

    /** What the holder hears as the lease's state changes. */
    public interface Listener {
        /** It may lapse before it is renewed: stop acting now. */
        void fenced(String why);

        /** Renewed with the same epoch after a fence: act again. */
        void resumed();

        /** Another orchestrator took it: stop for good. */
        void lost(String why);
    }

    private static final String NAME = "orchestrator";
    private static final String CLAIM = """
            insert into leader_lease (name, holder, epoch, expires_at)
            values (?, ?, 1, now() + make_interval(secs => ?))
            on conflict (name) do update set
                holder = excluded.holder,
                epoch = case when leader_lease.holder = excluded.holder then leader_lease.epoch
                             else leader_lease.epoch + 1 end,
                expires_at = excluded.expires_at
            where leader_lease.holder = excluded.holder or leader_lease.expires_at < now()
            returning epoch""";

    /** Who holds the lease and until when (the database's time). */
    public record Holder(String holder, long epoch, Instant expiresAt) {}

    private final Database database;
    private final String holder;
    private @Nullable Connection connection;
    private volatile long epoch;
    private volatile long validUntilNanos;
    private volatile boolean closed;
    private @Nullable Thread renewer;

    /**
     * A lease on {@code database} for {@code holder}, a name that stays the same when the same orchestrator
     * restarts (so it takes its own lease back at once).
     */
    public LeaderLease(Database database, String holder) {
        this.database = database;
        this.holder = holder;
    }

    /** Takes the lease if it is free, expired or ours already; true when it is ours now. */
    public synchronized boolean tryAcquire() throws SQLException {
        long asked = System.nanoTime();
        try (PreparedStatement claim = connection().prepareStatement(CLAIM)) {
            claim.setQueryTimeout(CALL_SECONDS);
            claim.setString(1, NAME);
            claim.setString(2, holder);
            claim.setDouble(3, TERM.toMillis() / 1000.0);
            try (ResultSet rows = claim.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
                epoch = rows.getLong(1);
                validUntilNanos = asked + TERM.toNanos();
                return true;
            }
        } catch (SQLException e) {
            dropConnection();
            throw e;
        }
    }

    /** Who holds it now, if anyone ever did. */
    public synchronized Optional<Holder> holder() throws SQLException {
        try (PreparedStatement read =
                connection().prepareStatement("select holder, epoch, expires_at from leader_lease where name = ?")) {
            read.setString(1, NAME);
            try (ResultSet rows = read.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Holder(
                                rows.getString(1),
                                rows.getLong(2),
                                rows.getTimestamp(3).toInstant()))
                        : Optional.empty();
            } catch (SQLException e) {
                dropConnection();
                throw e;
            }
        }
    }

    /**
     * Waits until the lease is ours, telling {@code progress} who holds it whenever that changes.
     *
     * @throws StateUnavailableException when the database cannot be reached for {@link #TERM}
     */
    public void acquire(Consumer<String> progress) throws InterruptedException {
        String told = "";
        long failingSince = 0;
        while (!closed) {
            try {
                if (tryAcquire()) {
                    return;
                }
                failingSince = 0;
                Optional<Holder> now = holder();
                String who = now.map(Holder::holder).orElse("nobody");
                if (!who.equals(told)) {
                    progress.accept("standby: " + who + " leads (its lease runs to "
                            + now.map(h -> h.expiresAt().toString()).orElse("-")
                            + " unless renewed); taking over when it lapses");
                    told = who;
                }
            } catch (SQLException e) {
                if (failingSince == 0) {
                    failingSince = System.nanoTime();
                } else if (System.nanoTime() - failingSince > TERM.toNanos()) {
                    throw new StateUnavailableException(
                            "could not reach the database at " + database.jdbcUrl() + " for the leader lease: "
                                    + e.getMessage(),
                            e);
                }
            }
            Thread.sleep(RENEW_EVERY.toMillis() / 2);
        }
        throw new InterruptedException("closed while waiting for the leader lease");
    }

    /**
     * Renews the lease every {@link #RENEW_EVERY} on a thread of its own, while a watchdog fences it one renewal before
     * it may lapse whatever the renewer is waiting for; {@code listener} hears each change.
     */
    public void keep(Listener listener) {
        java.util.concurrent.atomic.AtomicBoolean fenced = new java.util.concurrent.atomic.AtomicBoolean();
        long leadingEpoch = epoch;
        Runnable fence = () -> {
            if (!closed && fenced.compareAndSet(false, true)) {
                listener.fenced("could not renew the leader lease within "
                        + TERM.minus(RENEW_EVERY).toSeconds() + " s (the database does not answer)");
            }
        };
        renewer = new Thread(
                () -> {
                    while (!closed) {
                        try {
                            Thread.sleep(fenced.get() ? RENEW_EVERY.toMillis() / 2 : RENEW_EVERY.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                        try {
                            if (!tryAcquire()) {
                                lost(listener, "another orchestrator holds the leader lease now");
                                return;
                            }
                            if (epoch != leadingEpoch) {
                                lost(
                                        listener,
                                        "another orchestrator led meanwhile (epoch " + leadingEpoch + ", now " + epoch
                                                + ")");
                                return;
                            }
                            if (fenced.compareAndSet(true, false) && !closed) {
                                listener.resumed();
                            }
                        } catch (SQLException e) {
                            if (System.nanoTime() > validUntilNanos - RENEW_EVERY.toNanos()) {
                                fence.run();
                            }
                        }
                    }
                },
                "kiln-leader-lease");
        renewer.setDaemon(true);
        renewer.start();
        Thread watchdog = new Thread(
                () -> {
                    while (!closed) {
                        if (System.nanoTime() > validUntilNanos - RENEW_EVERY.toNanos()) {
                            fence.run();
                        }
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "kiln-leader-fence");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void lost(Listener listener, String why) {
        if (!closed) {
            listener.lost(why);
        }
    }

    /** The lease's epoch: it grows each time the lease changes hands. */
    public long epoch() {
        return epoch;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", database.user());
            properties.setProperty("password", database.password());
            // a database that stops answering (packets dropped, the server frozen) fails a call in seconds
            properties.setProperty("connectTimeout", Integer.toString(CALL_SECONDS));
            properties.setProperty("loginTimeout", Integer.toString(CALL_SECONDS));
            properties.setProperty("socketTimeout", Integer.toString(CALL_SECONDS));
            connection = DriverManager.getConnection(database.jdbcUrl(), properties);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private void dropConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // already broken
        }
        connection = null;
    }

    /** Stops renewing and gives the lease up, so a standby takes over at once. */
    @Override
    public void close() {
        closed = true;
        if (renewer != null) {
            renewer.interrupt();
        }
        synchronized (this) {
            try (PreparedStatement release =
                    connection().prepareStatement("delete from leader_lease where name = ? and holder = ?")) {
                release.setString(1, NAME);
                release.setString(2, holder);
                release.executeUpdate();
            } catch (SQLException e) {
                // it lapses by itself
            }
            dropConnection();
        }
    }
}
