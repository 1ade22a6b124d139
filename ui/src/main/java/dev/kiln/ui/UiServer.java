package dev.kiln.ui;

import dev.kiln.client.KilnClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.Configuration;
import org.eclipse.jetty.ee10.webapp.FragmentConfiguration;
import org.eclipse.jetty.ee10.webapp.JettyWebXmlConfiguration;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.webapp.WebInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebXmlConfiguration;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.ClassMatcher;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The UI's web server: Jetty with Vaadin in production mode, its routes found by the servlet annotation scan of the
 * class path. Views reach the orchestrator through the {@link KilnClient} it is started with.
 */
public final class UiServer implements AutoCloseable {
    /** The servlet context attribute holding the {@link KilnClient}. */
    static final String API = "kiln.api";

    /** The servlet context attribute holding the {@link EventFeed}. */
    static final String FEED = "kiln.feed";

    private final Server server;
    private final Path base;
    private final String host;
    private final EventFeed feed;
    private final StaticJars jars;

    private UiServer(Server server, Path base, String host, EventFeed feed, StaticJars jars) {
        this.server = server;
        this.base = base;
        this.host = host;
        this.feed = feed;
        this.jars = jars;
    }

    /**
     * Starts the UI on {@code host:port} (0 for any free port).
     *
     * @throws UiException saying what failed
     */
    public static UiServer start(String host, int port, KilnClient api) {
        Server server = new Server(new InetSocketAddress(host, port));
        try {
            WebAppContext context = new WebAppContext();
            // Jetty needs a real folder as the web application's base; the UI's files all come from the class path
            Path base = Files.createTempDirectory("kiln-ui");
            context.setBaseResource(ResourceFactory.of(context).newResource(base));
            context.setContextPath("/");
            // the UI's classes and Jetty's share one class path: the application loads from it first, as one
            // program; Jetty's default descriptor (its default servlet and listeners) is not needed, Vaadin serves all
            context.setParentLoaderPriority(true);
            context.setDefaultsDescriptor(null);
            context.setHiddenClassMatcher(new ClassMatcher());
            context.setThrowUnavailableOnStartupException(true);
            context.setConfigurations(new Configuration[] {
                new AnnotationConfiguration(),
                new WebInfConfiguration(),
                new WebXmlConfiguration(),
                new MetaInfConfiguration(),
                new FragmentConfiguration(),
                new JettyWebXmlConfiguration()
            });
            context.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, ".*\\.jar|.*/classes/.*");
            // run as java -jar, the class path is one jar naming the others in its manifest, which Jetty's scan
            // does not follow: give it the UI's and Vaadin's jars, where the routes and Vaadin's initializers are
            String listed = String.join(
                    ",",
                    ManifestClassPath.jars(name ->
                            name.startsWith("kiln-ui") || name.startsWith("flow-") || name.startsWith("vaadin-")));
            if (!listed.isEmpty()) {
                context.setExtraClasspath(listed);
            }
            context.setInitParameter("productionMode", "true");
            // logback's own servlet initializer would stop the process's logging when the UI stops, and lines said
            // after it (the rest of a stop) would be lost: the process's logging is its own, not the web app's
            context.setInitParameter("logbackDisableServletContainerInitializer", "true");
            context.setAttribute(API, api);
            EventFeed feed = new EventFeed(api);
            context.setAttribute(FEED, feed);
            server.setHandler(context);
            StaticJars jars = StaticJars.open();
            server.start();
            feed.start();
            return new UiServer(server, base, host, feed, jars);
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            if (bindFailure(e)) {
                throw new UiException(
                        "the web UI's port " + port + " on " + host + " is taken by another program; pass --ui-port"
                                + " with another (0 for any free one, -1 for no UI)",
                        e);
            }
            throw new UiException("the UI did not start on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    /** Where the UI answers. */
    public URI url() {
        NetworkConnector connector = (NetworkConnector) server.getConnectors()[0];
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() {
        feed.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new UiException("the UI did not stop: " + e.getMessage(), e);
        } finally {
            jars.close();
            try {
                Files.deleteIfExists(base);
            } catch (IOException e) {
                // an empty temporary folder
            }
        }
    }
}
