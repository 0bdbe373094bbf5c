package dev.oms.app.port;

/** The stored aggregate was changed since it was read. */
public class ConcurrentUpdateException extends RuntimeException {
    private final long currentVersion;

    public ConcurrentUpdateException(long currentVersion) {
        super("stored version is " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() { return currentVersion; }
}
