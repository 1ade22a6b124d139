package dev.kiln.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.component.page.Viewport;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;

/**
 * The page around every view: server push, so changes and log lines reach open pages as they happen (long polling:
 * it needs no WebSocket support from the servlet container), and a viewport for phones.
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.LONG_POLLING)
@Viewport("width=device-width, initial-scale=1")
public class AppShell implements AppShellConfigurator {
    private static final long serialVersionUID = 1L;
}
