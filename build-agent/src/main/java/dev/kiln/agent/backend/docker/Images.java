package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.kiln.agent.backend.ProgressListener;
import java.util.concurrent.TimeUnit;

/** Makes sure a build image is on the engine: present, pulled, or (the default image) built locally. */
public final class Images {
    private final DockerClient client;
    private final DefaultImage defaultImage;
    private final RegistryCredentials credentials;

    Images(DockerClient client, DefaultImage defaultImage, RegistryCredentials credentials) {
        this.client = client;
        this.defaultImage = defaultImage;
        this.credentials = credentials;
    }

    void ensure(String image, ProgressListener progress) {
        if (exists(image)) {
            return;
        }
        boolean isDefault = image.equals(defaultImage.reference());
        if (isDefault && !hasRegistry(image)) {
            defaultImage.build(client, progress);
            return;
        }
        try {
            pull(image, progress);
        } catch (RuntimeException e) {
            if (isDefault) {
                progress.progress("cannot pull the default image " + image + " (" + DockerEngine.describe(e)
                        + "); building it locally instead");
                defaultImage.build(client, progress);
                return;
            }
            throw new ImageUnavailableException(
                    "image " + image + " is not on the container engine and pulling it failed: "
                            + DockerEngine.describe(e)
                            + (credentials.forImage(image).isPresent()
                                    ? ". Check the name and the login for " + RegistryCredentials.registryOf(image)
                                            + " in the image pull credentials."
                                    : ". Check the name; for a private registry give its login with"
                                            + " --image-pull-credentials FILE (or docker login)."),
                    e);
        }
        if (!exists(image)) {
            throw new ImageUnavailableException("image " + image + " is still missing after a pull", null);
        }
    }

    boolean exists(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void pull(String image, ProgressListener progress) {
        pull(client, image, credentials, progress);
    }

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
