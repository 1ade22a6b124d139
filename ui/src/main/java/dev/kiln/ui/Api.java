package dev.kiln.ui;

import com.vaadin.flow.server.VaadinServlet;
import dev.kiln.client.KilnClient;

/** Where the pages reach the orchestrator: as the user logged in to the session, as the UI itself, and its changes. */
public final class Api {
    private Api() {}

    /**
     * The API as the user logged in to this session.
     *
     * @throws UiException when nobody is logged in
     */
    public static KilnClient current() {
        return Access.current().map(Access.Login::api).orElseThrow(() -> new UiException("log in first"));
    }

    /** The API as the UI itself (its own token): for logins and the change feed. */
    static KilnClient server() {
        return (KilnClient) VaadinServlet.getCurrent().getServletContext().getAttribute(UiServer.API);
    }

    /** The change events of the UI this request runs in. */
    public static EventFeed feed() {
        return (EventFeed) VaadinServlet.getCurrent().getServletContext().getAttribute(UiServer.FEED);
    }
}
