package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.dynamo.Keys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant-wide lists spread over {@link Keys#TENANT_SHARDS} partitions (docs/scaling.md) read as one list: every
 * page in order, nothing twice, nothing missing, in both directions, with key filters (status), filter expressions
 * (channel) and time ranges; the audit log likewise.
 */
class ShardedListsIT {
    static final int ORDERS = 40;
    static String tenant;
    static Client agent;
    static final List<JsonNode> created = new ArrayList<>();

    @BeforeAll
    static void orders() {
        tenant = newTenant();
        agent = as(tenant, "agent-shards", "agent");
        for (int i = 0; i < ORDERS; i++) {
            ObjectNode body = order("cust-shard-" + (i % 5));
            body.put("channel", i % 3 == 0 ? "web" : "app");
            var r = agent.post("/v1/orders", body);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            created.add(r.json());
        }
        // the orders are spread: more than half of the shards have one
        Set<Integer> shards = new HashSet<>();
        created.forEach(o -> shards.add(Keys.shardOf(o.path("id").asText())));
        assertThat(shards.size()).isGreaterThan(Keys.TENANT_SHARDS / 2);
    }

    /** The ids in list order: created_at, then id. */
    private static List<String> expected(boolean newestFirst, java.util.function.Predicate<JsonNode> which) {
        Comparator<JsonNode> byCreated = Comparator.comparing((JsonNode o) -> o.path("created_at").asText()).thenComparing(o -> o.path("id").asText());
        List<JsonNode> sorted = new ArrayList<>(created.stream().filter(which).sorted(byCreated).toList());
        if (newestFirst) java.util.Collections.reverse(sorted);
        return sorted.stream().map(o -> o.path("id").asText()).toList();
    }

    private static List<String> allPages(String query) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Resp page = agent.get("/v1/orders?" + query + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().path("data").size()).isLessThanOrEqualTo(7);
            page.json().path("data").forEach(o -> seen.add(o.path("id").asText()));
            cursor = page.json().path("has_more").asBoolean() ? page.json().path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 50);
        return seen;
    }

    @Test
    void theCreationListReadsAsOneListInBothDirections() {
        assertThat(allPages("limit=7")).containsExactlyElementsOf(expected(true, o -> true));
        assertThat(allPages("limit=7&sort=created_at")).containsExactlyElementsOf(expected(false, o -> true));
        // one page of everything
        assertThat(agent.get("/v1/orders?limit=100").json().path("has_more").asBoolean()).isFalse();
    }

    @Test
    void filtersAndRangesHoldAcrossShards() {
        assertThat(allPages("limit=7&channel=web")).containsExactlyElementsOf(expected(true, o -> "web".equals(o.path("channel").asText())));
        String status = created.getFirst().path("status").asText();
        assertThat(allPages("limit=7&status=" + status)).containsExactlyElementsOf(expected(true, o -> true));
        assertThat(allPages("limit=7&customer_id=cust-shard-2")).containsExactlyElementsOf(
                expected(true, o -> "cust-shard-2".equals(o.path("customer_id").asText())));
        String from = created.get(10).path("created_at").asText(), to = created.get(29).path("created_at").asText();
        assertThat(allPages("limit=7&sort=created_at&from=" + from + "&to=" + to)).containsExactlyElementsOf(expected(false, o -> {
            String at = o.path("created_at").asText();
            return at.compareTo(from) >= 0 && at.compareTo(to) <= 0;
        }));
    }

    @Test
    void theAuditLogReadsAsOneListNewestFirst() {
        Client auditor = as(tenant, "sup-shards", "supervisor");
        List<String> events = new ArrayList<>();
        List<String> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Resp page = auditor.get("/v1/orders/audit?limit=9&action=order.created" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("data").forEach(e -> {
                events.add(e.path("id").asText());
                times.add(e.path("occurred_at").asText());
            });
            cursor = page.json().path("has_more").asBoolean() ? page.json().path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(events).hasSize(ORDERS).doesNotHaveDuplicates();
        assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
    }
}
