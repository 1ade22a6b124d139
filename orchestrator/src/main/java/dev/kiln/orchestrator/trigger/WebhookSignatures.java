package dev.kiln.orchestrator.trigger;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** Checks that a delivery comes from the forge: an HMAC of the body or a shared token, compared in constant time. */
final class WebhookSignatures {
    private WebhookSignatures() {}

    /**
     * @param headers with lower-case names
     * @throws WebhookRejectedException saying what is missing or wrong, never the secret
     */
    static void verify(WebhookProvider provider, Map<String, String> headers, byte[] body, @Nullable String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new WebhookRejectedException("this repository has no webhook secret, so no delivery can be"
                    + " trusted; register it with --webhook-secret and set the same secret on the webhook");
        }
        switch (provider) {
            case GITLAB -> {
                String token = headers.get("x-gitlab-token");
                if (token == null) {
                    throw new WebhookRejectedException("X-Gitlab-Token is missing: set the webhook's secret token");
                }
                if (!equal(token.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
                    throw new WebhookRejectedException("X-Gitlab-Token does not match the repository's webhook secret");
                }
            }
            case GITHUB -> hmac(headers, "x-hub-signature-256", "sha256=", body, secret);
            case GITEA -> {
                if (headers.containsKey("x-gitea-signature")) {
                    hmac(headers, "x-gitea-signature", "", body, secret);
                } else {
                    hmac(headers, "x-hub-signature-256", "sha256=", body, secret);
                }
            }
            case BITBUCKET -> hmac(headers, "x-hub-signature", "sha256=", body, secret);
            default -> throw new WebhookRejectedException("deliveries come from GitHub, GitLab, Gitea or Bitbucket");
        }
    }

    private static void hmac(Map<String, String> headers, String header, String prefix, byte[] body, String secret) {
        String given = headers.get(header);
        if (given == null) {
            throw new WebhookRejectedException(
                    "the delivery is not signed (" + header + " is missing): set the webhook's secret");
        }
        String value = given.strip().toLowerCase(Locale.ROOT);
        if (!value.startsWith(prefix)) {
            throw new WebhookRejectedException(header + " must be " + prefix + "<hex HMAC-SHA256 of the body>");
        }
        byte[] expected = sign(body, secret);
        byte[] actual;
        try {
            actual = HexFormat.of().parseHex(value.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException(header + " is not a hex HMAC-SHA256");
        }
        if (!equal(actual, expected)) {
            throw new WebhookRejectedException(header + " does not match the repository's webhook secret");
        }
    }

    /** HMAC-SHA256 of a body with a secret. */
    static byte[] sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
