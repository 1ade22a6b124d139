package dev.kiln.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import dev.kiln.model.api.Change;
import dev.kiln.model.api.ChangeKind;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Keeps a page live: while it is attached, each change event it cares about (and every reconnection of the feed)
 * reloads it through server push; events arriving while a reload waits for the page's lock join that reload.
 */
public final class Live {
    private Live() {}

    /** Reloads {@code page} with {@code reload} on each change that passes {@code relevant}. */
    public static void reload(Component page, Predicate<Change> relevant, Runnable reload) {
        page.addAttachListener(attach -> {
            UI ui = attach.getUI();
            AtomicBoolean queued = new AtomicBoolean();
            Runnable stop = Api.feed().follow(change -> {
                boolean wanted = change.kind() == ChangeKind.RECONNECTED || relevant.test(change);
                if (wanted && queued.compareAndSet(false, true)) {
                    try {
                        Future<Void> unused = ui.access(() -> {
                            queued.set(false);
                            reload.run();
                        });
                    } catch (UIDetachedException e) {
                        queued.set(false); // the tab closed; its detach listener stops following
                    }
                }
            });
            Registration[] detach = new Registration[1];
            detach[0] = page.addDetachListener(d -> {
                stop.run();
                detach[0].remove();
            });
        });
    }
}
