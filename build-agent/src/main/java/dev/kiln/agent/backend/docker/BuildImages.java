package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.DockerClient;
import dev.kiln.kit.ProgressListener;
import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.kit.engine.ImageUnavailableException;
import dev.kiln.kit.engine.Images;
import dev.kiln.kit.engine.RegistryCredentials;

/** Makes sure a build image is on the engine: present, pulled, or (the default image) built locally. */
final class BuildImages {
    private final DockerClient client;
    private final DefaultImage defaultImage;
    private final RegistryCredentials credentials;

    BuildImages(DockerClient client, DefaultImage defaultImage, RegistryCredentials credentials) {
        this.client = client;
        this.defaultImage = defaultImage;
        this.credentials = credentials;
    }

    void ensure(String image, ProgressListener progress) {
        if (exists(image)) {
            return;
        }
        boolean isDefault = image.equals(defaultImage.reference());
        if (isDefault && !Images.hasRegistry(image)) {
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
        return Images.exists(client, image);
    }

    private void pull(String image, ProgressListener progress) {
        Images.pull(client, image, credentials, progress);
    }
}
