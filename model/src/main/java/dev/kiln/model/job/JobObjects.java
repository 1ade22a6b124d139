package dev.kiln.model.job;

import dev.kiln.model.pipeline.ActionType;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which objects of the store a job may touch, the one rule the orchestrator signs by and the agents lay caches out
 * by. A build or test job reads its inputs, reads and writes under its {@link JobSpec#outputPrefix()}, and reads and
 * writes the caches of its own repository ({@code caches/REPOSITORY%2F...}); a deploy job reads its inputs only.
 * Nothing else: not another repository's caches, not another run's artifacts, not a deployment's revision it was
 * not given.
 */
public final class JobObjects {
    /** Where build caches live. */
    public static final String CACHES = "caches/";

    /** The variable that names a job's repository. */
    public static final String REPOSITORY = "KILN_REPOSITORY";

    /** Repository names hold only characters that object names keep as they are. */
    private static final Pattern REPOSITORY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Longest key a job may name, in characters. */
    static final int MAX_KEY = 1024;

    private JobObjects() {}

    /**
     * The cache namespace of a project within a repository: {@code REPOSITORY/PROJECT}. Cache object names encode the
     * {@code /} as {@code %2F}, which no repository name holds, so one repository's prefix never covers another's.
     */
    public static String cacheNamespace(String repository, String project) {
        return repository.isEmpty() ? project : repository + "/" + project;
    }

    /** The key prefix of every cache object of a job's repository; empty when the job names no repository. */
    public static Optional<String> cachePrefix(JobSpec spec) {
        String repository = spec.environment().getOrDefault(REPOSITORY, "");
        if (!REPOSITORY_NAME.matcher(repository).matches()) {
            return Optional.empty();
        }
        return Optional.of(CACHES + repository + "%2F");
    }

    /** Why a key is not one a job may name at all, or empty when it may. */
    public static Optional<String> malformed(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY) {
            return Optional.of("a key must have 1 to " + MAX_KEY + " characters");
        }
        if (key.startsWith("/") || key.contains("//")) {
            return Optional.of("a key must not start with '/' or hold '//'");
        }
        for (String part : key.split("/", -1)) {
            if (part.equals("..") || part.equals(".")) {
                return Optional.of("a key must not hold '.' or '..' as a part");
            }
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                return Optional.of("a key must not hold control characters");
            }
        }
        return Optional.empty();
    }

    /** Whether the job may do {@code operation} on the object {@code key}. */
    public static boolean allows(JobSpec spec, ObjectOperation operation, String key) {
        if (malformed(key).isPresent()) {
            return false;
        }
        if (operation == ObjectOperation.GET
                && spec.inputs().stream().anyMatch(i -> i.key().equals(key))) {
            return true;
        }
        return ownsPrefix(spec, key);
    }

    /** Whether the job may list the objects under {@code prefix}. */
    public static boolean allowsListing(JobSpec spec, String prefix) {
        return (prefix.isEmpty() || malformed(prefix).isEmpty()) && ownsPrefix(spec, prefix);
    }

    /** Under the job's outputs or its repository's caches, for a build or test job. */
    private static boolean ownsPrefix(JobSpec spec, String key) {
        if (spec.type().equals(ActionType.DEPLOY.fileName())) {
            return false;
        }
        if (!spec.outputPrefix().isEmpty() && key.startsWith(spec.outputPrefix() + "/")) {
            return true;
        }
        return cachePrefix(spec).filter(key::startsWith).isPresent();
    }
}
