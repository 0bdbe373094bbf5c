package dev.oms.app.guest;

import java.util.Optional;

/** Where guest lookup challenges live (one per key; a new lookup replaces the last one). */
public interface GuestChallengeStore {
    void put(String tenantId, GuestChallenge challenge);

    Optional<GuestChallenge> find(String tenantId, String key);

    /** Counts a wrong code. */
    void recordFailedAttempt(String tenantId, String key);

    /** Marks the challenge used if it is still unused with fewer than the maximum attempts; false if someone was first. */
    boolean consume(String tenantId, String key);
}
