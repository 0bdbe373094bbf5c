package dev.oms.local.sfn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.StepFunctionsService;
import dev.oms.local.sfn.paths.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;

/** The real AWS SDK v2 SfnClient against the local HTTP API. */
class SfnClientCompatTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/local";
    private static final BlockingQueue<String> TOKENS = new LinkedBlockingQueue<>();
    private static StepFunctionsService service;
    private static StepFunctionsServer server;
    private static SfnClient sfn;

    @BeforeAll
    static void start() {
        service = StepFunctionsService.builder()
                .taskInvoker((resource, parameters, context) -> {
                    if (context.waitsForTaskToken()) {
                        TOKENS.add(context.taskToken());
                        return Json.object();
                    }
                    return Json.parse("{\"reserved\": " + parameters.path("qty").asInt() + "}");
                })
                .build();
        server = StepFunctionsServer.start(0, service);
        sfn = SfnClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        server.close();
        service.close();
    }

    @Test
    void createStartCallbackDescribeAndReadTheHistory() throws Exception {
        String definition = """
            {"StartAt": "Reserve", "States": {
              "Reserve": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:Reserve",
                          "ResultPath": "$.reservation", "Next": "Approve"},
              "Approve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                          "Parameters": {"FunctionName": "Approve", "Payload": {"token.$": "$$.Task.Token"}},
                          "ResultPath": "$.approval", "End": true}}}""";
        Instant before = Instant.now().minusSeconds(1);
        CreateStateMachineResponse created = sfn.createStateMachine(request -> request
                .name("sdk-saga").definition(definition).roleArn(ROLE));
        assertThat(created.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:sdk-saga");
        assertThat(created.creationDate()).isAfter(before);

        DescribeStateMachineResponse machine = sfn.describeStateMachine(r -> r.stateMachineArn(created.stateMachineArn()));
        assertThat(machine.definition()).isEqualTo(definition);
        assertThat(machine.roleArn()).isEqualTo(ROLE);
        assertThat(machine.statusAsString()).isEqualTo("ACTIVE");
        assertThat(sfn.listStateMachines(r -> { }).stateMachines())
                .anyMatch(item -> item.name().equals("sdk-saga"));

        StartExecutionResponse started = sfn.startExecution(request -> request
                .stateMachineArn(created.stateMachineArn()).name("order-o1").input("{\"qty\": 3}"));
        assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:sdk-saga:order-o1");
        assertThat(started.startDate()).isAfter(before);
        assertThat(sfn.startExecution(request -> request.stateMachineArn(created.stateMachineArn())
                .name("order-o1").input("{\"qty\": 3}")).executionArn()).isEqualTo(started.executionArn());
        assertThatThrownBy(() -> sfn.startExecution(request -> request.stateMachineArn(created.stateMachineArn())
                .name("order-o1").input("{\"qty\": 4}"))).isInstanceOf(ExecutionAlreadyExistsException.class);

        String token = TOKENS.poll(10, TimeUnit.SECONDS);
        assertThat(token).isNotNull();
        DescribeExecutionResponse running = sfn.describeExecution(r -> r.executionArn(started.executionArn()));
        assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(running.input()).isEqualTo("{\"qty\": 3}");
        assertThat(running.stopDate()).isNull();

        sfn.sendTaskHeartbeat(r -> r.taskToken(token));
        sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"approved\": true}"));
        service.awaitExecution(started.executionArn(), Duration.ofSeconds(10));

        DescribeExecutionResponse done = sfn.describeExecution(r -> r.executionArn(started.executionArn()));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output())).isEqualTo(Json.parse(
                "{\"qty\": 3, \"reservation\": {\"reserved\": 3}, \"approval\": {\"approved\": true}}"));
        assertThat(done.stopDate()).isAfterOrEqualTo(done.startDate());
        assertThat(done.name()).isEqualTo("order-o1");
        assertThat(done.stateMachineArn()).isEqualTo(created.stateMachineArn());

        GetExecutionHistoryResponse history = sfn.getExecutionHistory(r -> r.executionArn(started.executionArn()));
        List<HistoryEventType> types = history.events().stream().map(HistoryEvent::type).toList();
        assertThat(types).containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.LAMBDA_FUNCTION_SCHEDULED, HistoryEventType.LAMBDA_FUNCTION_STARTED,
                HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_SUBMITTED, HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        HistoryEvent first = history.events().get(0);
        assertThat(first.id()).isEqualTo(1L);
        assertThat(first.previousEventId()).isEqualTo(0L);
        assertThat(first.timestamp()).isAfter(before);
        assertThat(first.executionStartedEventDetails().input()).isEqualTo("{\"qty\": 3}");
        assertThat(first.executionStartedEventDetails().roleArn()).isEqualTo(ROLE);
        HistoryEvent entered = history.events().get(1);
        assertThat(entered.stateEnteredEventDetails().name()).isEqualTo("Reserve");
        assertThat(entered.previousEventId()).isEqualTo(1L);
        assertThat(history.events().get(2).lambdaFunctionScheduledEventDetails().resource())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:Reserve");
        assertThat(history.events().get(5).stateExitedEventDetails().output()).contains("reservation");
        assertThat(history.events().get(7).taskScheduledEventDetails().resourceType()).isEqualTo("lambda");
        assertThat(history.events().get(7).taskScheduledEventDetails().resource()).isEqualTo("invoke.waitForTaskToken");
        assertThat(history.events().get(10).taskSucceededEventDetails().output()).isEqualTo("{\"approved\":true}");
        assertThat(history.events().get(12).executionSucceededEventDetails().output()).contains("approval");

        GetExecutionHistoryResponse page = sfn.getExecutionHistory(r -> r.executionArn(started.executionArn())
                .maxResults(5).reverseOrder(true));
        assertThat(page.events()).hasSize(5);
        assertThat(page.events().get(0).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(page.nextToken()).isNotNull();

        ListExecutionsResponse listed = sfn.listExecutions(r -> r.stateMachineArn(created.stateMachineArn())
                .statusFilter(ExecutionStatus.SUCCEEDED));
        assertThat(listed.executions()).singleElement()
                .satisfies(item -> assertThat(item.executionArn()).isEqualTo(started.executionArn()));
    }

    @Test
    void errorsArriveAsTheSdksModeledExceptions() {
        assertThatThrownBy(() -> sfn.describeExecution(r -> r.executionArn(
                "arn:aws:states:us-east-1:000000000000:execution:none:none")))
                .isInstanceOfSatisfying(ExecutionDoesNotExistException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExecutionDoesNotExist");
                });
        assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("broken").roleArn(ROLE)
                .definition("{\"StartAt\": \"Nope\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("StartAt 'Nope'");
        assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken("AQCnope").output("{}")))
                .isInstanceOf(TaskDoesNotExistException.class);
        String definition = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";
        sfn.createStateMachine(r -> r.name("twice").roleArn(ROLE).definition(definition));
        assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("twice").roleArn(ROLE)
                .definition(definition.replace("Succeed", "Pass\", \"End\": true, \"Type2\": \"x"))))
                .isInstanceOf(software.amazon.awssdk.services.sfn.model.SfnException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("twice").roleArn("arn:aws:iam::1:role/other")
                .definition(definition))).isInstanceOf(StateMachineAlreadyExistsException.class);
    }

    @Test
    void stopExecutionThroughTheSdk() {
        String arn = sfn.createStateMachine(r -> r.name("sleepy").roleArn(ROLE).definition(
                "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 600, \"End\": true}}}"))
                .stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn();
        StopExecutionResponse stopped = sfn.stopExecution(r -> r.executionArn(execution).error("Ops").cause("test"));
        assertThat(stopped.stopDate()).isNotNull();
        DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(execution));
        assertThat(described.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(described.error()).isEqualTo("Ops");
        assertThat(described.cause()).isEqualTo("test");
    }

    @Test
    void startSyncExecutionAndValidateDefinition() {
        // StartSyncExecution puts "sync-" before the host; with an endpoint override that must be switched off.
        SfnClient syncClient = SfnClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.putAdvancedOption(
                        SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
        String arn = sfn.createStateMachine(r -> r.name("express").roleArn(ROLE).type("EXPRESS").definition(
                "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": 42, \"End\": true}}}"))
                .stateMachineArn();
        var result = syncClient.startSyncExecution(r -> r.stateMachineArn(arn).input("{}"));
        syncClient.close();
        assertThat(result.statusAsString()).isEqualTo("SUCCEEDED");
        assertThat(result.output()).isEqualTo("42");
        var validation = sfn.validateStateMachineDefinition(r -> r.definition("{\"StartAt\": \"X\", \"States\": {}}"));
        assertThat(validation.resultAsString()).isEqualTo("FAIL");
        assertThat(validation.diagnostics()).isNotEmpty();
        JsonNode ok = Json.parse("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Succeed\"}}}");
        assertThat(sfn.validateStateMachineDefinition(r -> r.definition(Json.write(ok))).resultAsString())
                .isEqualTo("OK");
    }
}
