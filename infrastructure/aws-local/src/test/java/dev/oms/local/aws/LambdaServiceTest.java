package dev.oms.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.platform.aws.AwsJsonRequests;
import dev.oms.platform.aws.LambdaInvocations;
import dev.oms.platform.json.Json;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lambda's Invoke played locally, called as the functions call it ({@link LambdaInvocations}: a signed REST-JSON POST). */
class LambdaServiceTest {
    static final TestSupport.FakeLambda lambda = new TestSupport.FakeLambda()
            .on("EchoFunction", event -> Map.of("echo", event))
            .on("FailingFunction", event -> { throw new IllegalStateException("no stock"); });
    static LambdaService service;

    @BeforeAll
    static void start() {
        service = LambdaService.start(Set.of("EchoFunction", "FailingFunction"), lambda);
        System.setProperty("aws.endpointUrlLambda", service.endpoint());
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @AfterAll
    static void stop() {
        service.close();
        System.clearProperty("aws.endpointUrlLambda");
    }

    @Test
    void aFunctionIsInvokedByNameArnOrAliasWithItsPayload() {
        for (String name : new String[] {"EchoFunction", "arn:aws:lambda:us-east-1:000000000000:function:EchoFunction:live", "EchoFunction:live"}) {
            var answer = LambdaInvocations.invoke(name, Json.object().put("operation", "status").put("amount", 1250));
            assertThat(answer.path("echo").path("operation").asText()).as(name).isEqualTo("status");
            assertThat(answer.path("echo").path("amount").asLong()).isEqualTo(1250);
        }
        assertThat(lambda.calls).extracting(TestSupport.FakeLambda.Call::functionId).filteredOn(id -> id.contains("Echo")).containsExactly("EchoFunction", "EchoFunction", "EchoFunction");
    }

    @Test
    void aFunctionThatThrowsIsAFunctionErrorAndAnUnknownOneIsNotFound() {
        assertThatThrownBy(() -> LambdaInvocations.invoke("FailingFunction", Json.object()))
                .isInstanceOf(LambdaInvocations.FunctionError.class).hasMessageContaining("no stock");
        assertThatThrownBy(() -> LambdaInvocations.invoke("NoSuchFunction", Json.object()))
                .isInstanceOfSatisfying(AwsJsonRequests.AwsError.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.type()).isEqualTo("ResourceNotFoundException");
                });
    }

    @Test
    void theFunctionNameIsReadFromAnArnWithOrWithoutQualifier() {
        assertThat(LambdaService.logicalId("arn:aws:lambda:us-east-1:000000000000:function:PaymentsFunction:live")).isEqualTo("PaymentsFunction");
        assertThat(LambdaService.logicalId("arn:aws:lambda:us-east-1:000000000000:function:PaymentsFunction")).isEqualTo("PaymentsFunction");
        assertThat(LambdaService.logicalId("PaymentsFunction")).isEqualTo("PaymentsFunction");
    }
}
