package dev.oms.app.port;

/** Prefixed, time-ordered ids ({@code ord_01J...}). */
public interface IdGenerator {
    String next(String prefix);
}
