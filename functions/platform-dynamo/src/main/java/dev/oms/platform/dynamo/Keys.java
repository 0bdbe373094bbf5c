package dev.oms.platform.dynamo;

/**
 * Every key string of the single table, built in this one class. Every partition key starts with the tenant, so a
 * request can only ever reach its own tenant's items. The access-pattern table in docs/data-model.md describes them.
 */
public final class Keys {
    public static final String PK = "PK", SK = "SK";
    public static final String GSI1PK = "GSI1PK", GSI1SK = "GSI1SK", GSI2PK = "GSI2PK", GSI2SK = "GSI2SK", GSI3PK = "GSI3PK", GSI3SK = "GSI3SK";
    public static final String GSI1 = "GSI1", GSI2 = "GSI2", GSI3 = "GSI3";
    public static final String TTL = "expires_at";

    public static final String ORDER_SK = "A#ORDER";
    public static final String EVENT_SK_PREFIX = "E#";
    /** Children (fulfilments, returns, ...) sort between the header and the events, so one Query reads an order whole. */
    public static final String CHILD_SK_PREFIX = "C#";
    /** The upper bound of an order's header and children in sort-key order (the events, {@code E#}, sort after it). */
    public static final String CHILDREN_END = "C#~";

    private Keys() { }

    private static String t(String tenant) { return "T#" + tenant; }

    public static String order(String tenant, String orderId) { return t(tenant) + "#ORDER#" + orderId; }

    public static String eventSk(String eventId) { return EVENT_SK_PREFIX + eventId; }

    public static String childSk(String kind, String childId) { return CHILD_SK_PREFIX + kind + "#" + childId; }

    /** Points from a child's id to its order, for routes that name only the child. */
    public static String childRef(String tenant, String childId) { return t(tenant) + "#CHILD#" + childId; }

    /** Events of a hard-deleted order are kept here so the deletion stays in the audit log. */
    public static String deletedOrder(String tenant, String orderId) { return t(tenant) + "#DELETED#" + orderId; }

    // ---- tenant-wide partitions, sharded ---------------------------------------------------------------------------
    /**
     * How many partitions each tenant-wide index partition is spread over. Every order of a tenant is written to the
     * creation and status lists, every event to the three audit lists; one partition takes about 1,000 writes a
     * second, so each list is {@value} partitions ({@code ...#S00} to {@code ...#S15}) chosen by a hash of the order
     * or event id, and a read queries them all and merges (docs/scaling.md has the arithmetic). The daily metrics
     * counters are spread the same way (by order or fulfilment), and a read sums them. Changing it needs the
     * {@code shard_tenant_keys} maintenance task.
     */
    public static final int TENANT_SHARDS = 16;

    /** The shard of an id: stable ({@link String#hashCode()} is specified), uniform over {@link #TENANT_SHARDS}. */
    public static int shardOf(String id) { return Math.floorMod(id.hashCode(), TENANT_SHARDS); }

    private static String shard(String base, String id) { return base + shardSuffix(shardOf(id)); }

    private static java.util.List<String> shards(String base) {
        java.util.List<String> all = new java.util.ArrayList<>(TENANT_SHARDS);
        for (int s = 0; s < TENANT_SHARDS; s++) all.add(base + shardSuffix(s));
        return all;
    }

    /** {@code #S07}: two digits (no String.format on the request path: its Formatter loads the locale data). */
    private static String shardSuffix(int shard) { return (shard < 10 ? "#S0" : "#S") + shard; }

    /** The creation list partition (GSI1) of one order. */
    public static String ordersByCreated(String tenant, String orderId) { return shard(t(tenant) + "#ORDERS", orderId); }

    /** Every creation list partition of a tenant. */
    public static java.util.List<String> ordersByCreated(String tenant) { return shards(t(tenant) + "#ORDERS"); }

    /** The status list partition (GSI2) of one order. */
    public static String ordersByStatus(String tenant, String status, String orderId) { return shard(t(tenant) + "#ORDERS#STATUS#" + status, orderId); }

    public static java.util.List<String> ordersByStatus(String tenant, String status) { return shards(t(tenant) + "#ORDERS#STATUS#" + status); }

    /** The audit partitions of one event: by time (GSI1), by actor (GSI2), by action (GSI3). */
    public static String audit(String tenant, String eventId) { return shard(t(tenant) + "#AUDIT", eventId); }

    public static java.util.List<String> audit(String tenant) { return shards(t(tenant) + "#AUDIT"); }

