package dev.oms.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The demo tenant {@code demo}: realistic orders in varied states, currencies (GBP, USD, EUR, JPY, KWD) and
 * channels, made through the API itself so they carry real events and audit. Loaded once per data directory.
 */
final class DemoData {
    static final String TENANT = "demo";
    private final LocalRuntime runtime;
    private final Map<String, String> auth;

    DemoData(LocalRuntime runtime) {
        this.runtime = runtime;
        LocalEndpoints mint = new LocalEndpoints(runtime.tokens(), runtime.cloud(), runtime.stepFunctions());
        this.auth = Map.of("authorization", "Bearer " + mint.mint("demo-loader", TENANT, List.of("admin"), null, 3600));
    }

    void loadIfAbsent() {
        Platform p = Platform.get();
        if (p.table.get(Keys.marker(TENANT, "demo-data"), Keys.SINGLE).isPresent()) return;
        p.settings.put(TENANT, new TenantSettings(true));
        p.inventory.setStock(TENANT, "SKU-HEADPHONES", 250);
        p.inventory.setStock(TENANT, "SKU-LAMP", 3);
        p.inventory.setStock(TENANT, "SKU-KETTLE", 40);

        String o1 = order("PO-1001", "cust_demo_1", "web-uk", "GBP", 2495, 2, "SKU-HEADPHONES", "Wireless headphones", 399, "authorized", address("GB"), address("GB"));
        post("/v1/orders/" + o1 + "/confirm", null);

        String o2 = order("PO-1002", "cust_demo_1", "web-uk", "GBP", 1299, 1, "SKU-CABLE", "USB-C cable", 0, "authorized", address("GB"), address("GB"));
        post("/v1/orders/" + o2 + "/confirm", null);
        post("/v1/orders/" + o2 + "/close", "{\"reason\":\"Delivered and invoiced\"}");

        order("PO-1003", "cust_demo_2", "app-us", "USD", 4999, 1, "SKU-SPEAKER", "Smart speaker", 599, null, address("US"), address("US"));

        String o4 = order("PO-1004", "cust_demo_3", "web-de", "EUR", 8900, 1, "SKU-CHAIR", "Office chair", 1500, "pending", address("DE"), address("DE"));
        post("/v1/orders/" + o4 + "/confirm", null);

        String o5 = order("PO-1005", "cust_demo_1", "call-centre", "GBP", 3500, 3, "SKU-LAMP", "Desk lamp", 499, "authorized", address("GB"), address("GB"));
        post("/v1/orders/" + o5 + "/hold", "{\"reason\":\"Customer asked to change the delivery date\",\"type\":\"customer_request\",\"assigned_to\":\"demo-agent\"}");

        String o6 = order("PO-1006", "cust_demo_4", "marketplace", "USD", 129900, 5, "SKU-LAPTOP", "Laptop", 0, "authorized", address("US"), address("CA"));
        post("/v1/orders/" + o6 + "/confirm", null);

        String o7 = order("PO-1007", "cust_demo_5", "web-jp", "JPY", 12800, 2, "SKU-KETTLE", "Electric kettle", 800, "authorized", address("JP"), address("JP"));
        post("/v1/orders/" + o7 + "/confirm", null);

        order("PO-1008", "cust_demo_6", "b2b", "KWD", 12500, 4, "SKU-FILTER", "Water filter", 1250, null, address("KW"), address("KW"));

        String o9 = order("PO-1009", "cust_demo_2", "app-us", "USD", 1999, 2, "SKU-CASE", "Phone case", 0, "authorized", address("US"), address("US"));
        post("/v1/orders/" + o9 + "/hold", "{\"reason\":\"Address could not be verified\",\"type\":\"address\"}");
        post("/v1/orders/" + o9 + "/release", "{\"resolution\":\"Customer confirmed the address by phone\"}");
        post("/v1/orders/" + o9 + "/confirm", null);

        // goods and money: PO-1001 paid, invoiced and one of its two headphones shipped; PO-1007 paid, both kettles
        // shipped and one asked back (the return-order saga then waits for it to arrive)
        capture(o1);
        post("/v1/orders/" + o1 + "/invoices/generate", "{}");
        ship(o1, 1);
        capture(o7);
        String kettles = ship(o7, 2);
        post("/v1/orders/" + o7 + "/returns", "{\"lines\":[{\"line_id\":\"" + kettles + "\",\"quantity\":1,\"reason_code\":\"damaged\"}],"
                + "\"return_method\":\"dropoff\",\"refund\":\"refund_to_card\"}");

        ObjectNode marker = Json.object();
        marker.put(Keys.PK, Keys.marker(TENANT, "demo-data"));
        marker.put(Keys.SK, Keys.SINGLE);
        marker.put("type", "marker");
        p.table.put(marker);
    }

