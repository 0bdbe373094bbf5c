package dev.oms.platform.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.domain.DomainException;
import dev.oms.platform.json.Json;
import java.util.List;
import java.util.Map;

/**
 * How the connector relays ({@link PaymentsRelay}, {@link ProviderRelay}) carry a refusal or a failure across a
 * Lambda invocation: {@code {"error": {"kind", "code", "message", "explain", "details"}}}, turned back into the same
 * exception on the calling side (a {@link ConnectorException} stays one: 503, retry with the same key).
 */
final class RelayAnswers {
    private RelayAnswers() { }

    static ObjectNode error(ObjectNode out, DomainException e) {
        ObjectNode err = out.putObject("error");
        err.put("kind", e.kind().name()).put("code", e.code()).put("message", e.getMessage()).put("explain", e.explain());
        err.set("details", Json.valueToTree(e.details()));
        return out;
    }

    /** The answer, or the exception it carries. */
    static JsonNode orThrow(JsonNode answer) {
        JsonNode err = answer.path("error");
        if (!err.isObject()) return answer;
        Map<String, Object> details = err.path("details").isObject() ? Json.toMap(err.path("details")) : Map.of();
        String code = err.path("code").asText("connector.unavailable");
        if (code.equals("connector.unavailable")) throw ConnectorException.reported(err.path("message").asText(), details);
        throw new DomainException(DomainException.Kind.valueOf(err.path("kind").asText("UNPROCESSABLE")), code,
                err.path("message").asText(), err.path("explain").asText(null), details, List.of());
    }
}
