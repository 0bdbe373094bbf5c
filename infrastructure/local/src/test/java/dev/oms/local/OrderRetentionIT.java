package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.CommandContext;
import dev.oms.app.OrderRetention;
import dev.oms.app.port.OrderArchive;
import dev.oms.app.security.Caller;
import dev.oms.jobs.ParquetOrderArchive;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.json.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The retention job (issue 11): orders older than {@code order_retention_days} are archived to the jobs bucket as
 * Parquet with every item and event, read back, and only then removed; legal holds and orders with work in flight are
 * kept; a run repeated, or one whose order changed after it was archived, loses nothing.
 */
class OrderRetentionIT {
    private static final Duration LATER = Duration.ofDays(31);

    private static OrderRetention retention(OrderArchive archive) {
        Platform p = Platform.get();
        return new OrderRetention(p.core.repository, p.orders.transactions(), new DynamoOrderSettings(p.table), archive, p.clock);
    }

    private static ParquetOrderArchive archive() { return new ParquetOrderArchive(Platform.get().table, JobsKit.get().store); }

    private static List<OrderRetention.Outcome> of(List<OrderRetention.Outcome> all, String tenant) {
        return all.stream().filter(o -> o.tenantId().equals(tenant)).toList();
    }

    private static CommandContext adminCtx(String tenant) {
        return new CommandContext(new Caller(tenant, "admin-r", "agent", Set.of("admin"), null, null), null, null, null, null);
    }

    @Test
    void oldOrdersAreArchivedWithTheirEventsThenRemovedLegalHoldsAndActiveOrdersKept() throws Exception {
        String t = newTenant();
        Client admin = as(t, "admin-r", "admin");
        assertThat(admin.patch("/v1/orders/settings", Map.of("order_retention_days", 30, "allow_hard_delete", true)).status()).isEqualTo(200);
        String old = create(admin, order("c-old"));
        assertThat(admin.patch("/v1/orders/" + old, Map.of("metadata", Map.of("note", "kept in the archive"))).status()).isEqualTo(200);
        String held = create(admin, order("c-held"));
        Platform.get().orders.placeLegalHold(adminCtx(t), held, "Litigation 2026-17");
        String active = create(admin, paidOrder(admin, "c-active", "authorized"));
        assertThat(admin.post("/v1/orders/" + active + "/confirm", null).json().path("status").asText()).isEqualTo("confirmed");

        // a legal hold also stops an admin's hard delete
        JsonNode heldNow = admin.get("/v1/orders/" + held).json();
        assertThat(heldNow.path("legal_hold").path("reason").asText()).isEqualTo("Litigation 2026-17");
        Resp refused = admin.delete("/v1/orders/" + held + "?hard=true");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("order.legal_hold");

        // not old enough today: nothing happens
        assertThat(of(retention(archive()).run(Instant.now(), 1000), t)).isEmpty();

        List<OrderRetention.Outcome> run = of(retention(archive()).run(Instant.now().plus(LATER), 1000), t);
        Map<String, String> results = run.stream().collect(Collectors.toMap(OrderRetention.Outcome::orderId, OrderRetention.Outcome::result));
        assertThat(results).containsEntry(old, "archived").containsEntry(held, "kept_legal_hold").containsEntry(active, "kept_confirmed");
        assertThat(admin.get("/v1/orders/" + old).code()).isEqualTo("order.not_found");
        assertThat(admin.get("/v1/orders/" + held).status()).isEqualTo(200);
        assertThat(admin.get("/v1/orders/" + active).status()).isEqualTo(200);

        // the archive read back: every item of the order, whole, its events among them
        List<Map<String, Object>> rows = readArchive(t, old);
        assertThat(rows).allSatisfy(r -> assertThat(r).containsEntry("order_id", old).containsEntry("tenant_id", t));
        List<JsonNode> items = rows.stream().map(r -> json(String.valueOf(r.get("item")))).toList();
        assertThat(items).anySatisfy(i -> {
            assertThat(i.path("id").asText()).isEqualTo(old);
            assertThat(i.path("metadata").path("note").asText()).isEqualTo("kept in the archive");
        });
        String archived = items.stream().map(JsonNode::toString).collect(Collectors.joining("\n"));
        assertThat(archived).contains("order.created").contains("order.updated");
        // the removal is in the tenant's audit log, by the retention job, naming the archive
        JsonNode deleted = admin.get("/v1/orders/audit?actor=" + OrderRetention.ACTOR).json().path("data").get(0);
        assertThat(deleted.path("order_id").asText()).isEqualTo(old);
        assertThat(deleted.path("reason").asText()).contains("archive/" + t + "/orders/" + old + ".parquet");

        // run again: harmless (the archived order is gone, the others are kept again, the archive is unchanged)
        List<OrderRetention.Outcome> again = of(retention(archive()).run(Instant.now().plus(LATER), 1000), t);
        assertThat(again).extracting(OrderRetention.Outcome::orderId).containsExactlyInAnyOrder(held, active);
        assertThat(readArchive(t, old)).hasSize(rows.size());

        // the hold lifted, the held order goes the same way
        Platform.get().orders.releaseLegalHold(adminCtx(t), held, "Case closed");
        assertThat(of(retention(archive()).run(Instant.now().plus(LATER), 1000), t))
                .anySatisfy(o -> assertThat(o.orderId() + ":" + o.result()).isEqualTo(held + ":archived"));
        assertThat(readArchive(t, held).stream().map(r -> String.valueOf(r.get("item"))).collect(Collectors.joining()))
                .contains("order.legal_hold_placed").contains("order.legal_hold_released");
    }

