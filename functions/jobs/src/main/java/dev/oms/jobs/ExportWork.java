package dev.oms.jobs;

import dev.oms.app.CommandContext;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.order.Order;
import dev.oms.platform.jobs.JobFiles;
import dev.oms.platform.jobs.JobParameters;
import dev.oms.platform.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An export: walks the order list query page by page, oldest first, and streams each page straight into the export
 * object (CSV and NDJSON through a multipart upload, so memory stays constant whatever the size; Parquet through a
 * local file, uploaded when complete). It checks for a cancellation before each page and records the count after it.
 * An export is not resumable: a run that dies starts it again (the object is only written once complete).
 */
final class ExportWork implements JobWork {
    private final OrderPages pages;

    ExportWork(OrderPages pages) {
        this.pages = pages;
    }

    /** Thrown out of the object's content to abandon it when the job was cancelled. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() { super(null, null, false, false); }
    }

    @Override
    public void run(JobRun run) throws IOException {
        String format = run.parameter("format");
        OrderFilter filter = JobParameters.orderFilter(run.parameters());
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        ObjectStore store = run.store();
        String key = JobFiles.export(run.tenantId(), run.id(), format);
        long[] rows = {0};
        try {
            if (format.equals("parquet")) {
                Path file = Files.createTempFile("export-" + run.id(), ".parquet");
                try {
                    Files.delete(file); // the Parquet writer creates it
                    OrderSink sink = OrderSink.parquet(file);
                    rows[0] = writeAll(run, ctx, filter, sink);
                    store.upload(key, file, "application/vnd.apache.parquet");
                } finally {
                    Files.deleteIfExists(file);
                }
            } else {
                store.write(key, format.equals("csv") ? "text/csv" : "application/x-ndjson",
                        out -> rows[0] = writeAll(run, ctx, filter, format.equals("csv") ? OrderSink.csv(out) : OrderSink.ndjson(out)));
            }
        } catch (Cancelled c) {
            return;
        }
        run.checkpoint(new JobCounts(rows[0], rows[0], rows[0], 0, 0), null, Map.of("rows", rows[0]));
        run.complete(Map.of("download", key));
    }

    private long writeAll(JobRun run, CommandContext ctx, OrderFilter filter, OrderSink sink) throws IOException {
        long rows = 0;
        String position = null;
        do {
            if (!run.proceed(false)) throw new Cancelled();
            Page<Order> page = pages.page(ctx, filter, position, OrderPages.PAGE);
            for (Order o : page.items()) sink.accept(o);
            rows += page.items().size();
            position = page.nextPosition();
            run.checkpoint(new JobCounts(null, rows, rows, 0, 0), null, null);
        } while (position != null);
        sink.finish();
        return rows;
    }
}
