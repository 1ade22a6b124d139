/**
 * The container engine as every program reaches it: Docker or Podman found through the Docker Engine API, images
 * pulled with their registry's login or imported from a root file system, and the labels that mark what Kiln made.
 */
package dev.kiln.kit.engine;
