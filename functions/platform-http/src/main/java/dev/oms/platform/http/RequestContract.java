package dev.oms.platform.http;

import dev.oms.contract.RequestRules;
import dev.oms.contract.Violation;
import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request against the OpenAPI contract before its endpoint runs: every query parameter must be declared
 * and fit its schema, and the body must fit the route's request schema. Violations are one 400
 * {@code request.invalid} listing every field, with the same codes the endpoints' readers use.
 */
final class RequestContract {
    private RequestContract() { }

    static void check(Route route, ApiRequest request) {
        Optional<RequestRules> found = RequestRules.forRoute(route.key());
        if (found.isEmpty()) return; // every route has rules: ContractRoutesTest holds the contract equal to the routes
        RequestRules rules = found.get();
        List<Violation> violations = new ArrayList<>(rules.checkQuery(queryPairs(request)));
        String body = request.body();
        if (body == null || body.isBlank()) {
            if (rules.bodyRequired() && violations.isEmpty()) {
                throw ApiProblem.badRequest("request.body_required", "This request needs a JSON object body");
            }
        } else {
            violations.addAll(rules.checkBody(Body.parse(body).node()));
        }
        if (!violations.isEmpty()) {
            throw DomainException.invalid(violations.stream()
                    .map(v -> new FieldError(v.field().isEmpty() ? "body" : v.field(), v.code(), v.message())).toList());
        }
    }

    /** The query string as sent, in order and with repeats (API Gateway's parsed map joins repeats with commas). */
    static List<Map.Entry<String, String>> queryPairs(ApiRequest request) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        String raw = request.rawQuery();
        if (raw == null || raw.isEmpty()) return pairs;
        for (String part : raw.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        }
        return pairs;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("request.invalid", "The query string is not correctly encoded");
        }
    }
}
