package dev.kiln.orchestrator.deploy;

import dev.kiln.kit.PrivateFiles;
import dev.kiln.orchestrator.OrchestratorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM under the server's key: {@code KILN_SECRET_KEY} (base64 of 32 bytes)
 * when set, else a key made once in the data folder ({@code secret.key}, readable by its owner only). Thread-safe.
 */
public final class SecretBox {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final String PREFIX = "v1:";

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A box with a given 32-byte key. */
    public static SecretBox of(byte[] key) {
        if (key.length != 32) {
            throw new OrchestratorException("the secret key must be 32 bytes, found " + key.length);
        }
        return new SecretBox(key.clone());
    }

    /**
     * The server's box: the key from {@code envKey} when given, else from {@code dataDirectory/secret.key}, made
     * there the first time.
     */
    public static SecretBox open(Path dataDirectory, Optional<String> envKey) {
        if (envKey.isPresent() && !envKey.get().isBlank()) {
            try {
                return of(Base64.getDecoder().decode(envKey.get().strip()));
            } catch (IllegalArgumentException e) {
                throw new OrchestratorException("KILN_SECRET_KEY is not base64 of 32 bytes (make one with"
                        + " 'head -c 32 /dev/urandom | base64')");
            }
        }
        Path file = dataDirectory.resolve("secret.key");
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                PrivateFiles.write(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            }
            return of(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException | IllegalArgumentException e) {
            throw new OrchestratorException("cannot read or make the secret key " + file + ": " + e.getMessage()
                    + "; it encrypts environments' private keys, so keep a copy with your backups");
        }
    }

    /** The secret encrypted, as text. */
    public String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this Java", e);
        }
    }

    /** The secret back; fails when it was sealed under another key or changed. */
    public String open(String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new OrchestratorException("a stored secret is not in Kiln's format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new OrchestratorException("a stored private key cannot be decrypted: the server's secret key"
                    + " (secret.key in the data folder, or KILN_SECRET_KEY) is not the one it was stored with");
        }
    }
}
