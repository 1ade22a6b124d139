package dev.kiln.ui;

import com.vaadin.flow.component.html.Span;

/**
 * Run, stage and action statuses as chips: Lumo's status colours plus a word and a symbol, so they differ without
 * colour too.
 */
public final class Statuses {
    private Statuses() {}

    /** A chip for {@code status} ({@code Succeeded}, {@code Failed}, {@code InProgress}, ... or empty: not run). */
    public static Span chip(String label, String status) {
        String shown = status == null || status.isEmpty() || status.equals("null") ? "" : status;
        Span chip = new Span(symbol(shown) + " " + label);
        chip.getElement().setAttribute("data-status", shown.isEmpty() ? "none" : shown);
        String tone = tone(shown);
        chip.getStyle()
                .set("display", "inline-flex")
                .set("gap", "0.25em")
                .set("padding", "0.1em 0.6em")
                .set("margin-right", "0.3em")
                .set("border-radius", "1em")
                .set("font-size", "var(--lumo-font-size-s)")
                .set("white-space", "nowrap")
                .set(
                        "background",
                        tone.isEmpty() ? "var(--lumo-contrast-10pct)" : "var(--lumo-" + tone + "-color-10pct)")
                .set("color", tone.isEmpty() ? "var(--lumo-body-text-color)" : "var(--lumo-" + tone + "-text-color)");
        chip.getElement().setAttribute("title", label + ": " + (shown.isEmpty() ? "not run" : shown));
        return chip;
    }

    /** Lumo's colour family for a status: success, error, primary, or empty for grey. */
    static String tone(String status) {
        switch (status) {
            case "Succeeded":
                return "success";
            case "Failed":
                return "error";
            case "InProgress":
            case "Stopping":
                return "primary";
            default:
                return "";
        }
    }

    static String symbol(String status) {
        switch (status) {
            case "Succeeded":
                return "✓";
            case "Failed":
                return "✗";
            case "InProgress":
            case "Stopping":
                return "●";
            case "Stopped":
            case "Abandoned":
            case "Superseded":
                return "■";
            default:
                return "○";
        }
    }
}
