package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Bodies too large for the gateway get a 413 problem+json that the client reads (it is not cut off while sending),
 * with API Gateway's limits: 10 MB for an HTTP API request, 6 MB for the Lambda invocation payload.
 */
class RequestLimitsIT {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        String token = runtime().tokens().mint(new dev.oms.app.security.Caller(newTenant(), "big", "agent", java.util.Set.of("agent"), null, null), 600);
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime().baseUrl() + "/v1/orders")).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").header("authorization", "Bearer " + token).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String json(int bytes) {
        char[] filler = new char[bytes];
        Arrays.fill(filler, 'x');
        return "{\"note\":\"" + new String(filler) + "\"}";
    }

    static void assertTooLarge(HttpResponse<String> r, String mentions) throws Exception {
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode p = Json.parse(r.body());
        assertThat(p.path("code").asText()).isEqualTo("request.too_large");
        assertThat(p.path("status").asInt()).isEqualTo(413);
        assertThat(p.path("detail").asText()).contains(mentions);
    }

    @Test
    void aBodyOverTenMegabytesGetsA413TheClientCanRead() throws Exception {
        assertTooLarge(post(HttpRequest.BodyPublishers.ofString(json(11 * 1024 * 1024))), "10 MB");
        // without a Content-Length (chunked): the gateway reads past the limit, drains the rest, and answers
        byte[] chunked = json(12 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        assertTooLarge(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))), "10 MB");
    }

    @Test
    void aBodyOverLambdasSixMegabytesGetsA413AndOneOver256KiBTheFunctions413() throws Exception {
        assertTooLarge(post(HttpRequest.BodyPublishers.ofString(json(7 * 1024 * 1024))), "6 MB");
        HttpResponse<String> functions = post(HttpRequest.BodyPublishers.ofString(json(300 * 1024)));
        assertThat(functions.statusCode()).isEqualTo(413);
        assertThat(Json.parse(functions.body()).path("code").asText()).isEqualTo("request.too_large");
    }

    @Test
    void theRuntimeSaysWhereEachAwsServiceListensAndTheSdkWorksThere() throws Exception {
        JsonNode services = Json.parse(HTTP.send(HttpRequest.newBuilder(URI.create(runtime().baseUrl() + "/local")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("services");
        assertThat(services.fieldNames()).toIterable().containsExactly("DynamoDB", "SQS", "S3", "SNS", "EventBridge", "Step Functions", "Lambda", "OpenSearch", "Edge");
        var credentials = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("someone", "anything"));
        try (var dynamo = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(URI.create(services.path("DynamoDB").asText()))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var sqs = software.amazon.awssdk.services.sqs.SqsClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(URI.create(services.path("SQS").asText()))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            assertThat(dynamo.listTables().tableNames()).contains("OrdersTable");
            assertThat(sqs.listQueues().queueUrls()).anyMatch(u -> u.contains("JobsQueue"));
        }
    }

    @Test
    void everyServiceAnswersTheSdksOnTheOneEdgePort() throws Exception {
        JsonNode services = Json.parse(HTTP.send(HttpRequest.newBuilder(URI.create(runtime().baseUrl() + "/local")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("services");
        URI edge = URI.create(services.path("Edge").asText());
        // the runtime's credentials: S3 checks signatures (the others take any)
        var credentials = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local"));
        var region = software.amazon.awssdk.regions.Region.US_EAST_1;
        try (var dynamo = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(edge).httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var sqs = software.amazon.awssdk.services.sqs.SqsClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(edge).httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var s3 = software.amazon.awssdk.services.s3.S3Client.builder().region(region).credentialsProvider(credentials).forcePathStyle(true)
                .endpointOverride(edge).httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var sns = software.amazon.awssdk.services.sns.SnsClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(edge).httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var events = software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(edge).httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var sfn = software.amazon.awssdk.services.sfn.SfnClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(edge).httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            assertThat(dynamo.listTables().tableNames()).contains("OrdersTable");
            assertThat(sqs.listQueues().queueUrls()).anyMatch(u -> u.contains("JobsQueue"));
            String bucket = s3.listBuckets().buckets().get(0).name();
            String key = "edge/" + System.nanoTime() + ".txt";
            s3.putObject(b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString("through the edge"));
            assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength()).isEqualTo(16L);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("through the edge");
            assertThat(sns.listTopics().topics()).isNotEmpty();
            assertThat(events.listEventBuses(b -> { }).eventBuses()).isNotEmpty();
            assertThat(sfn.listStateMachines().stateMachines()).anyMatch(m -> m.name().contains("CancelOrder"));
        }
        // Lambda's Invoke (REST-JSON, the payments relay's transport), routed by the signature's scope: PaymentsFunction
        // answers a payment status (the runtime does not check Lambda signatures, so a well-formed scope is enough here)
        HttpResponse<String> invoked = HTTP.send(HttpRequest.newBuilder(edge.resolve("/2015-03-31/functions/PaymentsFunction/invocations"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20261206/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant_id\":\"edge-tenant\",\"operation\":\"status\",\"payment_id\":\"pay_edge\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(invoked.statusCode()).as(invoked.body()).isEqualTo(200);
        assertThat(Json.parse(invoked.body()).path("status").path("payment_id").asText()).as(invoked.body()).isEqualTo("pay_edge");
    }
}
