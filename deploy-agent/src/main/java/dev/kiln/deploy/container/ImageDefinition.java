package dev.kiln.deploy.container;

/**
 * One entry of {@code imagedefinitions.json}, as CodePipeline's container deploy reads it.
 *
 * @param name the container's name
 * @param imageUri the image to run, {@code registry/repository:tag} or {@code ...@sha256:digest}
 */
public record ImageDefinition(String name, String imageUri) {}
