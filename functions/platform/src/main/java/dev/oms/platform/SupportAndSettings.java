package dev.oms.platform;

import dev.oms.app.settings.AutoFulfillDigital;
import dev.oms.app.settings.PolicyEngine;
import dev.oms.platform.dynamo.DynamoDeadlines;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.dynamo.DynamoPolicyStore;

/**
 * The worker side of seed 000 section 16: the policy engine that {@code PolicyFunction} and
 * {@code PolicyDeadlineSweeperFunction} run (and the tests drive). Built once, on first use, from the container's
 * {@link Platform}. The API functions of notes, tasks, settings and policies have their own roots ({@code NotesApi},
 * {@code SettingsApi}).
 */
public final class SupportAndSettings {
    public final DynamoPolicyStore policyStore;
    public final PolicyEngine policyEngine;
    public final AutoFulfillDigital autoFulfillDigital;

    SupportAndSettings(Platform p) {
        policyStore = new DynamoPolicyStore(p.table);
        policyEngine = new PolicyEngine(p.orders, policyStore, new DynamoOrderSettings(p.table), new DynamoDeadlines(p.table), p.cancellations, p.clock);
        autoFulfillDigital = new AutoFulfillDigital(p.fulfillments, policyStore);
    }
}
