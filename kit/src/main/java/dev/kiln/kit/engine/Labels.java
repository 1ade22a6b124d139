package dev.kiln.kit.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on every container Kiln creates. {@code kiln=true} finds them all; the owner labels say which process
 * on which host created one, so a later process can tell an orphan from a live build.
 */
public final class Labels {
    /** Present on everything Kiln creates. */
    public static final String KILN = "kiln";
    /** What the container is for ({@code build}). */
    public static final String ROLE = "kiln.role";
    /** The build id. */
    public static final String BUILD_ID = "kiln.build-id";
    /** The host name of the creating process. */
    public static final String OWNER_HOST = "kiln.owner-host";
    /** The pid of the creating process. */
    public static final String OWNER_PID = "kiln.owner-pid";
    /** The start time of the creating process, in epoch milliseconds, to tell a reused pid apart. */
    public static final String OWNER_STARTED = "kiln.owner-started";

    private Labels() {}

    /** The labels of a build container created by this process. */
    public static Map<String, String> forBuild(String buildId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KILN, "true");
        labels.put(ROLE, "build");
        labels.put(BUILD_ID, buildId);
        labels.put(OWNER_HOST, Owner.host());
        labels.put(OWNER_PID, Long.toString(ProcessHandle.current().pid()));
        labels.put(OWNER_STARTED, Long.toString(Owner.started(ProcessHandle.current())));
        return labels;
    }
}
