package dev.oms.app.port;

/**
 * Lets a use case commit the response of an idempotent request in the same transaction as its change. The HTTP layer
 * implements it for requests that carry an Idempotency-Key; {@link #NONE} otherwise.
 */
public interface ResponseJournal {
    ResponseJournal NONE = new ResponseJournal() {
        @Override public IdempotencyRecord recordFor(Object result) { return null; }
        @Override public void written() { }
    };

    /** The completed record for this result, or null when the request has no Idempotency-Key. */
    IdempotencyRecord recordFor(Object result);

    /** Called once the record was committed with the change. */
    void written();

    /**
     * A stable key of the request when it has an Idempotency-Key (the same for every retry of it), or null. A use case
     * that calls another service before it commits derives its ids from it, so a retry after a crash finds the work
     * the first attempt planned instead of planning it again.
     */
    default String requestKey() { return null; }
}
