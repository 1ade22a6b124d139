/**
 * Where a build's artifacts are kept: an {@link dev.kiln.kit.store.ArtifactStore} holds files under keys. A local
 * directory serves {@code kiln build} on a laptop; any S3-compatible server (MinIO in production) serves agents on
 * different machines, which share artifacts only through it. {@link dev.kiln.kit.store.ArtifactStores} picks one
 * from a location such as {@code /tmp/out} or {@code s3://bucket/prefix}.
 */
package dev.kiln.kit.store;
