package dev.oms.platform.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import dev.oms.platform.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderRelayTest {
    static final ConnectorConfig SFTP = new ConnectorConfig("t1", ConnectorPort.FULFILLMENT_PROVIDER, "sftp",
            Map.of("host", "sftp.3pl.example", "port", "2222"), Map.of("password", "ssm:/oms/t1/3pl"), 3, Instant.parse("2026-12-06T01:00:00Z"), "ops");
    static final FulfillmentProvider.Dispatch SAMPLE = new FulfillmentProvider.Dispatch("ord_1", 1042, "ful_1", "wh_1",
            List.of(new FulfillmentProvider.Item("lin_1", "SKU-1", 2)),
            new Address("Ada Lovelace", null, "12 Analytical Street", "Flat 3", "London", null, "N1 1AA", "GB", "+447700900000", null),
            "UPS", "EXPRESS", "shp_1");

    final List<ObjectNode> sent = new ArrayList<>();

    FulfillmentProvider client(String operation, ObjectNode answer) {
        return new ProviderRelay.Client("ffc_1", SFTP, operation, request -> {
            sent.add(request);
            return answer;
        });
    }

    @Test
    void theConfigurationAndTheDispatchCrossWhole() throws Exception {
        assertThat(ProviderRelay.config(Json.parse(Json.write(ProviderRelay.config(SFTP))))).isEqualTo(SFTP);
        assertThat(ProviderRelay.dispatch(Json.parse(Json.write(ProviderRelay.dispatch(SAMPLE))))).isEqualTo(SAMPLE);
        ConnectorConfig fresh = new ConnectorConfig("t1", ConnectorPort.FULFILLMENT_PROVIDER, "http", Map.of(), Map.of(), 1, null, null);
        assertThat(ProviderRelay.config(Json.parse(Json.write(ProviderRelay.config(fresh))))).isEqualTo(fresh);
    }

    @Test
    void aProbeAndAnAvailabilityAreAskedUnderTheCallersOperation() {
        assertThat(client("test_push", Json.object().put("probe", "picked up")).probe("t1", SAMPLE)).isEqualTo("picked up");
        ObjectNode held = Json.object();
        held.putObject("availability").put("SKU-1", 7).put("SKU-2", 0);
        assertThat(client("test_inventory", held).availability("t1", List.of("SKU-1", "SKU-2"))).containsExactly(Map.entry("SKU-1", 7L), Map.entry("SKU-2", 0L));
        assertThat(sent).extracting(r -> r.path("logged_as").asText()).containsExactly("test_push", "test_inventory");
        assertThat(sent.get(0).path("connector_id").asText()).isEqualTo("ffc_1");
        assertThat(sent.get(0).path("config").path("secrets").path("password").asText()).isEqualTo("ssm:/oms/t1/3pl"); // a reference, never the secret
        assertThat(sent.get(1).path("skus")).hasSize(2);
    }

    @Test
    void aFailureStaysAConnectorFailureAndARefusalKeepsItsCode() {
        ObjectNode down = Json.object();
        down.putObject("error").put("kind", "UNAVAILABLE").put("code", "connector.unavailable").put("message", "sftp probe failed: timed out");
        assertThatThrownBy(() -> client("test_push", down).probe("t1", SAMPLE)).isInstanceOf(ConnectorException.class).hasMessageContaining("timed out");
        ObjectNode refused = Json.object();
        refused.putObject("error").put("kind", "UNPROCESSABLE").put("code", "fulfillment.refused").put("message", "no such SKU");
        assertThatThrownBy(() -> client("dispatch", refused).dispatch("t1", SAMPLE, "k1"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("fulfillment.refused"));
    }

    @Test
    void aCallForAnotherTenantsConnectorIsRefusedBeforeAnythingRuns() {
        ObjectNode request = Json.object().put("connector_id", "ffc_1").put("operation", "probe").put("tenant_id", "t2");
        request.set("config", ProviderRelay.config(SFTP));
        ObjectNode answer = ProviderRelay.serve(request, null);
        assertThat(answer.path("error").path("code").asText()).isEqualTo("connector.unavailable");
    }
}
