package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge Scheduler, locally: the template's {@code AWS::Scheduler::Schedule} resources and the SAM function events
 * {@code ScheduleV2} (Scheduler) and {@code Schedule} (a scheduled EventBridge rule), with {@code at(...)},
 * {@code rate(...)} and {@code cron(...)} expressions in UTC ({@link ScheduleExpression}). Targets: functions, state
 * machines and queues of the template, through the {@link TargetDispatcher}. A Scheduler target gets its
 * {@code Input} (default {@code {}}); a scheduled rule's target gets the {@code Scheduled Event} envelope (or its
 * {@code Input}).
 *
 * <p>When each schedule last fired is kept in a state file (when given), so a one-time {@code at()} schedule fires once
 * across restarts, a {@code rate()} schedule keeps its rhythm, and a firing missed while the runtime was down happens
 * once at the next start. {@link #runNow(String)} fires one at once (the local runtime's {@code /local/schedules}).
 * Not implemented: time zones other than UTC, flexible time windows (fired at the exact time), start and end dates,
 * target retry policies and dead-letter queues (a failed firing is logged).
 */
public final class SchedulerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);

    public enum Kind { SCHEDULER, RULE }

    /** One schedule of the template and where it stands. */
    public record Schedule(String name, Kind kind, String expression, String targetKind, String targetId, String input, boolean enabled,
                           Instant lastFired, Instant nextFire, long firings, String lastError) { }

    private final TargetDispatcher dispatcher;
    private final Path stateFile;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(LocalHttpServer.daemonThreads("scheduler"));
    private final java.util.concurrent.ExecutorService runs = Executors.newFixedThreadPool(2, LocalHttpServer.daemonThreads("scheduler-run"));
    private final Instant started = Instant.now();

    private static final class Entry {
        final String name;
        final Kind kind;
        final ScheduleExpression expression;
        final EventBridgeService.TargetKind targetKind;
        final String targetId;
        final String input;
        final boolean enabled;
        Instant lastFired;
        Instant nextFire;
        long firings;
        String lastError;
        ScheduledFuture<?> future;

        Entry(String name, Kind kind, ScheduleExpression expression, EventBridgeService.TargetKind targetKind, String targetId, String input,
              boolean enabled) {
            this.name = name;
            this.kind = kind;
            this.expression = expression;
            this.targetKind = targetKind;
            this.targetId = targetId;
            this.input = input;
            this.enabled = enabled;
        }

        synchronized Schedule snapshot() {
            return new Schedule(name, kind, expression.toString(), targetKind.name().toLowerCase(java.util.Locale.ROOT), targetId, input,
                    enabled, lastFired, nextFire, firings, lastError);
        }
    }

    private SchedulerService(TargetDispatcher dispatcher, Path stateFile) {
        this.dispatcher = dispatcher;
        this.stateFile = stateFile;
    }

    /** Reads the template's schedules and starts their timers; {@code stateFile} null keeps the state in memory. */
    public static SchedulerService start(SamTemplate template, TargetDispatcher dispatcher, Path stateFile) {
        SchedulerService s = new SchedulerService(dispatcher, stateFile);
        s.load(template);
        s.restore();
        s.entries.values().forEach(s::plan);
        return s;
    }

    public List<Schedule> schedules() { return entries.values().stream().map(Entry::snapshot).toList(); }

    /** Fires a schedule now (whatever its expression says); false when there is no such schedule. */
    public boolean runNow(String name) {
        Entry e = entries.get(name);
        if (e == null) return false;
        runs.execute(() -> fire(e));
        return true;
    }

    @SuppressWarnings("unchecked")
    private void load(SamTemplate template) {
        template.resourcesOfType("AWS::Scheduler::Schedule").forEach((id, props) -> {
            Map<String, Object> target = (Map<String, Object>) props.getOrDefault("Target", Map.of());
            String name = props.get("Name") instanceof String n ? n : id;
            Object input = target.get("Input");
            add(name, Kind.SCHEDULER, String.valueOf(props.get("ScheduleExpression")), template, target.get("Arn"),
                    input == null ? "{}" : input instanceof String s ? s : Jsons.write(input), !"DISABLED".equals(props.get("State")));
        });
        for (String type : List.of("ScheduleV2", "Schedule")) {
            for (TemplateRefs.FunctionEvent fe : TemplateRefs.functionEvents(template, type)) {
                Map<String, Object> p = fe.properties();
                Object expr = type.equals("ScheduleV2") ? p.get("ScheduleExpression") : p.get("Schedule");
                Object input = p.get("Input");
                boolean enabled = !"DISABLED".equals(p.get("State")) && !Boolean.FALSE.equals(p.get("Enabled"));
                add(fe.id(), type.equals("ScheduleV2") ? Kind.SCHEDULER : Kind.RULE, String.valueOf(expr), template,
                        Map.of("Fn::GetAtt", List.of(fe.functionId(), "Arn")),
                        input == null ? null : input instanceof String s ? s : Jsons.write(input), enabled);
            }
        }
    }

    private void add(String name, Kind kind, String expression, SamTemplate template, Object arnRef, String input, boolean enabled) {
        ScheduleExpression parsed;
        try {
            parsed = ScheduleExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Schedule " + name + ": " + e.getMessage(), e);
        }
        String id = TemplateRefs.logicalId(arnRef);
        String type = id == null ? null : TemplateRefs.resourceType(template, id);
        EventBridgeService.TargetKind targetKind;
        if (type == null) targetKind = EventBridgeService.TargetKind.UNRESOLVED;
        else if (type.endsWith("::Function")) targetKind = EventBridgeService.TargetKind.FUNCTION;
        else if (type.endsWith("::StateMachine")) targetKind = EventBridgeService.TargetKind.STATE_MACHINE;
        else if (type.equals("AWS::SQS::Queue")) targetKind = EventBridgeService.TargetKind.QUEUE;
        else targetKind = EventBridgeService.TargetKind.UNRESOLVED;
        if (targetKind == EventBridgeService.TargetKind.UNRESOLVED) LOG.warn("Schedule {} targets {}, which is not run locally", name, arnRef);
        entries.put(name, new Entry(name, kind, parsed, targetKind, id, input, enabled));
    }

    /** Schedules the next firing; a firing missed while the runtime was down happens at once (once). */
    private void plan(Entry e) {
        if (!e.enabled || timer.isShutdown()) return;
        Instant next;
        synchronized (e) {
            Instant from = e.lastFired != null ? e.lastFired : started;
            next = e.expression.once() ? (e.lastFired != null ? null : e.expression.next(Instant.EPOCH, Instant.EPOCH))
                    : e.expression.next(from, from);
            e.nextFire = next;
        }
        if (next == null) return;
        long delay = Math.max(0, next.toEpochMilli() - System.currentTimeMillis());
        try {
            e.future = timer.schedule(() -> runs.execute(() -> {
                fire(e);
                plan(e);
            }), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // stopping
        }
    }

    private void fire(Entry e) {
        Instant at = Instant.now();
        String error = null;
        try {
            String payload = e.kind == Kind.RULE && e.input == null ? scheduledEvent(e, at) : (e.input == null ? "{}" : e.input);
            switch (e.targetKind) {
                case FUNCTION -> {
                    JsonNode parsed = Jsons.tryParse(payload);
                    dispatcher.invokeFunction(e.targetId, parsed == null ? payload : Jsons.MAPPER.convertValue(parsed, Object.class));
                }
                case STATE_MACHINE -> dispatcher.startExecution(e.targetId, payload);
                case QUEUE -> dispatcher.sendToQueue(e.targetId, payload, null);
                default -> throw new IllegalStateException("the target is not a function, state machine or queue of the template");
            }
        } catch (Exception ex) {
            error = ex.toString();
            LOG.warn("Schedule {} failed: {}", e.name, error);
        }
        synchronized (e) {
            e.lastFired = at;
            e.firings++;
            e.lastError = error;
        }
        save();
    }

    private static String scheduledEvent(Entry e, Instant at) {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("version", "0");
        o.put("id", UUID.randomUUID().toString());
        o.put("detail-type", "Scheduled Event");
        o.put("source", "aws.events");
        o.put("account", LocalAws.ACCOUNT_ID);
        o.put("time", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        o.put("region", LocalAws.REGION);
        o.putArray("resources").add("arn:aws:events:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT_ID + ":rule/" + e.name);
        o.putObject("detail");
        return Jsons.write(o);
    }

    private void restore() {
        if (stateFile == null || !Files.exists(stateFile)) return;
        try {
            JsonNode n = Jsons.MAPPER.readTree(stateFile.toFile());
            n.fields().forEachRemaining(f -> {
                Entry e = entries.get(f.getKey());
                if (e == null) return;
                if (f.getValue().hasNonNull("last_fired")) e.lastFired = Instant.parse(f.getValue().get("last_fired").asText());
                e.firings = f.getValue().path("firings").asLong();
            });
        } catch (IOException | RuntimeException ex) {
            LOG.warn("Cannot read the scheduler state {}; starting afresh", stateFile, ex);
        }
    }

    private synchronized void save() {
        if (stateFile == null) return;
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        for (Entry e : entries.values()) {
            synchronized (e) {
                ObjectNode s = o.putObject(e.name);
                if (e.lastFired != null) s.put("last_fired", e.lastFired.toString());
                s.put("firings", e.firings);
            }
        }
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.writeString(tmp, Jsons.write(o));
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            LOG.warn("Cannot write the scheduler state {}", stateFile, ex);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        runs.shutdownNow();
    }

    /** For tests: the schedules' names. */
    List<String> names() { return new ArrayList<>(entries.keySet()); }
}
