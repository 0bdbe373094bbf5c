package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's worked example, step by step over HTTP: an order that is paid in two captures, shipped in part,
 * returned in part (with a restocking fee) and refunded in part (the return to the card, goodwill as store credit).
 * Every amount and status the README shows is asserted here.
 */
class WorkedExampleIT {

    @Test
    void shippedInPartReturnedInPartRefundedInPart() throws Exception {
        String tenant = newTenant();
        Client admin = as(tenant, "admin-example", "admin");

        // line A 3 x 10.00 + 20% tax = 36.00; line B 25.00 less 2.50 + 20% tax = 27.00; shipping 5.00: 68.00
        ObjectNode body = TestSystem.order("cust-example");
        body.remove("items");
        ObjectNode a = item("SKU-A", 3, 1000, "GBP");
        a.put("tax_rate_bps", 2000);
        ObjectNode b = item("SKU-B", 1, 2500, "GBP");
        b.put("tax_rate_bps", 2000);
        b.set("discount", money(250, "GBP"));
        body.putArray("items").add(a).add(b);
        body.putObject("shipping").put("method", "std").set("amount", money(500, "GBP"));
        String id = create(admin, body);
        JsonNode order = admin.get("/v1/orders/" + id).json();
        assertThat(order.path("total").asLong()).isEqualTo(6800);
        String lineA = order.path("lines").get(0).path("id").asText();
        String lineB = order.path("lines").get(1).path("id").asText();

        String pay = payment(admin, 6800, "GBP", "authorized");
        Resp linked = admin.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", pay, "amount", Map.of("amount", 6800, "currency", "GBP")));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertMoney(admin, id, "authorized", 6800);
        assertThat(admin.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);

        capture(admin, id, pay, Map.of("amount", 2000, "currency", "GBP"));
        assertMoney(admin, id, "partially_paid", 4800);
        capture(admin, id, pay, null);
        assertMoney(admin, id, "paid", 0);
        String invoice = admin.post("/v1/orders/" + id + "/invoices/generate", Map.of()).json().path("number").asText();
        assertThat(invoice).isEqualTo("INV-000001");

        // ship 2 of A and the B
        Resp f = admin.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh_1",
                "lines", List.of(Map.of("line_id", lineA, "quantity", 2), Map.of("line_id", lineB, "quantity", 1))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        Resp shipped = admin.post("/v1/orders/" + id + "/fulfillments/" + f.json().path("id").asText() + "/ship", Map.of());
        assertThat(shipped.status()).as(shipped.toString()).isIn(200, 201);
        String shipmentId = shipped.json().path("id").asText();
        eventually("the label", () -> admin.get("/v1/orders/shipments/" + shipmentId + "/label").status() == 200);
        // the label and packing slip are order documents like the invoice, downloadable through the documents API
        JsonNode docs = admin.get("/v1/orders/" + id + "/documents").json().path("data");
        assertThat(docs.findValuesAsText("type")).contains("invoice", "label", "packing_slip");
        int labelPdfs = 0;
        for (JsonNode d : docs) {
            if (!d.path("type").asText().equals("label") || !d.path("content_type").asText().equals("application/pdf")) continue;
            String url = admin.get("/v1/orders/" + id + "/documents/" + d.path("id").asText()).json().path("download_url").asText();
            byte[] pdf = InvoicesAndDocumentsIT.fetch(url).body();
            assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            labelPdfs++;
        }
        assertThat(labelPdfs).isEqualTo(1);
        order = admin.get("/v1/orders/" + id).json();
        assertThat(order.path("fulfillment_status").asText()).isEqualTo("partially_fulfilled");
        assertThat(order.path("shipping_status").asText()).isEqualTo("shipped");

        // return 1 of A: received, approved with a 1.00 restocking fee; the return-order saga refunds it to the card
        Resp created = admin.post("/v1/orders/" + id + "/returns", Map.of("lines", List.of(Map.of("line_id", lineA, "quantity", 1,
                "reason_code", "too_small")), "return_method", "dropoff", "refund", "refund_to_card"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String returnId = created.json().path("return_id").asText();
        ReturnsKit.awaitSagaWaiting(admin, id, returnId, "receipt");
        assertThat(admin.post("/v1/orders/returns/" + returnId + "/receive", ReturnsKit.receipt(lineA, 1, "opened")).status()).isEqualTo(200);
        ReturnsKit.awaitSagaWaiting(admin, id, returnId, "inspection");
        Resp inspected = admin.post("/v1/orders/returns/" + returnId + "/inspect", Map.of("lines", List.of(Map.of("line_id", lineA,
                "decision", "approve", "restocking_fee", Map.of("amount", 100, "currency", "GBP")))));
        assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);
        ReturnsKit.awaitReturn(admin, id, returnId, "closed");

        JsonNode refunds = admin.get("/v1/orders/" + id + "/refunds").json().path("data");
        assertThat(refunds.size()).isEqualTo(1);
        JsonNode returnRefund = refunds.get(0);
        assertThat(returnRefund.path("amount").path("amount").asLong()).isEqualTo(1100);
        assertThat(returnRefund.path("lines").get(0).path("tax").path("amount").asLong()).isEqualTo(183);
        assertThat(returnRefund.path("status").asText()).isEqualTo("succeeded");
        assertMoney(admin, id, "partially_refunded", 0);
        assertThat(admin.get("/v1/orders/" + id).json().path("return_status").asText()).isEqualTo("partially_returned");

        // goodwill: the shipping back as store credit
        Resp goodwill = admin.post("/v1/orders/" + id + "/refunds", Map.of("reason", "goodwill", "destination", "store_credit",
                "shipping", Map.of("amount", 500, "currency", "GBP")));
        assertThat(goodwill.status()).as(goodwill.toString()).isEqualTo(201);
        assertMoney(admin, id, "partially_refunded", 0);
        JsonNode summary = admin.get("/v1/orders/" + id + "/payments").json().path("summary");
        assertThat(summary.path("refundable").path("amount").asLong()).isEqualTo(6800 - 1100 - 500);

        // every refund has its credit note
        eventually("two credit notes", () -> creditNotes(admin, id).size() == 2);
        List<JsonNode> notes = creditNotes(admin, id);
        assertThat(notes.stream().map(n -> n.path("number").asText()).toList()).containsExactlyInAnyOrder("CN-000001", "CN-000002");
    }

    private static void capture(Client c, String id, String pay, Map<String, Object> amount) {
        Map<String, Object> body = amount == null ? Map.of("payment_id", pay) : Map.of("payment_id", pay, "amount", amount);
        Resp r = c.post("/v1/orders/" + id + "/payments/capture", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static void assertMoney(Client c, String id, String paymentStatus, long balanceDue) {
        JsonNode order = c.get("/v1/orders/" + id).json();
        assertThat(order.path("payment_status").asText()).isEqualTo(paymentStatus);
        assertThat(order.path("balance_due").asLong()).isEqualTo(balanceDue);
    }

    private static List<JsonNode> creditNotes(Client c, String id) {
        List<JsonNode> out = new ArrayList<>();
        c.get("/v1/orders/" + id + "/invoices").json().path("data").forEach(i -> {
            if (i.path("type").asText().equals("credit_note")) out.add(i);
        });
        return out;
    }
}
