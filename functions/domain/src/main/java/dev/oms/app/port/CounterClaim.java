package dev.oms.app.port;

/**
 * Takes the next number of a tenant's gapless counter in the same transaction as an order's change: the counter moves
 * from {@code expected} to {@code expected + 1} only if it still is at {@code expected}, and only if the whole
 * transaction commits, so a failed transaction never uses up a number.
 */
public record CounterClaim(String tenantId, String counter, long expected) {
    public long next() { return expected + 1; }
}
