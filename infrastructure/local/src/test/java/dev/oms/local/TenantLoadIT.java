package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.aws.RequestMeter;
import dev.oms.platform.dynamo.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The load test of docs/scaling.md: one tenant creates orders as fast as this machine allows (several clients at
 * once), and every DynamoDB write the system makes meanwhile (API functions, stream consumers, sagas) is counted by
 * partition ({@link RequestMeter#partitionWrites()}). No partition of the tenant may take more than 2/N of its index's
 * writes ({@link Keys#TENANT_SHARDS} = N; 1/N is the even share, 2/N leaves room for the spread of a hash over a few
 * hundred orders). The report (throughput, p50/p99 latency, the busiest partition of each index and the write units
 * it would take at 1,000 and 10,000 orders a second, against DynamoDB's 1,000 per partition) is printed and
 * written to {@code target/tenant-load.md}; the latencies are reported, never asserted (docs/testing.md).
 * <p>
 * In the suite it creates {@value #SUITE_ORDERS} orders with {@value #SUITE_CLIENTS} clients; for a longer run:
 * {@code -Dit.test=TenantLoadIT -Doms.load.orders=5000 -Doms.load.clients=16}.
 */
class TenantLoadIT {
    static final int SUITE_ORDERS = 320;
    static final int SUITE_CLIENTS = 8;

    @Test
    void aTenantsWritesAreSpreadOverItsPartitions() throws Exception {
        int orders = Integer.getInteger("oms.load.orders", SUITE_ORDERS);
        int clients = Integer.getInteger("oms.load.clients", SUITE_CLIENTS);
        String tenant = newTenant();
        Client agent = as(tenant, "load-agent", "agent");
        create(agent, order("warm-up")); // the functions warm, outside the measurement

        RequestMeter.reset();
        RequestMeter.enable();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    ObjectNode body = order("load-customer-" + n); // a sale: many customers
                    long t0 = System.nanoTime();
                    Resp r = agent.post("/v1/orders", body);
                    latencies.add(System.nanoTime() - t0);
                    if (r.status() != 201) throw new IllegalStateException(r.toString());
                }));
            }
            for (Future<?> f : done) f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(3000); // the stream consumers' writes of the last orders
        Map<String, Long> writes = RequestMeter.partitionWrites();
        Map<String, Long> units = RequestMeter.partitionWriteUnits();
        RequestMeter.disable();
        RequestMeter.reset();

        String prefix = "T#" + tenant + "#";
        Map<String, Map<String, Long>> byIndex = new TreeMap<>();
        writes.forEach((key, n) -> {
            String index = key.substring(0, key.indexOf(' ')), partition = key.substring(key.indexOf(' ') + 1);
            if (partition.startsWith(prefix)) byIndex.computeIfAbsent(index, k -> new TreeMap<>()).put(partition, n);
        });
        Collections.sort(latencies);
        StringBuilder report = new StringBuilder()
                .append("# Tenant load test\n\n")
                .append(String.format("%d orders, %d clients, %.1f s: %.0f orders/s; latency p50 %.0f ms, p99 %.0f ms%n%n", orders, clients,
                        seconds, orders / seconds, percentile(latencies, 50), percentile(latencies, 99)))
                .append("| index | writes | partitions | largest share of writes | busiest partition (write units) | its units per order | at 1,000 orders/s | at 10,000 orders/s |\n")
                .append("|---|---:|---:|---:|---|---:|---:|---:|\n");
        double allowed = 2.0 / Keys.TENANT_SHARDS;
        List<String> tooBusy = new ArrayList<>();
        byIndex.forEach((index, partitions) -> {
            long total = partitions.values().stream().mapToLong(Long::longValue).sum();
            var mostWrites = Collections.max(partitions.entrySet(), Map.Entry.comparingByValue());
            double share = mostWrites.getValue() / (double) total;
            String busiest = Collections.max(partitions.keySet(), java.util.Comparator.comparingLong(k -> units.getOrDefault(index + " " + k, 0L)));
            double perOrder = units.getOrDefault(index + " " + busiest, 0L) / (double) orders;
            report.append(String.format("| %s | %d | %d | %.1f %% | `%s` | %.3f | %.0f WCU/s | %.0f WCU/s |%n", index, total,
                    partitions.size(), share * 100, busiest.substring(prefix.length() - 1), perOrder, perOrder * 1000, perOrder * 10000));
            if (share > allowed) tooBusy.add(index + " " + mostWrites.getKey() + " " + mostWrites.getValue() + "/" + total);
        });
        System.out.println(report);
        Files.writeString(Path.of("target", "tenant-load.md"), report.toString());
        assertThat(byIndex).containsKeys("table", "GSI1", "GSI2", "GSI3");
        assertThat(byIndex.get("GSI1").keySet().stream().filter(k -> k.startsWith(prefix + "ORDERS#S")).count()).isEqualTo(Keys.TENANT_SHARDS);
        assertThat(tooBusy).as("partitions above 2/N of their index's writes\n" + report).isEmpty();
    }

    private static double percentile(List<Long> sortedNanos, int p) {
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, i)) / 1e6;
    }
}
