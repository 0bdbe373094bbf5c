package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_ADMIN;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.warehouseops.RoutingRuleService.Created;
import dev.oms.app.warehouseops.RoutingRuleService.RuleDraft;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.ops.RoutingQuery;
import dev.oms.domain.warehouse.ops.RoutingRule;
import dev.oms.domain.warehouse.ops.RoutingRules;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.Arrays;
import java.util.List;

/**
 * Seed 003 section 16, routing rules: the tenant's rules in evaluation order, with an optional evaluation of one shipment
 * ({@code destination_country}, {@code skus}, {@code service_level}, {@code weight_grams}) that names the rule that decides
 * and why each rule before it did not; a new rule, or a {@code dry_run} that checks it and answers its place.
 */
public final class RoutingRulesHandler extends ApiHandler {
    private final WarehouseOpsApi p;
    private final Routes routes;

    public RoutingRulesHandler() { this(WarehouseOpsApi.get()); }

    RoutingRulesHandler(WarehouseOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/fulfillment/routing-rules", this::list).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/routing-rules", this::create).requires(WAREHOUSE_ADMIN));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        RoutingQuery query = query(r);
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        p.routingRules.list(r.command()).forEach(rule -> data.add(view(rule)));
        body.putNull("next_cursor");
        body.put("has_more", false);
        if (query == null) body.putNull("evaluation");
        else body.set("evaluation", evaluation(p.routingRules.evaluate(r.command(), query)));
        return ApiResponse.ok(body);
    }

    private static RoutingQuery query(ApiRequest r) {
        String country = r.query("destination_country"), skus = r.query("skus"), level = r.query("service_level");
        Long weight = r.longQuery("weight_grams", 1);
        if (country == null && skus == null && level == null && weight == null) return null;
        List<String> skuList = skus == null ? List.of() : Arrays.stream(skus.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (skuList.size() > RoutingRules.MAX_VALUES) throw DomainException.invalidField("skus", "field.too_many", "at most " + RoutingRules.MAX_VALUES + " SKUs");
        return new RoutingQuery(country, skuList, level, weight);
    }

    /** The rule's fields; {@code dry_run}: true checks it and answers its place, storing nothing. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("name", "priority", "enabled", "destination_countries", "skus", "service_levels", "max_weight_grams", "warehouse_id", "carrier", "dry_run");
        String name = b.string("name", true, 200);
        Long priority = b.integer("priority", true, 0, RoutingRules.MAX_PRIORITY);
        Boolean enabled = b.bool("enabled", false);
        List<String> countries = orEmpty(b.strings("destination_countries", false, 1, RoutingRules.MAX_VALUES, 2));
        List<String> skus = orEmpty(b.strings("skus", false, 1, RoutingRules.MAX_VALUES, 65));
        List<String> levels = orEmpty(b.strings("service_levels", false, 1, RoutingRules.MAX_VALUES, 64));
        Long maxWeight = b.integer("max_weight_grams", false, 1, 10_000_000);
        String warehouse = b.string("warehouse_id", true, 64);
        String carrier = b.string("carrier", false, 64);
        boolean dryRun = Boolean.TRUE.equals(b.bool("dry_run", false));
        b.check();
        RuleDraft draft = new RuleDraft(name, priority.intValue(), enabled, countries, skus, levels, maxWeight, warehouse, carrier);
        return r.execute(c -> c.dryRun() ? ApiResponse.ok(dryRunView(c)) : ApiResponse.created(createdView(c), "/v1/fulfillment/routing-rules"),
                ctx -> p.routingRules.create(ctx, draft, dryRun));
    }

    private static List<String> orEmpty(List<String> l) { return l == null ? List.of() : l; }

    static ObjectNode view(RoutingRule rule) {
        ObjectNode o = Json.object();
        o.put("id", rule.id());
        conditions(o, rule);
        o.put("version", rule.version());
        o.put("created_at", Times.format(rule.createdAt()));
        o.put("created_by", rule.createdBy());
        return o;
    }

    private static void conditions(ObjectNode o, RoutingRule rule) {
        o.put("name", rule.name());
        o.put("priority", rule.priority());
        o.put("enabled", rule.enabled());
        rule.destinationCountries().forEach(o.putArray("destination_countries")::add);
        rule.skus().forEach(o.putArray("skus")::add);
        rule.serviceLevels().forEach(o.putArray("service_levels")::add);
        if (rule.maxWeightGrams() == null) o.putNull("max_weight_grams");
        else o.put("max_weight_grams", rule.maxWeightGrams());
        o.put("warehouse_id", rule.warehouseId());
        o.put("carrier", rule.carrier());
    }

    private static ObjectNode createdView(Created c) {
        ObjectNode o = view(c.rule());
        o.put("position", c.position());
        return o;
    }

    private static ObjectNode dryRunView(Created c) {
        ObjectNode o = Json.object();
        o.put("dry_run", true);
        o.put("position", c.position());
        conditions(o.putObject("rule"), c.rule());
        return o;
    }

    private static ObjectNode evaluation(RoutingRules.Decision d) {
        ObjectNode o = Json.object();
        o.put("matched_rule_id", d.matched() == null ? null : d.matched().id());
        o.put("warehouse_id", d.warehouseId());
        o.put("carrier", d.carrier());
        ArrayNode lines = o.putArray("explanations");
        for (RoutingRules.Explanation e : d.explanations()) lines.addObject().put("rule_id", e.ruleId()).put("matched", e.matched()).put("reason", e.reason());
        return o;
    }
}
