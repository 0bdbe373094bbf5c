package dev.oms.app.settings;

import dev.oms.app.CommandContext;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.PolicyStore;
import dev.oms.domain.DomainException;
import dev.oms.domain.settings.Policy;
import dev.oms.domain.settings.PolicyRules;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Creates, changes (enables, disables) and lists a tenant's automation policies. */
public final class PolicyService {
    private final PolicyStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public PolicyService(PolicyStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** What a create or an update sets; null fields are left as they are on update. */
    public record PolicyChange(String type, String name, Boolean enabled, List<String> channels, Map<String, Long> amounts,
                               Integer maxOrders, Integer withinHours) { }

    public List<Policy> list(CommandContext ctx) { return store.list(ctx.tenantId()); }

    public Policy get(CommandContext ctx, String policyId) {
        return store.find(ctx.tenantId(), policyId).orElseThrow(() -> DomainException.notFound("policy.not_found", "No policy " + policyId));
    }

    public Policy create(CommandContext ctx, PolicyChange c) {
        if (store.list(ctx.tenantId()).size() >= PolicyRules.MAX_POLICIES) {
            throw DomainException.conflict("policy.too_many", "A tenant has at most " + PolicyRules.MAX_POLICIES + " policies",
                    "Disable and reuse a policy, or change an existing one.");
        }
        Instant now = clock.instant();
        Policy p = new Policy(ids.next("pol"), c.type(), c.name(), c.enabled() == null || c.enabled(), c.channels(), c.amounts(),
                c.maxOrders(), c.withinHours(), 1, now, ctx.caller().subject(), now, ctx.caller().subject());
        PolicyRules.check(p);
        store.create(ctx.tenantId(), p, ctx.journal().recordFor(p));
        ctx.journal().written();
        return p;
    }

    public Policy update(CommandContext ctx, String policyId, PolicyChange c) {
        Policy current = get(ctx, policyId);
        if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) throw conflict(current.version());
        Policy next = new Policy(current.id(), current.type(), c.name() == null ? current.name() : c.name(),
                c.enabled() == null ? current.enabled() : c.enabled(), c.channels() == null ? current.channels() : c.channels(),
                c.amounts() == null ? current.amounts() : c.amounts(), c.maxOrders() == null ? current.maxOrders() : c.maxOrders(),
                c.withinHours() == null ? current.withinHours() : c.withinHours(), current.version() + 1, current.createdAt(),
                current.createdBy(), clock.instant(), ctx.caller().subject());
        PolicyRules.check(next);
        try {
            store.update(ctx.tenantId(), next, current.version(), ctx.journal().recordFor(next));
        } catch (ConcurrentUpdateException e) {
            throw conflict(e.currentVersion());
        }
        ctx.journal().written();
        return next;
    }

    private static DomainException conflict(long current) {
        return DomainException.conflict("policy.version_conflict", "The policy has changed since you read it (it is now at version " + current + ")",
                "GET the policy, re-apply your change and send it with the new ETag.").with("current_version", current);
    }
}
