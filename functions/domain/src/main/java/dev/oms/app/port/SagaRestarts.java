package dev.oms.app.port;

/**
 * Puts a saga start that the sweeper parked (it failed too often) back in the sweep, with its attempts reset: what
 * {@code retry} of a {@code saga_not_started} repair item does.
 */
@FunctionalInterface
public interface SagaRestarts {
    /** False when there is no such start any more (it was confirmed meanwhile). */
    boolean rearm(String tenantId, String subjectId);
}
