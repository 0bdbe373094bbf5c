package dev.oms.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A signed AWS JSON 1.1 call against a local endpoint (the {@code aws.endpointUrlSsm} override), as SSM sees it. */
class AwsJsonRequestsTest {
    static HttpServer server;
    static final List<Map<String, String>> seen = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            seen.add(Map.of("target", String.valueOf(h.getFirst("X-amz-target")), "auth", String.valueOf(h.getFirst("Authorization")),
                    "type", String.valueOf(h.getFirst("Content-type")), "body", body));
            boolean missing = body.contains("/missing");
            byte[] out = (missing ? "{\"__type\":\"com.amazonaws.ssm#ParameterNotFound\",\"message\":\"not here\"}"
                    : "{\"Parameter\":{\"Name\":\"/oms/t1/key\",\"Value\":\"sk_test_secret\",\"Type\":\"SecureString\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(missing ? 400 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        System.setProperty("aws.endpointUrlSsm", "http://127.0.0.1:" + server.getAddress().getPort() + "/");
        System.setProperty("aws.region", "eu-west-2");
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        for (String p : List.of("aws.endpointUrlSsm", "aws.region", "aws.accessKeyId", "aws.secretAccessKey")) System.clearProperty(p);
    }

    @Test
    void aCallIsSignedForItsServiceAndRegionAndNamesItsOperation() {
        var answer = AwsJsonRequests.call(AwsJsonRequests.SSM, "GetParameter", Json.object().put("Name", "/oms/t1/key").put("WithDecryption", true));
        assertThat(answer.path("Parameter").path("Value").asText()).isEqualTo("sk_test_secret");
        Map<String, String> request = seen.get(seen.size() - 1);
        assertThat(request.get("target")).isEqualTo("AmazonSSM.GetParameter");
        assertThat(request.get("type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(request.get("auth")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-2/ssm/aws4_request")
                .contains("SignedHeaders=").contains("x-amz-target");
        assertThat(request.get("body")).isEqualTo("{\"Name\":\"/oms/t1/key\",\"WithDecryption\":true}");
    }

    @Test
    void anErrorAnswerIsItsTypeWithoutTheNamespace() {
        assertThatThrownBy(() -> AwsJsonRequests.call(AwsJsonRequests.SSM, "GetParameter", Json.object().put("Name", "/missing")))
                .isInstanceOfSatisfying(AwsJsonRequests.AwsError.class, e -> {
                    assertThat(e.type()).isEqualTo("ParameterNotFound");
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void theEndpointIsTheRegionalOneWithoutAnOverride() {
        assertThat(AwsJsonRequests.endpoint(AwsJsonRequests.SECRETS_MANAGER, software.amazon.awssdk.regions.Region.EU_WEST_2).toString())
                .isEqualTo("https://secretsmanager.eu-west-2.amazonaws.com/");
    }
}
