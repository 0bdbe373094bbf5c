package dev.oms.app.port;

import dev.oms.domain.settings.Policy;
import java.util.List;
import java.util.Optional;

/** A tenant's automation policies, all in one partition (at most {@code PolicyRules.MAX_POLICIES}). */
public interface PolicyStore {
    List<Policy> list(String tenantId);

    Optional<Policy> find(String tenantId, String policyId);

    /** Stores a new policy with the idempotent response. */
    void create(String tenantId, Policy policy, IdempotencyRecord idempotency);

    /** Replaces the policy if it is still at {@code expectedVersion}; {@link ConcurrentUpdateException} otherwise. */
    void update(String tenantId, Policy policy, long expectedVersion, IdempotencyRecord idempotency);
}