    @Test
    void anOrderChangedAfterItsArchiveWasWrittenIsKeptAndArchivedAgainNextRun() throws Exception {
        String t = newTenant();
        Client admin = as(t, "admin-r", "admin");
        assertThat(admin.patch("/v1/orders/settings", Map.of("order_retention_days", 30)).status()).isEqualTo(200);
        String id = create(admin, order("c-race"));
        ParquetOrderArchive real = archive();
        // the order changes between the archive and the removal (a late metadata edit)
        OrderArchive racing = new Racing(real, tenant -> {
            if (tenant.equals(t)) admin.patch("/v1/orders/" + id, Map.of("metadata", Map.of("late", "edit")));
        });
        List<OrderRetention.Outcome> first = of(retention(racing).run(Instant.now().plus(LATER), 1000), t);
        assertThat(first).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo("kept_order.version_conflict"));
        assertThat(admin.get("/v1/orders/" + id).json().path("metadata").path("late").asText()).isEqualTo("edit");

        List<OrderRetention.Outcome> next = of(retention(real).run(Instant.now().plus(LATER), 1000), t);
        assertThat(next).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo("archived"));
        assertThat(readArchive(t, id).stream().map(r -> String.valueOf(r.get("item"))).collect(Collectors.joining())).contains("\"late\":\"edit\"");
        assertThat(admin.get("/v1/orders/" + id).code()).isEqualTo("order.not_found");
    }

    @Test
    void tenantsWithoutARetentionPeriodKeepTheirOrders() {
        String t = newTenant();
        Client admin = as(t, "admin-r", "admin");
        String id = create(admin, order("c-keep"));
        assertThat(of(retention(archive()).run(Instant.now().plus(Duration.ofDays(4000)), 1000), t)).isEmpty();
        // a retention period set, then reset to null: the tenant leaves the index
        admin.patch("/v1/orders/settings", Map.of("order_retention_days", 30));
        assertThat(archive().tenantsWithRetention()).contains(t);
        java.util.Map<String, Object> reset = new java.util.HashMap<>();
        reset.put("order_retention_days", null);
        admin.patch("/v1/orders/settings", reset);
        assertThat(archive().tenantsWithRetention()).doesNotContain(t);
        assertThat(of(retention(archive()).run(Instant.now().plus(Duration.ofDays(4000)), 1000), t)).isEmpty();
        assertThat(admin.get("/v1/orders/" + id).status()).isEqualTo(200);
    }

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new AssertionError("an archived item is not JSON: " + text, e);
        }
    }

    private static List<Map<String, Object>> readArchive(String tenant, String orderId) throws Exception {
        Path file = Files.createTempFile("archive-it", ".parquet");
        try (InputStream in = JobsKit.get().store.open(ParquetOrderArchive.key(tenant, orderId))) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (var rows = ParquetReader.streamContent(file.toFile(), HydratorSupplier.constantly(new ParquetOrderArchive.RowHydrator()))) {
            return rows.collect(Collectors.toList());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The real archive, with something happening to the tenant right after each order is archived. */
    private record Racing(OrderArchive real, Consumer<String> after) implements OrderArchive {
        @Override
        public Archived archive(String tenantId, String orderId) {
            Archived a = real.archive(tenantId, orderId);
            after.accept(tenantId);
            return a;
        }

        @Override
        public List<String> tenantsWithRetention() { return real.tenantsWithRetention(); }
    }
}
