package dev.oms.platform.http;

import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.ResponseJournal;
import java.util.function.Function;

/** The idempotency journal of one request: renders the result once and remembers whether it was committed. */
final class HttpJournal implements ResponseJournal {
    private final String tenant;
    private final String scope;
    private final String owner;
    private final String fingerprint;
    private final long expiresAt;
    private Function<Object, ApiResponse> render;
    private ApiResponse rendered;
    private boolean written;

    HttpJournal(String tenant, String scope, String owner, String fingerprint, long expiresAt) {
        this.tenant = tenant;
        this.scope = scope;
        this.owner = owner;
        this.fingerprint = fingerprint;
        this.expiresAt = expiresAt;
    }

    @SuppressWarnings("unchecked")
    <T> void renderWith(Function<T, ApiResponse> r) { this.render = (Function<Object, ApiResponse>) r; }

    @Override
    public IdempotencyRecord recordFor(Object result) {
        if (render == null) return null;
        rendered = render.apply(result);
        return record(rendered);
    }

    IdempotencyRecord record(ApiResponse response) {
        return new IdempotencyRecord(tenant, scope, owner, fingerprint, response.status(), response.body(), response.headers(), expiresAt);
    }

    @Override
    public void written() { written = true; }

    @Override
    public String requestKey() { return dev.oms.platform.dynamo.IdempotencyStore.hash(tenant + "\n" + scope); }

    boolean isWritten() { return written; }

    ApiResponse rendered() { return rendered; }

    String tenant() { return tenant; }

    String scope() { return scope; }

    String owner() { return owner; }
}