    public static String auditByActor(String tenant, String actorId, String eventId) { return shard(t(tenant) + "#AUDIT#ACTOR#" + actorId, eventId); }

    public static java.util.List<String> auditByActor(String tenant, String actorId) { return shards(t(tenant) + "#AUDIT#ACTOR#" + actorId); }

    public static String auditByAction(String tenant, String action, String eventId) { return shard(t(tenant) + "#AUDIT#ACTION#" + action, eventId); }

    public static java.util.List<String> auditByAction(String tenant, String action) { return shards(t(tenant) + "#AUDIT#ACTION#" + action); }

    /** The unsharded partitions of the versions before sharding, which the {@code shard_tenant_keys} task empties. */
    public static String unshardedOrders(String tenant) { return t(tenant) + "#ORDERS"; }

    public static String unshardedAudit(String tenant) { return t(tenant) + "#AUDIT"; }

    // -------------------------------------------------------------------------------------------------------------------

    public static String ordersByCustomer(String tenant, String customerId) { return t(tenant) + "#ORDERS#CUSTOMER#" + customerId; }

    public static String createdSk(String createdAt, String orderId) { return createdAt + "#" + orderId; }

    public static String externalReference(String tenant, String ref) { return t(tenant) + "#EXTREF#" + ref; }

    public static String orderCounter(String tenant) { return t(tenant) + "#COUNTER#ORDER_NUMBER"; }

    /** A gapless counter of the tenant (invoice and credit-note numbers): {@code T#t#COUNTER#{name}}. */
    public static String gaplessCounter(String tenant, String name) { return t(tenant) + "#COUNTER#" + name; }

    public static String idempotency(String tenant, String scopeHash) { return t(tenant) + "#IDEM#" + scopeHash; }

    public static String settings(String tenant) { return t(tenant) + "#SETTINGS"; }

    public static String sandboxPayment(String tenant, String paymentId) { return t(tenant) + "#SANDBOX#PAYMENT#" + paymentId; }

    public static String sandboxStock(String tenant, String sku) { return t(tenant) + "#SANDBOX#STOCK#" + sku; }

    public static String sandboxReservation(String tenant, String orderId) { return t(tenant) + "#SANDBOX#RESERVATION#" + orderId; }

    /** A parcel the sandbox carrier booked, by tracking number: its booking and its tracking events. */
    public static String sandboxParcel(String tenant, String trackingNumber) { return t(tenant) + "#SANDBOX#PARCEL#" + trackingNumber; }

    /** The remembered result of a sandbox connector operation, by its idempotency key. */
    public static String sandboxOperation(String tenant, String connector, String key) { return t(tenant) + "#SANDBOX#OP#" + connector + "#" + key; }

    public static String repair(String tenant, String repairId) { return t(tenant) + "#REPAIR#" + repairId; }

    public static String repairsByState(String tenant, String state) { return t(tenant) + "#REPAIRS#" + state; }

    /** A saga start not confirmed yet ({@link SagaStartGuards}), by the saga's subject (cancellation, fulfilment, return). */
    public static String sagaStart(String tenant, String subjectId) { return t(tenant) + "#SAGASTART#" + subjectId; }

    /**
     * The sweeper's sparse GSI1 partitions of pending saga starts. Deliberately not per tenant: one scheduled
     * sweeper reads them all (a few Queries), and only unconfirmed starts are in them.
     */
    public static String sagaStartShard(int shard) { return "SAGASTARTS#" + shard; }

    /** Every webhook subscription of a tenant is in this one partition (the fan-out reads it with one Query). */
    public static String webhooks(String tenant) { return t(tenant) + "#WEBHOOKS"; }

    public static String webhookSk(String webhookId) { return "WH#" + webhookId; }

    /** The delivery log of one subscription; the sort key orders it by event. */
    public static String webhookDeliveries(String tenant, String webhookId) { return t(tenant) + "#WEBHOOK#" + webhookId + "#DELIVERIES"; }

    public static String deliverySk(String deliveryId) { return "D#" + deliveryId; }

    /** The secret an inbound webhook source ({@code payment}, {@code fulfillment}, {@code invoice}) signs with. */
    public static String inboundSecret(String tenant, String source) { return t(tenant) + "#INBOUND_SECRET#" + source; }

    public static String job(String tenant, String jobId) { return t(tenant) + "#JOB#" + jobId; }

    /** The tenant's jobs on GSI1, by creation time ({@code {created_at}#{jobId}}). */
    public static String jobs(String tenant) { return t(tenant) + "#JOBS"; }

    /** A marker item, such as "the demo data was loaded". */
    public static String marker(String tenant, String name) { return t(tenant) + "#MARKER#" + name; }

