package dev.oms.platform.config;

/**
 * Configuration: a Lambda environment variable, or the JVM system property of the same name (how the local runtime,
 * which runs every function in one JVM, passes each its settings).
 */
public final class Env {
    private Env() { }

    public static String get(String name, String fallback) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public static String required(String name) {
        String v = get(name, null);
        if (v == null) throw new IllegalStateException("Missing configuration " + name);
        return v;
    }
}
