package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.aws.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications through SES v2 and SNS SMS (the local runtime's SES and SNS, reached through the SDK with an endpoint
 * override): the tenant's sender, tags, bounce and complaint suppression through the feedback topic, SMS by number.
 */
class NotificationConnectorsIT {
    @BeforeAll
    static void start() { runtime(); }

    static List<JsonNode> captured(String destination) {
        List<JsonNode> out = new ArrayList<>();
        anonymous().get("/local/notifications").json().path("data").forEach(n -> {
            if (destination.equals(n.path("destination").asText())) out.add(n);
        });
        return out;
    }

    static String confirmedOrder(Client agent, String email, String phone) {
        ObjectNode body = paidOrder(agent, "n-" + email, "authorized");
        ((ObjectNode) body.path("billing_address")).put("email", email).put("phone", phone);
        String id = create(agent, body);
        assertThat(agent.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        return id;
    }

    @Test
    void emailsLeaveThroughSesFromTheTenantsSenderAndBouncedAddressesAreSuppressed() {
        String t = newTenant();
        Client admin = as(t, "admin-n", "admin"), agent = as(t, "agent-n", "agent");
        Resp set = admin.post("/v1/orders/connectors/notifications", Map.of("adapter", "ses",
                "settings", Map.of("from_address", "Acme Orders <orders@acme.example>", "configuration_set", "oms-feedback")));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        String email = "buyer-" + t + "@example.com";
        String id = confirmedOrder(agent, email, "+447700900123");
        eventually("the confirmation email through SES", () -> !captured(email).isEmpty());
        JsonNode sent = captured(email).get(0);
        assertThat(sent.path("channel").asText()).isEqualTo("email");
        assertThat(sent.path("attributes").path("from").asText()).isEqualTo("Acme Orders <orders@acme.example>");
        assertThat(sent.path("attributes").path("oms_tenant").asText()).isEqualTo(t);
        assertThat(sent.path("attributes").path("configuration_set").asText()).isEqualTo("oms-feedback");
        assertThat(sent.path("topic_arn").isNull()).as("not the sandbox topic").isTrue();
        assertThat(sent.path("subject").asText()).contains("is confirmed");

        // SES reports a permanent bounce through the feedback topic: the address is suppressed for this tenant
        var sns = AwsClients.sns();
        String topic = sns.listTopics().topics().stream().map(x -> x.topicArn()).filter(a -> a.endsWith("SesFeedbackTopic")).findFirst().orElseThrow();
        String bounce = "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\""
                + email + "\"}]},\"mail\":{\"messageId\":\"" + sent.path("message_id").asText() + "\",\"tags\":{\"oms_tenant\":[\"" + t + "\"]}}}";
        sns.publish(r -> r.topicArn(topic).message(bounce));
        eventually("the address to be suppressed", () -> {
            admin.post("/v1/orders/" + id + "/resend-confirmation", Map.of("channel", "email"));
            return admin.get("/v1/orders/connectors/notifications/calls?limit=5").json().path("data")
                    .findValuesAsText("vendor_request_id").contains("suppressed");
        });
        int before = captured(email).size();
        admin.post("/v1/orders/" + id + "/resend-confirmation", Map.of("channel", "email"));
        eventually("the resend to be handled", () -> admin.get("/v1/orders/connectors/notifications/calls?limit=50").json().path("data")
                .findValuesAsText("vendor_request_id").stream().filter("suppressed"::equals).count() >= 2);
        assertThat(captured(email)).as("nothing more sent to a bounced address").hasSize(before);
    }

    @Test
    void textMessagesGoStraightToThePhoneThroughSns() {
        String t = newTenant();
        Client admin = as(t, "admin-s", "admin"), agent = as(t, "agent-s", "agent");
        assertThat(admin.post("/v1/orders/connectors/notifications", Map.of("adapter", "sns_sms", "settings", Map.of("sms_sender_id", "ACME")))
                .status()).isEqualTo(200);
        String phone = "+4477009" + String.format("%05d", Math.abs(t.hashCode()) % 100000);
        String id = confirmedOrder(agent, "sms-" + t + "@example.com", phone);
        assertThat(admin.post("/v1/orders/" + id + "/resend-confirmation", Map.of("channel", "sms")).status()).isEqualTo(202);
        eventually("the SMS", () -> !captured(phone).isEmpty());
        JsonNode sms = captured(phone).get(0);
        assertThat(sms.path("channel").asText()).isEqualTo("sms");
        assertThat(sms.path("attributes").path("AWS.SNS.SMS.SenderID").asText()).isEqualTo("ACME");
        assertThat(sms.path("attributes").path("tenant_id").asText()).isEqualTo(t);
        // emails of an sns_sms tenant still go to the notifications topic
        eventually("the confirmation email on the topic", () -> captured("sms-" + t + "@example.com").stream()
                .anyMatch(n -> !n.path("topic_arn").isNull()));
    }

    @Test
    void sesSettingsAreChecked() {
        Client admin = as(newTenant(), "admin-v", "admin");
        Resp bad = admin.post("/v1/orders/connectors/notifications", Map.of("adapter", "ses", "settings", Map.of("sms_sender_id", "TOO-LONG-SENDER")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsText("field")).contains("settings.from_address", "settings.sms_sender_id");
        assertThat(admin.post("/v1/orders/connectors/notifications", Map.of("adapter", "stripe", "secrets", Map.of("api_key", "env:X"))).code())
                .isEqualTo("connector.adapter_not_supported");
    }
}
