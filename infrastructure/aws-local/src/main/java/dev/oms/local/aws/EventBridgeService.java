package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.oms.platform.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

/**
 * EventBridge, locally: the AWS JSON 1.1 protocol ({@code X-Amz-Target: AWSEvents.PutEvents}, content type
 * {@code application/x-amz-json-1.1}) on a JDK HttpServer, so the SDK's {@code EventBridgeClient} works with only an
 * endpoint override. Operations: PutEvents, ListRules, DescribeRule, ListTargetsByRule, ListEventBuses,
 * DescribeEventBus, TestEventPattern.
 *
 * <p>Buses come from {@code AWS::Events::EventBus} (plus {@code default}); rules from {@code AWS::Events::Rule}
 * (EventBusName, EventPattern, State, Targets with InputPath, Input, InputTransformer, SqsParameters.MessageGroupId)
 * and from the SAM {@code EventBridgeRule} / {@code CloudWatchEvent} events of functions and state machines.
 * Patterns are compiled and matched by event-ruler ({@code Machine}), the engine EventBridge uses, against the whole envelope (version, id,
 * detail-type, source, account, time, region, resources, detail). Matched targets are delivered asynchronously
 * through the {@link TargetDispatcher}, retried with exponential back-off as the target's {@code RetryPolicy} says
 * ({@code MaximumRetryAttempts}, {@code MaximumEventAgeInSeconds}; without one {@link Options#deliveryAttempts()}
 * attempts), and every published event is kept (the last {@link Options#archiveSize()}) with the rules it matched and
 * how each delivery went: see {@link #recentEvents(int)}.
 *
 * <p>Durable deliveries: with {@link Options#journal()} every delivery is written to a {@link WorkJournal} before
 * PutEvents answers, and marked done when it was delivered or given up on. {@link #resumePending()} (called once the
 * targets can be reached) delivers again what a crashed run left pending: at least once, as on AWS.
 *
 * <p>Not implemented: scheduled rules (ScheduleExpression), PutRule / PutTargets through the API, archives and
 * replays, API destinations, DeadLetterConfig of targets.
 */
