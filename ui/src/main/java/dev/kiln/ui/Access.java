package dev.kiln.ui;

import com.vaadin.flow.server.VaadinSession;
import dev.kiln.client.ClientException;
import dev.kiln.client.KilnClient;
import dev.kiln.model.api.Credentials;
import dev.kiln.model.api.Role;
import java.util.Optional;

/**
 * Who reads the page, for this browser session: the user logged in, their role, and the API as that user (their
 * login's token). The API enforces the roles; the pages only hide what the role may not do.
 */
public final class Access {
    private static final String KEY = "kiln.login";

    /**
     * A login.
     *
     * @param name the user
     * @param role what they may do
     * @param api the API called with the login's token
     * @param expiresAt when the login's token stops working (the reader is then asked to log in again)
     */
    public record Login(String name, Role role, KilnClient api, java.time.Instant expiresAt) {}

    private Access() {}

    /** The current session's login, if any. */
    public static Optional<Login> current() {
        VaadinSession session = VaadinSession.getCurrent();
        Login login = session == null ? null : (Login) session.getAttribute(KEY);
        if (login != null && !login.expiresAt().isAfter(java.time.Instant.now())) {
            session.setAttribute(KEY, null); // expired: the layout sends the reader to log in again
            return Optional.empty();
        }
        return Optional.ofNullable(login);
    }

    /**
     * Logs in through the API; the session keeps the login, under a new session id.
     *
     * @throws ClientException with the API's message (a wrong name or password)
     */
    public static Login logIn(KilnClient server, String name, String password) {
        dev.kiln.model.api.Login answer = server.login(new Credentials(name, password));
        Login login = new Login(
                answer.name(),
                answer.role(),
                server.as(answer.token()),
                // a minute early, so that no page is built with a token about to stop working
                java.time.Instant.now().plusSeconds(answer.expiresInSeconds() - 60));
        // a new session id for the logged-in session: an id planted or seen before the login is worth nothing
        com.vaadin.flow.server.VaadinRequest request = com.vaadin.flow.server.VaadinService.getCurrentRequest();
        if (request != null) {
            com.vaadin.flow.server.VaadinService.reinitializeSession(request);
        }
        VaadinSession.getCurrent().setAttribute(KEY, login);
        return login;
    }

    /** Ends the login (its token too) and forgets it. */
    public static void logOut() {
        current().ifPresent(login -> {
            try {
                login.api().logout();
            } catch (ClientException e) {
                // an expired login has nothing to end
            }
        });
        VaadinSession.getCurrent().setAttribute(KEY, null);
    }

    /** Whether the reader may start, stop, retry and approve. */
    public static boolean mayOperate() {
        return current().map(l -> l.role().covers(Role.OPERATOR)).orElse(false);
    }

    /** Whether the reader may manage repositories, environments and users. */
    public static boolean mayAdminister() {
        return current().map(l -> l.role().covers(Role.ADMIN)).orElse(false);
    }
}
