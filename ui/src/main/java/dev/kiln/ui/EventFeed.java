package dev.kiln.ui;

import dev.kiln.client.KilnClient;
import dev.kiln.client.ServerEvents;
import dev.kiln.client.UnreadableAnswerException;
import dev.kiln.model.api.Change;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's change events, followed once for the whole UI and handed to every open page that follows them:
 * pages reload what changed instead of polling. After the stream breaks it is opened again (backing off to 5 s), and
 * followers hear a {@code {"kind": "reconnected"}} event, as they may have missed changes meanwhile.
 */
public final class EventFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private final KilnClient api;
    private final List<Consumer<Change>> followers = new CopyOnWriteArrayList<>();
    private @Nullable ServerEvents stream;
    private boolean closed;
    private long backoff = 250;
    private boolean broke;

    EventFeed(KilnClient api) {
        this.api = api;
    }

    /** Starts following the orchestrator. */
    synchronized void start() {
        stream = api.events("/events", new ServerEvents.Listener() {
            @Override
            public void opened() {
                connected();
            }

            @Override
            public void events(List<ServerEvents.Event> batch) {
                for (ServerEvents.Event event : batch) {
                    try {
                        Change change = KilnClient.fromJson(event.data(), Change.class);
                        followers.forEach(f -> f.accept(change));
                    } catch (UnreadableAnswerException e) {
                        LOG.warn("{}: {}", e.getMessage(), event.data());
                    }
                }
            }

            @Override
            public void ended(@Nullable Throwable failure) {
                lost(failure);
            }
        });
    }

    private synchronized void connected() {
        backoff = 250;
        if (broke) {
            broke = false;
            Change reconnected = Change.reconnected(java.time.Instant.now());
            followers.forEach(f -> f.accept(reconnected));
        }
    }

    private void lost(@Nullable Throwable failure) {
        long wait;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!broke) {
                LOG.warn(
                        "the orchestrator's event stream broke ({}); opening it again",
                        failure == null ? "closed by the server" : failure.getMessage());
            }
            broke = true;
            wait = backoff;
            backoff = Math.min(5000, backoff * 2);
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (!closed) {
                start();
            }
        }
    }

    /** Hears every change until the answer is run. Called on the feed's thread: hand work to the page's UI. */
    public Runnable follow(Consumer<Change> follower) {
        followers.add(follower);
        return () -> followers.remove(follower);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (stream != null) {
            stream.close();
        }
    }
}
