package dev.oms.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.platform.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemsTest {

    private static JsonNode json(ApiResponse r) throws Exception { return Json.parse(r.body()); }

    @ParameterizedTest
    @CsvSource({"INVALID,400", "NOT_FOUND,404", "CONFLICT,409", "UNPROCESSABLE,422", "FORBIDDEN,403", "UNAVAILABLE,503"})
    void kindToStatus(DomainException.Kind kind, int status) {
        assertThat(Problems.statusOf(kind)).isEqualTo(status);
        ApiResponse r = Problems.of(new DomainException(kind, "x.y", "detail", "explain"), "/v1/x");
        assertThat(r.status()).isEqualTo(status);
    }

    @Test
    void domainExceptionBodyHasEveryField() throws Exception {
        DomainException e = DomainException.conflict("order.version_conflict", "Order o1 is at version 7",
                "Read the order again and retry with its ETag.").with("current_version", 7L);
        ApiResponse r = Problems.of(e, "/v1/orders/o1");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.headers()).containsEntry("content-type", "application/problem+json");
        JsonNode b = json(r);
        assertThat(b.get("type").asText()).isEqualTo("https://docs.oms.dev/problems/order-version_conflict");
        assertThat(b.get("title").asText()).isEqualTo("Conflict");
        assertThat(b.get("status").asInt()).isEqualTo(409);
        assertThat(b.get("code").asText()).isEqualTo("order.version_conflict");
        assertThat(b.get("detail").asText()).isEqualTo("Order o1 is at version 7");
        assertThat(b.get("instance").asText()).isEqualTo("/v1/orders/o1");
        assertThat(b.get("explain").asText()).isEqualTo("Read the order again and retry with its ETag.");
        assertThat(b.get("current_version").isIntegralNumber()).isTrue();
        assertThat(b.get("current_version").asLong()).isEqualTo(7L);
        assertThat(b.has("errors")).isFalse();
    }

    @Test
    void fieldErrorsAreListed() throws Exception {
        DomainException e = DomainException.invalid(List.of(
                new FieldError("items[0].quantity", "quantity.not_positive", "quantity must be positive"),
                new FieldError("currency", "currency.unknown", "Unknown currency")));
        JsonNode b = json(Problems.of(e, null));
        assertThat(b.get("status").asInt()).isEqualTo(400);
        assertThat(b.get("title").asText()).isEqualTo("Bad Request");
        assertThat(b.get("code").asText()).isEqualTo("request.invalid");
        assertThat(b.has("instance")).isFalse();
        JsonNode errors = b.get("errors");
        assertThat(errors.size()).isEqualTo(2);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("items[0].quantity");
        assertThat(errors.get(0).get("code").asText()).isEqualTo("quantity.not_positive");
        assertThat(errors.get(0).get("message").asText()).isEqualTo("quantity must be positive");
        assertThat(errors.get(1).get("field").asText()).isEqualTo("currency");
        assertThat(errors.get(1).get("code").asText()).isEqualTo("currency.unknown");
    }

    @Test
    void apiProblemBody() throws Exception {
        ApiResponse r = Problems.of(ApiProblem.unauthorized("Token expired"), "/v1/orders");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers()).containsEntry("content-type", "application/problem+json");
        JsonNode b = json(r);
        assertThat(b.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(b.get("code").asText()).isEqualTo("auth.expired_token");
        assertThat(b.get("type").asText()).isEqualTo("https://docs.oms.dev/problems/auth-expired_token");
        assertThat(b.get("detail").asText()).isEqualTo("Token expired");
        assertThat(b.get("explain").asText()).isEqualTo("Send a valid bearer token in the Authorization header.");
        assertThat(b.get("instance").asText()).isEqualTo("/v1/orders");
    }

    @Test
    void apiProblemHelpers() {
        assertThat(ApiProblem.forbidden("no").status()).isEqualTo(403);
        assertThat(ApiProblem.forbidden("no").code()).isEqualTo("auth.forbidden");
        ApiProblem bad = ApiProblem.badRequest("request.invalid_cursor", "bad cursor");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("request.invalid_cursor");
        assertThat(bad.getMessage()).isEqualTo("bad cursor");
        assertThat(bad.details()).isEmpty();
        assertThat(bad.errors()).isEmpty();
    }

    @Test
    void buildWithoutExplainOmitsIt() throws Exception {
        JsonNode b = json(Problems.build(404, "route.not_found", "No route", null, Map.of(), List.of(), null));
        assertThat(b.has("explain")).isFalse();
        assertThat(b.get("title").asText()).isEqualTo("Not Found");
    }

    @Test
    void extraDetailsAreRenderedAsJson() throws Exception {
        JsonNode b = json(Problems.build(405, "route.method_not_allowed", "PUT not allowed", "Use GET",
                Map.of("allow", List.of("GET", "PATCH"), "nested", Map.of("a", 1)), List.of(), "/v1/orders/1"));
        assertThat(b.get("title").asText()).isEqualTo("Method Not Allowed");
        assertThat(b.get("allow").isArray()).isTrue();
        assertThat(b.get("allow").get(0).asText()).isEqualTo("GET");
        assertThat(b.get("allow").get(1).asText()).isEqualTo("PATCH");
        assertThat(b.get("nested").get("a").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"400,Bad Request", "401,Unauthorized", "403,Forbidden", "404,Not Found", "405,Method Not Allowed",
            "409,Conflict", "413,Content Too Large", "415,Unsupported Media Type", "422,Unprocessable Content",
            "428,Precondition Required", "500,Internal Server Error", "503,Service Unavailable", "418,Error"})
    void titles(int status, String title) throws Exception {
        JsonNode b = json(Problems.build(status, "a.b", "d", null, Map.of(), List.of(), null));
        assertThat(b.get("title").asText()).isEqualTo(title);
        assertThat(b.get("status").asInt()).isEqualTo(status);
    }

    @Test
    void typeReplacesEveryDot() throws Exception {
        JsonNode b = json(Problems.build(409, "order.blocked.already_shipped", "d", null, Map.of(), List.of(), null));
        assertThat(b.get("type").asText()).isEqualTo("https://docs.oms.dev/problems/order-blocked-already_shipped");
    }
}
