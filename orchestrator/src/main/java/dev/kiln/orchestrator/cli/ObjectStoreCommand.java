package dev.kiln.orchestrator.cli;

import dev.kiln.kit.logging.KilnLogging;
import dev.kiln.orchestrator.server.EmbeddedObjectStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln object-store}: an S3-compatible server over a directory (s3proxy), for the compose stack. */
@Command(
        name = "object-store",
        mixinStandardHelpOptions = true,
        description = {
            "Serve an S3-compatible object store (s3proxy, objects as files under --data) with signature checks.",
            "The compose stack runs it where no other S3 store is given; any S3-compatible store (MinIO, Ceph,",
            "AWS S3) does instead. Keys from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
        })
public final class ObjectStoreCommand implements Callable<Integer> {
    private static final org.slf4j.Logger SAY = KilnLogging.events("kiln object-store");

    @Option(names = "--port", description = "The port (default 9000).")
    int port = 9000;

    @Option(names = "--host", description = "The address to listen on (default 127.0.0.1; 0.0.0.0 in a container).")
    String host = "127.0.0.1";

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Where the objects are kept.")
    Path data;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = dev.kiln.kit.SecretFiles.resolve(System.getenv());
        String access = env.getOrDefault("AWS_ACCESS_KEY_ID", "");
        String secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
        if (access.isEmpty() || secret.length() < 8 || port < 1 || port > 65535) {
            System.err.println("kiln object-store: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (8 characters or"
                    + " more) to the keys clients sign with, and --port to 1..65535");
            return 2;
        }
        EmbeddedObjectStore store = EmbeddedObjectStore.serve(data, host, port, access, secret);
        CountDownLatch down = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
            dev.kiln.kit.logging.KilnLogging.flush();
            down.countDown();
        }));
        SAY.info("S3 at http://" + host + ":" + port + " over " + data);
        down.await();
        return 0;
    }
}
