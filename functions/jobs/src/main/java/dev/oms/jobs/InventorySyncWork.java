package dev.oms.jobs;

import dev.oms.app.CommandContext;
import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.DomainException;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.domain.warehouse.ops.FulfilmentConnector;
import dev.oms.platform.jobs.JobFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An inventory sync of a fulfilment connector ({@code POST /v1/fulfillment/connectors/{id}/sync-inventory}, kind
 * {@code connector_inventory_sync}): pulls what the provider holds (of {@code skus}, or every SKU it reports) and
 * compares it with what the OMS's inventory holds of the same SKUs in the connector's warehouse. Nothing is changed:
 * the OMS's inventory stays the source of truth. The report ({@code report_url}, CSV) has one row per SKU:
 * {@code sku}, {@code provider_available}, {@code oms_available}, {@code difference} (provider minus OMS) and
 * {@code status} ({@code match}, {@code differs}, {@code missing_at_provider}); the summary counts them.
 */
final class InventorySyncWork implements JobWork {
    static final String[] HEADER = {"sku", "provider_available", "oms_available", "difference", "status"};
    static final int STOCK_CHUNK = 100;

    private final ConnectorJobs jobs;

    InventorySyncWork(ConnectorJobs jobs) { this.jobs = jobs; }

    @Override
    public void run(JobRun run) throws java.io.IOException {
        if (!run.proceed(false)) return;
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        String tenant = ctx.tenantId();
        List<String> asked = skus(run.parameters().get("skus"));
        FulfilmentConnector c;
        Map<String, Long> provider;
        try {
            c = jobs.connectors.usable(ctx, run.parameter("connector_id"));
            provider = jobs.call(tenant, c, "availability", p -> p.availability(tenant, asked));
        } catch (dev.oms.app.connector.ConnectorException outage) {
            throw outage; // SQS delivers the job again
        } catch (DomainException e) {
            throw ConnectorJobs.refused(e);
        }
        TreeSet<String> compared = new TreeSet<>(asked.isEmpty() ? provider.keySet() : asked);
        Map<String, Long> oms = new TreeMap<>();
        List<String> all = new ArrayList<>(compared);
        for (int i = 0; i < all.size(); i += STOCK_CHUNK) {
            for (StockLot lot : jobs.platform.core.inventory.stock(tenant, all.subList(i, Math.min(all.size(), i + STOCK_CHUNK)),
                    List.of(c.warehouseId()))) {
                oms.merge(lot.sku(), lot.available(), Long::sum);
            }
        }
        StringBuilder report = new StringBuilder();
        org.apache.commons.csv.CSVPrinter csv = new org.apache.commons.csv.CSVPrinter(report, org.apache.commons.csv.CSVFormat.RFC4180);
        csv.printRecord((Object[]) HEADER);
        long matching = 0, differing = 0, missing = 0;
        for (String sku : compared) {
            Long held = provider.get(sku);
            long ours = oms.getOrDefault(sku, 0L);
            String status;
            if (held == null) { status = "missing_at_provider"; missing++; }
            else if (held == ours) { status = "match"; matching++; }
            else { status = "differs"; differing++; }
            csv.printRecord(sku, held == null ? "" : Long.toString(held), Long.toString(ours), held == null ? "" : Long.toString(held - ours), status);
        }
        String key = JobFiles.report(tenant, run.id(), "csv");
        byte[] bytes = report.toString().getBytes(StandardCharsets.UTF_8);
        run.store().write(key, "text/csv", out -> out.write(bytes));
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("skus_compared", (long) compared.size());
        summary.put("matching", matching);
        summary.put("differing", differing);
        summary.put("missing_at_provider", missing);
        run.checkpoint(new JobCounts((long) compared.size(), compared.size(), compared.size(), 0, 0), null, summary); // a difference is a finding, not a failure
        run.complete(Map.of("report", key, "connector_id", c.id(), "warehouse_id", c.warehouseId()));
    }

    private static List<String> skus(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) l.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }
}
