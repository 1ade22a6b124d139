package dev.kiln.deploy.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;

/** SHA-256 fingerprints of SSH public keys, written as {@code ssh-keygen -l} writes them. */
public final class Fingerprints {
    private Fingerprints() {}

    /** The fingerprint of a key's SSH wire form. */
    public static String of(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** The fingerprint of a public key. */
    public static String of(PublicKey key) {
        return of(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }
}
