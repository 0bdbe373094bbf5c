package dev.oms.domain.warehouse.ops;

import dev.oms.domain.DomainException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A warehouse work queue: a task type and, optionally, a zone. Warehouse tasks are order tasks (docs/notes-and-tasks.md)
 * whose assignee is the queue, written {@code wh:{type}} or {@code wh:{type}@{zone}}, the way an admin queue is a
 * team's assignee ({@code team:support}); so they are listed, claimed and audited by the one tasks machinery.
 */
public record WarehouseQueue(String type, String zone) {
    public static final List<String> TYPES = List.of("pick", "pack", "qc", "label", "inspection", "manual");
    private static final String PREFIX = "wh:";
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_.\\-]{1,32}");

    public WarehouseQueue {
        if (!TYPES.contains(type)) throw DomainException.invalidField("type", "field.not_allowed", "type is one of " + TYPES);
        if (zone != null && !ZONE.matcher(zone).matches()) {
            throw DomainException.invalidField("zone", "field.format", "a zone is 1-32 letters, digits or _.-");
        }
    }

    /** The queue's name, the tasks' assignee. */
    public String assignee() { return PREFIX + type + (zone == null ? "" : "@" + zone); }

    /** The queue an assignee names, if it is a warehouse queue. */
    public static Optional<WarehouseQueue> of(String assignee) {
        if (assignee == null || !assignee.startsWith(PREFIX)) return Optional.empty();
        String rest = assignee.substring(PREFIX.length());
        int at = rest.indexOf('@');
        String type = at < 0 ? rest : rest.substring(0, at);
        String zone = at < 0 ? null : rest.substring(at + 1);
        if (!TYPES.contains(type) || (zone != null && !ZONE.matcher(zone).matches())) return Optional.empty();
        return Optional.of(new WarehouseQueue(type, zone));
    }
}
