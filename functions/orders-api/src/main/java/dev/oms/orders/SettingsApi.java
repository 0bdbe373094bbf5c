package dev.oms.orders;

import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.settings.PolicyService;
import dev.oms.app.settings.SettingsService;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.dynamo.DynamoPolicyStore;
import dev.oms.platform.dynamo.DynamoTaskIndex;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/** The composition root of the tasks, settings and policies functions (seed 000 sections 13 and 16); DynamoDB only. */
final class SettingsApi {
    private static final Once<SettingsApi> INSTANCE = Once.of(() -> new SettingsApi(CoreServices.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final OrderTasksService tasks;
    final SettingsService settings;
    final PolicyService policies;

    private SettingsApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        tasks = new OrderTasksService(core.transactions(), new DynamoTaskIndex(core.table), core.ids, core.clock);
        settings = new SettingsService(new DynamoOrderSettings(core.table), core.clock);
        policies = new PolicyService(new DynamoPolicyStore(core.table), core.ids, core.clock);
    }

    static SettingsApi get() { return INSTANCE.get(); }
}