public final class EventBridgeService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeService.class);
    private static final String JSON_11 = "application/x-amz-json-1.1";

    /**
     * @param deliveryAttempts attempts for targets without a RetryPolicy
     * @param retryBackoff the first pause before a retry; it doubles up to {@code maxBackoff}
     * @param journal where pending deliveries are kept (null: in memory)
     */
    public record Options(int port, int archiveSize, int deliveryAttempts, Duration retryBackoff, Duration maxBackoff, Path journal) {
        public Options(int port, int archiveSize, int deliveryAttempts, Duration retryBackoff) {
            this(port, archiveSize, deliveryAttempts, retryBackoff, Duration.ofSeconds(30), null);
        }

        public static Options defaults() { return new Options(0, 500, 3, Duration.ofMillis(200)); }

        public Options withJournal(Path file) { return new Options(port, archiveSize, deliveryAttempts, retryBackoff, maxBackoff, file); }
    }

    public enum TargetKind { QUEUE, FUNCTION, STATE_MACHINE, TOPIC, EVENT_BUS, UNRESOLVED }

    /** {@code maximumRetryAttempts} and {@code maximumEventAgeSeconds} are -1 when the target has no RetryPolicy. */
    public record TargetInfo(String id, String arn, TargetKind kind, String logicalId, String inputPath, String input,
                             Map<String, String> inputPathsMap, String inputTemplate, String messageGroupId,
                             int maximumRetryAttempts, int maximumEventAgeSeconds) { }

    public record RuleInfo(String busName, String name, String arn, String eventPattern, boolean enabled, String description,
                           List<TargetInfo> targets) { }

    public enum Status { PENDING, DELIVERED, FAILED }

    public record Delivery(String targetId, String targetArn, TargetKind kind, Status status, int attempts, String input, String error) { }

    public record RuleMatch(String ruleName, List<Delivery> deliveries) { }

    /** One published event as the bus saw it: the envelope JSON and what it matched. */
    public record ArchivedEvent(String eventId, Instant receivedAt, String busName, String event, List<RuleMatch> matches) { }

    /** One PutEvents entry as given to {@link #putEvents(String, List)} (eventBusName null means default). */
    public record Entry(String eventBusName, String source, String detailType, String detail, List<String> resources, Instant time) { }

    /** A PutEvents result entry: an event id, or an error code and message. */
    public record EntryResult(String eventId, String errorCode, String errorMessage) { }

    private final Options options;
    private final TargetDispatcher dispatcher;
    private final Map<String, Bus> buses = new ConcurrentHashMap<>();
    private final Map<String, String> busRefs = new LinkedHashMap<>();
    private final Deque<ArchiveEntry> archive = new ArrayDeque<>();
    private final ExecutorService deliveries;
    private final ScheduledExecutorService retries;
    private final AtomicInteger pending = new AtomicInteger();
    private final LocalHttpServer http;
    private final WorkJournal journal;

    private EventBridgeService(SamTemplate template, TargetDispatcher dispatcher, Options options) {
        this.options = options;
        this.dispatcher = dispatcher;
        new EventBridgeTemplate(template).load(buses, busRefs);
        this.journal = options.journal() == null ? WorkJournal.inMemory() : WorkJournal.open(options.journal());
        this.deliveries = Executors.newFixedThreadPool(4, LocalHttpServer.daemonThreads("eventbridge-delivery"));
        this.retries = Executors.newSingleThreadScheduledExecutor(LocalHttpServer.daemonThreads("eventbridge-retry"));
        this.http = new LocalHttpServer("eventbridge", options.port(), this::serve);
    }

    /** Deliveries a previous run accepted and did not finish (before {@link #resumePending()}). */
    public int pendingInJournal() { return journal.size(); }

    /**
     * Delivers again what the journal holds from a previous run (each delivery at least once). Call it once the
     * targets can be reached. Deliveries whose rule or target is no longer in the template are dropped.
     */
    public int resumePending() {
        int resumed = 0;
        for (var e : journal.pending()) {
            ObjectNode w = e.getValue();
            Bus bus = buses.get(w.path("bus").asText());
            Rule rule = bus == null ? null : bus.rules.get(w.path("rule").asText());
            Rule.Target target = rule == null ? null : rule.targets.stream().filter(t -> t.info.id().equals(w.path("target").asText())).findFirst().orElse(null);
            JsonNode event = Jsons.tryParse(w.path("event").asText());
            if (target == null || !(event instanceof ObjectNode envelope)) {
                LOG.warn("Dropping the pending delivery {}: its rule or target is gone", e.getKey());
                journal.done(e.getKey());
                continue;
            }
            DeliveryState state = new DeliveryState(target);
            state.input = w.path("input").asText();
            Instant received = Instant.parse(w.path("received").asText(Instant.now().toString()));
            ArchiveEntry entry = new ArchiveEntry(envelope.path("id").asText(), received, bus.name, Jsons.write(envelope),
                    List.of(new MatchState(rule.name, List.of(state))));
            synchronized (archive) {
                archive.addFirst(entry);
                while (archive.size() > options.archiveSize()) archive.removeLast();
            }
            submit(new Attempt(e.getKey(), target, state, envelope, received, 1));
            resumed++;
        }
        if (resumed > 0) LOG.info("EventBridge: {} deliveries left pending by the last run resumed", resumed);
        return resumed;
    }

    public static EventBridgeService start(SamTemplate template, TargetDispatcher dispatcher) {
        return start(template, dispatcher, Options.defaults());
    }

    public static EventBridgeService start(SamTemplate template, TargetDispatcher dispatcher, Options options) {
        return new EventBridgeService(template, dispatcher, options);
    }

    /** What SDK clients use as their EventBridge endpoint ({@code aws.endpointUrlEventBridge}). */
    public String endpoint() { return http.endpoint(); }

    public int port() { return http.port(); }

    /** What {@code !Ref Bus} resolves to (the bus name), by logical id. */
    public Map<String, String> refs() { return Map.copyOf(busRefs); }

    public List<RuleInfo> rules() {
        return buses.values().stream().flatMap(b -> b.rules.values().stream()).map(Rule::info).toList();
    }

    /** The newest published events first (at most {@code limit}). */
    public List<ArchivedEvent> recentEvents(int limit) {
        synchronized (archive) {
            return archive.stream().limit(limit).map(ArchiveEntry::snapshot).toList();
        }
    }

    public Optional<ArchivedEvent> archivedEvent(String eventId) {
        synchronized (archive) {
            return archive.stream().filter(e -> e.eventId.equals(eventId)).findFirst().map(ArchiveEntry::snapshot);
        }
    }

    /** Publishes one event to a bus in-process (as PutEvents would); returns its id. */
    public String publish(String busName, String source, String detailType, String detailJson) {
        EntryResult r = putEvents(null, List.of(new Entry(busName, source, detailType, detailJson, List.of(), null))).get(0);
        if (r.eventId() == null) throw new IllegalArgumentException(r.errorCode() + ": " + r.errorMessage());
        return r.eventId();
    }

    /** PutEvents in-process: validates each entry like AWS, matches the bus's rules and queues the deliveries. */
    public List<EntryResult> putEvents(String defaultBus, List<Entry> entries) {
        List<EntryResult> out = new ArrayList<>();
        for (Entry e : entries) out.add(put(e, defaultBus));
        return out;
    }

    /** Waits until every queued delivery finished (tests; orderly shutdown). */
    public boolean awaitDeliveries(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > end) return false;
            Thread.sleep(10);
        }
        return true;
    }

    private EntryResult put(Entry e, String defaultBus) {
        if (blank(e.source())) return error("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.");
        if (blank(e.detailType())) return error("InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        if (blank(e.detail())) return error("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
        JsonNode detail = Jsons.tryParse(e.detail());
        if (detail == null || !detail.isObject()) return error("MalformedDetail", "Detail is malformed.");
        String busName = busName(e.eventBusName() != null ? e.eventBusName() : defaultBus);
        Bus bus = buses.get(busName);
        if (bus == null) return error("ResourceNotFoundException", "Event bus " + busName + " does not exist.");
        ObjectNode envelope = Jsons.MAPPER.createObjectNode();
        String id = UUID.randomUUID().toString();
        envelope.put("version", "0");
        envelope.put("id", id);
        envelope.put("detail-type", e.detailType());
        envelope.put("source", e.source());
        envelope.put("account", LocalAws.ACCOUNT_ID);
        envelope.put("time", (e.time() == null ? Instant.now() : e.time()).truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", LocalAws.REGION);
        ArrayNode resources = envelope.putArray("resources");
        if (e.resources() != null) e.resources().forEach(resources::add);
        envelope.set("detail", detail);
        route(bus, envelope);
        return new EntryResult(id, null, null);
    }

    private void route(Bus bus, ObjectNode envelope) {
        Instant received = Instant.now();
        List<String> matched = bus.machine.rulesForJSONEvent(envelope);
        List<MatchState> matches = new ArrayList<>();
        List<Attempt> work = new ArrayList<>();
        String eventId = envelope.get("id").asText();
        for (String ruleName : matched.stream().distinct().sorted().toList()) {
            Rule rule = bus.rules.get(ruleName);
            if (rule == null || !rule.enabled) continue;
            List<DeliveryState> states = new ArrayList<>();
            for (Rule.Target t : rule.targets) {
                DeliveryState state = new DeliveryState(t);
                try {
                    state.input = t.input(envelope, rule.name, rule.arn(), received.toString());
                } catch (RuntimeException ex) {
                    state.finish(Status.FAILED, 0, "Input could not be built: " + ex.getMessage());
                    states.add(state);
                    continue;
                }
                states.add(state);
                String journalId = eventId + "|" + bus.name + "|" + rule.name + "|" + t.info.id();
                ObjectNode w = Jsons.MAPPER.createObjectNode();
                w.put("bus", bus.name);
                w.put("rule", rule.name);
                w.put("target", t.info.id());
                w.put("input", state.input);
                w.put("event", Jsons.write(envelope));
                w.put("received", received.toString());
                journal.add(journalId, w);
                work.add(new Attempt(journalId, t, state, envelope, received, 1));
            }
            matches.add(new MatchState(ruleName, states));
        }
        ArchiveEntry entry = new ArchiveEntry(envelope.get("id").asText(), received, bus.name, Jsons.write(envelope), matches);
        synchronized (archive) {
            archive.addFirst(entry);
            while (archive.size() > options.archiveSize()) archive.removeLast();
        }
        for (Attempt a : work) submit(a);
    }

    /** One attempt of one delivery; a failed one schedules the next. */
    private record Attempt(String journalId, Rule.Target target, DeliveryState state, ObjectNode envelope, Instant received, int number) { }

    private void submit(Attempt a) {
        pending.incrementAndGet();
        try {
            deliveries.execute(() -> deliver(a));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            pending.decrementAndGet(); // shutting down: the journal keeps it for the next run
        }
    }

    private void deliver(Attempt a) {
        Rule.Target t = a.target();
        try {
            dispatch(t, a.state().input, a.envelope());
            a.state().finish(Status.DELIVERED, a.number(), null);
            journal.done(a.journalId());
            pending.decrementAndGet();
        } catch (Exception ex) {
            if (deliveries.isShutdown()) {
                pending.decrementAndGet(); // stopping: the journal keeps the delivery for the next run
                return;
            }
            String error = ex.toString();
            int maxAttempts = t.info.maximumRetryAttempts() >= 0 ? t.info.maximumRetryAttempts() + 1 : Math.max(1, options.deliveryAttempts());
            boolean tooOld = t.info.maximumEventAgeSeconds() >= 0
                    && Duration.between(a.received(), Instant.now()).getSeconds() >= t.info.maximumEventAgeSeconds();
            if (a.number() < maxAttempts && !tooOld) {
                a.state().attempts = a.number();
                a.state().error = error;
                long wait = Math.min(options.maxBackoff().toMillis(), options.retryBackoff().toMillis() << Math.min(a.number() - 1, 20));
                try {
                    retries.schedule(() -> {
                        // the next attempt counts before this one stops counting: awaitDeliveries never sees a gap
                        submit(new Attempt(a.journalId(), t, a.state(), a.envelope(), a.received(), a.number() + 1));
                        pending.decrementAndGet();
                    }, wait, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    pending.decrementAndGet();
                }
                return;
            }
            LOG.warn("EventBridge delivery of {} to {} failed after {} attempts: {}", a.envelope().path("id").asText(), t.info.arn(), a.number(), error);
            a.state().finish(Status.FAILED, a.number(), error);
            journal.done(a.journalId());
            pending.decrementAndGet();
        }
    }

    private void dispatch(Rule.Target t, String input, ObjectNode envelope) throws Exception {
        switch (t.info.kind()) {
            case QUEUE -> dispatcher.sendToQueue(t.info.logicalId(), input, t.info.messageGroupId());
            case FUNCTION -> {
                JsonNode parsed = Jsons.tryParse(input);
                dispatcher.invokeFunction(t.info.logicalId(), parsed == null ? input : Jsons.MAPPER.convertValue(parsed, Object.class));
            }
            case STATE_MACHINE -> dispatcher.startExecution(t.info.logicalId(), input);
            case TOPIC -> dispatcher.publishToTopic(t.info.logicalId(), input);
            case EVENT_BUS -> {
                Bus other = buses.get(t.info.logicalId());
                if (other == null) throw new IllegalStateException("No event bus " + t.info.logicalId());
                route(other, envelope.deepCopy());
            }
            case UNRESOLVED -> throw new IllegalStateException("Target " + t.info.arn() + " is not a resource of the template");
        }
    }

    private String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isBlank()) return "default";
        return nameOrArn.startsWith("arn:") ? LocalAws.arnResource(nameOrArn) : nameOrArn;
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    private static EntryResult error(String code, String message) { return new EntryResult(null, code, message); }

    // ---- HTTP: AWS JSON 1.1 ----

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            String body = LocalHttpServer.body(ex);
            if (!"POST".equals(ex.getRequestMethod()) || target == null || !target.startsWith("AWSEvents.")) {
                fail(ex, 400, "UnknownOperationException", "Expected a POST with X-Amz-Target: AWSEvents.<Operation>");
                return;
            }
            JsonNode req = body.isBlank() ? Jsons.MAPPER.createObjectNode() : Jsons.tryParse(body);
            if (req == null || !req.isObject()) {
                fail(ex, 400, "SerializationException", "The request body is not a JSON object");
                return;
            }
            try {
                JsonNode out = switch (target.substring("AWSEvents.".length())) {
                    case "PutEvents" -> putEvents(req);
                    case "ListRules" -> listRules(req);
                    case "DescribeRule" -> describeRule(req);
                    case "ListTargetsByRule" -> listTargets(req);
                    case "ListEventBuses" -> listBuses();
                    case "DescribeEventBus" -> describeBus(req);
                    case "TestEventPattern" -> testEventPattern(req);
                    default -> throw new AwsError("UnknownOperationException", "Operation " + target + " is not supported locally");
                };
                ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
                LocalHttpServer.respond(ex, 200, JSON_11, Jsons.write(out));
            } catch (AwsError e) {
                fail(ex, 400, e.code, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("EventBridge {} failed", target, e);
                fail(ex, 500, "InternalException", String.valueOf(e.getMessage()));
            }
        }
    }

    private static void fail(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("__type", code);
        o.put("message", message);
        ex.getResponseHeaders().set("x-amzn-ErrorType", code);
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        LocalHttpServer.respond(ex, status, JSON_11, Jsons.write(o));
    }

    private static final class AwsError extends RuntimeException {
        final String code;

        AwsError(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private JsonNode putEvents(JsonNode req) {
        JsonNode entries = req.path("Entries");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            throw new AwsError("ValidationException", "1 validation error detected: Value at 'entries' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 10 and greater than or equal to 1");
        }
        List<Entry> list = new ArrayList<>();
        for (JsonNode e : entries) {
            List<String> resources = new ArrayList<>();
            e.path("Resources").forEach(r -> resources.add(r.asText()));
            list.add(new Entry(text(e, "EventBusName"), text(e, "Source"), text(e, "DetailType"), text(e, "Detail"), resources, time(e.get("Time"))));
        }
        List<EntryResult> results = putEvents(null, list);
        ObjectNode out = Jsons.MAPPER.createObjectNode();
        out.put("FailedEntryCount", results.stream().filter(r -> r.eventId() == null).count());
        ArrayNode a = out.putArray("Entries");
        for (EntryResult r : results) {
            ObjectNode o = a.addObject();
            if (r.eventId() != null) o.put("EventId", r.eventId());
            else o.put("ErrorCode", r.errorCode()).put("ErrorMessage", r.errorMessage());
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(JsonNode t) {
        if (t == null || t.isNull()) return null;
        if (t.isNumber()) return Instant.ofEpochMilli(Math.round(t.asDouble() * 1000));
        try {
            return Instant.parse(t.asText());
        } catch (RuntimeException e) {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(t.asText()) * 1000));
        }
    }

    private Bus bus(JsonNode req) {
        String name = busName(text(req, "EventBusName"));
        Bus bus = buses.get(name);
        if (bus == null) throw new AwsError("ResourceNotFoundException", "Event bus " + name + " does not exist.");
        return bus;
    }

    private Rule rule(JsonNode req, String field) {
        Bus bus = bus(req);
        String name = text(req, field);
        Rule rule = name == null ? null : bus.rules.get(name);
        if (rule == null) throw new AwsError("ResourceNotFoundException", "Rule " + name + " does not exist on EventBus " + bus.name + ".");
        return rule;
    }

    private JsonNode listRules(JsonNode req) {
        Bus bus = bus(req);
        String prefix = text(req, "NamePrefix");
        ObjectNode out = Jsons.MAPPER.createObjectNode();
        ArrayNode a = out.putArray("Rules");
        bus.rules.values().stream().filter(r -> prefix == null || r.name.startsWith(prefix)).sorted((x, y) -> x.name.compareTo(y.name))
                .forEach(r -> a.add(ruleJson(r)));
        return out;
    }

    private JsonNode describeRule(JsonNode req) {
        ObjectNode o = ruleJson(rule(req, "Name"));
        o.put("CreatedBy", LocalAws.ACCOUNT_ID);
        return o;
    }

    private static ObjectNode ruleJson(Rule r) {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("Name", r.name);
        o.put("Arn", r.arn());
        o.put("EventPattern", r.pattern);
        o.put("State", r.enabled ? "ENABLED" : "DISABLED");
        if (r.description != null) o.put("Description", r.description);
        o.put("EventBusName", r.busName);
        return o;
    }

    private JsonNode listTargets(JsonNode req) {
        Rule rule = rule(req, "Rule");
        ObjectNode out = Jsons.MAPPER.createObjectNode();
        ArrayNode a = out.putArray("Targets");
        for (Rule.Target t : rule.targets) {
            ObjectNode o = a.addObject();
            o.put("Id", t.info.id());
            o.put("Arn", t.info.arn());
            if (t.info.inputPath() != null) o.put("InputPath", t.info.inputPath());
            if (t.info.input() != null) o.put("Input", t.info.input());
            if (t.info.inputTemplate() != null) {
                ObjectNode it = o.putObject("InputTransformer");
                it.set("InputPathsMap", Jsons.MAPPER.valueToTree(t.info.inputPathsMap()));
                it.put("InputTemplate", t.info.inputTemplate());
            }
            if (t.info.messageGroupId() != null) o.putObject("SqsParameters").put("MessageGroupId", t.info.messageGroupId());
        }
        return out;
    }

    private JsonNode listBuses() {
        ObjectNode out = Jsons.MAPPER.createObjectNode();
        ArrayNode a = out.putArray("EventBuses");
        buses.keySet().stream().sorted().forEach(n -> a.addObject().put("Name", n).put("Arn", LocalAws.eventBusArn(n)));
        return out;
    }

    private JsonNode describeBus(JsonNode req) {
        String name = busName(text(req, "Name"));
        if (!buses.containsKey(name)) throw new AwsError("ResourceNotFoundException", "Event bus " + name + " does not exist.");
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("Name", name);
        o.put("Arn", LocalAws.eventBusArn(name));
        return o;
    }

    private JsonNode testEventPattern(JsonNode req) {
        String pattern = text(req, "EventPattern");
        String event = text(req, "Event");
        if (pattern == null || event == null) throw new AwsError("ValidationException", "EventPattern and Event are required");
        JsonNode parsed = Jsons.tryParse(event);
        if (parsed == null || !parsed.isObject()) throw new AwsError("InvalidArgument", "Event is not valid JSON");
        Machine m = new Machine();
        try {
            m.addRule("test", pattern);
        } catch (Exception e) {
            throw new AwsError("InvalidEventPatternException", "Event pattern is not valid. Reason: " + e.getMessage());
        }
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("Result", !m.rulesForJSONEvent(parsed).isEmpty());
        return o;
    }

    @Override
    public void close() {
        http.close();
        retries.shutdownNow();
        deliveries.shutdownNow();
        journal.close();
    }

    // ---- model ----

    /** A bus and its rules; the machine holds the enabled rules' patterns under the rule name. */
    static final class Bus {
        final String name;
        final Machine machine = new Machine();
        final Map<String, Rule> rules = new ConcurrentHashMap<>();

        Bus(String name) { this.name = name; }

        void add(Rule rule) {
            if (rules.putIfAbsent(rule.name, rule) != null) throw new IllegalArgumentException("Rule " + rule.name + " is declared twice on bus " + name);
            try {
                machine.addRule(rule.name, rule.pattern);
            } catch (Exception e) {
                throw new IllegalArgumentException("Rule " + rule.name + " has an invalid EventPattern: " + e.getMessage(), e);
            }
        }
    }

    static final class Rule {
        final String busName;
        final String name;
        final String pattern;
        final boolean enabled;
        final String description;
        final List<Target> targets;

        Rule(String busName, String name, String pattern, boolean enabled, String description, List<Target> targets) {
            this.busName = busName;
            this.name = name;
            this.pattern = pattern;
            this.enabled = enabled;
            this.description = description;
            this.targets = targets;
        }

        String arn() {
            String path = busName.equals("default") ? name : busName + "/" + name;
            return "arn:aws:events:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT_ID + ":rule/" + path;
        }

        RuleInfo info() {
            return new RuleInfo(busName, name, arn(), pattern, enabled, description, targets.stream().map(t -> t.info).toList());
        }

        record Target(TargetInfo info, InputTransformer transformer) {
            String input(ObjectNode envelope, String ruleName, String ruleArn, String ingestionTime) {
                if (info.input() != null) return info.input();
                if (info.inputPath() != null) return Jsons.write(JsonPaths.read(envelope, info.inputPath()));
                if (transformer != null) return transformer.apply(envelope, ruleName, ruleArn, ingestionTime);
                return Jsons.write(envelope);
            }
        }
    }

    private static final class DeliveryState {
        final Rule.Target target;
        volatile String input;
        volatile Status status = Status.PENDING;
        volatile int attempts;
        volatile String error;

        DeliveryState(Rule.Target target) { this.target = target; }

        void finish(Status s, int attempts, String error) {
            this.attempts = attempts;
            this.error = error;
            this.status = s;
        }

        Delivery snapshot() {
            TargetInfo i = target.info();
            return new Delivery(i.id(), i.arn(), i.kind(), status, attempts, input, error);
        }
    }

    private record MatchState(String ruleName, List<DeliveryState> deliveries) { }

    private record ArchiveEntry(String eventId, Instant receivedAt, String busName, String event, List<MatchState> matches) {
        ArchivedEvent snapshot() {
            return new ArchivedEvent(eventId, receivedAt, busName, event, matches.stream()
                    .map(m -> new RuleMatch(m.ruleName(), m.deliveries().stream().map(DeliveryState::snapshot).toList())).toList());
        }
    }
}
