package dev.kiln.model.deploy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A host key Kiln trusts for a host.
 *
 * @param host the host as known_hosts names it ({@code host} or {@code [host]:port})
 * @param fingerprint the key's SHA-256 fingerprint, {@code SHA256:...} as {@code ssh-keygen -l} prints it
 */
public record KnownHostKey(String host, String fingerprint) {

    /** The fingerprint of a key's SSH wire form, written as {@code ssh-keygen -l} writes it. */
    public static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
