package dev.kiln.kit.remote;

import dev.kiln.client.AgentClient;
import dev.kiln.client.ApiRefusedException;
import dev.kiln.client.OrchestratorUnreachableException;
import dev.kiln.model.Sizes;
import dev.kiln.model.job.LogBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a job's log lines to the orchestrator as they are printed: a line that finds the sender idle goes at once,
 * and what is printed while a batch is on its way goes next as one batch (at most 1,000 lines and 2 MiB); batches are
 * numbered and each is resent until acknowledged, so no line is lost or stored twice.
 */
final class LogShipper implements AutoCloseable {
    private static final int MAX_BATCH = 1000;
    /** Characters of text in a batch at most (a batch always holds one line), well below the API's 16 MiB. */
    static final int MAX_BATCH_CHARS = 2 * 1024 * 1024;

    private final AgentClient client;
    private final String jobId;
    private final Runnable onUnknownAgent;
    private final List<String> pending = new ArrayList<>();
    private final Thread sender;
    /** The log's cap in UTF-8 bytes (line ends counted); 0 for none. */
    private final long maxBytes;

    private long sent;
    private boolean closed;
    /** Bytes of the lines kept so far, and of those dropped past the cap, and how many were. */
    private long keptBytes;

    private long droppedBytes;
    private long dropped;

    /**
     * A shipper of a job's lines, the first numbered {@code firstLine}, keeping {@code maxBytes} of them (0: all): the
     * lines past it are dropped, said once when it is reached and counted in one line at the end.
     */
    LogShipper(AgentClient client, String jobId, long firstLine, long maxBytes, Runnable onUnknownAgent) {
        this.client = client;
        this.sent = firstLine;
        this.maxBytes = maxBytes;
        this.jobId = jobId;
        this.onUnknownAgent = onUnknownAgent;
        this.sender = new Thread(this::sendLoop, "kiln-log-" + jobId);
        sender.setDaemon(true);
        sender.start();
    }

    /** A line printed. */
    synchronized void line(String text) {
        long bytes = utf8Length(text) + 1;
        if (maxBytes > 0 && (dropped > 0 || keptBytes + bytes > maxBytes)) {
            if (dropped == 0) {
                queue("[Kiln] this log reached its cap of " + Sizes.show(maxBytes) + " (the orchestrator's"
                        + " --max-log-size): the build goes on, and the lines it prints from here on are dropped and"
                        + " counted at the end");
            }
            dropped++;
            droppedBytes += bytes;
            return;
        }
        keptBytes += bytes;
        queue(text);
    }

    /** How many lines were dropped past the cap. */
    synchronized long dropped() {
        return dropped;
    }

    private void queue(String text) {
        pending.add(text);
        if (pending.size() == 1 || pending.size() >= MAX_BATCH) {
            notifyAll();
        }
    }

    /** How many lines were acknowledged. */
    synchronized long acknowledged() {
        return sent;
    }

    private void sendLoop() {
        while (true) {
            List<String> batch;
            long first;
            synchronized (this) {
                while (pending.isEmpty() && !closed) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!pending.isEmpty()) {
                        break;
                    }
                }
                if (pending.isEmpty() && closed) {
                    notifyAll();
                    return;
                }
                batch = List.copyOf(pending.subList(0, batchEnd(pending)));
                first = sent;
            }
            deliver(new LogBatch(first, batch));
            synchronized (this) {
                pending.subList(0, batch.size()).clear();
                sent = first + batch.size();
                notifyAll();
            }
        }
    }

    /** How many of the first lines go in the next batch: up to 1,000, and no more than {@link #MAX_BATCH_CHARS}. */
    static int batchEnd(List<String> lines) {
        int end = 0;
        long chars = 0;
        while (end < lines.size() && end < MAX_BATCH) {
            chars += lines.get(end).length();
            if (end > 0 && chars > MAX_BATCH_CHARS) {
                break;
            }
            end++;
        }
        return end;
    }

    private void deliver(LogBatch batch) {
        long backoff = 200;
        while (true) {
            try {
                client.log(jobId, batch);
                return;
            } catch (ApiRefusedException e) {
                if (e.status() == 404) {
                    onUnknownAgent.run();
                } else {
                    return; // the job is no longer this agent's: the lines have nowhere to go
                }
            } catch (OrchestratorUnreachableException e) {
                // the orchestrator is restarting: keep the lines and try again
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(5000, backoff * 2);
        }
    }

    /** UTF-8 bytes of a string, without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Waits until every line is acknowledged (the orchestrator may be restarting meanwhile); a log that reached its cap
     * ends with the line that counts what was dropped.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (dropped > 0) {
                queue("[Kiln] " + dropped + " line(s) (" + Sizes.show(droppedBytes)
                        + ") printed past this log's cap of " + Sizes.show(maxBytes) + " were dropped");
            }
            closed = true;
            notifyAll();
        }
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
