package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The pages of a {@link TableQuery}, read one Query at a time as they are iterated: a page ends where DynamoDB's
 * {@code Limit} or 1 MB ends it, and the next page starts after its last key. {@code iterator().next()} is one Query;
 * {@link #items()} reads on until the partition (or range) is done.
 */
public final class TablePages implements Iterable<TablePages.Page> {
    /**
     * One page: its items as trees, the key to continue after (null when the query is done) and how many items
     * DynamoDB examined for it (before the filter dropped some).
     */
    public record Page(List<ObjectNode> items, Map<String, AttributeValue> lastEvaluatedKey, int scannedCount) { }

    private final DynamoDbClient client;
    private final String table;
    private final TableQuery query;

    TablePages(DynamoDbClient client, String table, TableQuery query) {
        this.client = client;
        this.table = table;
        this.query = query;
    }

    @Override
    public Iterator<Page> iterator() {
        return new Iterator<>() {
            private Map<String, AttributeValue> start = query.exclusiveStartKey();
            private boolean done;

            @Override
            public boolean hasNext() { return !done; }

            @Override
            public Page next() {
                if (done) throw new NoSuchElementException();
                QueryResponse r = client.query(query.request(table, start));
                List<ObjectNode> items = new ArrayList<>(r.items().size());
                for (Map<String, AttributeValue> item : r.items()) items.add(AttributeValues.toObject(item));
                Map<String, AttributeValue> last = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
                start = last;
                done = last == null;
                return new Page(items, last, r.scannedCount() == null ? items.size() : r.scannedCount());
            }
        };
    }

    /** Every item of every page, reading pages as needed. */
    public Iterable<ObjectNode> items() {
        return () -> new Iterator<>() {
            private final Iterator<Page> pages = TablePages.this.iterator();
            private Iterator<ObjectNode> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && pages.hasNext()) current = pages.next().items().iterator();
                return current.hasNext();
            }

            @Override
            public ObjectNode next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
    }
}
