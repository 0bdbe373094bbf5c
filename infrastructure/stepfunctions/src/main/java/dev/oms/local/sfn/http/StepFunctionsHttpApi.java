package dev.oms.local.sfn.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.oms.local.sfn.ExecutionDescription;
import dev.oms.local.sfn.ExecutionStatus;
import dev.oms.local.sfn.HistoryEvent;
import dev.oms.local.sfn.Page;
import dev.oms.local.sfn.StateMachineDescription;
import dev.oms.local.sfn.StepFunctionsException;
import dev.oms.local.sfn.StepFunctionsService;
import dev.oms.local.sfn.asl.InvalidDefinitionException;
import dev.oms.local.sfn.asl.StateMachineDefinition;
import dev.oms.local.sfn.paths.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Step Functions API on the AWS JSON 1.0 protocol: {@code POST /} with
 * {@code X-Amz-Target: AWSStepFunctions.<Operation>} and a JSON body whose member names are the AWS ones
 * ({@code stateMachineArn}, {@code executionArn}, {@code taskToken}, ...). Dates are epoch seconds with a fraction.
 * Errors answer 400 with {@code {"__type": "ExecutionDoesNotExist", "message": "..."}}.
 *
 * <p>Mount it on any JDK {@link HttpServer} with {@link #mount}, or call {@link #handle(String, String)} from another
 * front end (for example one that dispatches several services by their X-Amz-Target prefix).
 * Requests are not authenticated: any SigV4 signature is accepted.
 */
public final class StepFunctionsHttpApi implements HttpHandler {
    public static final String TARGET_PREFIX = "AWSStepFunctions.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Logger LOG = Logger.getLogger(StepFunctionsHttpApi.class.getName());
    private static final Duration MAX_SYNC_WAIT = Duration.ofMinutes(5);

    private final StepFunctionsService service;

    public StepFunctionsHttpApi(StepFunctionsService service) {
        this.service = service;
    }

    /** Serves the API on {@code path} (usually "/") of an existing server. */
    public static StepFunctionsHttpApi mount(HttpServer server, String path, StepFunctionsService service) {
        StepFunctionsHttpApi api = new StepFunctionsHttpApi(service);
        server.createContext(path, api);
        return api;
    }

    /** True when an X-Amz-Target header addresses this API. */
    public static boolean handles(String target) {
        return target != null && target.startsWith(TARGET_PREFIX);
    }

    /** A status code and JSON body. */
    public record Response(int status, String body, String errorType) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            if (!"POST".equals(exchange.getRequestMethod())) {
                response = error(405, "UnknownOperationException", "Use POST with an X-Amz-Target header");
            } else {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                response = handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            if (response.errorType() != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", response.errorType());
            }
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Handles one request given its X-Amz-Target and body. */
    public Response handle(String target, String body) {
        if (!handles(target)) {
            return error(400, "UnknownOperationException", "Missing or unknown X-Amz-Target: " + target);
        }
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? Json.object() : Json.parse(body);
        } catch (IllegalArgumentException e) {
            return error(400, "SerializationException", "The request body is not JSON: " + e.getMessage());
        }
        if (!request.isObject()) {
            return error(400, "SerializationException", "The request body must be a JSON object");
        }
        String operation = target.substring(TARGET_PREFIX.length());
        try {
            JsonNode result = dispatch(operation, request);
            return result == null ? error(400, "UnknownOperationException", "Unknown operation " + operation)
                    : new Response(200, Json.write(result), null);
        } catch (StepFunctionsException e) {
            return error(400, e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Step Functions " + operation + " failed", e);
            return error(500, "InternalFailure", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private JsonNode dispatch(String operation, JsonNode request) {
        return switch (operation) {
            case "CreateStateMachine" -> createStateMachine(request);
            case "DescribeStateMachine" -> describeStateMachine(
                    service.describeStateMachine(required(request, "stateMachineArn")));
            case "DescribeStateMachineForExecution" -> describeStateMachineForExecution(request);
            case "UpdateStateMachine" -> {
                service.updateStateMachine(required(request, "stateMachineArn"), text(request, "definition"),
                        text(request, "roleArn"));
                ObjectNode out = Json.object();
                out.put("updateDate", epochSeconds(Instant.now()));
                yield out;
            }
            case "DeleteStateMachine" -> {
                service.deleteStateMachine(required(request, "stateMachineArn"));
                yield Json.object();
            }
            case "ListStateMachines" -> listStateMachines(request);
            case "ValidateStateMachineDefinition" -> validateDefinition(request);
            case "StartExecution" -> startExecution(request);
            case "StartSyncExecution" -> startSyncExecution(request);
            case "DescribeExecution" -> describeExecution(service.describeExecution(required(request, "executionArn")));
            case "ListExecutions" -> listExecutions(request);
            case "GetExecutionHistory" -> executionHistory(request);
            case "StopExecution" -> {
                ExecutionDescription stopped = service.stopExecution(required(request, "executionArn"),
                        text(request, "error"), text(request, "cause"));
                ObjectNode out = Json.object();
                out.put("stopDate", epochSeconds(stopped.stopDate() == null ? Instant.now() : stopped.stopDate()));
                yield out;
            }
            case "SendTaskSuccess" -> {
                service.sendTaskSuccess(required(request, "taskToken"), required(request, "output"));
                yield Json.object();
            }
            case "SendTaskFailure" -> {
                service.sendTaskFailure(required(request, "taskToken"), text(request, "error"), text(request, "cause"));
                yield Json.object();
            }
            case "SendTaskHeartbeat" -> {
                service.sendTaskHeartbeat(required(request, "taskToken"));
                yield Json.object();
            }
            case "ListTagsForResource" -> {
                ObjectNode out = Json.object();
                out.putArray("tags");
                yield out;
            }
            case "TagResource", "UntagResource" -> Json.object();
            default -> null;
        };
    }

    private JsonNode createStateMachine(JsonNode request) {
        StateMachineDescription created = service.createStateMachine(required(request, "name"),
                required(request, "definition"), required(request, "roleArn"), text(request, "type"));
        ObjectNode out = Json.object();
        out.put("stateMachineArn", created.stateMachineArn());
        out.put("creationDate", epochSeconds(created.creationDate()));
        return out;
    }

    private static ObjectNode describeStateMachine(StateMachineDescription machine) {
        ObjectNode out = Json.object();
        out.put("stateMachineArn", machine.stateMachineArn());
        out.put("name", machine.name());
        out.put("status", "ACTIVE");
        out.put("definition", machine.definition());
        out.put("roleArn", machine.roleArn());
        out.put("type", machine.type());
        out.put("creationDate", epochSeconds(machine.creationDate()));
        ObjectNode logging = out.putObject("loggingConfiguration");
        logging.put("level", "OFF");
        logging.put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        return out;
    }

    private JsonNode describeStateMachineForExecution(JsonNode request) {
        ExecutionDescription execution = service.describeExecution(required(request, "executionArn"));
        ObjectNode out = describeStateMachine(service.describeStateMachine(execution.stateMachineArn()));
        out.remove("status");
        out.remove("type");
        out.remove("creationDate");
        out.put("updateDate", epochSeconds(execution.startDate()));
        return out;
    }

    private JsonNode listStateMachines(JsonNode request) {
        Page<StateMachineDescription> page = service.listStateMachines(integer(request, "maxResults"),
                text(request, "nextToken"));
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("stateMachines");
        for (StateMachineDescription machine : page.items()) {
            ObjectNode item = items.addObject();
            item.put("stateMachineArn", machine.stateMachineArn());
            item.put("name", machine.name());
            item.put("type", machine.type());
            item.put("creationDate", epochSeconds(machine.creationDate()));
        }
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    private static JsonNode validateDefinition(JsonNode request) {
        ObjectNode out = Json.object();
        ArrayNode diagnostics = out.putArray("diagnostics");
        try {
            StateMachineDefinition.parse(required(request, "definition"));
            out.put("result", "OK");
        } catch (InvalidDefinitionException e) {
            out.put("result", "FAIL");
            for (String problem : e.problems()) {
                ObjectNode diagnostic = diagnostics.addObject();
                diagnostic.put("severity", "ERROR");
                diagnostic.put("code", "SCHEMA_VALIDATION_FAILED");
                diagnostic.put("message", problem);
            }
        }
        return out;
    }

    private JsonNode startExecution(JsonNode request) {
        ExecutionDescription started = service.startExecution(required(request, "stateMachineArn"),
                text(request, "name"), text(request, "input"));
        ObjectNode out = Json.object();
        out.put("executionArn", started.executionArn());
        out.put("startDate", epochSeconds(started.startDate()));
        return out;
    }

    private JsonNode startSyncExecution(JsonNode request) {
        ExecutionDescription started = service.startExecution(required(request, "stateMachineArn"),
                text(request, "name"), text(request, "input"));
        ExecutionDescription ended = service.awaitExecution(started.executionArn(), MAX_SYNC_WAIT);
        ObjectNode out = describeExecution(ended);
        out.remove("redriveCount");
        out.remove("redriveStatus");
        return out;
    }

    private static ObjectNode describeExecution(ExecutionDescription execution) {
        ObjectNode out = Json.object();
        out.put("executionArn", execution.executionArn());
        out.put("stateMachineArn", execution.stateMachineArn());
        out.put("name", execution.name());
        out.put("status", execution.status().name());
        out.put("startDate", epochSeconds(execution.startDate()));
        if (execution.stopDate() != null) {
            out.put("stopDate", epochSeconds(execution.stopDate()));
        }
        out.put("input", execution.input());
        out.putObject("inputDetails").put("included", true);
        if (execution.output() != null) {
            out.put("output", execution.output());
            out.putObject("outputDetails").put("included", true);
        }
        if (execution.error() != null) {
            out.put("error", execution.error());
        }
        if (execution.cause() != null) {
            out.put("cause", execution.cause());
        }
        out.put("redriveCount", 0);
        out.put("redriveStatus", "NOT_REDRIVABLE");
        return out;
    }

    private JsonNode listExecutions(JsonNode request) {
        String filter = text(request, "statusFilter");
        ExecutionStatus status;
        try {
            status = filter == null ? null : ExecutionStatus.valueOf(filter);
        } catch (IllegalArgumentException e) {
            throw StepFunctionsException.of("ValidationException", "Unknown statusFilter " + filter);
        }
        Page<ExecutionDescription> page = service.listExecutions(required(request, "stateMachineArn"), status,
                integer(request, "maxResults"), text(request, "nextToken"));
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("executions");
        for (ExecutionDescription execution : page.items()) {
            ObjectNode item = items.addObject();
            item.put("executionArn", execution.executionArn());
            item.put("stateMachineArn", execution.stateMachineArn());
            item.put("name", execution.name());
            item.put("status", execution.status().name());
            item.put("startDate", epochSeconds(execution.startDate()));
            if (execution.stopDate() != null) {
                item.put("stopDate", epochSeconds(execution.stopDate()));
            }
        }
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    private JsonNode executionHistory(JsonNode request) {
        boolean includeData = !request.has("includeExecutionData") || request.get("includeExecutionData").asBoolean();
        Page<HistoryEvent> page = service.getExecutionHistory(required(request, "executionArn"),
                integer(request, "maxResults"), text(request, "nextToken"),
                request.path("reverseOrder").asBoolean(false));
        ObjectNode out = Json.object();
        ArrayNode events = out.putArray("events");
        for (HistoryEvent event : page.items()) {
            ObjectNode item = events.addObject();
            item.put("timestamp", epochSeconds(event.timestamp()));
            item.put("type", event.type());
            item.put("id", event.id());
            item.put("previousEventId", event.previousEventId());
            if (event.detailsName() != null && event.details() != null) {
                JsonNode details = event.details();
                if (!includeData && details instanceof ObjectNode object) {
                    ObjectNode copy = object.deepCopy();
                    copy.remove(java.util.List.of("input", "output", "parameters"));
                    details = copy;
                }
                item.set(event.detailsName(), details);
            }
        }
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    // ----- request members -----

    private static String required(JsonNode request, String member) {
        String value = text(request, member);
        if (value == null) {
            throw StepFunctionsException.of("ValidationException",
                    "1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: "
                            + "Member must not be null");
        }
        return value;
    }

    private static String text(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw StepFunctionsException.of("SerializationException", "'" + member + "' must be a string");
        }
        return value.textValue();
    }

    private static Integer integer(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw StepFunctionsException.of("SerializationException", "'" + member + "' must be an integer");
        }
        return value.intValue();
    }

    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static Response error(int status, String type, String message) {
        ObjectNode body = Json.object();
        body.put("__type", type);
        body.put("message", message == null ? type : message);
        return new Response(status, Json.write(body), type);
    }
}
