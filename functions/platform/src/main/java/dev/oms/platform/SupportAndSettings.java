package dev.oms.platform;

import dev.oms.app.cases.OrderNotesService;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.settings.SettingsService;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.dynamo.DynamoTaskIndex;

/**
 * The composition of seed 000 sections 13 and 16: notes, tasks, settings and capabilities. Built once, on first use,
 * from the container's {@link Platform} (its table, order transactions, document storage, ids and clock), so the
 * functions that do not serve these routes do not pay for them.
 */
public final class SupportAndSettings {
    public final OrderNotesService notes;
    public final OrderTasksService tasks;
    public final DynamoOrderSettings settingsStore;
    public final SettingsService settings;

    SupportAndSettings(Platform p) {
        notes = new OrderNotesService(p.orders.transactions(), p.documentStorage, p.ids, p.clock);
        tasks = new OrderTasksService(p.orders.transactions(), new DynamoTaskIndex(p.table), p.ids, p.clock);
        settingsStore = new DynamoOrderSettings(p.table);
        settings = new SettingsService(settingsStore, p.clock);
    }
}
