package dev.oms.app.impersonation;

import java.time.Instant;

/**
 * A customer's own choice about being impersonated by the shop's staff ({@code POST /v1/customer/impersonation-consent}):
 * {@code allowed} or not, when it was last changed, and its version (the number of changes).
 */
public record ImpersonationConsent(String tenantId, String customerId, boolean allowed, Instant changedAt, long version) { }
