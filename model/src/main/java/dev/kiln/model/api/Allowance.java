package dev.kiln.model.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What an admin may allow a repository's pipelines beyond the default: powers no commit may take by itself. */
public enum Allowance implements WireName {
    /**
     * Privileged builds ({@code privileged: true}): the build gets the agent's container engine, which controls the
     * machine the agent runs on.
     */
    PRIVILEGED("privileged");

    private final String wireName;

    Allowance(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }

    /**
     * The allowance with that name, in any case.
     *
     * @throws UnknownNameException naming the ones there are
     */
    public static Allowance of(@Nullable String wireName) {
        return WireName.of(
                Allowance.class, wireName == null ? "" : wireName.strip().toLowerCase(Locale.ROOT));
    }
}