    // ---- order lookup and metrics (search branch) ------------------------------------------------------------------
    /** Sparse indexes of order headers by the metadata references {@code merchant_reference} / {@code customer_reference}. */
    public static final String GSI4PK = "GSI4PK", GSI4SK = "GSI4SK", GSI5PK = "GSI5PK", GSI5SK = "GSI5SK";
    public static final String GSI4 = "GSI4", GSI5 = "GSI5";

    public static String ordersByMerchantReference(String tenant, String ref) { return t(tenant) + "#MREF#" + ref; }

    public static String ordersByCustomerReference(String tenant, String ref) { return t(tenant) + "#CREF#" + ref; }

    /** The tenant's daily order counters of one channel ({@code *} for all channels); the sort key is the day. */
    public static String orderMetrics(String tenant, String channel, String orderId) { return shard(t(tenant) + "#METRICS#CH#" + channel, orderId); }

    /** Every partition of a channel's daily counters: the shards, and the unsharded one of versions before sharding. */
    public static java.util.List<String> orderMetrics(String tenant, String channel) { return withUnsharded(t(tenant) + "#METRICS#CH#" + channel); }

    /** The tenant's daily fulfilment latency counters; the sort key is {@code {day}#{warehouse}}. */
    public static String fulfillmentMetrics(String tenant, String fulfillmentId) { return shard(t(tenant) + "#METRICS#FULFILLMENT", fulfillmentId); }

    public static java.util.List<String> fulfillmentMetrics(String tenant) { return withUnsharded(t(tenant) + "#METRICS#FULFILLMENT"); }

    private static java.util.List<String> withUnsharded(String base) {
        java.util.List<String> all = shards(base);
        all.add(base);
        return all;
    }

    /** A stream event already added to the counters (kept a day, against stream retries counting it twice). */
    public static String countedEvent(String tenant, String eventId) { return t(tenant) + "#COUNTED#" + eventId; }

    // ---- notes, tasks and settings (seed 000 sections 13 and 16) ----

    /** An order's open (or in-progress, done, cancelled) tasks across orders on GSI1, by due time ({@link #taskDueSk}). */
    public static String tasksByStatus(String tenant, String status) { return t(tenant) + "#TASKS#" + status; }

    /** One assignee's tasks in one status on GSI2, by due time. */
    public static String tasksByAssignee(String tenant, String assignee, String status) {
        return t(tenant) + "#TASKS#ASSIGNEE#" + status + "#" + assignee;
    }

    /** {@code {due_at}#{taskId}}; a task without a due time sorts after every dated one ({@code ~}). */
    public static String taskDueSk(String dueAt, String taskId) { return (dueAt == null ? "~" : dueAt) + "#" + taskId; }

    /** Every automation policy of a tenant is in this one partition ({@code SK = P#{policyId}}). */
    public static String policies(String tenant) { return t(tenant) + "#POLICIES"; }

    public static String policySk(String policyId) { return "P#" + policyId; }

    /** A policy's deadline for one order ({@code auto_cancel_unpaid}). */
    public static String deadline(String tenant, String kind, String orderId) { return t(tenant) + "#DEADLINE#" + kind + "#" + orderId; }

    /** The sweeper's sparse GSI1 partitions of policy deadlines, across tenants like {@link #sagaStartShard}. */
    public static String deadlineShard(int shard) { return "DEADLINES#" + shard; }

    /**
     * The sparse GSI1 partition of the settings items that set {@code order_retention_days} ({@code GSI1SK} the
     * tenant): the retention job's list of tenants, across tenants like {@link #deadlineShard}.
     */
    public static final String RETENTION_TENANTS = "RETENTION#TENANTS";

    /** The history of the settings sits beside them: one item per change, {@code H#{version}} (zero-padded, so in order). */
    public static String settingsHistorySk(long version) { return String.format("H#%012d", version); }

    /** A lease on an item of an admin work queue (docs/admin-operations.md). */
    public static String queueLease(String tenant, String queueId, String itemId) { return t(tenant) + "#QUEUE#" + queueId + "#LEASE#" + itemId; }

    /** The sort key of items that are alone in their partition. */
    public static final String SINGLE = "A";

    /** An API key, found by its id alone (a presented secret carries the id, not the tenant). */
    public static String apiKey(String keyId) { return "APIKEY#" + keyId; }

    /** GSI1 partition of a tenant's API keys. */
    public static String apiKeys(String tenant) { return t(tenant) + "#APIKEYS"; }
}
