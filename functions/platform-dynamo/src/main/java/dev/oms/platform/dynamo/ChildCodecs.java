package dev.oms.platform.dynamo;

import dev.oms.domain.order.OrderChild;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every kind of order child the table stores, one codec each. */
public final class ChildCodecs {
    private static final List<ChildCodec<?>> ALL = List.of(
            new DocumentCodec(),
            new RefundCodec(),
            new InvoiceCodec(),
            new FulfillmentCodec(),
            new ShipmentCodec(),
            new ReturnCodec(),
            new EditCodec(), // order edits (issue 11)
            new NoteCodec(),
            new TaskCodec(),
            new MessageCodec(), // the conversation with support (issue 12)
            new CaseCodec(), // support cases (issue 13)
            new ShipmentUpdatesCodec() // the customer's shipment-update channels (issue 12)
    );

    private static final Map<String, ChildCodec<?>> BY_KIND = new HashMap<>();

    static {
        for (ChildCodec<?> c : ALL) {
            if (BY_KIND.put(c.kind(), c) != null) throw new IllegalStateException("two codecs for " + c.kind());
        }
    }

    private ChildCodecs() { }

    /** The codec of a stored kind, or null for a kind this version does not know (such items are left alone). */
    public static ChildCodec<?> forKind(String kind) { return BY_KIND.get(kind); }

    public static ChildCodec<?> of(OrderChild child) {
        ChildCodec<?> codec = BY_KIND.get(child.kind());
        if (codec == null) throw new IllegalStateException("no codec for order child kind " + child.kind());
        return codec;
    }
}
