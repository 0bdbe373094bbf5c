package dev.oms.app.privacy;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderService;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.RecordedEvent;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.security.Caller;
import dev.oms.domain.Actor;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.privacy.ErasureBlockers;
import dev.oms.domain.privacy.ErasureRequest;
import dev.oms.domain.privacy.ErasureRequest.Blocker;
import dev.oms.domain.privacy.ErasureRequest.Certificate;
import dev.oms.domain.privacy.PrivacyEventTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of the {@code gdpr-erasure} workflow that carries out a customer's erasure request ({@link ErasureRequests}): {@link #check} finds every order of the customer and what keeps its data
 * ({@link ErasureBlockers}); {@link #eraseBatch} pseudonymises the orders a few at a time (every item, event and
 * file of each, through {@link PersonalDataStore}); {@link #finish} rewrites the webhook delivery logs, removes the
 * customer's records outside orders and issues the certificate.
 */
public final class PersonalDataErasure {
    public static final int BATCH = 10;
    public static final int MAX_ORDERS = 5000;
    static final int PAGE = 100;

    private final ErasureRequestStore requests;
    private final PersonalDataStore data;
    private final OrderService orders;
    private final FileDeletion files;
    private final IdGenerator ids;
    private final Clock clock;

    public PersonalDataErasure(ErasureRequestStore requests, PersonalDataStore data, OrderService orders, FileDeletion files,
                               IdGenerator ids, Clock clock) {
        this.requests = requests;
        this.data = data;
        this.orders = orders;
        this.files = files;
        this.ids = ids;
        this.clock = clock;
    }

    // ---- the workflow's steps ------------------------------------------------------------------------------------

    /** Finds the customer's orders and what keeps their data: {@code running} with the orders, or {@code rejected} with the blockers. */
    public Map<String, Object> check(String tenantId, String requestId) {
        ErasureRequest r = load(tenantId, requestId);
        if (!r.status().equals(ErasureRequest.PENDING)) return Map.of("status", r.status());
        CommandContext ctx = system(tenantId, requestId);
        List<String> found = new ArrayList<>();
        List<Blocker> blockers = new ArrayList<>();
        String position = null;
        do {
            Page<Order> page = orders.list(ctx, new OrderFilter(null, r.customerId(), null, null, null, null, false), new PageRequest(position, PAGE));
            for (Order listed : page.items()) {
                if (found.size() >= MAX_ORDERS) {
                    blockers.add(new Blocker(null, "erasure.too_many_orders", "The customer has more than " + MAX_ORDERS + " orders: ask support"));
                    break;
                }
                found.add(listed.id());
                blockers.addAll(ErasureBlockers.of(orders.get(ctx, listed.id())));
            }
            position = page.nextPosition();
        } while (position != null && found.size() < MAX_ORDERS);
        Instant now = clock.instant();
        if (!blockers.isEmpty()) {
            ErasureRequest next = r.with(ErasureRequest.REJECTED, List.of(), 0, blockers, null, null, now);
            List<Map<String, Object>> listed = blockers.stream().map(b -> {
                Map<String, Object> m = new LinkedHashMap<>();
                if (b.orderId() != null) m.put("order_id", b.orderId());
                m.put("code", b.code());
                return m;
            }).toList();
            requests.save(next, event(Actor.SYSTEM, requestId, now, PrivacyEventTypes.ERASURE_REJECTED, Map.of("request_id", requestId, "blockers", listed)));
            return Map.of("status", next.status(), "blockers", (long) blockers.size());
        }
        ErasureRequest next = r.with(ErasureRequest.RUNNING, found, 0, List.of(), new Certificate(0, 0, 0, 0, 0, ErasureRequest.KEPT, null), null, now);
        requests.save(next, null);
        return Map.of("status", next.status(), "orders", (long) found.size());
    }

    /** Pseudonymises the next {@link #BATCH} orders; answers whether every order is done. */
    public Map<String, Object> eraseBatch(String tenantId, String requestId) {
        ErasureRequest r = load(tenantId, requestId);
        if (!r.status().equals(ErasureRequest.RUNNING)) return Map.of("done", true);
        CommandContext ctx = system(tenantId, requestId);
        Certificate c = r.certificate();
        int orderCount = c.ordersErased();
        long items = c.itemsRewritten(), events = c.eventsRewritten(), deleted = c.documentsDeleted();
        int end = Math.min(r.orderIds().size(), r.position() + BATCH);
        for (int i = r.position(); i < end; i++) {
            String orderId = r.orderIds().get(i);
            orders.get(ctx, orderId).refuseUnderLegalHold(); // a hold placed since the check stops the erasure (it fails)
            Instant at = clock.instant();
            PersonalDataStore.ErasedOrder erased = data.eraseOrder(tenantId, orderId, requestId, r.identifiers(), r.pseudonym(), ids.next("evt"),
                    meta(Actor.SYSTEM, requestId, at));
            for (String key : erased.filesToDelete()) files.delete(key); // again after a retried step: a delete is idempotent
            orderCount++; // the batch's counts are saved only when it ends, so an order erased by a failed try counts now
            items += erased.itemsRewritten();
            events += erased.eventsRewritten();
            deleted += erased.filesToDelete().size();
        }
        ErasureRequest next = r.with(ErasureRequest.RUNNING, r.orderIds(), end, List.of(),
                new Certificate(orderCount, items, events, 0, deleted, ErasureRequest.KEPT, null), null, clock.instant());
        requests.save(next, null);
        return Map.of("done", end >= r.orderIds().size(), "position", (long) end);
    }

    /** The webhook delivery logs, the customer's other records, and the certificate: {@code completed}. */
    public Map<String, Object> finish(String tenantId, String requestId) {
        ErasureRequest r = load(tenantId, requestId);
        if (!r.status().equals(ErasureRequest.RUNNING)) return Map.of("status", r.status());
        long deliveries = data.eraseDeliveries(tenantId, r.orderIds(), r.identifiers(), r.pseudonym());
        data.eraseCustomerRecords(tenantId, r.customerId());
        Instant now = clock.instant();
        Certificate c = r.certificate();
        Certificate done = new Certificate(c.ordersErased(), c.itemsRewritten(), c.eventsRewritten(), deliveries, c.documentsDeleted(),
                ErasureRequest.KEPT, now);
        ErasureRequest next = r.with(ErasureRequest.COMPLETED, List.of(), r.position(), List.of(), done, null, now);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("request_id", requestId);
        d.put("orders_erased", (long) done.ordersErased());
        d.put("items_rewritten", done.itemsRewritten());
        d.put("events_rewritten", done.eventsRewritten());
        d.put("deliveries_rewritten", done.deliveriesRewritten());
        d.put("documents_deleted", done.documentsDeleted());
        requests.save(next, event(Actor.SYSTEM, requestId, now, PrivacyEventTypes.ERASURE_COMPLETED, d));
        return Map.of("status", next.status());
    }

    /** A step failed for good: {@code failed}, with the error (what was erased stays erased; ask again to finish). */
    public Map<String, Object> fail(String tenantId, String requestId, String error) {
        ErasureRequest r = load(tenantId, requestId);
        if (r.isFinal()) return Map.of("status", r.status());
        String reason = error == null || error.isBlank() ? "the erasure failed" : error.length() > 500 ? error.substring(0, 500) : error;
        Instant now = clock.instant();
        ErasureRequest next = r.with(ErasureRequest.FAILED, List.of(), r.position(), List.of(), r.certificate(), reason, now);
        requests.save(next, event(Actor.SYSTEM, requestId, now, PrivacyEventTypes.ERASURE_FAILED, Map.of("request_id", requestId, "error", reason)));
        return Map.of("status", next.status());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private ErasureRequest load(String tenantId, String requestId) {
        return requests.find(tenantId, requestId).orElseThrow(() -> DomainException.notFound("erasure_request.not_found", "No erasure request " + requestId));
    }

    /** The workflow acts as the system, with the request as correlation id. */
    static CommandContext system(String tenantId, String requestId) {
        return new CommandContext(new Caller(tenantId, "gdpr-erasure", "system", Set.of("service"), null, null), requestId, null,
                "gdpr erasure", ResponseJournal.NONE);
    }

    private static CommandMeta meta(Actor actor, String correlationId, Instant at) { return ErasureRequests.meta(actor, correlationId, at); }

    private RecordedEvent event(Actor actor, String correlationId, Instant at, String type, Map<String, Object> data) {
        return ErasureRequests.event(ids, actor, correlationId, at, type, data);
    }
}
