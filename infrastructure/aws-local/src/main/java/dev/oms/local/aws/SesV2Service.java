package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Amazon SES v2, locally: {@code SendEmail} ({@code POST /v2/email/outbound-emails}, its REST-JSON protocol) captured in
 * the {@link NotificationOutbox} as channel {@code email}, so the SDK's {@code SesV2Client} works with only an
 * endpoint override. Simple content (subject and text or HTML body) and stored templates (name and data, kept as
 * attributes) are both accepted; the message's tags become attributes. Other operations answer 404.
 */
public final class SesV2Service implements AutoCloseable {
    private final NotificationOutbox outbox;
    private final LocalHttpServer http;

    private SesV2Service(NotificationOutbox outbox, int port) {
        this.outbox = outbox;
        this.http = new LocalHttpServer("sesv2", port, this::handle);
    }

    public static SesV2Service start(NotificationOutbox outbox) { return new SesV2Service(outbox, 0); }

    public String endpoint() { return http.endpoint(); }

    private void handle(HttpExchange ex) throws IOException {
        String requestId = UUID.randomUUID().toString();
        ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().equals("/v2/email/outbound-emails")) {
            LocalHttpServer.respond(ex, 404, "application/json", "{\"message\":\"Unknown operation\"}");
            return;
        }
        JsonNode in;
        try {
            in = Json.parse(LocalHttpServer.body(ex));
        } catch (Exception e) {
            LocalHttpServer.respond(ex, 400, "application/json", "{\"message\":\"Malformed JSON\"}");
            return;
        }
        ex.getResponseHeaders().set("x-amzn-ErrorType", "BadRequestException");
        JsonNode to = in.path("Destination").path("ToAddresses");
        if (!to.isArray() || to.isEmpty()) {
            LocalHttpServer.respond(ex, 400, "application/json", "{\"message\":\"Missing Destination.ToAddresses\"}");
            return;
        }
        ex.getResponseHeaders().remove("x-amzn-ErrorType");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("from", in.path("FromEmailAddress").asText(""));
        if (in.hasNonNull("ConfigurationSetName")) attributes.put("configuration_set", in.path("ConfigurationSetName").asText());
        in.path("EmailTags").forEach(t -> attributes.put(t.path("Name").asText(), t.path("Value").asText()));
        JsonNode simple = in.path("Content").path("Simple");
        JsonNode template = in.path("Content").path("Template");
        String subject = simple.path("Subject").path("Data").asText(null);
        String body = simple.path("Body").path("Text").path("Data").asText(simple.path("Body").path("Html").path("Data").asText(null));
        if (!template.isMissingNode()) {
            attributes.put("ses_template", template.path("TemplateName").asText(""));
            body = template.path("TemplateData").asText(null);
        }
        String messageId = "0100" + UUID.randomUUID().toString().replace("-", "") + "-000000";
        for (JsonNode address : to) outbox.add("email", address.asText(), subject, body, attributes, null, messageId);
        LocalHttpServer.respond(ex, 200, "application/json", Json.write(Json.object().put("MessageId", messageId)));
    }

    @Override
    public void close() { http.close(); }
}
