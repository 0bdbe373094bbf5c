package dev.oms.platform.webhooks;

import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import dev.oms.platform.webhooks.WebhookSignature;
import java.util.Optional;

/**
 * The secret each inbound webhook source ({@code payment}, {@code fulfillment}, {@code invoice}) of a tenant signs its
 * messages with, in the Standard Webhooks format ({@code whsec_<base64>}). Set by tenant administration (and by the
 * local runtime's demo loader); there is no API for it yet.
 */
public final class DynamoInboundSecrets {
    private final SingleTable table;

    public DynamoInboundSecrets(SingleTable table) { this.table = table; }

    public void put(String tenantId, String source, String secret) {
        if (!secret.startsWith(WebhookSignature.SECRET_PREFIX) || WebhookSignature.secretProblem(secret) != null) {
            throw new IllegalArgumentException("An inbound secret is whsec_ followed by at least " + WebhookSignature.MIN_SECRET_CHARS
                    + " base64 characters, such as WebhookSignature.newSecret() makes");
        }
        ObjectNode item = Json.object();
        item.put(Keys.PK, Keys.inboundSecret(tenantId, source));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "inbound_secret");
        item.put("source", source);
        item.put("secret", secret);
        table.put(item);
    }

    /** Makes a new secret for the source, stores it (replacing any previous one) and returns it: show it once. */
    public String generate(String tenantId, String source) {
        String secret = WebhookSignature.newSecret();
        put(tenantId, source, secret);
        return secret;
    }

    public Optional<String> get(String tenantId, String source) {
        return table.get(Keys.inboundSecret(tenantId, source), Keys.SINGLE).map(i -> i.path("secret").asText());
    }
}
