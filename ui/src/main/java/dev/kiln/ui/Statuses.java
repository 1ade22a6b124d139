package dev.kiln.ui;

import com.vaadin.flow.component.html.Span;
import dev.kiln.model.api.DeploymentStatus;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.JobState;
import dev.kiln.model.api.LifecycleStatus;
import dev.kiln.model.api.WireName;

/**
 * Statuses of runs, stages, actions, jobs, deployments and hosts as chips: Lumo's status colours plus a word and a
 * symbol, so they differ without colour too.
 */
public final class Statuses {
    private Statuses() {}

    /** How a status looks: Lumo's colour family (empty for grey) and a symbol. */
    enum Tone {
        SUCCESS("success", "✓"),
        ERROR("error", "✗"),
        ACTIVE("primary", "●"),
        ENDED("", "■"),
        NONE("", "○");

        private final String colour;
        private final String symbol;

        Tone(String colour, String symbol) {
            this.colour = colour;
            this.symbol = symbol;
        }

        /** Lumo's colour family: success, error, primary, or empty for grey. */
        String colour() {
            return colour;
        }

        String symbol() {
            return symbol;
        }
    }

    /** A chip labelled {@code label} for {@code status}, or for nothing yet (null: not run). */
    public static Span chip(String label, WireName status) {
        return chip(label, tone(status), status == null ? "" : status.wireName());
    }

    /** A chip showing the status itself, or {@code not run}. */
    public static Span chip(WireName status) {
        return chip(status == null ? "not run" : status.wireName(), status);
    }

    /** A chip labelled {@code label} with a tone, its {@code data-status} and title saying {@code status}. */
    public static Span chip(String label, Tone tone, String status) {
        Span chip = new Span(tone.symbol() + " " + label);
        chip.getElement().setAttribute("data-status", status.isEmpty() ? "none" : status);
        String colour = tone.colour();
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
                        colour.isEmpty() ? "var(--lumo-contrast-10pct)" : "var(--lumo-" + colour + "-color-10pct)")
                .set(
                        "color",
                        colour.isEmpty() ? "var(--lumo-body-text-color)" : "var(--lumo-" + colour + "-text-color)");
        chip.getElement().setAttribute("title", label + ": " + (status.isEmpty() ? "not run" : status));
        return chip;
    }

    /** The tone of any status the API says. */
    static Tone tone(WireName status) {
        if (status instanceof ExecutionStatus s) {
            return tone(s);
        }
        if (status instanceof JobState s) {
            return tone(s);
        }
        if (status instanceof DeploymentStatus s) {
            return tone(s);
        }
        if (status instanceof LifecycleStatus s) {
            return tone(s);
        }
        return Tone.NONE;
    }

    static Tone tone(ExecutionStatus status) {
        switch (status) {
            case SUCCEEDED:
                return Tone.SUCCESS;
            case FAILED:
                return Tone.ERROR;
            case IN_PROGRESS:
            case STOPPING:
                return Tone.ACTIVE;
            case STOPPED:
            case ABANDONED:
            case SUPERSEDED:
                return Tone.ENDED;
            default:
                throw new IllegalArgumentException(status.name());
        }
    }

    static Tone tone(JobState state) {
        switch (state) {
            case SUCCEEDED:
                return Tone.SUCCESS;
            case FAILED:
                return Tone.ERROR;
            case LEASED:
            case RUNNING:
                return Tone.ACTIVE;
            case ABANDONED:
                return Tone.ENDED;
            case QUEUED:
                return Tone.NONE;
            default:
                throw new IllegalArgumentException(state.name());
        }
    }

    static Tone tone(DeploymentStatus status) {
        switch (status) {
            case SUCCEEDED:
                return Tone.SUCCESS;
            case FAILED:
                return Tone.ERROR;
            case QUEUED:
            case IN_PROGRESS:
                return Tone.ACTIVE;
            case STOPPED:
                return Tone.ENDED;
            case CREATED:
                return Tone.NONE;
            default:
                throw new IllegalArgumentException(status.name());
        }
    }

    static Tone tone(LifecycleStatus status) {
        switch (status) {
            case SUCCEEDED:
                return Tone.SUCCESS;
            case FAILED:
                return Tone.ERROR;
            case IN_PROGRESS:
                return Tone.ACTIVE;
            case SKIPPED:
                return Tone.ENDED;
            case PENDING:
                return Tone.NONE;
            default:
                throw new IllegalArgumentException(status.name());
        }
    }
}
