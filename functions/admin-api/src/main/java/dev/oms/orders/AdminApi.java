package dev.oms.orders;

import dev.oms.app.AuditService;
import dev.oms.app.CancellationService;
import dev.oms.app.OrderService;
import dev.oms.app.admin.CancelRequestDecisions;
import dev.oms.app.keys.ApiKeyService;
import dev.oms.app.settings.PolicyService;
import dev.oms.app.settings.SettingsService;
import dev.oms.platform.auth.SudoTokens;
import dev.oms.platform.connectors.registry.Connectors;
import dev.oms.platform.dynamo.DynamoApiKeys;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.dynamo.DynamoPolicyStore;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.ratelimit.RateLimiter;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the admin API function group, core part (docs/admin-api.md): the canonical order,
 * cancellation and audit use cases through {@link CoreServices} (the cancellation's customer notice through SNS, whose
 * client is built on the first notice), the decisions on customers' cancel requests, the step-up tokens, the API keys,
 * and the settings, policies, connectors and rate limiter of the shared capabilities, health and rate-limits routes.
 */
final class AdminApi {
    private static final Once<AdminApi> INSTANCE = Once.of(() -> new AdminApi(CoreServices.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final SudoTokens sudo;
    final OrderService orders;
    final AuditService audit;
    final CancellationService cancellations;
    final CancelRequestDecisions cancelRequests;
    final ApiKeyService keys;
    final dev.oms.app.impersonation.Impersonation impersonation;
    final dev.oms.platform.auth.TokenService tokens;
    final dev.oms.app.port.Deadlines deadlines;
    final SingleTable table;
    final Connectors connectors;
    final SettingsService settings;
    final PolicyService policies;
    final RateLimiter rateLimits;

    private AdminApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        sudo = SudoTokens.shared();
        orders = core.orders;
        audit = core.audit;
        cancellations = new CancellationService(core.transactions(), core.settings, core.payments, core.inventory,
                core.repairQueue, core.ids, core.clock);
        cancelRequests = new CancelRequestDecisions(core.transactions(), cancellations, core.clock);
        keys = new ApiKeyService(new DynamoApiKeys(core.table), core.ids, core.clock);
        impersonation = new dev.oms.app.impersonation.Impersonation(new dev.oms.platform.dynamo.DynamoImpersonationConsents(core.table),
                new DynamoOrderSettings(core.table), orders, core.clock);
        tokens = dev.oms.platform.auth.TokenService.fromEnvironment();
        deadlines = new dev.oms.platform.dynamo.DynamoDeadlines(core.table);
        table = core.table;
        connectors = core.connectors;
        settings = new SettingsService(new DynamoOrderSettings(core.table), core.clock);
        policies = new PolicyService(new DynamoPolicyStore(core.table), core.ids, core.clock);
        rateLimits = RateLimiter.shared(core.table, core.clock);
    }

    static AdminApi get() { return INSTANCE.get(); }
}
