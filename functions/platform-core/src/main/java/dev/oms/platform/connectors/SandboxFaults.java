package dev.oms.platform.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fault switches for the sandbox connectors: make the next {@code times} calls of a connector operation fail, time
 * out, decline or defer their answer. Set by tests and the local runtime (never by request payloads). One registry per JVM.
 */
public final class SandboxFaults {
    /** {@code DEFER}: an operation that answers a decision later (a carrier's scan form) answers "pending". */
    public enum Mode { FAIL, TIMEOUT, DECLINE, DEFER }

    public record Fault(String connector, String operation, Mode mode, int remaining) { }

    private static final List<Fault> FAULTS = new ArrayList<>();

    private SandboxFaults() { }

    public static synchronized void inject(String connector, String operation, Mode mode, int times) {
        FAULTS.removeIf(f -> f.connector().equals(connector) && f.operation().equals(operation));
        FAULTS.add(new Fault(connector, operation, mode, times));
    }

    public static synchronized List<Fault> list() { return List.copyOf(FAULTS); }

    public static synchronized void clear() { FAULTS.clear(); }

    /** The fault to apply to this call, consuming one of its remaining times; null when the call should work. */
    public static synchronized Mode next(String connector, String operation) {
        for (int i = 0; i < FAULTS.size(); i++) {
            Fault f = FAULTS.get(i);
            if (f.connector().equals(connector) && (f.operation().equals(operation) || f.operation().equals("*"))) {
                if (f.remaining() <= 1) FAULTS.remove(i); else FAULTS.set(i, new Fault(f.connector(), f.operation(), f.mode(), f.remaining() - 1));
                return f.mode();
            }
        }
        return null;
    }

    public static Mode parseMode(String s) { return Mode.valueOf(s.toUpperCase(Locale.ROOT)); }
}
