package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of an index list that is spread over several partitions ({@link Keys#TENANT_SHARDS}, or one): the
 * partitions are queried in parallel for a few items each, merged by sort key (a k-way merge, refilling a partition
 * when its items run out) and cut at {@code limit}. The sort keys are unique ({@code {time}#{id}}), so where a page
 * stops is one sort key, {@code after}: the next page asks every partition for what sorts after it.
 * <p>
 * A filter expression may drop items; each partition examines at most {@code maxWasted / partitions} dropped items per
 * page. A partition that reaches that is paused where it stopped: the page then ends before anything that sorts after
 * that point (so nothing is skipped), possibly with fewer than {@code limit} items and a cursor.
 */
final class ShardedIndexQuery {
    /** What to read: an index, its partitions, the sort key range (inclusive), order, filter, page size and start. */
    record Request(String index, List<String> partitions, String lower, String upper, boolean ascending,
                   Expression filter, int limit, String after, int maxWasted) { }

    /** A page of items and the sort key to continue after (null when nothing is left). */
    record Result(List<ObjectNode> items, String after) { }

    private final SingleTable table;

    ShardedIndexQuery(SingleTable table) { this.table = table; }

    /** A position of {@link #run}: {@code {"after": sk}} (the HTTP layer signs it into a cursor). */
    static String position(String after) { return after == null ? null : Positions.encode(Map.of("after", AttributeValue.fromS(after))); }

    /** The sort key of a position, or null for the first page; a position of another shape is refused. */
    static String after(String position) {
        Map<String, AttributeValue> p = Positions.decode(position);
        if (p == null) return null;
        AttributeValue after = p.get("after");
        if (after == null || after.s() == null) throw new IllegalArgumentException("bad position");
        return after.s();
    }

    Result run(Request r) {
        int chunk = Math.max(4, (r.limit() + r.partitions().size() - 1) / r.partitions().size() + 2) + (r.filter() == null ? 0 : 20);
        int wastedPerPartition = Math.max(chunk, r.maxWasted() / r.partitions().size());
        List<Stream> streams = new ArrayList<>();
        for (String pk : r.partitions()) streams.add(new Stream(r, pk, chunk, wastedPerPartition));
        fillAll(streams);

        List<ObjectNode> taken = new ArrayList<>();
        String skAttr = r.index() + "SK";
        String last = null;
        while (taken.size() < r.limit()) {
            for (Stream s : streams) if (s.buffer.isEmpty() && !s.exhausted && !s.paused) s.fill();
            Stream next = null;
            for (Stream s : streams) {
                if (s.buffer.isEmpty()) continue;
                if (next == null || before(r, sk(s.buffer.peekFirst(), skAttr), sk(next.buffer.peekFirst(), skAttr))) next = s;
            }
            if (next == null) break;
            String head = sk(next.buffer.peekFirst(), skAttr);
            if (blockedByPause(r, streams, head)) break;
            taken.add(next.buffer.pollFirst());
            last = head;
        }
        boolean more = false;
        for (Stream s : streams) more |= !s.buffer.isEmpty() || !s.exhausted;
        if (!more) return new Result(taken, null);
        if (last != null) return new Result(taken, last);
        // nothing taken: every partition that paused has moved on; continue after the earliest of them
        String resume = null;
        for (Stream s : streams) {
            if (s.paused && (resume == null || before(r, s.examinedTo, resume))) resume = s.examinedTo;
        }
        return new Result(taken, resume);
    }

    private static boolean blockedByPause(Request r, List<Stream> streams, String head) {
        for (Stream s : streams) if (s.paused && s.buffer.isEmpty() && before(r, s.examinedTo, head)) return true;
        return false;
    }

    /** Whether sort key {@code a} comes before {@code b} in the request's order. */
    private static boolean before(Request r, String a, String b) { return r.ascending() ? a.compareTo(b) < 0 : a.compareTo(b) > 0; }

    private static String sk(ObjectNode item, String skAttr) { return item.path(skAttr).asText(); }

    private static void fillAll(List<Stream> streams) {
        if (streams.size() == 1) {
            streams.getFirst().fill();
            return;
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fills = new ArrayList<>();
            for (Stream s : streams) fills.add(executor.submit(s::fill));
            for (Future<?> f : fills) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a list", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One partition's items after {@code after}, read a chunk at a time. */
    private final class Stream {
        private final Request r;
        private final String pk;
        private final int chunk;
        private final int maxWasted;
        final Deque<ObjectNode> buffer = new ArrayDeque<>();
        private Map<String, AttributeValue> start;
        boolean exhausted;
        boolean paused;
        /** The sort key of the last item this partition examined (matching or not). */
        String examinedTo;
        private int wasted;

        Stream(Request r, String pk, int chunk, int maxWasted) {
            this.r = r;
            this.pk = pk;
            this.chunk = chunk;
            this.maxWasted = maxWasted;
        }

        /** Reads until there is an item, the partition ends, or it examined too many dropped items. */
        void fill() {
            String skAttr = r.index() + "SK";
            String lower = r.lower(), upper = r.upper();
            if (r.after() != null) {
                if (r.ascending()) lower = r.after();
                else upper = r.after();
            }
            String from = lower, to = upper;
            KeyCondition key = KeyCondition.sortBetween(pk, from, to);
            while (buffer.isEmpty() && !exhausted) {
                if (wasted >= maxWasted) {
                    paused = true;
                    return;
                }
                TablePages.Page page = table.query(TableQuery.builder().index(r.index()).keyCondition(key)
                        .scanIndexForward(r.ascending()).limit(chunk).filterExpression(r.filter()).exclusiveStartKey(start).build())
                        .iterator().next();
                int scanned = page.scannedCount();
                int kept = 0;
                for (ObjectNode item : page.items()) {
                    String sk = item.path(skAttr).asText();
                    if (sk.equals(r.after())) { scanned--; continue; } // the previous page's last item, kept by the inclusive range
                    buffer.addLast(item);
                    kept++;
                }
                wasted += Math.max(0, scanned - kept);
                start = page.lastEvaluatedKey();
                exhausted = start == null;
                if (!exhausted) examinedTo = start.get(skAttr).s();
            }
        }
    }
}
