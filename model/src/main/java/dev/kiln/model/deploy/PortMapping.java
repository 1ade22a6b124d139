package dev.kiln.model.deploy;

/**
 * A published port of a container environment, written as Docker's {@code -p} takes it.
 *
 * @param hostIp the host address it binds, or empty for every address
 * @param hostPort the host port, or 0 for one the engine picks
 * @param containerPort the container's port
 * @param protocol {@code tcp} or {@code udp}
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {

    /**
     * Reads {@code [IP:]HOST_PORT:CONTAINER_PORT[/PROTOCOL]} or {@code CONTAINER_PORT[/PROTOCOL]}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static PortMapping parse(String text) {
        String rest = text.strip();
        String protocol = "tcp";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                throw new IllegalArgumentException(
                        "port '" + text + "': the protocol must be tcp or udp, found '" + protocol + "'");
            }
        }
        String[] parts = rest.split(":", -1);
        if (parts.length > 3 || rest.isEmpty()) {
            throw new IllegalArgumentException(
                    "port '" + text + "': expected [IP:]HOST_PORT:CONTAINER_PORT or CONTAINER_PORT");
        }
        int container = port(text, parts[parts.length - 1], false);
        int host = parts.length >= 2 ? port(text, parts[parts.length - 2], true) : 0;
        String ip = parts.length == 3 ? parts[0] : "";
        return new PortMapping(ip, host, container, protocol);
    }

    private static int port(String text, String value, boolean zeroAllowed) {
        int port;
        try {
            port = value.isEmpty() && zeroAllowed ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + text + "': '" + value + "' is not a port number");
        }
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException("port '" + text + "': " + port + " is not between 1 and 65535");
        }
        return port;
    }

    /** Whether the host port is fixed, so two containers cannot publish it at once. */
    public boolean fixed() {
        return hostPort != 0;
    }

    @Override
    public String toString() {
        String host = hostPort == 0 ? "" : (hostIp.isEmpty() ? "" : hostIp + ":") + hostPort + ":";
        return host + containerPort + (protocol.equals("tcp") ? "" : "/" + protocol);
    }
}
