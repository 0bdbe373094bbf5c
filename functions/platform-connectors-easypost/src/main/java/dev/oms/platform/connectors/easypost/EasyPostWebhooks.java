package dev.oms.platform.connectors.easypost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.connector.CarrierService.TrackingReport;
import dev.oms.platform.crypto.HmacSha256;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * EasyPost's webhooks: {@code X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256 of the raw body>} keyed with the
 * webhook's secret (NFKD-normalised, as EasyPost's own libraries do), then a {@code tracker.updated} event read as
 * tracking reports of EasyPost's shipment.
 */
public final class EasyPostWebhooks {
    private EasyPostWebhooks() { }

    /** {@code type}: EasyPost's description ({@code tracker.updated}); null fields when the event is not a tracker's. */
    public record Event(String id, String type, String vendorShipmentId, List<TrackingReport> reports) { }

    public static String signature(String secret, String body) {
        byte[] key = Normalizer.normalize(secret, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
        return "hmac-sha256-hex=" + java.util.HexFormat.of().formatHex(HmacSha256.of(key, body));
    }

    public static Event verify(String body, String header, String secret) {
        if (body == null || header == null || !MessageDigest.isEqual(signature(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiProblem(401, "webhook.signature_invalid", "The X-Hmac-Signature is missing or wrong",
                    "Register this URL in EasyPost with the webhook secret stored in the tenant's carrier connector (webhook_secret).");
        }
        JsonNode e;
        try {
            e = Json.parse(body);
        } catch (Exception malformed) {
            throw new ApiProblem(400, "request.malformed_json", "The event is not JSON", "Send the event as EasyPost sends it.");
        }
        JsonNode result = e.path("result");
        String type = e.path("description").asText(null);
        if (!"Tracker".equals(result.path("object").asText())) return new Event(e.path("id").asText(null), type, null, List.of());
        String code = result.path("tracking_code").asText(null);
        List<TrackingReport> reports = new ArrayList<>();
        int n = 0;
        for (JsonNode d : result.path("tracking_details")) {
            n++;
            JsonNode loc = d.path("tracking_location");
            String location = String.join(", ", java.util.stream.Stream.of(loc.path("city").asText(null), loc.path("state").asText(null),
                    loc.path("country").asText(null)).filter(x -> x != null && !x.isBlank()).toList());
            Instant at = null;
            try {
                at = d.hasNonNull("datetime") ? Instant.parse(d.path("datetime").asText()) : null;
            } catch (java.time.format.DateTimeParseException ignored) {
                at = null;
            }
            reports.add(new TrackingReport(result.path("id").asText() + "-" + n, code, EasyPostCarrier.status(d.path("status").asText(null)),
                    at, location.isEmpty() ? null : location, d.path("message").asText(null)));
        }
        return new Event(e.path("id").asText(null), type, result.path("shipment_id").asText(null), reports);
    }
}
