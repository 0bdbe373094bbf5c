package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderMessage;
import dev.oms.domain.order.OrderMessages;
import dev.oms.platform.Platform;
import dev.oms.platform.jobs.JobFiles;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.DocumentViews;
import dev.oms.platform.views.OrderViews;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The admin's GDPR export of one data subject (a customer id): a zip archive in the jobs bucket with, per order of
 * the customer, {@code orders/{orderId}.json} (the order with its lines, payments, holds, fulfilments, shipments,
 * returns and invoices as the API shows it), {@code events/{orderId}.json} (its whole timeline, oldest first),
 * {@code messages/{orderId}.json} (the conversation with support) and {@code documents/{orderId}.json} (the index of
 * its documents: type, file name, status; the files themselves are downloaded through the order's documents route),
 * and {@code manifest.json} (subject, orders, when, who and why). Walks the customer's orders through the list query
 * (the customer index, never a Scan); checks for a cancellation before each page. Not resumable: a run that dies
 * starts again (the object is only written once complete).
 */
final class SubjectExportWork implements JobWork {
    private static final int PAGE = 100;
    private final Platform platform;

    SubjectExportWork(Platform platform) { this.platform = platform; }

    /** Thrown out of the archive's content to abandon it when the job was cancelled. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() { super(null, null, false, false); }
    }

    @Override
    public void run(JobRun run) throws IOException {
        String subject = run.parameter("customer_id");
        CommandContext ctx = run.context(run.parameter("reason"), ResponseJournal.NONE);
        String key = JobFiles.subjectArchive(run.tenantId(), run.id());
        long[] count = {0};
        try {
            run.store().write(key, "application/zip", out -> {
                ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
                ArrayNode orderIds = Json.array();
                String position = null;
                do {
                    if (!run.proceed(false)) throw new Cancelled();
                    Page<Order> page = platform.orders.list(ctx, new OrderFilter(null, subject, null, null, null, null, false),
                            new PageRequest(position, PAGE));
                    for (Order listed : page.items()) {
                        Order o = platform.orders.get(ctx, listed.id()); // the list holds headers; the archive wants the whole order
                        write(zip, "orders/" + o.id() + ".json", OrderViews.order(o));
                        write(zip, "events/" + o.id() + ".json", timeline(ctx, o.id()));
                        ArrayNode messages = Json.array();
                        for (OrderMessage m : OrderMessages.conversation(o)) {
                            messages.addObject().put("id", m.id()).put("author", m.author()).put("author_id", m.authorId())
                                    .put("text", m.text()).put("created_at", Times.format(m.createdAt()));
                        }
                        write(zip, "messages/" + o.id() + ".json", messages);
                        ArrayNode documents = Json.array();
                        for (OrderDocument d : o.children(OrderDocument.class)) documents.add(DocumentViews.document(o, d));
                        write(zip, "documents/" + o.id() + ".json", documents);
                        orderIds.add(o.id());
                        count[0]++;
                    }
                    position = page.nextPosition();
                    run.checkpoint(new JobCounts(null, count[0], count[0], 0, 0), null, null);
                } while (position != null);
                ObjectNode manifest = Json.object();
                manifest.put("tenant_id", run.tenantId());
                manifest.put("customer_id", subject);
                manifest.put("job_id", run.id());
                manifest.put("created_at", Times.format(platform.clock.instant()));
                manifest.put("requested_by", run.job().state().createdBy == null ? null : run.job().state().createdBy.id());
                manifest.put("reason", run.parameter("reason"));
                manifest.set("orders", orderIds);
                write(zip, "manifest.json", manifest);
                zip.finish();
            });
        } catch (Cancelled c) {
            return;
        }
        run.checkpoint(new JobCounts(count[0], count[0], count[0], 0, 0), null, Map.of("orders", count[0]));
        run.complete(Map.of("download", key));
    }

    private ArrayNode timeline(CommandContext ctx, String orderId) {
        ArrayNode events = Json.array();
        String position = null;
        do {
            Page<StoredEvent> page = platform.audit.timeline(ctx, orderId, new PageRequest(position, 200));
            for (StoredEvent e : page.items()) events.add(OrderViews.event(e));
            position = page.nextPosition();
        } while (position != null);
        return events;
    }

    private static void write(ZipOutputStream zip, String name, com.fasterxml.jackson.databind.JsonNode json) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(Json.write(json).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
