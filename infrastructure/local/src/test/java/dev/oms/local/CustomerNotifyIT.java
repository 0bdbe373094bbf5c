package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shipment updates per order and channel (docs/customer-api.md#shipment-updates): the notifications subscriber sends
 * the shipment message on the channels the customer has on, and nothing on a channel it turned off.
 */
class CustomerNotifyIT {
    /** The shipment messages sent to an address (the order confirmation goes to the email address too). */
    private static long shipmentMessagesTo(String destination) {
        long n = 0;
        for (JsonNode m : anonymous().get("/local/notifications").json().path("data")) {
            if (destination.equals(m.path("destination").asText()) && m.path("message").asText().contains("has shipped")) n++;
        }
        return n;
    }

    @Test
    void anUnsubscribedChannelGetsNothingAndASubscribedOneGetsTheShipment() {
        String t = newTenant();
        Client agent = as(t, "agent-n", "agent");
        String email = "notify-" + t + "@example.com", phone = "+44700" + Math.abs(t.hashCode() % 1_000_000);
        ObjectNode body = paidOrder(agent, "cust-n1", "captured");
        ((ObjectNode) body.path("shipping_address")).put("email", email).put("phone", phone);
        String id = create(agent, body);
        String lineId = agent.post("/v1/orders/" + id + "/confirm", null).json().path("lines").get(0).path("id").asText();
        Client me = customer(t, "cust-n1");
        String path = "/v1/customer/orders/" + id + "/notify";

        Resp off = me.post(path, Map.of("channel", "email", "action", "unsubscribe"));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().path("shipment_updates").path("email").asBoolean()).isFalse();
        Resp sms = me.post(path, Map.of("channel", "sms", "action", "subscribe"));
        assertThat(sms.json().path("shipment_updates").path("sms").asBoolean()).isTrue();
        assertThat(sms.json().path("shipment_updates").path("email").asBoolean()).isFalse();
        assertThat(agent.get("/v1/orders/" + id + "/timeline").json().path("data").findValuesAsText("type")).contains("customer.notifications_updated");

        ReturnsKit.ship(t, id, lineId, 1);
        eventually("the shipment sms", () -> shipmentMessagesTo(phone) == 1);
        assertThat(shipmentMessagesTo(email)).as("the unsubscribed email channel").isZero();
    }

    @Test
    void badRequestsStaffOtherCustomersAndReplays() {
        String t = newTenant();
        String id = create(as(t, "agent-n", "agent"), order("cust-n2"));
        Client me = customer(t, "cust-n2");
        String path = "/v1/customer/orders/" + id + "/notify";
        assertThat(me.post(path, Map.of("channel", "push", "action", "subscribe")).code()).isEqualTo("request.invalid");
        assertThat(me.post(path, Map.of("channel", "email", "action", "maybe")).status()).isEqualTo(400);
        assertThat(me.post(path, Map.of("channel", "email")).status()).isEqualTo(400);
        assertThat(as(t, "agent-n", "agent").post(path, Map.of("channel", "email", "action", "unsubscribe")).status()).isEqualTo(403);
        assertThat(customer(t, "cust-other").post(path, Map.of("channel", "email", "action", "unsubscribe")).code()).isEqualTo("order.not_found");
        Client keyed = me.header("Idempotency-Key", "notify-1");
        Resp first = keyed.post(path, Map.of("channel", "email", "action", "unsubscribe"));
        assertThat(first.json().path("shipment_updates").path("email").asBoolean()).isFalse();
        assertThat(keyed.post(path, Map.of("channel", "email", "action", "unsubscribe")).header("idempotent-replayed")).isEqualTo("true");
        assertThat(keyed.post(path, Map.of("channel", "sms", "action", "subscribe")).code()).isEqualTo("idempotency.key_reused");
        // asking for what is already so changes nothing
        assertThat(me.post(path, Map.of("channel", "email", "action", "unsubscribe")).json().path("shipment_updates").path("email").asBoolean()).isFalse();
    }
}
