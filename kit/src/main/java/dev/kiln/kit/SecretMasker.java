package dev.kiln.kit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Replaces secret values with {@code ***} in text. Multi-line values are masked line by line, so a key split over
 * log lines is still hidden. Values shorter than {@link #MIN_LENGTH} are not masked (masking {@code 1} would wreck a
 * log); {@link #tooShort()} lists their count for a warning. Immutable and thread-safe.
 */
public final class SecretMasker implements UnaryOperator<String> {
    /** The shortest value that is masked. */
    public static final int MIN_LENGTH = 4;

    /** What a secret becomes. */
    public static final String MASK = "***";

    private final List<String> values;
    private final int tooShort;

    private SecretMasker(List<String> values, int tooShort) {
        this.values = values;
        this.tooShort = tooShort;
    }

    /** A masker that changes nothing. */
    public static SecretMasker none() {
        return new SecretMasker(List.of(), 0);
    }

    /**
     * A masker for a build: its resolved secrets, and the AWS secret keys ({@code AWS_SECRET_ACCESS_KEY},
     * {@code AWS_SESSION_TOKEN}) of any of the given variable maps.
     */
    @SafeVarargs
    public static SecretMasker forBuild(Collection<String> secrets, java.util.Map<String, String>... environments) {
        java.util.List<String> masked = new java.util.ArrayList<>(secrets);
        for (java.util.Map<String, String> environment : environments) {
            masked.add(environment.get("AWS_SECRET_ACCESS_KEY"));
            masked.add(environment.get("AWS_SESSION_TOKEN"));
        }
        return of(masked);
    }

    /** A masker for these values. */
    public static SecretMasker of(Collection<String> secrets) {
        Set<String> pieces = new LinkedHashSet<>();
        int shortOnes = 0;
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            boolean masked = false;
            for (String piece : secret.lines().toList()) {
                if (piece.length() >= MIN_LENGTH) {
                    pieces.add(piece);
                    masked = true;
                }
            }
            if (!masked) {
                shortOnes++;
            }
        }
        List<String> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(sorted), shortOnes);
    }

    /** How many secrets were too short to mask. */
    public int tooShort() {
        return tooShort;
    }

    @Override
    public String apply(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : values) {
            if (out.contains(value)) {
                out = out.replace(value, MASK);
            }
        }
        return out;
    }
}
