package dev.oms.domain.job;

import java.util.Locale;

/**
 * {@code queued}: accepted, waiting for the runner (or for its upload). {@code running}: a runner works on it.
 * Final: {@code succeeded}, {@code partially_succeeded} (some rows or orders failed), {@code failed}, {@code cancelled}.
 */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, PARTIALLY_SUCCEEDED, FAILED, CANCELLED;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public boolean isFinal() { return this != QUEUED && this != RUNNING; }

    public static JobStatus fromWire(String value) {
        for (JobStatus s : values()) if (s.wire().equals(value)) return s;
        throw new IllegalArgumentException("unknown job status: " + value);
    }
}
