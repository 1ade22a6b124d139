package dev.kiln.ui;

import com.vaadin.flow.component.html.Span;
import dev.kiln.model.api.DeploymentStatus;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.JobState;
import dev.kiln.model.api.LifecycleStatus;
import dev.kiln.model.api.WireName;
import org.jspecify.annotations.Nullable;

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
    public static Span chip(String label, @Nullable WireName status) {
        return chip(label, tone(status), status == null ? "" : status.wireName());
    }

    /** A chip showing the status itself, or {@code not run}. */
    public static Span chip(@Nullable WireName status) {
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
    static Tone tone(@Nullable WireName status) {
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
        return switch (status) {
            case SUCCEEDED -> Tone.SUCCESS;
            case FAILED -> Tone.ERROR;
            case IN_PROGRESS, STOPPING -> Tone.ACTIVE;
            case STOPPED, ABANDONED, SUPERSEDED -> Tone.ENDED;
        };
    }

    static Tone tone(JobState state) {
        return switch (state) {
            case SUCCEEDED -> Tone.SUCCESS;
            case FAILED -> Tone.ERROR;
            case LEASED, RUNNING -> Tone.ACTIVE;
            case ABANDONED -> Tone.ENDED;
            case QUEUED -> Tone.NONE;
        };
    }

    static Tone tone(DeploymentStatus status) {
        return switch (status) {
            case SUCCEEDED -> Tone.SUCCESS;
            case FAILED -> Tone.ERROR;
            case QUEUED, IN_PROGRESS -> Tone.ACTIVE;
            case STOPPED -> Tone.ENDED;
            case CREATED -> Tone.NONE;
        };
    }

    static Tone tone(LifecycleStatus status) {
        return switch (status) {
            case SUCCEEDED -> Tone.SUCCESS;
            case FAILED -> Tone.ERROR;
            case IN_PROGRESS -> Tone.ACTIVE;
            case SKIPPED -> Tone.ENDED;
            case PENDING -> Tone.NONE;
        };
    }
}