    private String order(String ref, String customer, String channel, String currency, long unitPrice, long quantity, String sku,
                         String description, long shipping, String paymentState, ObjectNode shipTo, ObjectNode billTo) {
        ObjectNode body = Json.object();
        body.put("external_reference", ref);
        body.put("customer_id", customer);
        body.put("channel", channel);
        body.put("source", "cart");
        body.put("currency", currency);
        ArrayNode items = body.putArray("items");
        ObjectNode line = items.addObject();
        line.put("sku", sku);
        line.put("description", description);
        line.put("quantity", quantity);
        line.putObject("unit_price").put("amount", unitPrice).put("currency", currency);
        line.put("tax_rate_bps", 2000);
        body.set("shipping_address", shipTo);
        body.set("billing_address", billTo);
        body.putObject("shipping").put("method", "standard").putObject("amount").put("amount", shipping).put("currency", currency);
        body.putObject("metadata").put("demo", "true");
        long lineTotal = unitPrice * quantity;
        long total = lineTotal + (lineTotal * 2000 + 5000) / 10000 + shipping;
        if (paymentState != null) {
            var created = runtime.call("POST", "/local/sandbox/payments", auth,
                    "{\"amount\":" + total + ",\"currency\":\"" + currency + "\",\"state\":\"" + paymentState + "\"}");
            String paymentId = read(created.body()).path("payment_id").asText();
            ArrayNode pays = body.putArray("payments");
            pays.addObject().put("payment_id", paymentId).putObject("amount").put("amount", total).put("currency", currency);
        }
        var res = runtime.call("POST", "/v1/orders", auth, Json.write(body));
        if (res.status() != 201) throw new IllegalStateException("demo order failed: " + res.body());
        return read(res.body()).path("id").asText();
    }

    /** Captures the order's payment in full. */
    private void capture(String orderId) {
        String paymentId = get("/v1/orders/" + orderId).path("payments").get(0).path("payment_id").asText();
        post("/v1/orders/" + orderId + "/payments/capture", "{\"payment_id\":\"" + paymentId + "\"}");
    }

    /** Fulfils and ships units of the order's first line from the demo warehouse; answers the line id. */
    private String ship(String orderId, long units) {
        String lineId = get("/v1/orders/" + orderId).path("lines").get(0).path("id").asText();
        var res = runtime.call("POST", "/v1/orders/" + orderId + "/fulfillments", auth, "{\"warehouse_id\":\"wh-demo\",\"lines\":[{\"line_id\":\""
                + lineId + "\",\"quantity\":" + units + "}]}");
        if (res.status() != 201) throw new IllegalStateException("demo fulfilment failed: " + res.body());
        post("/v1/orders/" + orderId + "/fulfillments/" + read(res.body()).path("id").asText() + "/ship", "{}");
        return lineId;
    }

    private JsonNode get(String path) {
        var res = runtime.call("GET", path, auth, null);
        if (res.status() != 200) throw new IllegalStateException("demo read " + path + " failed: " + res.body());
        return read(res.body());
    }

    private void post(String path, String body) {
        var res = runtime.call("POST", path, auth, body);
        if (res.status() >= 300) throw new IllegalStateException("demo step " + path + " failed: " + res.body());
    }

    private static ObjectNode address(String country) {
        ObjectNode a = Json.object();
        a.put("name", "Alex Example");
        a.put("line1", "1 Demo Street");
        a.put("city", switch (country) {
            case "GB" -> "London"; case "US" -> "Seattle"; case "DE" -> "Berlin"; case "JP" -> "Tokyo";
            case "CA" -> "Toronto"; case "KW" -> "Kuwait City"; default -> "Capital";
        });
        a.put("postal_code", "10001");
        a.put("country", country);
        a.put("email", "alex@example.com");
        return a;
    }

    private static JsonNode read(String body) {
        try {
            return Json.parse(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
