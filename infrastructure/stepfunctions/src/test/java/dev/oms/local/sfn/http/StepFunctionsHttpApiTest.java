package dev.oms.local.sfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.oms.local.sfn.StepFunctionsService;
import dev.oms.local.sfn.paths.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wire format of the JSON 1.0 protocol, on a server of our own with the API mounted on it. */
class StepFunctionsHttpApiTest {
    private final StepFunctionsService service = StepFunctionsService.builder().build();
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    StepFunctionsHttpApiTest() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StepFunctionsHttpApi.mount(server, "/", service);
        server.start();
    }

    @AfterEach
    void close() {
        server.stop(0);
        service.close();
    }

    private HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersWithAwsMemberNamesAndEpochSeconds() throws Exception {
        HttpResponse<String> created = post("AWSStepFunctions.CreateStateMachine", """
            {"name": "wire", "roleArn": "arn:aws:iam::000000000000:role/r",
             "definition": "{\\"StartAt\\": \\"P\\", \\"States\\": {\\"P\\": {\\"Type\\": \\"Pass\\", \\"End\\": true}}}"}""");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        JsonNode body = Json.parse(created.body());
        assertThat(body.get("stateMachineArn").asText()).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:wire");
        assertThat(body.get("creationDate").isNumber()).isTrue();
        assertThat(body.get("creationDate").decimalValue().scale()).isEqualTo(3);

        JsonNode started = Json.parse(post("AWSStepFunctions.StartExecution",
                "{\"stateMachineArn\": \"" + body.get("stateMachineArn").asText() + "\", \"input\": \"{}\"}").body());
        service.awaitExecution(started.get("executionArn").asText(), java.time.Duration.ofSeconds(10));
        JsonNode described = Json.parse(post("AWSStepFunctions.DescribeExecution",
                "{\"executionArn\": \"" + started.get("executionArn").asText() + "\"}").body());
        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.get("output").asText()).isEqualTo("{}");
        assertThat(described.get("startDate").isNumber()).isTrue();
        assertThat(described.get("stopDate").isNumber()).isTrue();

        JsonNode history = Json.parse(post("AWSStepFunctions.GetExecutionHistory",
                "{\"executionArn\": \"" + started.get("executionArn").asText() + "\", \"includeExecutionData\": false}")
                .body());
        JsonNode entered = history.get("events").get(1);
        assertThat(entered.get("type").asText()).isEqualTo("PassStateEntered");
        assertThat(entered.get("stateEnteredEventDetails").get("name").asText()).isEqualTo("P");
        assertThat(entered.get("stateEnteredEventDetails").has("input")).isFalse();
    }

    @Test
    void errorsAreTypedWithStatus400() throws Exception {
        HttpResponse<String> missing = post("AWSStepFunctions.DescribeExecution",
                "{\"executionArn\": \"arn:aws:states:us-east-1:000000000000:execution:m:e\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).contains("ExecutionDoesNotExist");
        JsonNode error = Json.parse(missing.body());
        assertThat(error.get("__type").asText()).isEqualTo("ExecutionDoesNotExist");
        assertThat(error.get("message").asText()).contains("arn:aws:states:us-east-1:000000000000:execution:m:e");

        assertThat(Json.parse(post("AWSStepFunctions.Frobnicate", "{}").body()).get("__type").asText())
                .isEqualTo("UnknownOperationException");
        assertThat(Json.parse(post(null, "{}").body()).get("__type").asText())
                .isEqualTo("UnknownOperationException");
        assertThat(Json.parse(post("AWSStepFunctions.StartExecution", "{oops").body()).get("__type").asText())
                .isEqualTo("SerializationException");
        assertThat(Json.parse(post("AWSStepFunctions.StartExecution", "{}").body()).get("__type").asText())
                .isEqualTo("ValidationException");
    }
}
