package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Lambda's {@code Invoke} ({@code POST /2015-03-31/functions/{name}/invocations}, REST-JSON), locally: the
 * template's functions by logical id, function ARN or either with a qualifier (an alias such as {@code live}), run
 * through the runtime's {@link LambdaInvoker} with the JSON payload, as Lambda would: {@code RequestResponse} answers
 * 200 with what the handler returned, or 200 with {@code X-Amz-Function-Error: Unhandled} and
 * {@code {errorType, errorMessage}} when it threw; {@code Event} answers 202 and runs it on a worker thread. An
 * unknown function is 404 {@code ResourceNotFoundException}, a body that is not JSON 400
 * {@code InvalidRequestContentException}; other operations answer 404.
 */
public final class LambdaService implements AutoCloseable {
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");

    private final Set<String> functions;
    private final LambdaInvoker lambda;
    private final LocalHttpServer http;
    private final ExecutorService async = Executors.newCachedThreadPool(LocalHttpServer.daemonThreads("lambda-event"));

    private LambdaService(Set<String> functions, LambdaInvoker lambda, int port) {
        this.functions = Set.copyOf(functions);
        this.lambda = lambda;
        this.http = new LocalHttpServer("lambda", port, this::handle);
    }

    /** Serves {@code functions} (the template's logical ids) through {@code lambda}. */
    public static LambdaService start(Set<String> functions, LambdaInvoker lambda) { return new LambdaService(functions, lambda, 0); }

    public String endpoint() { return http.endpoint(); }

    /** The function a name, ARN or qualified name means ({@code arn:aws:lambda:r:a:function:Name:live} is {@code Name}). */
    static String logicalId(String name) {
        String n = name;
        int fn = n.indexOf(":function:");
        if (n.startsWith("arn:") && fn > 0) n = n.substring(fn + ":function:".length());
        int qualifier = n.indexOf(':');
        return qualifier < 0 ? n : n.substring(0, qualifier);
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        Matcher m = INVOKE.matcher(ex.getRequestURI().getRawPath());
        if (!ex.getRequestMethod().equals("POST") || !m.matches()) {
            error(ex, 404, "UnknownOperationException", "Only Invoke is played locally");
            return;
        }
        String id = logicalId(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
        if (!functions.contains(id)) {
            error(ex, 404, "ResourceNotFoundException", "Function not found: " + m.group(1));
            return;
        }
        String body = LocalHttpServer.body(ex);
        Object event;
        try {
            event = body.isBlank() ? Map.of() : Json.mapper().convertValue(Json.parse(body), Object.class);
        } catch (Exception e) {
            error(ex, 400, "InvalidRequestContentException", "Could not parse request body into json");
            return;
        }
        String type = ex.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        if ("Event".equals(type)) {
            async.submit(() -> {
                try {
                    lambda.invoke(id, event);
                } catch (Exception ignored) {
                    // an asynchronous invocation's failure is the function's own log, not the caller's answer
                }
            });
            LocalHttpServer.respond(ex, 202, "application/json", "");
            return;
        }
        ex.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        try {
            Object result = lambda.invoke(id, event);
            LocalHttpServer.respond(ex, 200, "application/json", result == null ? "null" : Json.mapper().writeValueAsString(result));
        } catch (Exception e) {
            ex.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            JsonNode err = Json.object().put("errorType", e.getClass().getName()).put("errorMessage", String.valueOf(e.getMessage()));
            LocalHttpServer.respond(ex, 200, "application/json", Json.write(err));
        }
    }

    private static void error(HttpExchange ex, int status, String type, String message) throws IOException {
        ex.getResponseHeaders().set("x-amzn-ErrorType", type);
        LocalHttpServer.respond(ex, status, "application/json", Json.write(Json.object().put("Type", "User").put("message", message)));
    }

    @Override
    public void close() {
        http.close();
        async.shutdownNow();
    }
}
