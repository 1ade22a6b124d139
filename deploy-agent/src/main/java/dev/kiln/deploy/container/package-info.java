/**
 * Container deployments: {@code imagedefinitions.json} read from the revision, the new container started beside (or
 * instead of) the old one through docker-java, its health waited for, the old one stopped or brought back.
 */
package dev.kiln.deploy.container;
