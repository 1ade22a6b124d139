/**
 * The container backend, through the Docker Engine API (docker-java): the same code drives Docker and Podman. The
 * engine is found by trying {@code DOCKER_HOST} and the usual sockets in order; each build gets one fresh, labelled
 * container whose main process is the shell driver, attached over the API's stdin/stdout streams. Sources go in and
 * artifacts come out through the archive API, so nothing depends on bind mounts or on sharing a filesystem with the
 * engine.
 */
package dev.kiln.agent.backend.docker;
