package dev.kiln.model.deploy;

/**
 * One host of an SSH environment.
 *
 * @param user the user Kiln logs in as
 * @param host a name or address
 * @param port the SSH port
 */
public record SshHost(String user, String host, int port) {
    /**
     * Reads {@code USER@HOST[:PORT]} ({@code [ADDRESS]:PORT} for IPv6).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static SshHost parse(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("expected USER@HOST[:PORT], found '" + text + "'");
        }
        String user = text.substring(0, at);
        String rest = text.substring(at + 1);
        String host = rest;
        int port = 22;
        int colon = rest.lastIndexOf(':');
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in '" + text + "'");
            }
            host = rest.substring(1, close);
            colon = rest.indexOf(':', close);
        } else if (colon >= 0) {
            host = rest.substring(0, colon);
        }
        if (colon >= 0) {
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port in '" + text + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the port in '" + text + "' must be between 1 and 65535");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("no host in '" + text + "'");
        }
        return new SshHost(user, host, port);
    }

    /** How OpenSSH names the host in known_hosts: {@code host}, or {@code [host]:port} off port 22. */
    public String knownHostsName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    @Override
    public String toString() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + (port == 22 ? "" : ":" + port);
    }
}
