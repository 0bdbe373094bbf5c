package dev.oms.app.connector.registry;

import dev.oms.app.CommandContext;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.DomainException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connector registry of a tenant: which adapter serves each port, with its settings and secret references, how
 * each fares (health) and what it was asked (call log). Secrets are only ever references here.
 */
public final class ConnectorAdministration {
    private static final int ATTEMPTS = 5;

    private final ConnectorRegistry registry;
    private final ConnectorCallLog calls;
    private final Clock clock;

    public ConnectorAdministration(ConnectorRegistry registry, ConnectorCallLog calls, Clock clock) {
        this.registry = registry;
        this.calls = calls;
        this.clock = clock;
    }

    /** A port's choice (the sandbox, version 0, when the tenant made none) and the chosen adapter's health. */
    public record ConnectorView(ConnectorConfig config, ConnectorHealth health) { }

    public List<ConnectorView> list(CommandContext ctx) {
        Map<ConnectorPort, ConnectorConfig> stored = new java.util.EnumMap<>(ConnectorPort.class);
        registry.list(ctx.tenantId()).forEach(c -> stored.put(c.port(), c));
        List<ConnectorView> out = new ArrayList<>();
        for (ConnectorPort port : ConnectorPort.values()) {
            ConnectorConfig c = stored.getOrDefault(port, ConnectorConfig.sandbox(ctx.tenantId(), port));
            out.add(new ConnectorView(c, calls.health(ctx.tenantId(), port, c.adapter())));
        }
        return out;
    }

    public ConnectorView get(CommandContext ctx, ConnectorPort port) {
        ConnectorConfig c = registry.get(ctx.tenantId(), port).orElse(ConnectorConfig.sandbox(ctx.tenantId(), port));
        return new ConnectorView(c, calls.health(ctx.tenantId(), port, c.adapter()));
    }

    public Page<ConnectorCall> calls(CommandContext ctx, ConnectorPort port, PageRequest page) {
        return calls.calls(ctx.tenantId(), port, page);
    }

    /**
     * Chooses the adapter of a port. The adapter must serve the port (422 {@code connector.adapter_not_supported});
     * its settings and secret references must be what it takes (400, one error per field). {@code If-Match}
     * compares with the stored version (409 {@code connector.version_conflict}).
     */
    public ConnectorView configure(CommandContext ctx, ConnectorPort port, String adapter, Map<String, String> settings,
                                   Map<String, String> secrets) {
        if (!port.adapters().contains(adapter)) {
            throw DomainException.unprocessable("connector.adapter_not_supported",
                    "The " + port.wireName() + " port cannot use the adapter " + adapter,
                    "Choose one of " + port.adapters() + ".").with("adapters", port.adapters());
        }
        List<DomainException.FieldError> errors = AdapterSpec.of(adapter).check(settings, secrets);
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long current = registry.get(ctx.tenantId(), port).map(ConnectorConfig::version).orElse(0L);
            if (ctx.expectedVersion() != null && ctx.expectedVersion() != current) throw versionConflict(current);
            ConnectorConfig next = new ConnectorConfig(ctx.tenantId(), port, adapter, settings, secrets, current + 1,
                    clock.instant(), ctx.caller().subject());
            if (registry.put(next)) return new ConnectorView(next, calls.health(ctx.tenantId(), port, adapter));
            if (ctx.expectedVersion() != null) throw versionConflict(registry.get(ctx.tenantId(), port).map(ConnectorConfig::version).orElse(0L));
        }
        throw DomainException.conflict("connector.contention", "The connector kept changing while it was written", "Send the request again.");
    }

    private static DomainException versionConflict(long current) {
        return new DomainException(DomainException.Kind.CONFLICT, "connector.version_conflict",
                "The connector changed since it was read", "Read it again and send the change with its ETag.",
                Map.of("current_version", current), List.of());
    }
}
