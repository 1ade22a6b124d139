package dev.kiln.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock on something only one test on this host may use at a time (the registry's fixed port, importing the test
 * images), held across test JVMs: the suite runs test classes in parallel processes. Closing releases it.
 */
public final class HostLock implements AutoCloseable {
    private static final Map<String, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits until this process holds the lock named {@code name}. */
    public static HostLock acquire(String name) {
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(name, n -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    Path.of("/tmp", "kiln-tests-" + name + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            return new HostLock(local, channel, channel.lock());
        } catch (IOException e) {
            closeQuietly(channel);
            local.unlock();
            throw new UncheckedIOException("cannot lock " + name + " for this test", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
            local.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
