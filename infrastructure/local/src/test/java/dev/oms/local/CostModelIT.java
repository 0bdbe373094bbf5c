package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.oms.platform.aws.CapacityMeter;
import dev.oms.platform.aws.RequestMeter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The cost model's measurement (docs/cost-model.md): a typical mix of orders runs through the whole local system
 * (API, functions, table, stream, EventBridge, queues, sagas, webhooks) with every meter on, and what AWS bills by
 * use is counted per order: API requests, Lambda invocations and their duration, DynamoDB read and write units, state
 * transitions, events, queue, notification and S3 requests. {@link CostModel} prices them per million orders.
 * <p>
 * In the suite it runs {@value #SUITE_ORDERS} orders and checks the figures are whole; to regenerate the table in
 * docs/cost-model.md run it alone with more orders:
 * {@code mvn -B verify -pl infrastructure/local -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=CostModelIT -Doms.costModel.orders=100 -Doms.costModel.write=../../docs/cost-model.md}.
 */
class CostModelIT {
    static final int SUITE_ORDERS = 20;

    /** The mix: per order one create, one confirm, three reads, one fulfilment shipped; 5 % returned, 3 % cancelled. */
    @Test
    void aTypicalMixOfOrdersIsMeteredAndPriced() throws Exception {
        int orders = Integer.getInteger("oms.costModel.orders", SUITE_ORDERS);
        runtime().search().awaitReady();
        String tenant = newTenant();
        Client agent = as(tenant, "cost-agent", "admin");
        Client warehouse = as(tenant, "cost-wh", "warehouse_supervisor");
        try (Receiver receiver = new Receiver()) {
            int subscriptions = Integer.getInteger("oms.costModel.webhooks", 2);
            for (int i = 0; i < subscriptions; i++) {
                Resp sub = agent.post("/v1/orders/webhooks", Map.of("url", receiver.url(), "events", List.of("*"), "description", "cost model " + i));
                assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
            }
            List<String> payments = new ArrayList<>();
            for (int i = 0; i < orders; i++) payments.add(payment(agent, 4990, "GBP", "captured"));
            awaitQuiet(Instant.now());

            Polls polls = new Polls();
            Instant start = Instant.now();
            startMeters();
            long apiCalls = 0;
            int returns = Math.max(1, Math.round(orders * 0.05f)), cancels = Math.max(1, Math.round(orders * 0.03f));
            for (int i = 0; i < orders; i++) {
                ObjectNode body = TestSystem.order("cust-cost-" + i);
                ObjectNode p = body.putArray("payments").addObject();
                p.put("payment_id", payments.get(i));
                p.set("amount", money(4990, "GBP"));
                String id = create(agent, body);
                Resp confirmed = agent.post("/v1/orders/" + id + "/confirm", null);
                assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
                String lineId = confirmed.json().path("lines").get(0).path("id").asText();
                for (int r = 0; r < 3; r++) assertThat(agent.get("/v1/orders/" + id).status()).isEqualTo(200);
                apiCalls += 5;
                if (i % 10 == 0) {
                    assertThat(agent.get("/v1/orders?limit=50").status()).isEqualTo(200);
                    assertThat(agent.post("/v1/orders/search", Map.of()).status()).isEqualTo(200);
                    apiCalls += 2;
                }
                if (i < cancels) {
                    assertThat(agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Changed my mind", "refund", true)).status()).isEqualTo(202);
                    apiCalls += 1;
                    polls.until(() -> "cancelled".equals(agent.get("/v1/orders/" + id).json().path("status").asText()));
                    continue;
                }
                Resp f = warehouse.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh_1",
                        "lines", List.of(Map.of("line_id", lineId, "quantity", 2))));
                assertThat(f.status()).as(f.toString()).isEqualTo(201);
                Resp shipped = warehouse.post("/v1/orders/" + id + "/fulfillments/" + f.json().path("id").asText() + "/ship", Map.of());
                assertThat(shipped.status()).as(shipped.toString()).isIn(200, 201);
                apiCalls += 2;
                if (i >= orders - returns) {
                    Resp created = agent.post("/v1/orders/" + id + "/returns", ReturnsKit.returnBody(lineId, 1, "dropoff", "refund_to_card"));
                    assertThat(created.status()).as(created.toString()).isEqualTo(201);
                    String returnId = created.json().path("return_id").asText();
                    polls.until(() -> "receipt".equals(ReturnsKit.ret(agent, id, returnId).path("awaiting").asText()));
                    Resp received = agent.post("/v1/orders/returns/" + returnId + "/receive", ReturnsKit.receipt(lineId, 1, "new"));
                    assertThat(received.status()).as(received.toString()).isEqualTo(200);
                    polls.until(() -> "inspection".equals(ReturnsKit.ret(agent, id, returnId).path("awaiting").asText()));
                    Resp inspected = agent.post("/v1/orders/returns/" + returnId + "/inspect", ReturnsKit.approve(lineId, null));
                    assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);
                    polls.until(() -> "closed".equals(ReturnsKit.ret(agent, id, returnId).path("status").asText()));
                    apiCalls += 3;
                }
            }
            awaitQuiet(start);
            CostModel.Measured run = measured(orders, apiCalls + polls.count, start, receiver.received.get());

            // what a poll costs, measured alone, is taken off: the polls are this test's, not the mix's (a read of an
            // order stands for the reads of a return too: both are one Query of the order)
            String anyOrder = agent.get("/v1/orders?limit=1").json().path("data").get(0).path("id").asText();
            startMeters();
            Instant pollsStart = Instant.now();
            for (int i = 0; i < 10; i++) agent.get("/v1/orders/" + anyOrder);
            CostModel.Measured tenPolls = measured(10, 10, pollsStart, 0);
            CostModel.Measured mix = run.minus(tenPolls.scaled(polls.count / 10.0), apiCalls);

            CostModel model = CostModel.of(mix);
            String table = model.markdown();
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/cost-model.md"), table);
            String out = System.getProperty("oms.costModel.write");
            if (out != null) CostModel.writeInto(Path.of(out), table);

            assertThat(mix.apiRequests()).isEqualTo(apiCalls);
            assertThat(mix.invocations()).as("every API request is one invocation, and the pipeline adds its own")
                    .isGreaterThan(mix.apiRequests());
            assertThat(mix.writeUnits()).isPositive();
            assertThat(mix.readUnits()).isPositive();
            assertThat(mix.stateTransitions()).as("cancellations, fulfilments and returns run sagas").isPositive();
            assertThat(mix.events()).as("at least order.created and order.confirmed per order").isGreaterThanOrEqualTo(2L * orders);
            assertThat(mix.webhookDeliveries()).as("the subscriptions to every order event").isLessThanOrEqualTo(subscriptions * mix.events());
            if (subscriptions > 0) assertThat(mix.webhookDeliveries()).isPositive();
            assertThat(model.totalPerMillionOrders()).isPositive();
        } finally {
            stopMeters();
        }
    }

    private static void startMeters() {
        LocalMeters.reset();
        LocalMeters.enable();
        CapacityMeter.reset();
        CapacityMeter.enable();
        CapacityMeter.meterAllThreads();
        RequestMeter.reset();
        RequestMeter.enable();
    }

    private static void stopMeters() {
        LocalMeters.disable();
        RequestMeter.disable();
        LocalMeters.reset();
        CapacityMeter.reset();
        RequestMeter.reset();
    }

    private static CostModel.Measured measured(long orders, long apiRequests, Instant since, long webhookDeliveries) {
        LocalStepFunctions.Transitions t = runtime().stepFunctions().transitionsSince(since);
        long invocations = 0, millis = 0;
        for (LocalMeters.Invocations i : LocalMeters.invocations().values()) {
            invocations += i.count();
            millis += i.millis();
        }
        double read = CapacityMeter.readUnits(), write = CapacityMeter.units() - read;
        return new CostModel.Measured(orders, LocalMeters.apiRequests(), invocations, millis, read, write, t.transitions(),
                RequestMeter.counts(), webhookDeliveries);
    }

    /** Until nothing runs: no saga started since then still executing, and no function invoked for two seconds. */
    private static void awaitQuiet(Instant since) throws InterruptedException {
        long last = -1;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            LocalMeters.enable();
            long now = LocalMeters.invocations().values().stream().mapToLong(LocalMeters.Invocations::count).sum();
            boolean sagas = runtime().stepFunctions().transitionsSince(since).running() > 0;
            if (now == last && !sagas) return;
            last = now;
            Thread.sleep(2000);
        }
    }

    /** Waits for a condition by reading through the API, counting the reads (taken off the mix afterwards). */
    private static final class Polls {
        long count;

        void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (true) {
                count++;
                if (condition.getAsBoolean()) return;
                if (System.nanoTime() > deadline) throw new AssertionError("timed out");
                Thread.sleep(100);
            }
        }
    }

    /** A webhook receiver on 127.0.0.1 that answers 204 and counts. */
    private static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final AtomicLong received = new AtomicLong();

        Receiver() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                received.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks"; }

        @Override
        public void close() { server.stop(0); }
    }
}
