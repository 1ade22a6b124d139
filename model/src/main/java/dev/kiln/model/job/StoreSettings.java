package dev.kiln.model.job;

/**
 * An S3-compatible object store.
 *
 * @param endpoint its URL
 * @param bucket the bucket
 * @param accessKey the access key id
 * @param secretKey the secret key
 */
public record StoreSettings(String endpoint, String bucket, String accessKey, String secretKey) {
    @Override
    public String toString() {
        return "StoreSettings[endpoint=" + endpoint + ", bucket=" + bucket + "]";
    }
}
