package dev.oms.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices what {@link CostModelIT} measured per order, per million orders, with AWS's published on-demand prices
 * (us-east-1, arm64); each line names its unit price and where its count comes from (docs/cost-model.md). An estimate
 * for planning, not a bill: the local durations are not Lambda's, and fixed costs (OpenSearch, storage, logs) are
 * listed apart.
 */
final class CostModel {
    static final String BEGIN = "<!-- cost-model:begin -->", END = "<!-- cost-model:end -->";
    /** The template's memory for every function in the mix (Globals MemorySize 1,024 MB). */
    static final double GB_PER_FUNCTION = 1.0;
    /** X-Ray's default sampling rule: the first request each second, then 5 %; at volume, 5 %. */
    static final double TRACE_SAMPLING = 0.05;

    /** What one run counted, for {@code orders} orders. */
    record Measured(long orders, long apiRequests, long invocations, long lambdaMillis, double readUnits, double writeUnits,
                    long stateTransitions, Map<String, Long> requests, long webhookDeliveries) {
        long events() { return requests.getOrDefault("EventBridge.PutEvents.Entries", 0L); }

        long requests(String prefix) {
            return requests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && !e.getKey().endsWith(".Entries"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        long entries(String prefix) {
            return requests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith(".Entries"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        Measured scaled(double f) {
            Map<String, Long> r = new TreeMap<>();
            requests.forEach((k, v) -> r.put(k, Math.round(v * f)));
            return new Measured(Math.round(orders * f), Math.round(apiRequests * f), Math.round(invocations * f),
                    Math.round(lambdaMillis * f), readUnits * f, writeUnits * f, Math.round(stateTransitions * f), r,
                    Math.round(webhookDeliveries * f));
        }

        /** This run less some polls (measured apart), with the API requests the mix itself made. */
        Measured minus(Measured polls, long apiRequestsOfTheMix) {
            Map<String, Long> r = new TreeMap<>(requests);
            polls.requests.forEach((k, v) -> r.merge(k, -v, Long::sum));
            r.replaceAll((k, v) -> Math.max(0, v));
            return new Measured(orders, apiRequestsOfTheMix, Math.max(0, invocations - polls.invocations),
                    Math.max(0, lambdaMillis - polls.lambdaMillis), Math.max(0, readUnits - polls.readUnits),
                    Math.max(0, writeUnits - polls.writeUnits), stateTransitions, r, webhookDeliveries);
        }
    }

    record Line(String item, double perOrder, double unitPrice, String priceUnit, String source) {
        double perMillionOrders() { return perOrder * 1_000_000 * unitPrice; }
    }

    private final Measured m;
    private final List<Line> lines;

    private CostModel(Measured m, List<Line> lines) {
        this.m = m;
        this.lines = lines;
    }

    static CostModel of(Measured m) {
        double n = m.orders();
        List<Line> l = new ArrayList<>();
        l.add(new Line("API Gateway (HTTP API) requests", m.apiRequests() / n, 1.00e-6, "$1.00 per million",
                "requests the mix made through the local API Gateway"));
        l.add(new Line("Lambda requests", m.invocations() / n, 0.20e-6, "$0.20 per million",
                "every function invocation: API, stream, queue, schedule, saga task"));
        l.add(new Line("Lambda duration (GB-seconds)", m.lambdaMillis() / 1000.0 * GB_PER_FUNCTION / n, 0.0000133334,
                "$0.0000133334 per GB-s (arm64)", "measured in-process duration x 1 GB (warm; Lambda's own may differ)"));
        l.add(new Line("DynamoDB write request units", m.writeUnits() / n, 0.625e-6, "$0.625 per million",
                "consumed capacity DynamoDB Local reports (transactions count double, indexes included)"));
        l.add(new Line("DynamoDB read request units", m.readUnits() / n, 0.125e-6, "$0.125 per million",
                "consumed capacity of GetItem and Query"));
        l.add(new Line("Step Functions state transitions", m.stateTransitions() / n, 0.025e-3, "$0.025 per 1,000",
                "states entered by the sagas' executions"));
        l.add(new Line("EventBridge events", m.events() / n, 1.00e-6, "$1.00 per million", "PutEvents entries of the stream publisher"));
        long sqsMessages = m.requests("Sqs.SendMessage") + m.entries("Sqs.SendMessageBatch") - m.requests("Sqs.SendMessageBatch");
        double sqs = m.requests("Sqs.") + 2.0 * sqsMessages + 3.0 * m.events();
        l.add(new Line("SQS requests", sqs / n, 0.40e-6, "$0.40 per million",
                "the functions' requests, 2 per message they send (the event source's receive and delete), 3 per event (the rule's send to the webhook events queue, its receive and delete)"));
        l.add(new Line("SNS publishes", m.requests("Sns.") / n, 0.50e-6, "$0.50 per million", "the functions' Publish calls"));
        l.add(new Line("SES emails", m.requests("SesV2.SendEmail") / n, 0.10e-3, "$0.10 per 1,000", "the notifications sent"));
        l.add(new Line("S3 PUT, COPY, POST, LIST", (m.requests("S3.Put") + m.requests("S3.Copy") + m.requests("S3.List")
                + m.requests("S3.CreateMultipart") + m.requests("S3.UploadPart") + m.requests("S3.CompleteMultipart")) / n,
                0.005e-3, "$0.005 per 1,000", "labels, packing slips and invoices stored"));
        l.add(new Line("S3 GET, HEAD", (m.requests("S3.Get") + m.requests("S3.Head")) / n, 0.0004e-3, "$0.0004 per 1,000",
                "the functions' reads (downloads by presigned link come on top)"));
        l.add(new Line("X-Ray traces", m.invocations() * TRACE_SAMPLING / n, 5.00e-6, "$5.00 per million",
                "one trace per sampled invocation at the default 5 % (an upper bound: a traced request's calls share it)"));
        return new CostModel(m, l);
    }

    double totalPerMillionOrders() { return lines.stream().mapToDouble(Line::perMillionOrders).sum(); }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("Measured on ").append(m.orders()).append(" orders (").append(m.webhookDeliveries())
                .append(" webhook deliveries to the subscriptions of every event); prices: AWS on-demand, us-east-1.\n\n");
        b.append("| item | per order | per million orders | unit price | cost per million orders | count from |\n");
        b.append("|---|---:|---:|---|---:|---|\n");
        for (Line l : lines) {
            b.append("| ").append(l.item()).append(" | ").append(fmt(l.perOrder(), 3)).append(" | ")
                    .append(fmt(l.perOrder() * 1_000_000, 0)).append(" | ").append(l.priceUnit()).append(" | $")
                    .append(fmt(l.perMillionOrders(), 2)).append(" | ").append(l.source()).append(" |\n");
        }
        b.append("| **total** | | | | **$").append(fmt(totalPerMillionOrders(), 2)).append("** | |\n\n");
        b.append("AWS requests the functions made, per order:\n\n| request | per order |\n|---|---:|\n");
        m.requests().forEach((k, v) -> {
            if (v > 0) b.append("| `").append(k).append("` | ").append(fmt(v / (double) m.orders(), 3)).append(" |\n");
        });
        return b.toString();
    }

    /** Replaces the table between the markers of a docs page. */
    static void writeInto(Path doc, String table) throws IOException {
        String text = Files.readString(doc);
        int a = text.indexOf(BEGIN), e = text.indexOf(END);
        if (a < 0 || e < a) throw new IllegalStateException(doc + " has no " + BEGIN + " ... " + END + " markers");
        Files.writeString(doc, text.substring(0, a + BEGIN.length()) + "\n" + table + text.substring(e));
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
