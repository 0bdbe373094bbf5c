package dev.oms.benchmark;

import dev.oms.app.port.PageRequest;
import dev.oms.app.search.OrderSearchDocument;
import dev.oms.app.search.SearchAggregations;
import dev.oms.app.search.SearchField;
import dev.oms.app.search.SearchFilter;
import dev.oms.app.search.SearchQuery;
import dev.oms.app.search.SearchResult;
import dev.oms.platform.search.OpenSearchHttp;
import dev.oms.platform.search.OpenSearchOrders;
import dev.oms.platform.search.SearchSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Search latency at scale: an OpenSearch node in this JVM (the local runtime's), {@code orders} documents of one
 * tenant bulk-indexed straight into it through the adapter (no table, no stream), then typical queries through the
 * same adapter the search function uses ({@link OpenSearchOrders}), p50 and p99 over {@code requests} runs each.
 */
final class SearchBenchmark {
    record Row(String query, long total, Stats millis) { }

    private static final String TENANT = "bench";
    private static final String[] STATUSES = {"created", "pending", "confirmed", "on_hold", "completed", "cancelled"};
    private static final String[] CHANNELS = {"web-uk", "web-us", "store", "phone", "marketplace"};
    private static final String[] CURRENCIES = {"GBP", "USD", "EUR"};
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Tim"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Hamilton", "Smith"};
    private static final String[] CITIES = {"London", "Leeds", "Manchester", "Bristol", "Paris", "Berlin", "Madrid", "New York", "Boston", "Dublin"};

    long indexMillis;

    List<Row> run(int orders, int requests) throws Exception {
        Path home = Files.createTempDirectory("oms-bench-opensearch");
        int httpPort = freePort(), transportPort = freePort();
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((n, s) -> {
            s.put("http.port", Integer.toString(httpPort));
            s.put("transport.port", Integer.toString(transportPort));
            s.put("network.host", "127.0.0.1");
            s.put("discovery.type", "single-node");
            s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        });
        try {
            runner.build(OpenSearchRunner.newConfigs().basePath(home.toString()).numOfNode(1).clusterName("oms-bench").disableESLogger());
            runner.ensureYellow();
            OpenSearchOrders engine = new OpenSearchOrders(new OpenSearchHttp(
                    new SearchSettings(URI.create("http://127.0.0.1:" + httpPort), "none", "us-east-1", "orders")));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Benchmark.progress("search: bulk-indexing " + orders + " orders of one tenant");
            long t0 = System.nanoTime();
            Random random = new Random(42);
            List<OrderSearchDocument> batch = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                batch.add(document(i, random, now));
                if (batch.size() == 500) { engine.indexAll(batch); batch.clear(); }
            }
            engine.indexAll(batch);
            engine.refresh();
            indexMillis = (System.nanoTime() - t0) / 1_000_000;

            Instant monthAgo = now.minus(30, ChronoUnit.DAYS);
            List<Row> rows = new ArrayList<>();
            rows.add(measure("newest first, 50 per page", requests, () -> engine.search(TENANT, query(List.of(), null, SearchAggregations.NONE), new PageRequest(null, 50))));
            rows.add(measure("status in (confirmed, on_hold), one channel, last 30 days", requests, () -> engine.search(TENANT, query(List.of(
                    new SearchFilter.Terms(SearchField.STATUS, List.of("confirmed", "on_hold"), false),
                    new SearchFilter.Terms(SearchField.CHANNEL, List.of("web-uk"), false),
                    new SearchFilter.TimeRange(SearchField.CREATED_AT, monthAgo, null, null, null)), null, SearchAggregations.NONE), new PageRequest(null, 50))));
            rows.add(measure("GBP total 5,000-20,000 and a SKU", requests, () -> engine.search(TENANT, query(List.of(
                    new SearchFilter.NumberRange(SearchField.TOTAL, "GBP", 5000L, null, 20000L, null),
                    new SearchFilter.Terms(SearchField.SKU, List.of("SKU-42"), false)), null, SearchAggregations.NONE), new PageRequest(null, 50))));
            rows.add(measure("full text \"hopper london\", 20 per page", requests, () -> engine.search(TENANT, query(List.of(), "hopper london", SearchAggregations.NONE), new PageRequest(null, 20))));
            rows.add(measure("aggregations over every order: terms status + channel, daily histogram, totals", requests, () -> engine.search(TENANT,
                    query(List.of(), null, new SearchAggregations(List.of(SearchField.STATUS, SearchField.CHANNEL),
                            new SearchAggregations.Histogram(SearchField.CREATED_AT, SearchAggregations.Interval.DAY), true)), new PageRequest(null, 1))));
            String deep = position(engine, 200);
            rows.add(measure("page 201 (orders 10,001-10,050) by cursor", requests, () -> engine.search(TENANT, query(List.of(), null, SearchAggregations.NONE), new PageRequest(deep, 50))));
            return rows;
        } finally {
            runner.close();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static SearchQuery query(List<SearchFilter> filters, String text, SearchAggregations aggregations) {
        return new SearchQuery(filters, text, List.of(), aggregations);
    }

    /** The cursor position after {@code pages} pages of 50 (walked, as a client would). */
    private static String position(OpenSearchOrders engine, int pages) {
        String at = null;
        for (int i = 0; i < pages; i++) at = engine.search(TENANT, query(List.of(), null, SearchAggregations.NONE), new PageRequest(at, 50)).nextPosition();
        return at;
    }

    private static Row measure(String what, int requests, Supplier<SearchResult> call) {
        for (int i = 0; i < Math.max(20, requests / 10); i++) call.get();
        long[] nanos = new long[requests];
        long total = 0;
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            total = call.get().total();
            nanos[i] = System.nanoTime() - t;
        }
        return new Row(what, total, Stats.ofNanos(nanos));
    }

    private static OrderSearchDocument document(int i, Random r, Instant now) {
        String first = FIRST[r.nextInt(FIRST.length)], last = LAST[r.nextInt(LAST.length)], city = CITIES[r.nextInt(CITIES.length)];
        Instant created = now.minusSeconds(r.nextInt(365 * 86400));
        String id = String.format(Locale.ROOT, "ord_bench%08d", i);
        List<String> skus = List.of("SKU-" + r.nextInt(500), "SKU-" + r.nextInt(500));
        List<String> notes = r.nextInt(10) == 0 ? List.of("Customer asked for " + (r.nextBoolean() ? "gift wrap" : "a morning delivery")) : List.of();
        return new OrderSearchDocument(TENANT, id, i + 1, 1 + r.nextInt(5), STATUSES[r.nextInt(STATUSES.length)], CHANNELS[r.nextInt(CHANNELS.length)],
                "cust_" + r.nextInt(20000), first + " " + last, (first + "." + last + "@example.com").toLowerCase(Locale.ROOT),
                CURRENCIES[r.nextInt(CURRENCIES.length)], 100 + r.nextInt(100_000), r.nextBoolean() ? "paid" : "authorized",
                r.nextBoolean() ? "fulfilled" : "unfulfilled", r.nextInt(20) == 0 ? "returned" : "none", "EXT-" + i, null, null, skus, List.of(),
                List.of(first + " " + last + ", 1 High Street, " + city), notes, created, created.plusSeconds(r.nextInt(86400)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String section(List<Row> rows, int orders) {
        StringBuilder md = new StringBuilder("\n## Search latency\n\n");
        md.append(String.format(Locale.ROOT, "%,d orders of one tenant bulk-indexed into an in-process OpenSearch 2.19 node in %,d ms; "
                + "each query through the search adapter (`OpenSearchOrders`), %d runs after warm-up.%n%n", orders, indexMillis, rows.getFirst().millis().count()));
        md.append("| query | matches | p50 | p99 |\n|---|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f ms | %.1f ms |%n", r.query(), r.total(), r.millis().median(), r.millis().p99()));
        }
        return md.toString();
    }
}
