package dev.oms.local.aws;

import static dev.oms.local.aws.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.template.SamTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class EventBridgeServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static SqsService sqs;
    private static EventBridgeService events;
    private static EventBridgeClient client;
    private static final RecordingDispatcher dispatcher = new RecordingDispatcher();

    /** Queues go to the real SqsService; functions and state machines are recorded (and can be told to fail). */
    static final class RecordingDispatcher implements TargetDispatcher {
        final List<String[]> executions = new CopyOnWriteArrayList<>();
        final List<Object[]> invocations = new CopyOnWriteArrayList<>();
        volatile TargetDispatcher queues;
        volatile boolean failFunctions;

        @Override
        public void sendToQueue(String queueLogicalId, String body, String messageGroupId) throws Exception {
            queues.sendToQueue(queueLogicalId, body, messageGroupId);
        }

        @Override
        public void invokeFunction(String functionLogicalId, Object event) {
            invocations.add(new Object[] {functionLogicalId, event});
            if (failFunctions) throw new IllegalStateException("function is down");
        }

        @Override
        public void startExecution(String stateMachineLogicalId, String input) {
            executions.add(new String[] {stateMachineLogicalId, input});
        }

        @Override
        public void publishToTopic(String topicLogicalId, String message) {
            invocations.add(new Object[] {topicLogicalId, message});
        }
    }

    @BeforeAll
    static void start() {
        SamTemplate template = TestSupport.template("eventbridge-template.yaml");
        sqs = SqsService.start();
        sqs.createQueues(template);
        dispatcher.queues = new LocalTargetDispatcher(sqs, null, null, null);
        events = EventBridgeService.start(template, dispatcher,
                new EventBridgeService.Options(0, 100, 3, Duration.ofMillis(10)));
        client = EventBridgeClient.builder().endpointOverride(URI.create(events.endpoint())).region(LocalAws.region())
                .credentialsProvider(LocalAws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        events.close();
        sqs.close();
    }

    @Test
    void put_events_answers_like_aws_with_an_id_per_entry_or_an_error() {
        PutEventsResponse r = client.putEvents(b -> b.entries(
                entry("oms", "oms.orders", "order.shipped", "{\"order_id\":\"ord_1\"}"),
                PutEventsRequestEntry.builder().eventBusName("oms").source("oms.orders").detailType("order.shipped").build(),
                entry("oms", "oms.orders", "order.shipped", "not json"),
                entry("nope", "oms.orders", "order.shipped", "{}"),
                entry(LocalAws.eventBusArn("oms"), "oms.orders", "order.noted", "{}")));
        assertThat(r.failedEntryCount()).isEqualTo(3);
        assertThat(r.entries()).hasSize(5);
        assertThat(r.entries().get(0).eventId()).isNotBlank();
        assertThat(r.entries().get(0).errorCode()).isNull();
        assertThat(r.entries().get(1).errorCode()).isEqualTo("InvalidArgument");
        assertThat(r.entries().get(1).errorMessage()).contains("Detail");
        assertThat(r.entries().get(2).errorCode()).isEqualTo("MalformedDetail");
        assertThat(r.entries().get(3).errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(r.entries().get(4).eventId()).isNotBlank();
        assertThatThrownBy(() -> client.putEvents(b -> b.entries(new ArrayList<>())))
                .hasMessageContaining("entries");
    }

    @Test
    void delivers_the_full_envelope_to_a_queue_target() {
        String id = client.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName("oms").source("oms.fulfillment")
                .detailType("order.shipped").detail("{\"order_id\":\"ord_9\",\"tenant_id\":\"t1\"}").resources("arn:aws:oms:::order/ord_9")
                .build())).entries().get(0).eventId();
        List<JsonNode> got = new ArrayList<>();
        eventually(WAIT, "the event in the webhook queue", () -> {
            sqs.client().receiveMessage(b -> b.queueUrl(sqs.queueUrl("WebhookQueue")).waitTimeSeconds(1).maxNumberOfMessages(10))
                    .messages().forEach(m -> got.add(Jsons.parse(m.body())));
            return got.stream().anyMatch(e -> e.path("id").asText().equals(id));
        });
        JsonNode event = got.stream().filter(e -> e.path("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(event.path("id").asText()).isEqualTo(id);
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("detail-type").asText()).isEqualTo("order.shipped");
        assertThat(event.path("source").asText()).isEqualTo("oms.fulfillment");
        assertThat(event.path("account").asText()).isEqualTo(LocalAws.ACCOUNT_ID);
        assertThat(event.path("region").asText()).isEqualTo(LocalAws.REGION);
        assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(event.path("resources").get(0).asText()).isEqualTo("arn:aws:oms:::order/ord_9");
        assertThat(event.path("detail").path("order_id").asText()).isEqualTo("ord_9");

        EventBridgeService.ArchivedEvent archived = events.archivedEvent(id).orElseThrow();
        assertThat(archived.busName()).isEqualTo("oms");
        assertThat(archived.matches()).extracting(EventBridgeService.RuleMatch::ruleName).containsExactly("order-shipped-webhooks");
        eventually(WAIT, "the delivery recorded", () -> events.archivedEvent(id).orElseThrow().matches().get(0).deliveries().get(0).status()
                == EventBridgeService.Status.DELIVERED);
    }

    @Test
    void a_fifo_queue_target_gets_the_rules_message_group() {
        events.publish("oms", "oms.orders", "order.cancelled", "{\"order_id\":\"ord_3\"}");
        List<Message> got = new ArrayList<>();
        eventually(WAIT, "the event in the FIFO queue", () -> {
            got.addAll(sqs.client().receiveMessage(b -> b.queueUrl(sqs.queueUrl("OrderedQueue")).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
            return !got.isEmpty();
        });
        assertThat(got.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("orders");
        assertThat(Jsons.parse(got.get(0).body()).path("detail-type").asText()).isEqualTo("order.cancelled");
    }

    @Test
    void patterns_match_with_prefix_anything_but_numeric_exists_and_nested_detail_fields() {
        assertThat(rulesMatchedBy("oms.orders", "order.created", "{\"totals\":{\"amount\":20000},\"channel\":\"web\",\"customer\":{\"vip\":false}}"))
                .containsExactly("BigOrdersRule");
        assertThat(rulesMatchedBy("oms.orders", "order.created", "{\"totals\":{\"amount\":9999.5},\"channel\":\"web\",\"customer\":{\"vip\":true}}"))
                .isEmpty();
        assertThat(rulesMatchedBy("oms.orders", "order.created", "{\"totals\":{\"amount\":10000},\"channel\":\"test\",\"customer\":{\"vip\":true}}"))
                .isEmpty();
        assertThat(rulesMatchedBy("oms.orders", "order.created", "{\"totals\":{\"amount\":10000},\"channel\":\"web\",\"customer\":{}}"))
                .isEmpty();
        assertThat(rulesMatchedBy("oms.orders", "order.shipped", "{}")).containsExactly("order-shipped-webhooks");
        assertThat(rulesMatchedBy("partner.oms", "order.shipped", "{}")).isEmpty();
        // the DISABLED rule (prefix oms.) never matches
        assertThat(events.rules()).filteredOn(r -> r.name().equals("DisabledRule")).singleElement()
                .satisfies(r -> assertThat(r.enabled()).isFalse());
    }

    @Test
    void input_transformer_and_input_path_shape_what_targets_receive() throws Exception {
        assertThat(events.awaitDeliveries(WAIT)).as("deliveries of earlier tests' events").isTrue();
        dispatcher.executions.clear();
        dispatcher.invocations.clear();
        String id = events.publish("oms", "oms.orders", "order.created",
                "{\"order_id\":\"ord_1\",\"tenant_id\":\"t \\\"one\\\"\",\"totals\":{\"amount\":25000},\"channel\":\"web\",\"customer\":{\"vip\":true}}");
        assertThat(events.awaitDeliveries(WAIT)).isTrue();
        assertThat(dispatcher.executions).hasSize(1);
        assertThat(dispatcher.executions.get(0)[0]).isEqualTo("SagaStateMachine");
        JsonNode input = Jsons.parse(dispatcher.executions.get(0)[1]);
        assertThat(input.path("order_id").asText()).isEqualTo("ord_1");
        assertThat(input.path("amount").asInt()).isEqualTo(25000);
        assertThat(input.path("note").asText()).isEqualTo("order ord_1 of t \"one\"");
        assertThat(input.get("missing").isNull()).isTrue();
        assertThat(dispatcher.invocations).hasSize(1);
        assertThat(dispatcher.invocations.get(0)[0]).isEqualTo("SubscriberFunction");
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) dispatcher.invocations.get(0)[1];
        assertThat(detail).containsEntry("order_id", "ord_1").containsKey("totals");
        EventBridgeService.ArchivedEvent archived = events.archivedEvent(id).orElseThrow();
        assertThat(archived.matches().get(0).deliveries()).extracting(EventBridgeService.Delivery::status)
                .containsOnly(EventBridgeService.Status.DELIVERED);
    }

    @Test
    void a_function_target_gets_the_envelope_and_failed_deliveries_are_retried_then_recorded() throws Exception {
        dispatcher.invocations.clear();
        dispatcher.failFunctions = true;
        try {
            PutEventsResponse r = client.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source("legacy.system")
                    .detailType("thing.happened").detail("{\"n\":1}").build()));
            assertThat(events.awaitDeliveries(WAIT)).isTrue();
            String id = r.entries().get(0).eventId();
            assertThat(dispatcher.invocations).hasSize(3);
            @SuppressWarnings("unchecked")
            Map<String, Object> envelope = (Map<String, Object>) dispatcher.invocations.get(0)[1];
            assertThat(envelope).containsEntry("id", id).containsEntry("source", "legacy.system").containsEntry("detail-type", "thing.happened")
                    .containsEntry("detail", Map.of("n", 1));
            EventBridgeService.Delivery d = events.archivedEvent(id).orElseThrow().matches().get(0).deliveries().get(0);
            assertThat(d.status()).isEqualTo(EventBridgeService.Status.FAILED);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.error()).contains("function is down");
            assertThat(d.targetArn()).isEqualTo(LocalAws.functionArn("SubscriberFunction"));
        } finally {
            dispatcher.failFunctions = false;
        }
        assertThat(events.recentEvents(1).get(0).busName()).isEqualTo("default");
    }

    @Test
    void lists_describes_rules_and_tests_patterns_through_the_sdk() {
        DescribeRuleResponse rule = client.describeRule(b -> b.name("order-shipped-webhooks").eventBusName("oms"));
        assertThat(rule.state()).isEqualTo(RuleState.ENABLED);
        assertThat(rule.arn()).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/oms/order-shipped-webhooks");
        assertThat(Jsons.parse(rule.eventPattern()).path("detail-type").get(0).asText()).isEqualTo("order.shipped");
        assertThat(rule.description()).isEqualTo("Shipped orders go to the webhook queue");
        assertThat(client.listRules(b -> b.eventBusName("oms")).rules()).extracting(r -> r.name())
                .containsExactly("BigOrdersRule", "DisabledRule", "FifoRule", "order-shipped-webhooks");
        assertThat(client.listRules(b -> b.eventBusName("oms").namePrefix("order-")).rules()).hasSize(1);
        assertThat(client.listTargetsByRule(b -> b.rule("BigOrdersRule").eventBusName("oms")).targets())
                .extracting(t -> t.id()).containsExactly("saga", "subscriber");
        assertThatThrownBy(() -> client.describeRule(b -> b.name("nope").eventBusName("oms"))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(client.testEventPattern(b -> b.eventPattern("{\"detail\":{\"n\":[{\"numeric\":[\">\",1]}]}}")
                .event(envelopeJson("{\"n\":2}"))).result()).isTrue();
        assertThat(client.testEventPattern(b -> b.eventPattern("{\"detail\":{\"n\":[{\"numeric\":[\">\",1]}]}}")
                .event(envelopeJson("{\"n\":1}"))).result()).isFalse();
        assertThat(client.listEventBuses(b -> { }).eventBuses()).extracting(x -> x.name()).containsExactly("default", "oms");
    }

    private static List<String> rulesMatchedBy(String source, String detailType, String detail) {
        String id = events.publish("oms", source, detailType, detail);
        try {
            assertThat(events.awaitDeliveries(WAIT)).as("deliveries of the matched rules").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return events.archivedEvent(id).orElseThrow().matches().stream().map(EventBridgeService.RuleMatch::ruleName).toList();
    }

    private static PutEventsRequestEntry entry(String bus, String source, String type, String detail) {
        return PutEventsRequestEntry.builder().eventBusName(bus).source(source).detailType(type).detail(detail).build();
    }

    private static String envelopeJson(String detail) {
        return "{\"id\":\"1\",\"version\":\"0\",\"detail-type\":\"x\",\"source\":\"s\",\"account\":\"000000000000\","
                + "\"time\":\"2024-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":" + detail + "}";
    }
}
