package dev.oms.platform;

import dev.oms.app.cases.OrderNotesService;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.settings.PolicyEngine;
import dev.oms.app.settings.PolicyService;
import dev.oms.app.settings.SettingsService;
import dev.oms.platform.dynamo.DynamoDeadlines;
import dev.oms.platform.dynamo.DynamoPolicyStore;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.dynamo.DynamoTaskIndex;

/**
 * The composition of seed 000 sections 13 and 16: notes, tasks, settings, capabilities and policies. Built once, on first use,
 * from the container's {@link Platform} (its table, order transactions, document storage, ids and clock), so the
 * functions that do not serve these routes do not pay for them.
 */
public final class SupportAndSettings {
    public final OrderNotesService notes;
    public final OrderTasksService tasks;
    public final DynamoOrderSettings settingsStore;
    public final SettingsService settings;
    public final DynamoPolicyStore policyStore;
    public final PolicyService policies;
    public final PolicyEngine policyEngine;

    SupportAndSettings(Platform p) {
        notes = new OrderNotesService(p.orders.transactions(), p.documentStorage, p.ids, p.clock);
        tasks = new OrderTasksService(p.orders.transactions(), new DynamoTaskIndex(p.table), p.ids, p.clock);
        settingsStore = new DynamoOrderSettings(p.table);
        settings = new SettingsService(settingsStore, p.clock);
        policyStore = new DynamoPolicyStore(p.table);
        policies = new PolicyService(policyStore, p.ids, p.clock);
        policyEngine = new PolicyEngine(p.orders, policyStore, settingsStore, new DynamoDeadlines(p.table), p.cancellations, p.clock);
    }
}
