package dev.oms.local.aws;

import static dev.oms.local.aws.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.oms.platform.template.SamTemplate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class DynamoDbStreamPollerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static DynamoDBProxyServer server;
    private static String endpoint;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        int port = LocalAws.freePort();
        server = ServerRunner.createServerFromCommandLineArgs(new String[] {"-port", Integer.toString(port), "-inMemory", "-sharedDb", "-disableTelemetry"});
        server.start();
        endpoint = "http://127.0.0.1:" + port;
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(LocalAws.region()).credentialsProvider(LocalAws.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        for (String table : List.of("OrdersTable", "ResumeTable", "ThrowingTable", "PartialTable", "BisectTable")) {
            dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        }
    }

    @AfterAll
    static void stopDynamoDbLocal() throws Exception {
        dynamo.close();
        server.stop();
    }

    private static DynamoDbStreamPoller.Options fast() {
        return new DynamoDbStreamPoller.Options(null, Duration.ofMillis(50), -1, Duration.ofMillis(20), Duration.ofSeconds(1));
    }

    @Test
    void delivers_changes_in_order_per_item_as_a_DynamodbEvent() {
        TestSupport.FakeLambda lambda = new TestSupport.FakeLambda();
        SamTemplate template = TestSupport.template("stream-order-template.yaml");
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.start(template, endpoint, Map.of(), lambda, fast())) {
            put("OrdersTable", "A", 1, Map.of("tags", ss("x", "y"), "nested", map(Map.of("n", n("7"))), "list",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().l(s("one"), n("2")).build(),
                    "flag", software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().bool(true).build(),
                    "none", software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().nul(true).build()));
            put("OrdersTable", "A", 2, Map.of());
            put("OrdersTable", "B", 1, Map.of());
            put("OrdersTable", "A", 3, Map.of());
            dynamo.deleteItem(b -> b.tableName("OrdersTable").key(Map.of("pk", s("B"))));

            eventually(WAIT, "five stream records", () -> records(lambda, "PublisherFunction").size() >= 5);
            List<DynamodbEvent.DynamodbStreamRecord> records = records(lambda, "PublisherFunction");
            assertThat(records).hasSize(5);
            assertThat(records.stream().filter(r -> key(r).equals("A")).map(r -> r.getEventName() + ":" + r.getDynamodb().getNewImage().get("v").getN()))
                    .containsExactly("INSERT:1", "MODIFY:2", "MODIFY:3");
            assertThat(records.stream().filter(r -> key(r).equals("B")).map(DynamodbEvent.DynamodbStreamRecord::getEventName))
                    .containsExactly("INSERT", "REMOVE");
            DynamodbEvent.DynamodbStreamRecord first = records.get(0);
            String streamArn = dynamo.describeTable(b -> b.tableName("OrdersTable")).table().latestStreamArn();
            assertThat(first.getEventSourceARN()).isEqualTo(streamArn);
            assertThat(first.getEventSource()).isEqualTo("aws:dynamodb");
            assertThat(first.getAwsRegion()).isEqualTo(LocalAws.REGION);
            assertThat(first.getDynamodb().getKeys().get("pk").getS()).isEqualTo("A");
            Map<String, AttributeValue> image = first.getDynamodb().getNewImage();
            assertThat(image.get("tags").getSS()).containsExactlyInAnyOrder("x", "y");
            assertThat(image.get("nested").getM().get("n").getN()).isEqualTo("7");
            assertThat(image.get("list").getL()).extracting(v -> v.getS() != null ? v.getS() : v.getN()).containsExactly("one", "2");
            assertThat(image.get("flag").getBOOL()).isTrue();
            assertThat(image.get("none").isNULL()).isTrue();
            assertThat(first.getDynamodb().getOldImage()).isNull();
            DynamodbEvent.DynamodbStreamRecord modify = records.stream().filter(r -> r.getEventName().equals("MODIFY")).findFirst().orElseThrow();
            assertThat(modify.getDynamodb().getOldImage().get("v").getN()).isEqualTo("1");
            assertThat(modify.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
            DynamodbEvent.DynamodbStreamRecord remove = records.get(records.size() - 1);
            assertThat(remove.getDynamodb().getNewImage()).isNull();
            assertThat(remove.getDynamodb().getOldImage().get("pk").getS()).isEqualTo("B");
            List<java.math.BigInteger> seqs = records.stream().map(r -> new java.math.BigInteger(r.getDynamodb().getSequenceNumber())).toList();
            assertThat(seqs).isSorted();
            assertThat(poller.status().get(0).recordsProcessed()).isEqualTo(5);
        }
    }

    @Test
    void resumes_from_the_checkpoint_after_a_restart(@TempDir Path dir) throws Exception {
        SamTemplate template = TestSupport.template("stream-order-template.yaml");
        Map<String, String> tables = Map.of("OrdersTable", "ResumeTable");
        TestSupport.FakeLambda first = new TestSupport.FakeLambda();
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.start(template, endpoint, tables, first, fast().withCheckpointDir(dir))) {
            for (int i = 1; i <= 3; i++) put("ResumeTable", "item-" + i, i, Map.of());
            eventually(WAIT, "the first three records", () -> records(first, "PublisherFunction").size() == 3);
            eventually(WAIT, "the checkpoint written", () -> poller.status().get(0).checkpoint().size() == 1);
        }
        assertThat(Files.readString(dir.resolve("PublisherFunction.Stream.checkpoint.json"))).contains("stream_arn");
        put("ResumeTable", "item-4", 4, Map.of());
        put("ResumeTable", "item-5", 5, Map.of());

        TestSupport.FakeLambda second = new TestSupport.FakeLambda();
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.start(template, endpoint, tables, second, fast().withCheckpointDir(dir))) {
            eventually(WAIT, "the two new records", () -> records(second, "PublisherFunction").size() >= 2);
            Thread.sleep(500);
            assertThat(records(second, "PublisherFunction")).extracting(DynamoDbStreamPollerTest::key).containsExactly("item-4", "item-5");
        }
        // without the checkpoint the same mapping reads the whole stream again
        TestSupport.FakeLambda fresh = new TestSupport.FakeLambda();
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.start(template, endpoint, tables, fresh, fast())) {
            eventually(WAIT, "all five records", () -> records(fresh, "PublisherFunction").size() >= 5);
        }
    }

    @Test
    void retries_a_failing_batch_then_skips_it_and_logs_the_failure(@TempDir Path dir) throws Exception {
        put("ThrowingTable", "ok-1", 1, Map.of());
        put("ThrowingTable", "poison", 2, Map.of());
        put("ThrowingTable", "ok-2", 3, Map.of());
        put("PartialTable", "a", 1, Map.of("kind", s("order")));
        put("PartialTable", "noise", 2, Map.of("kind", s("audit")));
        put("PartialTable", "poison", 3, Map.of("kind", s("order")));
        put("PartialTable", "b", 4, Map.of("kind", s("order")));
        put("PartialTable", "c", 5, Map.of("kind", s("audit")));
        for (String k : List.of("a", "b", "poison", "c")) put("BisectTable", k, 1, Map.of());
        TestSupport.FakeLambda lambda = new TestSupport.FakeLambda()
                .on("ThrowingFunction", e -> {
                    if (((DynamodbEvent) e).getRecords().stream().anyMatch(r -> key(r).equals("poison"))) throw new IllegalStateException("cannot publish poison");
                    return null;
                })
                .on("BisectFunction", e -> {
                    if (((DynamodbEvent) e).getRecords().stream().anyMatch(r -> key(r).equals("poison"))) throw new IllegalStateException("poison in batch");
                    return null;
                })
                .on("PartialFunction", e -> new StreamsEventResponse(((DynamodbEvent) e).getRecords().stream().filter(r -> key(r).equals("poison"))
                        .map(r -> new StreamsEventResponse.BatchItemFailure(r.getDynamodb().getSequenceNumber())).toList()));
        SamTemplate template = TestSupport.template("stream-failure-template.yaml");
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.start(template, endpoint, Map.of(), lambda, fast().withCheckpointDir(dir))) {
            eventually(WAIT, "ok-2 after the poison was skipped", () -> records(lambda, "ThrowingFunction").stream().anyMatch(r -> key(r).equals("ok-2")));
            eventually(WAIT, "the three failures logged", () -> poller.failures().size() == 3);

            assertThat(records(lambda, "ThrowingFunction")).extracting(DynamoDbStreamPollerTest::key)
                    .containsExactly("ok-1", "poison", "poison", "poison", "ok-2");
            DynamoDbStreamPoller.Failure thrown = poller.failures().stream().filter(f -> f.functionId().equals("ThrowingFunction")).findFirst().orElseThrow();
            assertThat(thrown.records()).isEqualTo(1);
            assertThat(thrown.attempts()).isEqualTo(3);
            assertThat(thrown.error()).contains("cannot publish poison");

            // one batch [a, poison, b] (noise and c are filtered out); a succeeds, [poison, b] is retried once, then skipped
            List<List<String>> batches = lambda.events("PartialFunction", DynamodbEvent.class).stream()
                    .map(e -> e.getRecords().stream().map(DynamoDbStreamPollerTest::key).toList()).toList();
            assertThat(batches).containsExactly(List.of("a", "poison", "b"), List.of("poison", "b"));
            DynamoDbStreamPoller.Failure partial = poller.failures().stream().filter(f -> f.functionId().equals("PartialFunction")).findFirst().orElseThrow();
            assertThat(partial.records()).isEqualTo(2);
            assertThat(partial.attempts()).isEqualTo(2);
            DynamoDbStreamPoller.MappingStatus status = poller.status().stream().filter(m -> m.functionId().equals("PartialFunction")).findFirst().orElseThrow();
            assertThat(status.recordsFilteredOut()).isEqualTo(2);
            assertThat(status.recordsProcessed()).isEqualTo(1);
            assertThat(status.recordsSkipped()).isEqualTo(2);

            // bisection: the failing batch is halved until the poison record is alone, and only it is skipped
            eventually(WAIT, "c delivered after the bisection", () -> lambda.events("BisectFunction", DynamodbEvent.class).size() == 5);
            assertThat(lambda.events("BisectFunction", DynamodbEvent.class).stream()
                    .map(e -> e.getRecords().stream().map(DynamoDbStreamPollerTest::key).toList()).toList())
                    .containsExactly(List.of("a", "b", "poison", "c"), List.of("a", "b"), List.of("poison", "c"), List.of("poison"), List.of("c"));
            DynamoDbStreamPoller.Failure bisected = poller.failures().stream().filter(f -> f.functionId().equals("BisectFunction")).findFirst().orElseThrow();
            assertThat(bisected.records()).isEqualTo(1);
        }
        assertThat(Files.readAllLines(dir.resolve("stream-failures.jsonl"))).hasSize(3);
    }

    private static List<DynamodbEvent.DynamodbStreamRecord> records(TestSupport.FakeLambda lambda, String functionId) {
        return lambda.events(functionId, DynamodbEvent.class).stream().flatMap(e -> e.getRecords().stream()).toList();
    }

    private static String key(DynamodbEvent.DynamodbStreamRecord r) { return r.getDynamodb().getKeys().get("pk").getS(); }

    private static void put(String table, String pk, int v, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> more) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new java.util.HashMap<>(more);
        item.put("pk", s(pk));
        item.put("v", n(Integer.toString(v)));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String v) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().s(v).build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue n(String v) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().n(v).build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue ss(String... v) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().ss(v).build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue map(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> m) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().m(m).build();
    }
}
