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
 * leader that cannot renew it before it may have expired must stop at once (the caller halts the process), so two
 * never lead at the same time. Plain JDBC on its own connection and thread: a busy event loop cannot delay it.
 */
public final class LeaderLease implements AutoCloseable {
    /** How long a lease lasts after its last renewal. */
    public static final Duration TERM = Duration.ofSeconds(10);
    /** How often the leader renews it. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(2);

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
     * Renews the lease every {@link #RENEW_EVERY} on a thread of its own; {@code lost} runs once, when another
     * holder took it or it could not be renewed before it may have expired.
     */
    public void keep(Consumer<String> lost) {
        renewer = new Thread(
                () -> {
                    while (!closed) {
                        try {
                            Thread.sleep(RENEW_EVERY.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                        String why = renew();
                        if (why != null && !closed) {
                            lost.accept(why);
                            return;
                        }
                    }
                },
                "kiln-leader-lease");
        renewer.setDaemon(true);
        renewer.start();
    }

    /** Renews once; answers why the lease is lost, or null while it is ours. */
    private @Nullable String renew() {
        try {
            if (tryAcquire()) {
                return null;
            }
            return "another orchestrator holds the leader lease now";
        } catch (SQLException e) {
            // a margin of one renewal: stop before the lease may have lapsed for the others
            if (System.nanoTime() > validUntilNanos - RENEW_EVERY.toNanos()) {
                return "could not renew the leader lease within " + TERM.toSeconds() + " s: " + e.getMessage();
            }
            return null;
        }
    }

    /** The lease's epoch: it grows each time the lease changes hands. */
    public long epoch() {
        return epoch;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
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
