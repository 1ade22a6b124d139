package dev.kiln.model.deploy;

/**
 * How many hosts must stay healthy during a deployment: a count, or a percentage of the fleet (rounded up).
 *
 * @param type {@code HOST_COUNT} or {@code FLEET_PERCENT}
 * @param value the count (0 or more) or the percentage (0 to 99)
 */
public record MinimumHealthyHosts(String type, int value) {
    /** A count of hosts. */
    public static final String HOST_COUNT = "HOST_COUNT";
    /** A percentage of the fleet. */
    public static final String FLEET_PERCENT = "FLEET_PERCENT";

    public MinimumHealthyHosts {
        if (!HOST_COUNT.equals(type) && !FLEET_PERCENT.equals(type)) {
            throw new IllegalArgumentException("minimum healthy hosts type must be HOST_COUNT or FLEET_PERCENT");
        }
        if (value < 0 || (FLEET_PERCENT.equals(type) && value > 99)) {
            throw new IllegalArgumentException(
                    FLEET_PERCENT.equals(type)
                            ? "a minimum of healthy hosts in percent must be between 0 and 99, found " + value
                            : "a minimum of healthy hosts must be 0 or more, found " + value);
        }
    }

    /**
     * Reads {@code N} (a count) or {@code N%} (a percentage).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static MinimumHealthyHosts parse(String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        String digits = percent ? t.substring(0, t.length() - 1).strip() : t;
        if (!digits.matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException(
                    "expected a count such as 2 or a percentage such as 50%, found '" + text + "'");
        }
        return new MinimumHealthyHosts(percent ? FLEET_PERCENT : HOST_COUNT, Integer.parseInt(digits));
    }

    /** The minimum as a number of hosts of a fleet of {@code hosts}. */
    public int of(int hosts) {
        return HOST_COUNT.equals(type) ? value : (hosts * value + 99) / 100;
    }

    @Override
    public String toString() {
        return HOST_COUNT.equals(type) ? Integer.toString(value) : value + "%";
    }
}
