package dev.kiln.kit.remote;

import dev.kiln.client.AgentClient;
import dev.kiln.client.ApiRefusedException;
import dev.kiln.client.OrchestratorUnreachableException;
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
    private long sent;
    private boolean closed;

    /** A shipper of a job's lines, the first numbered {@code firstLine}. */
    LogShipper(AgentClient client, String jobId, long firstLine, Runnable onUnknownAgent) {
        this.client = client;
        this.sent = firstLine;
        this.jobId = jobId;
        this.onUnknownAgent = onUnknownAgent;
        this.sender = new Thread(this::sendLoop, "kiln-log-" + jobId);
        sender.setDaemon(true);
        sender.start();
    }

    /** A line printed. */
    synchronized void line(String text) {
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

    /** Waits until every line is acknowledged (the orchestrator may be restarting meanwhile). */
    @Override
    public void close() {
        synchronized (this) {
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
