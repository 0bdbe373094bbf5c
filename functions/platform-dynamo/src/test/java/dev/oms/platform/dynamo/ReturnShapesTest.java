package dev.oms.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.ReturnLine;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.ReturnState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReturnShapesTest {
    static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

    static ReturnRequest full() {
        return new ReturnRequest("ret_1", "RMA-1001-1", ReturnState.REFUNDED, "ship", "store_credit", "In the porch", Map.of("ticket", "T-1"),
                List.of(new ReturnLine("line_1", "SKU-1", 2, "too_small", 2, "opened", List.of("SN-1", "SN-2"), 1L, 1, 250, "one worn"),
                        new ReturnLine("line_2", "SKU-2", 1, "damaged", 0, null, List.of(), null, 0, 0, null)),
                "partially_approved", "refund_to_card", new ReturnRequest.Label("sandbox", "SBX123", "doc_rlb1", T),
                new ReturnRequest.Settlement("refund", "rf_1", 750, "GBP", Map.of("line_1", 750L), T), "tok-1", "settlement",
                List.of(new Cancellation.Action("inventory.restocked", Map.of("note", "ok"), T)), "agent_1", T, T, null, null);
    }

    @Test
    void aReturnSurvivesTheRoundTripThroughItsStoredShape() {
        ReturnRequest r = full();
        assertThat(ReturnShapes.fromJson(ReturnShapes.toJson(r, true))).isEqualTo(r);
    }

    @Test
    void theApiShapeNeverShowsTheTaskToken() {
        var json = ReturnShapes.toJson(full(), false);
        assertThat(json.has("task_token")).isFalse();
        assertThat(json.path("lines").get(1).path("approved_quantity").isNull()).isTrue();
        assertThat(json.path("settlement").path("by_line").path("line_1").asLong()).isEqualTo(750);
        assertThat(new ReturnCodec().addressable()).isTrue();
        assertThat(ChildCodecs.forKind("return")).isInstanceOf(ReturnCodec.class);
    }
}
