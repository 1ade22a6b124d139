package dev.kiln.cli.testing;

import java.util.ArrayList;
import java.util.List;

/** What a test started, closed in the reverse order when it ends. */
public final class Closer {
    private final List<AutoCloseable> open = new ArrayList<>();

    /** Keeps {@code resource} to close; answers it. */
    public <T extends AutoCloseable> T add(T resource) {
        open.add(resource);
        return resource;
    }

    /** Closes {@code resource} now. */
    public void closeNow(AutoCloseable resource) throws Exception {
        open.remove(resource);
        resource.close();
    }

    /** Closes everything kept, the last first. */
    public void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }
}
