package dev.kiln.kit.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.kiln.kit.ProgressListener;
import java.util.concurrent.TimeUnit;

/** Images on an engine: pulled with the login their registry needs. */
public final class Images {
    private Images() {}

    /**
     * Pulls an image with the login its registry needs, if any; fails with the engine's message.
     *
     * @throws IllegalStateException with the engine's message when the pull fails
     */
    public static void pull(
            DockerClient client, String image, RegistryCredentials credentials, ProgressListener progress) {
        progress.progress("pulling image " + image);
        String repository = image;
        String tag = null;
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (!image.contains("@") && colon > slash) {
            repository = image.substring(0, colon);
            tag = image.substring(colon + 1);
        }
        try {
            var command = client.pullImageCmd(repository);
            var login = credentials.forImage(image);
            if (login.isPresent()) {
                command = command.withAuthConfig(login.get());
            }
            if (tag != null) {
                command = command.withTag(tag);
            }
            command.exec(new ResultCallback.Adapter<PullResponseItem>() {
                        @Override
                        public void onNext(PullResponseItem item) {
                            if (item.getErrorDetail() != null) {
                                throw new IllegalStateException(
                                        item.getErrorDetail().getMessage());
                            }
                            if (item.getStatus() != null && item.getId() == null) {
                                progress.progress(item.getStatus());
                            }
                        }
                    })
                    .awaitCompletion(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the engine has an image. */
    public static boolean exists(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Whether a reference names a registry host ({@code host.tld/...}, {@code host:port/...}, {@code localhost/}). */
    public static boolean hasRegistry(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }
}
