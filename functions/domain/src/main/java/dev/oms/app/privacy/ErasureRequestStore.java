package dev.oms.app.privacy;

import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.RecordedEvent;
import dev.oms.domain.privacy.ErasureRequest;
import java.util.Optional;

/**
 * The erasure requests: one item per request, and per subject (its digest) a pointer to the latest one. Each write
 * carries its event in the same transaction; a lost race is {@link dev.oms.app.port.ConcurrentUpdateException}.
 */
public interface ErasureRequestStore {
    Optional<ErasureRequest> find(String tenantId, String requestId);

    /** The subject's latest request, if any. */
    Optional<ErasureRequest> latest(String tenantId, String subjectDigest);

    /**
     * Writes a new request with its {@code customer.erasure_requested} event, the start guard of its workflow and the
     * idempotent answer, and points the subject at it (only if the pointer still names {@code previousRequestId}).
     */
    void create(ErasureRequest request, String previousRequestId, RecordedEvent event, IdempotencyRecord idempotency);

    /** Writes a change of the request (at {@code request.version() - 1}), with its event when there is one. */
    void save(ErasureRequest request, RecordedEvent event);
}
