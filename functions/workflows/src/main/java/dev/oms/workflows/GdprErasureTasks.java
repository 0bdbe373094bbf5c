package dev.oms.workflows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.privacy.PersonalDataErasure;
import dev.oms.platform.dynamo.DynamoErasureRequests;
import dev.oms.platform.dynamo.DynamoPersonalData;
import dev.oms.platform.observability.Observability;
import dev.oms.platform.storage.S3FileDeletion;
import dev.oms.platform.wiring.CoreServices;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task states of the gdpr-erasure workflow ({@code statemachines/gdpr-erasure.asl.json}): {@code {"action":
 * "check" | "erase_batch" | "finish" | "fail", "tenant_id", "request_id"}}; {@code fail} also gets the caught
 * {@code failure}. Each action is safe to repeat.
 */
public final class GdprErasureTasks implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final PersonalDataErasure erasure;

    public GdprErasureTasks() { this(erasure(CoreServices.get())); }

    public GdprErasureTasks(PersonalDataErasure erasure) { this.erasure = erasure; }

    /** What the workflow needs and no more: the table, the orders, and the documents bucket (to delete files). */
    static PersonalDataErasure erasure(CoreServices core) {
        return new PersonalDataErasure(new DynamoErasureRequests(core.table), new DynamoPersonalData(core.table), core.orders,
                S3FileDeletion.fromEnvironment(), core.ids, core.clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        String action = CancelOrderTasks.text(input, "action");
        String tenant = CancelOrderTasks.text(input, "tenant_id");
        String request = CancelOrderTasks.text(input, "request_id");
        Map<String, Object> result = switch (action) {
            case "check" -> erasure.check(tenant, request);
            case "erase_batch" -> erasure.eraseBatch(tenant, request);
            case "finish" -> erasure.finish(tenant, request);
            case "fail" -> erasure.fail(tenant, request, CancelOrderTasks.failure(input));
            default -> throw new IllegalArgumentException("Unknown gdpr-erasure action " + action);
        };
        Observability.log().info("gdpr-erasure {} for {} done", action, request);
        return new LinkedHashMap<>(result);
    }
}
