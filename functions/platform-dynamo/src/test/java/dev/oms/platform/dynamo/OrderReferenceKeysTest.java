package dev.oms.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderReferenceKeysTest {
    @Test
    void theHeaderIsInEachReferenceIndexOnlyWhileItsMetadataHasTheEntry() {
        ObjectNode both = Json.object();
        OrderReferenceKeys.put(both, "t1", Map.of("merchant_reference", "M-1", "customer_reference", "PO-9"), "2026-12-04T10:00:00Z#ord_1");
        assertThat(both.path(Keys.GSI4PK).asText()).isEqualTo("T#t1#MREF#M-1");
        assertThat(both.path(Keys.GSI5PK).asText()).isEqualTo("T#t1#CREF#PO-9");
        assertThat(both.path(Keys.GSI4SK).asText()).isEqualTo("2026-12-04T10:00:00Z#ord_1");

        ObjectNode none = Json.object();
        OrderReferenceKeys.put(none, "t1", Map.of("sales_rep", "alice", "merchant_reference", ""), "x");
        OrderReferenceKeys.put(none, "t1", null, "x");
        assertThat(none.has(Keys.GSI4PK)).isFalse();
        assertThat(none.has(Keys.GSI5PK)).isFalse();
    }
}
