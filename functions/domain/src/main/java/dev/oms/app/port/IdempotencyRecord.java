package dev.oms.app.port;

import java.util.Map;

/**
 * The stored outcome of a request made with an Idempotency-Key. {@code scope} is tenant-relative
 * (principal, method, route and key); {@code owner} is the request that claimed it; {@code status} and {@code body}
 * are the response to replay.
 */
public record IdempotencyRecord(String tenantId, String scope, String owner, String fingerprint, int status,
                                String body, Map<String, String> headers, long expiresAtEpochSecond) { }
