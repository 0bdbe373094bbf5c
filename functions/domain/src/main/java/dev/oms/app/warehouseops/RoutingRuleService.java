package dev.oms.app.warehouseops;

import dev.oms.app.CommandContext;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.WarehouseOpsStore;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.ops.RoutingQuery;
import dev.oms.domain.warehouse.ops.RoutingRule;
import dev.oms.domain.warehouse.ops.RoutingRules;
import dev.oms.domain.warehouse.ops.WarehouseOpsEventTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's warehouse routing rules: list them in evaluation order, add one (or preview it with {@code dryRun}: the
 * same checks and the place it would take, nothing stored), and evaluate a shipment against them with an explanation.
 */
public final class RoutingRuleService {
    private final WarehouseOpsStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public RoutingRuleService(WarehouseOpsStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** What a new rule sets. */
    public record RuleDraft(String name, int priority, Boolean enabled, List<String> destinationCountries, List<String> skus,
                            List<String> serviceLevels, Long maxWeightGrams, String warehouseId, String carrier) { }

    /** The rule (stored, or only checked on a dry run) and its place (0-based) in the evaluation order. */
    public record Created(RoutingRule rule, int position, boolean dryRun) { }

    public List<RoutingRule> list(CommandContext ctx) {
        List<RoutingRule> rules = new ArrayList<>(store.routingRules(ctx.tenantId()));
        rules.sort(Comparator.comparingInt(RoutingRule::priority).thenComparing(RoutingRule::id));
        return rules;
    }

    public RoutingRules.Decision evaluate(CommandContext ctx, RoutingQuery query) {
        return RoutingRules.evaluate(store.routingRules(ctx.tenantId()), query);
    }

    public Created create(CommandContext ctx, RuleDraft d, boolean dryRun) {
        List<RoutingRule> existing = store.routingRules(ctx.tenantId());
        Instant now = clock.instant();
        RoutingRule rule = new RoutingRule(dryRun ? "rr_dry_run" : ids.next("rr"), d.name(), d.priority(), d.enabled() == null || d.enabled(),
                d.destinationCountries(), d.skus(), d.serviceLevels(), d.maxWeightGrams(), d.warehouseId(), d.carrier(), 1, now,
                ctx.caller().subject());
        RoutingRules.check(rule);
        if (existing.size() >= RoutingRules.MAX_RULES) {
            throw DomainException.conflict("routing_rule.too_many", "A tenant has at most " + RoutingRules.MAX_RULES + " routing rules",
                    "Disable or reuse an existing rule.");
        }
        List<RoutingRule> all = new ArrayList<>(existing);
        all.add(rule);
        all.sort(Comparator.comparingInt(RoutingRule::priority).thenComparing(RoutingRule::id));
        int position = all.indexOf(rule);
        if (dryRun) return new Created(rule, position, true);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("routing_rule_id", rule.id());
        data.put("priority", (long) rule.priority());
        data.put("warehouse_id", rule.warehouseId());
        data.put("carrier", rule.carrier());
        data.put("enabled", rule.enabled());
        store.saveRoutingRule(ctx.tenantId(), rule, OpsEvents.of(ctx, ids, now, WarehouseOpsEventTypes.ROUTING_RULE_CREATED, data),
                ctx.journal().recordFor(new Created(rule, position, false)));
        ctx.journal().written();
        return new Created(rule, position, false);
    }
}
