package dev.kiln.agent.backend;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** CodeBuild's Linux compute types and the memory and vCPUs each gives a build, before capping to the host. */
public enum ComputeType {
    BUILD_GENERAL1_SMALL(3, 2),
    BUILD_GENERAL1_MEDIUM(7, 4),
    BUILD_GENERAL1_LARGE(15, 8),
    BUILD_GENERAL1_XLARGE(70, 36),
    BUILD_GENERAL1_2XLARGE(145, 72);

    private final int memoryGiB;
    private final int vcpus;

    ComputeType(int memoryGiB, int vcpus) {
        this.memoryGiB = memoryGiB;
        this.vcpus = vcpus;
    }

    /** Memory in bytes. */
    public long memoryBytes() {
        return memoryGiB * 1024L * 1024L * 1024L;
    }

    /** vCPUs. */
    public int vcpus() {
        return vcpus;
    }

    /** Memory limit in bytes capped to what the host has. */
    public long memoryBytesOn(long hostMemoryBytes) {
        return hostMemoryBytes > 0 ? Math.min(memoryBytes(), hostMemoryBytes) : memoryBytes();
    }

    /** CPU limit capped to the host's CPUs. */
    public int vcpusOn(int hostCpus) {
        return hostCpus > 0 ? Math.min(vcpus, hostCpus) : vcpus;
    }

    /** Parses a name such as {@code BUILD_GENERAL1_SMALL} (case-insensitive; {@code SMALL} alone works too). */
    public static Optional<ComputeType> parse(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.name().equals(upper) || t.name().equals("BUILD_GENERAL1_" + upper))
                .findFirst();
    }

    /** Every name, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
