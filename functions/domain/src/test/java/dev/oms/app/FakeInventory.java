package dev.oms.app;

import dev.oms.app.connector.InventoryService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inventory service that keeps each order's reservations: a release gives back what was reserved (all of it for an
 * empty request), a reserve takes stock again; every operation is idempotent on its key and logged. {@link #failReserve}
 * makes reservations fail.
 */
final class FakeInventory implements InventoryService {

    /** One call: {@code release}, {@code reserve} or {@code restock}, with what was asked and the key. */
    record Call(String kind, String orderId, List<SkuQuantity> request, String idempotencyKey) { }

    final Map<String, Map<String, Long>> reservations = new HashMap<>();
    final Map<String, Long> restocked = new LinkedHashMap<>();
    final List<Call> calls = new ArrayList<>();
    RuntimeException failReserve;
    private final Map<String, List<SkuQuantity>> released = new HashMap<>();

    void reserved(String orderId, String sku, long quantity) {
        reservations.computeIfAbsent(orderId, k -> new LinkedHashMap<>()).merge(sku, quantity, Long::sum);
    }

    Map<String, Long> reservationsOf(String orderId) { return reservations.getOrDefault(orderId, Map.of()); }

    List<Call> calls(String kind) { return calls.stream().filter(c -> c.kind().equals(kind)).toList(); }

    @Override
    public List<String> unavailable(String tenantId, List<SkuQuantity> request) { return List.of(); }

    @Override
    public List<SkuQuantity> release(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey) {
        calls.add(new Call("release", orderId, request, idempotencyKey));
        List<SkuQuantity> earlier = released.get(idempotencyKey);
        if (earlier != null) return earlier;
        Map<String, Long> reserved = reservations.computeIfAbsent(orderId, k -> new LinkedHashMap<>());
        List<SkuQuantity> out = new ArrayList<>();
        if (request.isEmpty()) {
            reserved.forEach((sku, n) -> out.add(new SkuQuantity(sku, n)));
            reserved.clear();
        } else {
            for (SkuQuantity q : request) {
                long take = Math.min(q.quantity(), reserved.getOrDefault(q.sku(), 0L));
                if (take > 0) {
                    out.add(new SkuQuantity(q.sku(), take));
                    reserved.merge(q.sku(), -take, Long::sum);
                }
            }
            reserved.values().removeIf(n -> n == 0);
        }
        released.put(idempotencyKey, out);
        return out;
    }

    @Override
    public void reserve(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey) {
        calls.add(new Call("reserve", orderId, request, idempotencyKey));
        if (failReserve != null) throw failReserve;
        request.forEach(q -> reserved(orderId, q.sku(), q.quantity()));
    }

    @Override
    public void restock(String tenantId, List<SkuQuantity> request, String idempotencyKey) {
        calls.add(new Call("restock", null, request, idempotencyKey));
        request.forEach(q -> restocked.merge(q.sku(), q.quantity(), Long::sum));
    }
}
