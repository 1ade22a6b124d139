package dev.kiln.cli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces a test makes, as other machines: each joined to a bridge on this host by a veth pair and given
 * its own address in a private /24; the host side of the bridge has {@code .1}. Nothing routes beyond it. Closing
 * deletes them all.
 */
public final class NetworkNamespaces implements AutoCloseable {
    private final String tag;
    private final String subnet;
    private final List<String> namespaces = new ArrayList<>();

    private NetworkNamespaces(String tag, String subnet) {
        this.tag = tag;
        this.subnet = subnet;
    }

    /** A bridge with {@code count} namespaces on it. */
    public static NetworkNamespaces create(int count) throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String tag = Integer.toHexString(0x1000 + random.nextInt(0xefff));
        NetworkNamespaces made = new NetworkNamespaces(tag, "10.231." + random.nextInt(1, 250));
        try {
            made.ip("link", "add", made.bridge(), "type", "bridge");
            made.ip("addr", "add", made.hostAddress() + "/24", "dev", made.bridge());
            made.ip("link", "set", made.bridge(), "up");
            for (int i = 1; i <= count; i++) {
                String ns = "kiln-" + tag + "-" + i;
                String outside = "kv" + tag + i + "h";
                String inside = "kv" + tag + i + "n";
                made.ip("netns", "add", ns);
                made.namespaces.add(ns);
                made.ip("link", "add", outside, "type", "veth", "peer", "name", inside);
                made.ip("link", "set", outside, "master", made.bridge(), "up");
                made.ip("link", "set", inside, "netns", ns);
                made.ip("-n", ns, "addr", "add", made.address(i) + "/24", "dev", inside);
                made.ip("-n", ns, "link", "set", inside, "up");
                made.ip("-n", ns, "link", "set", "lo", "up");
            }
        } catch (IOException | RuntimeException e) {
            made.close();
            throw e;
        }
        return made;
    }

    /** The host's address on the bridge, where the namespaces reach it. */
    public String hostAddress() {
        return subnet + ".1";
    }

    /** The address of namespace {@code i} (from 1). */
    public String address(int i) {
        return subnet + "." + (i + 1);
    }

    /** The name of namespace {@code i} (from 1), for {@code ip netns exec}. */
    public String namespace(int i) {
        return namespaces.get(i - 1);
    }

    private String bridge() {
        return "kbr" + tag;
    }

    private void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }

    @Override
    public void close() {
        for (String ns : namespaces) {
            quietly("netns", "delete", ns); // takes its end of the veth pair, and so the pair, with it
        }
        quietly("link", "delete", bridge());
    }

    private void quietly(String... args) {
        try {
            ip(args);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
