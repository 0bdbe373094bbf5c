package dev.oms.app.impersonation;

import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdempotencyRecord;
import java.util.Optional;

/** The customers' impersonation choices, one item per customer, each change written with its event. */
public interface ImpersonationConsentStore {
    Optional<ImpersonationConsent> find(String tenantId, String customerId);

    /**
     * Writes the choice with the event {@code customer.impersonation_consent_changed} and the idempotent answer, in one
     * transaction; {@code false} when another change came first (the stored version is not {@code next.version() - 1}).
     */
    boolean save(ImpersonationConsent next, String eventId, CommandMeta meta, IdempotencyRecord idempotency);
}
