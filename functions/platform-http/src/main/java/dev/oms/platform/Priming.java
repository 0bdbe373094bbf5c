package dev.oms.platform;

import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.http.Route;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;

/**
 * SnapStart priming. Lambda snapshots a function once its initialisation is done, and a restored function does not
 * pay again for what the snapshot already holds: loaded and initialised classes, built clients, an open connection.
 * So before the checkpoint each handler runs what its first request would run: JSON both ways, its route table, the
 * contract's request rules of every route (loaded and run once), and one DynamoDB read (of a key that never exists),
 * which loads the SDK's request path (endpoint rules, signing, the HTTP client, marshalling and unmarshalling). Best
 * effort: a failure is logged and the snapshot is taken anyway.
 */
public final class Priming {
    static final String PRIME_KEY = "PRIME#SNAPSTART";
    private static final String SAMPLE = "{\"customer_id\":\"prime\",\"currency\":\"GBP\",\"items\":[{\"sku\":\"PRIME\","
            + "\"quantity\":1,\"unit_price\":{\"amount\":100,\"currency\":\"GBP\"}}],\"metadata\":{\"k\":\"v\"}}";

    private Priming() { }

    public static void prime(Routes routes, SingleTable table) {
        try {
            var sample = Json.parse(SAMPLE);
            Json.write(sample);
            for (Route r : routes.all()) {
                routes.find(r.key());
                routes.match(r.method(), r.path().replaceAll("\\{[^/}]+}", "prime"));
                dev.oms.contract.RequestRules.forRoute(r.key()).ifPresent(rules -> rules.checkBody(sample));
            }
            table.get(PRIME_KEY, PRIME_KEY);
        } catch (Exception e) {
            Observability.error("SnapStart priming failed; the snapshot is taken without it", e);
        }
    }
}
