package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.DomainException;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Problems;
import dev.oms.platform.json.Json;
import java.util.List;
import java.util.Map;

/** The problem+json a row or an order failed with, exactly as the API would have answered it. */
final class Problem {
    private Problem() { }

    /** The problem of a business refusal or a validation error; null for anything else (a fault to retry). */
    static ObjectNode of(RuntimeException e) {
        ApiResponse r;
        if (e instanceof DomainException d) r = Problems.of(d, null);
        else if (e instanceof ApiProblem p) r = Problems.of(p, null);
        else if (e instanceof ArithmeticException) r = Problems.build(422, "amount.overflow", "An amount or quantity is too large to compute exactly",
                "Use smaller quantities or amounts.", Map.of(), List.of(), null);
        else return null;
        return parse(r.body());
    }

    /** Marks a report row failed with the problem of a refused use case; rethrows what is not a problem (a fault). */
    static ObjectNode failed(ObjectNode row, RuntimeException e) {
        ObjectNode problem = of(e);
        if (problem == null) throw e;
        row.put("status", "failed").put("code", problem.path("code").asText()).put("detail", problem.path("detail").asText());
        row.set("problem", problem);
        return row;
    }

    static ObjectNode unreadable(String detail) {
        return parse(Problems.build(400, "import.row_unreadable", detail, "Fix the line and import it again.", Map.of(), List.of(), null).body());
    }

    private static ObjectNode parse(String body) {
        try {
            return (ObjectNode) Json.parse(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
