package dev.oms.app.port;

import dev.oms.domain.job.Job;
import java.util.Optional;

/** Jobs in the store: one item each, written over the version they were read at. */
public interface JobRepository {
    /** Stores a new job and, when the request carried an Idempotency-Key, its completed record, atomically. */
    void create(Job job, IdempotencyRecord idempotency);

    Optional<Job> find(String tenantId, String jobId);

    /**
     * Writes the changed job if the stored one is still at {@code expectedVersion}.
     *
     * @throws ConcurrentUpdateException otherwise
     */
    void update(Job job, long expectedVersion);

    /** The tenant's jobs, newest first. */
    Page<Job> list(String tenantId, PageRequest page);
}
