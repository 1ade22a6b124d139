package dev.kiln.model.appspec;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The events of an in-place deployment on one host, in CodeDeploy's order. The traffic events exist only behind a
 * load balancer, which Kiln environments do not have: an appspec may name them, and they are skipped.
 */
public enum LifecycleEvent {
    /** Stops the running application, with the scripts of the last revision that succeeded on the host. */
    APPLICATION_STOP("ApplicationStop", true),
    /** Copies the revision to the host (not scriptable). */
    DOWNLOAD_BUNDLE("DownloadBundle", false),
    /** Before the revision's files are installed. */
    BEFORE_INSTALL("BeforeInstall", true),
    /** Installs the files (not scriptable). */
    INSTALL("Install", false),
    /** After the files are installed. */
    AFTER_INSTALL("AfterInstall", true),
    /** Starts the application. */
    APPLICATION_START("ApplicationStart", true),
    /** Checks that the application works. */
    VALIDATE_SERVICE("ValidateService", true),
    /** Load balancer only: skipped by Kiln. */
    BEFORE_BLOCK_TRAFFIC("BeforeBlockTraffic", true),
    /** Load balancer only: skipped by Kiln. */
    AFTER_BLOCK_TRAFFIC("AfterBlockTraffic", true),
    /** Load balancer only: skipped by Kiln. */
    BEFORE_ALLOW_TRAFFIC("BeforeAllowTraffic", true),
    /** Load balancer only: skipped by Kiln. */
    AFTER_ALLOW_TRAFFIC("AfterAllowTraffic", true);

    private final String word;
    private final boolean scriptable;

    LifecycleEvent(String word, boolean scriptable) {
        this.word = word;
        this.scriptable = scriptable;
    }

    /** The event's name in CodeDeploy's words, as an appspec writes it. */
    public String word() {
        return word;
    }

    /** Whether an appspec may give the event hook scripts. */
    public boolean scriptable() {
        return scriptable;
    }

    /** Whether the event only runs behind a load balancer. */
    public boolean needsLoadBalancer() {
        return EnumSet.range(BEFORE_BLOCK_TRAFFIC, AFTER_ALLOW_TRAFFIC).contains(this);
    }

    /** The events Kiln runs on each host, in order. */
    public static List<LifecycleEvent> inPlaceOrder() {
        return List.of(
                APPLICATION_STOP,
                DOWNLOAD_BUNDLE,
                BEFORE_INSTALL,
                INSTALL,
                AFTER_INSTALL,
                APPLICATION_START,
                VALIDATE_SERVICE);
    }

    /** The event an appspec names, if any. */
    public static Optional<LifecycleEvent> byWord(String word) {
        return Arrays.stream(values()).filter(e -> e.word.equals(word)).findFirst();
    }

    /** Every event's name. */
    public static List<String> words() {
        return Arrays.stream(values()).map(LifecycleEvent::word).toList();
    }

    @Override
    public String toString() {
        return word;
    }
}
