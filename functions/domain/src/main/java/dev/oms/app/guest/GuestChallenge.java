package dev.oms.app.guest;

/**
 * One guest lookup's verification code, keyed by a keyed hash of tenant, order number and email ({@code key}): the
 * code itself is never stored, only its keyed hash. A lookup that matched no order stores one too, with no
 * {@code orderId}, so a hit and a miss write the same.
 */
public record GuestChallenge(String key, String orderId, String codeHash, long expiresAtEpochSecond, int attempts, boolean used) {
    /** Wrong codes a challenge takes before it is dead. */
    public static final int MAX_ATTEMPTS = 5;

    public boolean usable(long nowEpochSecond) {
        return orderId != null && !used && attempts < MAX_ATTEMPTS && nowEpochSecond < expiresAtEpochSecond;
    }
}
