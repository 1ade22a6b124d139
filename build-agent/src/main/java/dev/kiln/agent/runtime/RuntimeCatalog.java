package dev.kiln.agent.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The runtimes Kiln's default image offers through {@code runtime-versions}: the versions Debian 12 packages, each
 * with its packages. A version is asked for as CodeBuild's images take it: {@code latest}, the version itself
 * ({@code 17}, {@code 3.11}), its major line ({@code 18.x}, {@code 3.x}), or a vendor's name for it
 * ({@code corretto17}, {@code openjdk17}). Immutable.
 */
public final class RuntimeCatalog {
    /**
     * One installable runtime version.
     *
     * @param name the runtime ({@code java})
     * @param version its version ({@code 17})
     * @param packages the Debian packages that install it
     */
    public record LanguageRuntime(String name, String version, List<String> packages) {
        public LanguageRuntime {
            packages = List.copyOf(packages);
        }
    }

    /** The default image's catalog (Debian 12, bookworm). */
    public static final RuntimeCatalog DEBIAN_12 = new RuntimeCatalog(List.of(
            new LanguageRuntime("java", "17", List.of("openjdk-17-jdk-headless", "maven")),
            new LanguageRuntime("nodejs", "18", List.of("nodejs", "npm")),
            new LanguageRuntime("python", "3.11", List.of("python3", "python3-pip", "python3-venv")),
            new LanguageRuntime("ruby", "3.1", List.of("ruby", "ruby-dev", "bundler")),
            new LanguageRuntime("golang", "1.19", List.of("golang-go")),
            new LanguageRuntime("php", "8.2", List.of("php-cli", "composer"))));

    private final List<LanguageRuntime> runtimes;

    RuntimeCatalog(List<LanguageRuntime> runtimes) {
        this.runtimes = List.copyOf(runtimes);
    }

    /**
     * What a {@code runtime-versions} map resolves to.
     *
     * @param runtimes the chosen runtime versions, in name order
     * @param packages every package they need, once each
     * @param error why it does not resolve (naming what is available), or null
     */
    public record Selection(
            List<LanguageRuntime> runtimes,
            List<String> packages,
            @Nullable String error) {
        public Selection {
            runtimes = List.copyOf(runtimes);
            packages = List.copyOf(packages);
        }

        /** {@code java 17, python 3.11}. */
        public String describe() {
            return String.join(
                    ", ",
                    runtimes.stream().map(r -> r.name() + " " + r.version()).toList());
        }
    }

    /** Resolves every requested runtime, or says which one is not available and what is. */
    public Selection select(Map<String, String> requested) {
        List<LanguageRuntime> chosen = new ArrayList<>();
        Set<String> packages = new LinkedHashSet<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(requested).entrySet()) {
            Optional<LanguageRuntime> runtime = find(entry.getKey(), entry.getValue());
            if (runtime.isEmpty()) {
                return new Selection(
                        List.of(),
                        List.of(),
                        "runtime " + entry.getKey() + " " + entry.getValue() + " is not available on this image;"
                                + " available: " + available());
            }
            chosen.add(runtime.get());
            packages.addAll(runtime.get().packages());
        }
        return new Selection(chosen, new ArrayList<>(packages), null);
    }

    private Optional<LanguageRuntime> find(String name, String requested) {
        String version = requested.strip().toLowerCase(Locale.ROOT);
        List<LanguageRuntime> named =
                runtimes.stream().filter(r -> r.name().equals(name)).toList();
        if (named.isEmpty()) {
            return Optional.empty();
        }
        if (version.equals("latest")) {
            return Optional.of(named.get(named.size() - 1));
        }
        String bare = version.replaceFirst("^(corretto|openjdk|adoptopenjdk|temurin)", "");
        for (LanguageRuntime r : named) {
            String v = r.version();
            if (bare.equals(v) || bare.equals(v + ".x") || majorLine(bare, v)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** {@code 3.x} matches 3.11; {@code 3.11.x} matches 3.11. */
    private static boolean majorLine(String requested, String version) {
        if (!requested.endsWith(".x")) {
            return false;
        }
        String prefix = requested.substring(0, requested.length() - 1);
        return (version + ".").startsWith(prefix);
    }

    /** {@code golang 1.19, java 17, ...}: every runtime version offered, with {@code latest}. */
    public String available() {
        return String.join(
                ", ",
                runtimes.stream()
                        .map(r -> r.name() + " " + r.version())
                        .sorted()
                        .toList());
    }
}
