package dev.oms.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void parameterIsExtracted() {
        assertThat(PathTemplate.parameters("/v1/orders/{orderId}", "/v1/orders/abc")).containsExactly(Map.entry("orderId", "abc"));
        assertThat(PathTemplate.matches("/v1/orders/{orderId}", "/v1/orders/abc")).isTrue();
    }

    @Test
    void severalParametersInOrder() {
        assertThat(PathTemplate.parameters("/v1/orders/{orderId}/lines/{lineId}/split", "/v1/orders/o1/lines/l2/split"))
                .containsExactly(Map.entry("orderId", "o1"), Map.entry("lineId", "l2"));
    }

    @Test
    void literalTemplateMatchesWithNoParameters() {
        assertThat(PathTemplate.parameters("/v1/orders", "/v1/orders")).isEmpty();
        assertThat(PathTemplate.parameters("/v1/orders", "/v1/order")).isNull();
    }

    @Test
    void segmentCountMustBeEqual() {
        assertThat(PathTemplate.parameters("/v1/orders/{orderId}", "/v1/orders/abc/lines")).isNull();
        assertThat(PathTemplate.parameters("/v1/orders/{orderId}", "/v1/orders")).isNull();
        assertThat(PathTemplate.matches("/v1/orders/{orderId}/confirm", "/v1/orders/abc")).isFalse();
    }

    @Test
    void trailingSlashIsAnotherSegment() {
        assertThat(PathTemplate.matches("/v1/orders", "/v1/orders/")).isFalse();
    }

    @Test
    void emptyParameterSegmentDoesNotMatch() {
        assertThat(PathTemplate.parameters("/v1/orders/{orderId}", "/v1/orders/")).isNull();
        assertThat(PathTemplate.parameters("/v1/orders/{orderId}/confirm", "/v1/orders//confirm")).isNull();
    }

    @Test
    void literalSegmentsMustBeEqual() {
        assertThat(PathTemplate.matches("/v1/orders/{orderId}/confirm", "/v1/orders/abc/cancel")).isFalse();
        assertThat(PathTemplate.matches("/v1/orders/{orderId}", "/v2/orders/abc")).isFalse();
    }

    @Test
    void percentEncodedParameterIsDecoded() {
        assertThat(PathTemplate.parameters("/v1/orders/{orderId}", "/v1/orders/a%20b%2Fc")).containsEntry("orderId", "a b/c");
    }
    @Test
    void plusInPathSegmentIsLiteral() {
        assertThat(PathTemplate.parameters("/v1/orders/{orderId}", "/v1/orders/a+b")).containsEntry("orderId", "a+b");
    }
    @Test
    void malformedEscapeDoesNotThrow() {
        assertThatCode(() -> PathTemplate.matches("/v1/orders/{orderId}", "/v1/orders/%zz")).doesNotThrowAnyException();
    }

    @Test
    void literalIsMoreSpecificThanParameter() {
        assertThat(PathTemplate.specificity("/v1/orders/audit")).isGreaterThan(PathTemplate.specificity("/v1/orders/{orderId}"));
        assertThat(PathTemplate.specificity("/v1/orders/health")).isGreaterThan(PathTemplate.specificity("/v1/orders/{orderId}"));
        assertThat(PathTemplate.specificity("/v1/orders/locks/{lockId}"))
                .isGreaterThan(PathTemplate.specificity("/v1/orders/{orderId}/locks"));
        assertThat(PathTemplate.specificity("/v1/orders/{orderId}/lines/bulk"))
                .isGreaterThan(PathTemplate.specificity("/v1/orders/{orderId}/lines/{lineId}"));
    }

    @Test
    void earlierLiteralSegmentsWeighMore() {
        assertThat(PathTemplate.specificity("/v1/a/{x}")).isGreaterThan(PathTemplate.specificity("/v1/{y}/b"));
    }

    @Test
    void sortingBySpecificityPicksTheLiteralRouteFirst() {
        List<String> templates = new java.util.ArrayList<>(List.of("/v1/orders/{orderId}", "/v1/orders/audit", "/v1/orders/health"));
        templates.sort(Comparator.comparingInt((String t) -> -PathTemplate.specificity(t)));
        String first = templates.stream().filter(t -> PathTemplate.matches(t, "/v1/orders/audit")).findFirst().orElseThrow();
        assertThat(first).isEqualTo("/v1/orders/audit");
        String forId = templates.stream().filter(t -> PathTemplate.matches(t, "/v1/orders/01J")).findFirst().orElseThrow();
        assertThat(forId).isEqualTo("/v1/orders/{orderId}");
    }

    @Test
    void aGreedySegmentTakesTheRestOfThePath() {
        assertThat(PathTemplate.parameters("/v1/orders/{orderId}/lines/{proxy+}", "/v1/orders/o1/lines/l2/split"))
                .containsExactly(Map.entry("orderId", "o1"), Map.entry("proxy", "l2/split"));
        assertThat(PathTemplate.parameters("/v1/fulfillment/{proxy+}", "/v1/fulfillment/picklists"))
                .containsExactly(Map.entry("proxy", "picklists"));
    }

    @Test
    void aGreedySegmentNeedsAtLeastOneSegment() {
        assertThat(PathTemplate.matches("/v1/orders/{orderId}/lines/{proxy+}", "/v1/orders/o1/lines")).isFalse();
        assertThat(PathTemplate.matches("/v1/orders/{orderId}/lines/{proxy+}", "/v1/orders/o1/lines/")).isFalse();
        assertThat(PathTemplate.matches("/v1/orders/{orderId}/lines/{proxy+}", "/v1/orders/o1/notes/n1")).isFalse();
    }

    @Test
    void anyExactTemplateBeatsAGreedyOneAndALongerGreedyPrefixWins() {
        List<String> templates = new java.util.ArrayList<>(List.of("/v1/{proxy+}", "/v1/orders/{orderId}/lines/{proxy+}",
                "/v1/orders/{orderId}/{proxy+}", "/v1/orders/{orderId}/lines/{lineId}"));
        templates.sort(Comparator.comparingInt((String t) -> -PathTemplate.specificity(t)));
        assertThat(templates).containsExactly("/v1/orders/{orderId}/lines/{lineId}", "/v1/orders/{orderId}/lines/{proxy+}",
                "/v1/orders/{orderId}/{proxy+}", "/v1/{proxy+}");
        assertThat(PathTemplate.isGreedyTemplate("/v1/{proxy+}")).isTrue();
        assertThat(PathTemplate.isGreedyTemplate("/v1/{id}")).isFalse();
    }
}
