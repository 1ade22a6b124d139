package dev.kiln.orchestrator.server;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.kit.PrivateFiles;
import dev.kiln.orchestrator.OrchestratorException;
import dev.kiln.orchestrator.state.Database;
import dev.kiln.orchestrator.state.LeaderLease;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * This orchestrator's turn to lead: its data directory locked (one process per directory), then the leader lease
 * taken, waiting on standby while another orchestrator on the same database holds it. On standby it answers every
 * HTTP request 503 (its health too), so load balancers and agents go to the leader. Once leading, the {@link Fence}
 * pauses it while the lease cannot be renewed, and halts the process if another orchestrator took the lease: a
 * supervisor (compose's restart policy) starts it again, on standby.
 */
final class Leadership implements AutoCloseable {
    private final FileChannel lockFile;
    private final FileLock lock;
    private final LeaderLease lease;

    private Leadership(FileChannel lockFile, FileLock lock, LeaderLease lease) {
        this.lockFile = lockFile;
        this.lock = lock;
        this.lease = lease;
    }

    /** Locks the data directory, then waits for the lease; returns once this orchestrator leads. */
    static Leadership take(Database database, ServerSettings settings, Consumer<String> progress, Fence fence)
            throws Exception {
        Path dir = settings.dataDirectory();
        FileChannel channel =
                FileChannel.open(dir.resolve("instance.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new OrchestratorException(
                    "another orchestrator runs on the data directory " + dir + "; give each its own --data");
        }
        LeaderLease lease = new LeaderLease(database, holderName(dir));
        try {
            if (!lease.tryAcquire()) {
                HttpServer standby = standby(settings);
                try {
                    lease.acquire(progress);
                } finally {
                    standby.stop(0);
                }
                progress.accept("took over the leader lease (epoch " + lease.epoch() + ")");
            }
        } catch (Exception e) {
            lease.close();
            lock.release();
            channel.close();
            throw e;
        }
        lease.keep(fence);
        return new Leadership(channel, lock, lease);
    }

    /** The lease holder's name: the host and an id kept in the data directory, the same after a restart. */
    private static String holderName(Path dir) throws IOException {
        Path file = dir.resolve("instance-id");
        if (!Files.exists(file)) {
            PrivateFiles.write(file, UUID.randomUUID() + "\n");
        }
        return InetAddress.getLocalHost().getHostName() + "/"
                + Files.readString(file).strip();
    }

    private static HttpServer standby(ServerSettings settings) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
        byte[] body = ("{\"error\": \"this orchestrator is on standby: another one leads; ask it, or a load balancer"
                        + " in front of both\"}")
                .getBytes(StandardCharsets.UTF_8);
        http.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Retry-After", "2");
                exchange.sendResponseHeaders(503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        http.start();
        return http;
    }

    @Override
    public void close() throws IOException {
        lease.close();
        lock.release();
        lockFile.close();
    }
}
