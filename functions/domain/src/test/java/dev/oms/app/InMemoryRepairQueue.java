package dev.oms.app;

import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.RepairItem;
import dev.oms.app.port.RepairQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A repair queue like the DynamoDB one: open keeps the first item with an id, update checks the version. */
final class InMemoryRepairQueue implements RepairQueue {
    final Map<String, RepairItem> items = new LinkedHashMap<>();
    /** Every item open() was called with, including the ones it kept out. */
    final List<RepairItem> opened = new ArrayList<>();

    @Override
    public void open(RepairItem item) {
        opened.add(item);
        items.putIfAbsent(key(item.tenantId(), item.id()), item);
    }

    @Override
    public Optional<RepairItem> find(String tenantId, String repairId) { return Optional.ofNullable(items.get(key(tenantId, repairId))); }

    @Override
    public Page<RepairItem> list(String tenantId, String state, PageRequest page) {
        return new Page<>(items.values().stream().filter(i -> i.tenantId().equals(tenantId) && i.state().equals(state))
                .limit(page.limit()).toList(), null);
    }

    @Override
    public void update(RepairItem item, long expectedVersion) {
        RepairItem current = items.get(key(item.tenantId(), item.id()));
        if (current == null || current.version() != expectedVersion) {
            throw new ConcurrentUpdateException(current == null ? 0 : current.version());
        }
        items.put(key(item.tenantId(), item.id()), item);
    }

    private static String key(String tenantId, String id) { return tenantId + "#" + id; }
}
