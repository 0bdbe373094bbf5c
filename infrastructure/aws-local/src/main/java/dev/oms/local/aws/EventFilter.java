package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.Machine;

/**
 * An event source mapping's {@code FilterCriteria} ({@code Filters: [{Pattern: '{...}'}]}), matched with
 * event-ruler as Lambda does: a record is delivered when any filter matches it; without filters every record is.
 */
final class EventFilter {
    private final Machine machine;

    private EventFilter(Machine machine) { this.machine = machine; }

    @SuppressWarnings("unchecked")
    static EventFilter of(Object filterCriteria) {
        if (!(filterCriteria instanceof Map<?, ?> criteria)) return new EventFilter(null);
        List<Object> filters = (List<Object>) ((Map<String, Object>) criteria).getOrDefault("Filters", List.of());
        if (filters.isEmpty()) return new EventFilter(null);
        Machine machine = new Machine();
        int n = 0;
        for (Object f : filters) {
            Object pattern = ((Map<String, Object>) f).get("Pattern");
            String json = pattern instanceof String s ? s : Jsons.write(pattern);
            try {
                machine.addRule("filter-" + n++, json);
            } catch (Exception e) {
                throw new IllegalArgumentException("Invalid filter pattern " + json + ": " + e.getMessage(), e);
            }
        }
        return new EventFilter(machine);
    }

    boolean matches(JsonNode record) {
        if (machine == null) return true;
        return !machine.rulesForJSONEvent(record).isEmpty();
    }
}
