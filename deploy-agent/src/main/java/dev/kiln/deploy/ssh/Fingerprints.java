package dev.kiln.deploy.ssh;

import dev.kiln.model.deploy.KnownHostKey;
import java.security.PublicKey;
import net.schmizz.sshj.common.Buffer;

/** SHA-256 fingerprints of SSH public keys, written as {@code ssh-keygen -l} writes them. */
public final class Fingerprints {
    private Fingerprints() {}

    /** The fingerprint of a key's SSH wire form. */
    public static String of(byte[] keyBlob) {
        return KnownHostKey.fingerprint(keyBlob);
    }

    /** The fingerprint of a public key. */
    public static String of(PublicKey key) {
        return of(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }
}
