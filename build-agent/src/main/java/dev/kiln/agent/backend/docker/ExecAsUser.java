package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.kiln.agent.backend.UnknownUserException;
import dev.kiln.agent.shell.CommandResult;
import dev.kiln.agent.shell.OutputSink;
import dev.kiln.kit.engine.DockerEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command file as another user ({@code run-as}) with an exec in the build container. The driver has already
 * written the file; the wrapper restores and saves the shared state as for any command.
 */
final class ExecAsUser {
    private final DockerClient client;
    private final String containerId;

    ExecAsUser(DockerClient client, String containerId) {
        this.client = client;
        this.containerId = containerId;
    }

    CommandResult run(String user, List<String> command, OutputSink sink, Duration timeout) throws TimeoutException {
        String execId;
        try {
            execId = client.execCreateCmd(containerId)
                    .withUser(user)
                    .withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec()
                    .getId();
        } catch (RuntimeException e) {
            throw new UnknownUserException(user, DockerEngine.describe(e), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                boolean stderr = frame.getStreamType() == StreamType.STDERR;
                ByteArrayOutputStream buffer = stderr ? err : out;
                synchronized (buffer) {
                    for (byte b : frame.getPayload()) {
                        if (b == '\n') {
                            sink.line(buffer.toString(StandardCharsets.UTF_8), stderr);
                            buffer.reset();
                        } else {
                            buffer.write(b);
                        }
                    }
                }
            }
        };
        try {
            boolean done;
            try {
                done = client.execStartCmd(execId)
                        .exec(callback)
                        .awaitCompletion(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                String detail = DockerEngine.describe(e);
                if (detail.contains("user") || detail.contains("passwd")) {
                    throw new UnknownUserException(user, detail, e);
                }
                throw e;
            }
            if (!done) {
                throw new TimeoutException("command as " + user + " still running after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
        if (out.size() > 0) {
            sink.line(out.toString(StandardCharsets.UTF_8), false);
        }
        if (err.size() > 0) {
            sink.line(err.toString(StandardCharsets.UTF_8), true);
        }
        Long exit = client.inspectExecCmd(execId).exec().getExitCodeLong();
        return new CommandResult(exit == null ? 255 : exit.intValue(), false);
    }
}
