package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.cases.OrderMessagesService;
import dev.oms.app.security.Caller;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The customer's conversation with support (docs/customer-api.md#messages): messages stored with the order, attachments
 * through presigned uploads with the document rules, the event, the announcement to the tenant's support address, an
 * agent's reply in the same conversation, and the failure paths.
 */
class CustomerMessagesIT {
    private static final HttpClient RAW = HttpClient.newHttpClient();

    /** The service the admin cases use for replies, composed as the functions compose it. */
    private static OrderMessagesService service() {
        Platform p = Platform.get();
        return new OrderMessagesService(p.orders.transactions(), p.documentStorage, new DynamoOrderSettings(p.table), p.notifications, p.ids, p.clock);
    }

    private static String customerOrder(String tenant, String customerId, String email) {
        ObjectNode o = order(customerId);
        ((ObjectNode) o.path("billing_address")).put("email", email);
        return create(as(tenant, "agent-m", "agent"), o);
    }

    private static List<JsonNode> emailsTo(String address) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : anonymous().get("/local/notifications").json().path("data")) {
            if (address.equals(n.path("destination").asText())) out.add(n);
        }
        return out;
    }

    @Test
    void aCustomerWritesWithAnAttachmentSupportIsToldAndAnAgentReplies() throws Exception {
        String t = newTenant();
        String support = "support-" + t + "@shop.example";
        assertThat(as(t, "admin-m", "admin").patch("/v1/orders/settings", Map.of("support_email", support)).status()).isEqualTo(200);
        String id = customerOrder(t, "cust-m1", "cust-m1-" + t + "@example.com");
        Client me = customer(t, "cust-m1");
        String path = "/v1/customer/orders/" + id + "/messages";
        byte[] photo = "\u0089PNG fake photo of a broken box".getBytes(StandardCharsets.ISO_8859_1);

        Resp posted = me.post(path, Map.of("text", "The box arrived crushed.",
                "attachments", List.of(Map.of("file_name", "box.png", "content_type", "image/png", "size_bytes", photo.length))));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.header("location")).isEqualTo(path);
        JsonNode message = posted.json();
        assertThat(message.path("author").asText()).isEqualTo("customer");
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("status").asText()).isEqualTo("pending_upload");
        assertThat(attachment.path("download_url").isNull()).isTrue();
        HttpResponse<String> put = RAW.send(HttpRequest.newBuilder(URI.create(attachment.path("upload").path("url").asText()))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        eventually("the attachment to arrive", () -> me.get(path).json().path("data").get(0).path("attachments").get(0)
                .path("status").asText().equals("available"));
        JsonNode arrived = me.get(path).json().path("data").get(0).path("attachments").get(0);
        HttpResponse<byte[]> download = RAW.send(HttpRequest.newBuilder(URI.create(arrived.path("download_url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(photo);

        // support is told at the tenant's address; the event is on the order's timeline
        eventually("the announcement to support", () -> !emailsTo(support).isEmpty());
        assertThat(emailsTo(support).get(0).path("message").asText()).contains("The box arrived crushed.");
        JsonNode timeline = as(t, "agent-m", "agent").get("/v1/orders/" + id + "/timeline").json().path("data");
        assertThat(timeline.findValuesAsText("type")).contains("customer.message_received");

        // an agent answers from the admin cases: the same conversation, author agent, never the agent's id
        CommandContext agent = new CommandContext(new Caller(t, "agent-ann-77", "agent", Set.of("agent"), null, null), null, null, null, null);
        OrderMessagesService.MessageResult reply = service().addAgentReply(agent, id,
                new OrderMessagesService.MessageDraft("Sorry! A replacement is on its way.", List.of()));
        assertThat(reply.message().author()).isEqualTo("agent");
        assertThat(reply.announced()).isTrue();
        eventually("the reply to the customer", () -> !emailsTo("cust-m1-" + t + "@example.com").isEmpty());
        Resp conversation = me.get(path);
        assertThat(conversation.header("cache-control")).isEqualTo("no-store");
        assertThat(conversation.json().path("data").findValuesAsText("author")).containsExactly("customer", "agent");
        assertThat(conversation.json().path("data").get(1).path("text").asText()).isEqualTo("Sorry! A replacement is on its way.");
        assertThat(conversation.text()).doesNotContain("agent-ann-77");
        assertThat(as(t, "agent-m", "agent").get("/v1/orders/" + id + "/timeline").json().path("data").findValuesAsText("type"))
                .contains("customer.message_replied");
    }

    @Test
    void withoutASupportAddressTheMessageIsStoredAndNothingIsSent() {
        String t = newTenant();
        String id = customerOrder(t, "cust-m2", "cust-m2-" + t + "@example.com");
        Resp posted = customer(t, "cust-m2").post("/v1/customer/orders/" + id + "/messages", Map.of("text", "Where is my parcel?"));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(customer(t, "cust-m2").get("/v1/customer/orders/" + id + "/messages").json().path("data")).hasSize(1);
        assertThat(anonymous().get("/local/notifications").text()).doesNotContain("Where is my parcel?");
    }

    @Test
    void badInputStaffOtherCustomersAndReplays() {
        String t = newTenant();
        String id = customerOrder(t, "cust-m3", "cust-m3-" + t + "@example.com");
        Client me = customer(t, "cust-m3");
        String path = "/v1/customer/orders/" + id + "/messages";
        assertThat(me.post(path, Map.of("text", "")).status()).isEqualTo(400);
        assertThat(me.post(path, Map.of("text", "   ")).code()).isEqualTo("request.invalid");
        assertThat(me.post(path, Map.of("text", "hi", "author", "agent")).code()).isEqualTo("request.invalid");
        assertThat(me.post(path, Map.of("text", "x".repeat(5001))).status()).isEqualTo(400);
        Resp exe = me.post(path, Map.of("text", "file", "attachments", List.of(Map.of("file_name", "x.exe", "content_type", "application/x-msdownload", "size_bytes", 10))));
        assertThat(exe.status()).isEqualTo(422);
        assertThat(exe.code()).isEqualTo("document.upload_refused");
        assertThat(exe.json().path("errors").get(0).path("field").asText()).isEqualTo("attachments[0].content_type");
        assertThat(me.post(path, Map.of("text", "big", "attachments", List.of(Map.of("file_name", "b.pdf", "content_type", "application/pdf",
                "size_bytes", 10L * 1024 * 1024 + 1)))).code()).isEqualTo("document.upload_refused");
        assertThat(as(t, "agent-m", "agent").post(path, Map.of("text", "hi")).status()).isEqualTo(403);
        assertThat(as(t, "agent-m", "agent").get(path).status()).isEqualTo(403);
        assertThat(customer(t, "cust-other").post(path, Map.of("text", "hi")).code()).isEqualTo("order.not_found");
        assertThat(customer(t, "cust-other").get(path).code()).isEqualTo("order.not_found");
        assertThat(me.get(path).json().path("data")).isEmpty();

        Client keyed = me.header("Idempotency-Key", "msg-1");
        Resp first = keyed.post(path, Map.of("text", "once"));
        Resp again = keyed.post(path, Map.of("text", "once"));
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(keyed.post(path, Map.of("text", "other")).code()).isEqualTo("idempotency.key_reused");
        assertThat(me.get(path).json().path("data")).hasSize(1);
    }
}
