package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.registry.ConnectorCall;
import dev.oms.app.connector.registry.ConnectorCallLog;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorHealth;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.app.connector.registry.ConnectorRegistry;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.DomainException;
import dev.oms.platform.observability.ConnectorCallContext;
import dev.oms.platform.observability.Observability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Chooses the adapter of a tenant's port from the registry (read at most every {@link #REFRESH}), builds it once per
 * configuration version, and runs each call through the adapter's circuit breaker and into the call log and health.
 * A port the tenant did not configure uses the sandbox, unless {@code requireRegistry} (then it is
 * {@code connector.unavailable}). Sandbox calls are not logged: the sandbox lives in the table and is not a service.
 */
public final class Connectors {
    static final Duration REFRESH = Duration.ofSeconds(30);

    private final ConnectorRegistry registry;
    private final ConnectorCallLog log;
    private final IdGenerator ids;
    private final Clock clock;
    private final ConnectorAdapterProvider.Environment environment;
    private final boolean requireRegistry;
    private final Map<ConnectorPort, Object> sandboxes = new EnumMap<>(ConnectorPort.class);
    private final Map<ConnectorPort, Object> relays = new ConcurrentHashMap<>();
    private final Map<ConnectorPort, ConnectorRelay> connectorRelays = new ConcurrentHashMap<>();

    /** Builds the relay of a connector registered by id, for one operation ({@link ProviderRelay}). */
    @FunctionalInterface
    public interface ConnectorRelay {
        Object create(String connectorId, ConnectorConfig config, String operation);
    }
    private final Map<String, ConnectorAdapterProvider> providers = new HashMap<>();
    private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public Connectors(ConnectorRegistry registry, ConnectorCallLog log, IdGenerator ids, Clock clock,
                      ConnectorAdapterProvider.Environment environment, boolean requireRegistry) {
        this.registry = registry;
        this.log = log;
        this.ids = ids;
        this.clock = clock;
        this.environment = environment;
        this.requireRegistry = requireRegistry;
        ServiceLoader.load(ConnectorAdapterProvider.class, Connectors.class.getClassLoader()).forEach(this::provider);
    }

    /** Adds the adapters of a vendor (found on the class path at construction; tests add their own). */
    public Connectors provider(ConnectorAdapterProvider p) {
        providers.put(p.adapter(), p);
        return this;
    }

    /** The sandbox of a port: what a tenant without a registry entry uses (unless the registry is required). */
    public Connectors sandbox(ConnectorPort port, Object adapter) {
        sandboxes.put(port, adapter);
        return this;
    }

    /**
     * Where a port's calls to a vendor adapter (any but the sandbox) go: the function that carries the vendors' SDKs
     * ({@link PaymentsRelay}), whose own registry runs each call through the breaker and into the call log.
     */
    public Connectors relay(ConnectorPort port, Object adapter) {
        relays.put(port, adapter);
        return this;
    }

    /**
     * Where calls to connectors registered by id (fulfilment connectors) of a port go, unless they are sandboxes: the
     * function that carries their adapters ({@link ProviderRelay}), whose own registry runs and logs each call.
     */
    public Connectors relayConnectors(ConnectorPort port, ConnectorRelay relay) {
        connectorRelays.put(port, relay);
        return this;
    }

    /** The adapter the registry names for a tenant's port (without building it), {@code not_configured} when required and absent. */
    public String adapterName(String tenantId, ConnectorPort port) {
        return registry.get(tenantId, port).map(ConnectorConfig::adapter).orElse(requireRegistry ? "not_configured" : ConnectorPort.SANDBOX);
    }

    /**
     * A secret of the tenant's adapter of a port (such as Stripe's {@code webhook_secret}), when the tenant's adapter
     * is {@code adapter} and names it; empty otherwise. The value comes from the secret store, never the table.
     */
    public java.util.Optional<String> secret(String tenantId, ConnectorPort port, String adapter, String name) {
        ConnectorConfig config = resolve(tenantId, port).config;
        if (!config.adapter().equals(adapter) || !config.secrets().containsKey(name)) return java.util.Optional.empty();
        return java.util.Optional.of(environment.secrets().get(config.secrets().get(name)));
    }

    /** Forgets what was read from the registry (after a change through the API, so this container sees it at once). */
    public void forget(String tenantId, ConnectorPort port) { resolved.remove(tenantId + "|" + port.wireName()); }

    /** Reads the tenant's registry entry again at the next call, keeping the adapter built for an unchanged version. */
    public void reread(String tenantId, ConnectorPort port) {
        resolved.computeIfPresent(tenantId + "|" + port.wireName(), (k, r) -> new Resolved(r.config, r.adapter, Instant.EPOCH));
    }

    /** Runs one operation against the tenant's adapter of a port, with circuit breaker, call log and health. */
    public <T, R> R call(String tenantId, ConnectorPort port, Class<T> type, String operation, Function<T, R> action) {
        Resolved r = resolve(tenantId, port);
        T adapter = type.cast(r.adapter);
        if (r.config.adapter().equals(ConnectorPort.SANDBOX) || r.adapter == relays.get(port)) return action.apply(adapter);
        return run(tenantId, port, null, r.config.adapter(), operation, () -> action.apply(adapter));
    }

