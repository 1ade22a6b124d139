package dev.kiln.cli.testing;

import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.server.EmbeddedObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One S3 server on loopback for every in-process orchestrator of a test JVM, each given its own bucket: starting an
 * object store per test cost seconds of CPU each. (The embedded store that {@code kiln up} starts for itself is
 * tested by the tests that start {@code kiln up}.)
 */
public final class SharedObjectStore {
    /** The shared store's access key. */
    public static final String ACCESS_KEY = "kiln-tests";

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String SECRET_KEY = Tokens.generate();
    private static EmbeddedObjectStore store;
    private static int port;

    private SharedObjectStore() {}

    /** A bucket no other server of this JVM uses, as a {@code KILN_S3}-style URL. */
    public static synchronized String freshBucket() throws Exception {
        if (store == null) {
            Path objects = Files.createTempDirectory("kiln-test-objects");
            port = UpProcess.freePort();
            store = EmbeddedObjectStore.serve(objects, "127.0.0.1", port, ACCESS_KEY, SECRET_KEY);
            Runtime.getRuntime().addShutdownHook(new Thread(SharedObjectStore::stop));
        }
        return "http://127.0.0.1:" + port + "/kiln-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    }

    /** The shared store's secret key. */
    public static String secretKey() {
        return SECRET_KEY;
    }

    private static synchronized void stop() {
        try {
            store.close();
        } catch (Exception e) {
            // the JVM ends anyway
        }
    }
}
