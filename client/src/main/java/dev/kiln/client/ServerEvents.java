package dev.kiln.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A server-sent events stream from the orchestrator, read on its own thread: events are handed on in batches, each
 * batch being what had arrived when the stream paused, so a long backlog comes in few large batches and a live line
 * comes alone and at once.
 */
public final class ServerEvents implements AutoCloseable {
    /**
     * One event.
     *
     * @param name its {@code event:} name, {@code message} when it has none
     * @param id its {@code id:}, or empty
     * @param data its {@code data:} lines joined by newlines
     */
    public record Event(String name, String id, String data) {}

    /** Who hears the stream. Called on the stream's thread. */
    public interface Listener {
        /** The server answered and the stream is open. */
        default void opened() {}

        /** Events that arrived together. */
        void events(List<Event> batch);

        /** The stream ended: {@code failure} null when the server closed it, else what broke. */
        void ended(@Nullable Throwable failure);
    }

    private final Thread reader;
    private volatile @Nullable InputStream body;
    private volatile boolean closed;

    private ServerEvents(HttpClient http, URI uri, String token, Listener listener) {
        this.reader = new Thread(() -> read(http, uri, token, listener), "kiln-events");
        reader.setDaemon(true);
    }

    /** Opens {@code uri} with {@code token} and reads it until it ends or {@link #close()}. */
    public static ServerEvents open(HttpClient http, URI uri, String token, Listener listener) {
        ServerEvents events = new ServerEvents(http, uri, token, listener);
        events.reader.start();
        return events;
    }

    private void read(HttpClient http, URI uri, String token, Listener listener) {
        Throwable failure = null;
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (response.statusCode() >= 400) {
                String said = new String(body.readNBytes(2000), StandardCharsets.UTF_8);
                body.close();
                throw new ClientException(
                        "the orchestrator answered " + response.statusCode() + " to " + uri.getPath() + ": " + said);
            }
            if (closed) {
                body.close();
                return;
            }
            listener.opened();
            parse(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), listener);
        } catch (IOException | ClientException e) {
            failure = closed ? null : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!closed) {
            listener.ended(failure);
        }
    }

    private void parse(BufferedReader in, Listener listener) throws IOException {
        List<Event> batch = new ArrayList<>();
        String name = "message";
        String id = "";
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    batch.add(new Event(name, id, data.toString()));
                }
                name = "message";
                id = "";
                data = null;
                if (!in.ready() && !batch.isEmpty()) {
                    listener.events(batch);
                    batch = new ArrayList<>();
                }
            } else if (line.startsWith("data:")) {
                String value = value(line, 5);
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            } else if (line.startsWith("event:")) {
                name = value(line, 6);
            } else if (line.startsWith("id:")) {
                id = value(line, 3);
            }
        }
        if (!batch.isEmpty()) {
            listener.events(batch);
        }
    }

    private static String value(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }

    @Override
    public void close() {
        closed = true;
        InputStream open = body;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // closing a stream we no longer read
            }
        }
        reader.interrupt();
    }
}
