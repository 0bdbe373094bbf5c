package dev.oms.orders;

import static dev.oms.app.security.Permission.SETTINGS_MANAGE;
import static dev.oms.app.security.Permission.SETTINGS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.settings.PolicyService;
import dev.oms.app.settings.PolicyService.PolicyChange;
import dev.oms.domain.settings.Policy;
import dev.oms.domain.settings.PolicyRules;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 000 section 16: the tenant's automation policies (auto-confirm, fraud triggers). They run on every new order
 * ({@code PolicySubscriber}); see docs/settings.md#policies.
 */
public final class OrderPoliciesHandler extends ApiHandler {
    private final PolicyService policies;
    private final Routes routes;

    public OrderPoliciesHandler() { this(SettingsApi.get()); }

    OrderPoliciesHandler(SettingsApi p) {
        super(p.idempotency, p.clock);
        this.policies = p.policies;
        this.routes = Routes.of(
                get("/v1/orders/policies", this::list).requires(SETTINGS_READ),
                post("/v1/orders/policies", this::create).requires(SETTINGS_MANAGE),
                get("/v1/orders/policies/{policyId}", this::read).requires(SETTINGS_READ),
                patch("/v1/orders/policies/{policyId}", this::update).requires(SETTINGS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        ObjectNode page = Json.object();
        ArrayNode data = page.putArray("data");
        for (Policy p : policies.list(r.command())) data.add(view(p));
        page.putNull("next_cursor");
        page.put("has_more", false);
        return ApiResponse.ok(page);
    }

    private ApiResponse read(ApiRequest r) {
        Policy p = policies.get(r.command(), r.pathParam("policyId"));
        return ApiResponse.ok(view(p)).withVersion(p.version());
    }

    /** {@code {"type", "name"?, "enabled"?, "channels"?, "amounts"?, "max_orders"?, "within_hours"?}}. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("type", "name", "enabled", "channels", "amounts", "max_orders", "within_hours");
        String type = b.oneOf("type", true, Set.copyOf(Policy.TYPES));
        PolicyChange c = change(b, type);
        b.check();
        return r.execute(p -> ApiResponse.created(view(p), "/v1/orders/policies/" + p.id()).withVersion(p.version()),
                ctx -> policies.create(ctx, c));
    }

    /** The same fields but {@code type}; {@code "enabled": false} disables the policy. */
    private ApiResponse update(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("name", "enabled", "channels", "amounts", "max_orders", "within_hours", "version");
        PolicyChange c = change(b, null);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (b.node().size() == (b.has("version") ? 1 : 0)) b.error("enabled", "field.required", "Send at least one field to change");
        b.check();
        return r.execute(p -> ApiResponse.ok(view(p)).withVersion(p.version()), ctx -> policies.update(ctx, r.pathParam("policyId"), c));
    }

    private static PolicyChange change(Body b, String type) {
        String name = b.string("name", false, 200);
        Boolean enabled = b.bool("enabled", false);
        List<String> channels = b.strings("channels", false, 1, PolicyRules.MAX_CHANNELS, 64);
        Map<String, Long> amounts = null;
        JsonNode a = b.node().get("amounts");
        if (a != null && a.isObject()) {
            amounts = new LinkedHashMap<>();
            for (var e : a.properties()) amounts.put(e.getKey(), e.getValue().isIntegralNumber() ? e.getValue().longValue() : null);
        }
        Long max = b.integer("max_orders", false, 2, PolicyRules.MAX_ORDERS);
        Long within = b.integer("within_hours", false, 1, PolicyRules.MAX_WITHIN_HOURS);
        return new PolicyChange(type, name, enabled, channels, amounts, max == null ? null : max.intValue(), within == null ? null : within.intValue());
    }

    static ObjectNode view(Policy p) {
        ObjectNode o = Json.object();
        o.put("id", p.id());
        o.put("type", p.type());
        o.put("name", p.name());
        o.put("enabled", p.enabled());
        o.set("channels", Json.valueToTree(p.channels()));
        ObjectNode amounts = o.putObject("amounts");
        p.amounts().forEach(amounts::put);
        if (p.maxOrders() == null) o.putNull("max_orders"); else o.put("max_orders", p.maxOrders());
        if (p.withinHours() == null) o.putNull("within_hours"); else o.put("within_hours", p.withinHours());
        o.put("version", p.version());
        o.put("created_at", Times.format(p.createdAt()));
        o.put("created_by", p.createdBy());
        o.put("updated_at", Times.format(p.updatedAt()));
        o.put("updated_by", p.updatedBy());
        return o;
    }
}