    /**
     * Runs one operation against a connector the tenant registered by id (a fulfilment connector), built from its own
     * configuration once per version: the same circuit breaker (per connector), and a call log of its own
     * ({@code connectorId}), sandbox calls included, so that its {@code logs} show every round trip.
     */
    public <T, R> R callConnector(String connectorId, ConnectorConfig config, Class<T> type, String operation, Function<T, R> action) {
        ConnectorRelay relay = connectorRelays.get(config.port());
        if (relay != null && !config.adapter().equals(ConnectorPort.SANDBOX)) return action.apply(type.cast(relay.create(connectorId, config, operation)));
        String key = "connector|" + config.tenantId() + "|" + connectorId;
        Resolved cached = resolved.get(key);
        Object built = cached != null && cached.config.version() == config.version() ? cached.adapter : build(config.port(), config);
        if (cached == null || cached.adapter != built) resolved.put(key, new Resolved(config, built, clock.instant()));
        T adapter = type.cast(built);
        return run(config.tenantId(), config.port(), connectorId, config.adapter(), operation, () -> action.apply(adapter));
    }

    private <R> R run(String tenantId, ConnectorPort port, String connectorId, String name, String operation, java.util.function.Supplier<R> action) {
        CircuitBreaker breaker = breakers.computeIfAbsent(tenantId + "|" + (connectorId != null ? connectorId : port.wireName()) + "|" + name,
                k -> new CircuitBreaker(clock));
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        if (!breaker.allow()) {
            write(new ConnectorCall(ids.next("cc"), tenantId, port, name, operation, start, 0, ConnectorCall.CIRCUIT_OPEN,
                    "the circuit breaker is open after repeated failures", ConnectorCallContext.correlationId(), null, connectorId));
            throw new ConnectorException(port.wireName(), operation, "the circuit breaker is open after repeated failures of " + name);
        }
        ConnectorCallContext.takeVendorRequestId();
        String outcome = ConnectorCall.OK;
        String error = null;
        try {
            return action.get();
        } catch (ConnectorException e) {
            outcome = ConnectorCall.FAILED;
            error = e.getMessage();
            throw e;
        } catch (DomainException e) {
            outcome = ConnectorCall.REFUSED;
            error = e.code();
            throw e;
        } catch (RuntimeException e) {
            outcome = ConnectorCall.FAILED;
            error = e.getClass().getSimpleName();
            Observability.error("connector " + port.wireName() + " " + name + " " + operation + " failed unexpectedly", e);
            throw new ConnectorException(port.wireName(), operation, name + " failed unexpectedly (" + e.getClass().getSimpleName() + ")");
        } finally {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String changed = breaker.record(ConnectorCall.FAILED.equals(outcome));
            write(new ConnectorCall(ids.next("cc"), tenantId, port, name, operation, start, ms, outcome, error,
                    ConnectorCallContext.correlationId(), ConnectorCallContext.takeVendorRequestId(), connectorId));
            if (ConnectorHealth.OPEN.equals(changed)) Observability.count("Connectors", "ConnectorCircuitsOpened", 1);
            if (changed != null && connectorId == null) {
                try {
                    log.circuitChanged(tenantId, port, name, changed, clock.instant());
                } catch (RuntimeException e) {
                    Observability.error("connector circuit state not recorded", e);
                }
            }
        }
    }

    private void write(ConnectorCall call) {
        try {
            log.record(call);
        } catch (RuntimeException e) {
            Observability.error("connector call not logged", e); // the call itself stands
        }
    }

    private Resolved resolve(String tenantId, ConnectorPort port) {
        String key = tenantId + "|" + port.wireName();
        Instant now = clock.instant();
        Resolved cached = resolved.get(key);
        if (cached != null && now.isBefore(cached.readAt.plus(REFRESH))) return cached;
        ConnectorConfig config = registry.get(tenantId, port).orElse(null);
        if (config == null) {
            if (requireRegistry) {
                throw new ConnectorException(port.wireName(), "resolve", "no connector is configured for " + port.wireName()
                        + " and this deployment requires one (CONNECTORS_REQUIRE_REGISTRY)");
            }
            config = ConnectorConfig.sandbox(tenantId, port);
        }
        Object adapter = cached != null && cached.config.version() == config.version() && cached.config.adapter().equals(config.adapter())
                ? cached.adapter : build(port, config);
        Resolved r = new Resolved(config, adapter, now);
        resolved.put(key, r);
        return r;
    }

    private Object build(ConnectorPort port, ConnectorConfig config) {
        if (config.adapter().equals(ConnectorPort.SANDBOX)) {
            Object sandbox = sandboxes.get(port);
            if (sandbox == null) throw new ConnectorException(port.wireName(), "resolve", "this function has no sandbox for " + port.wireName());
            return sandbox;
        }
        if (relays.containsKey(port)) return relays.get(port);
        ConnectorAdapterProvider p = providers.get(config.adapter());
        if (p == null || !p.ports().contains(port)) {
            throw new ConnectorException(port.wireName(), "resolve", "the adapter " + config.adapter() + " is not part of this function");
        }
        return p.create(port, config, environment);
    }

    private record Resolved(ConnectorConfig config, Object adapter, Instant readAt) { }
}
