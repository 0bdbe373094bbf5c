package dev.oms.local.aws;

import dev.oms.platform.template.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the template's event buses and rules for {@link EventBridgeService}. */
final class EventBridgeTemplate {
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeTemplate.class);
    private static final List<String> FUNCTION_TYPES = List.of("AWS::Serverless::Function", "AWS::Lambda::Function");
    private static final List<String> STATE_MACHINE_TYPES = List.of("AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine");

    private final SamTemplate template;
    private final Map<String, String> busNames = new LinkedHashMap<>();

    EventBridgeTemplate(SamTemplate template) { this.template = template; }

    @SuppressWarnings("unchecked")
    void load(Map<String, EventBridgeService.Bus> buses, Map<String, String> busRefs) {
        buses.put("default", new EventBridgeService.Bus("default"));
        template.resourcesOfType("AWS::Events::EventBus").forEach((id, props) -> {
            String name = TemplateRefs.name(template, props.get("Name"));
            if (name == null) name = id;
            busNames.put(id, name);
            busRefs.put(id, name);
            buses.put(name, new EventBridgeService.Bus(name));
        });
        template.resourcesOfType("AWS::Events::Rule").forEach((id, props) -> {
            if (props.get("EventPattern") == null) {
                LOG.warn("Rule {} has no EventPattern (scheduled rules are not run locally); skipped", id);
                return;
            }
            String name = TemplateRefs.name(template, props.get("Name"));
            List<EventBridgeService.Rule.Target> targets = new ArrayList<>();
            for (Object o : (List<Object>) props.getOrDefault("Targets", List.of())) {
                Map<String, Object> t = (Map<String, Object>) o;
                targets.add(target(String.valueOf(t.get("Id")), t.get("Arn"), t));
            }
            addRule(buses, props.get("EventBusName"), name == null ? id : name, props.get("EventPattern"),
                    !"DISABLED".equals(props.get("State")), (String) props.get("Description"), targets);
        });
        for (String kind : List.of("AWS::Serverless::Function", "AWS::Serverless::StateMachine")) {
            template.resourcesOfType(kind).forEach((id, props) -> {
                Map<String, Object> events = (Map<String, Object>) props.getOrDefault("Events", Map.of());
                events.forEach((eventName, e) -> {
                    Map<String, Object> ev = (Map<String, Object>) e;
                    if (!"EventBridgeRule".equals(ev.get("Type")) && !"CloudWatchEvent".equals(ev.get("Type"))) return;
                    Map<String, Object> p = (Map<String, Object>) ev.getOrDefault("Properties", Map.of());
                    if (p.get("Pattern") == null) return;
                    Map<String, Object> targetProps = new LinkedHashMap<>(p);
                    String targetId = p.get("Target") instanceof Map<?, ?> tm && tm.get("Id") != null ? String.valueOf(tm.get("Id")) : id + eventName + "Target";
                    boolean enabled = !"DISABLED".equals(p.get("State")) && !Boolean.FALSE.equals(p.get("Enabled"));
                    String ruleName = p.get("RuleName") != null ? TemplateRefs.name(template, p.get("RuleName")) : id + eventName;
                    addRule(buses, p.get("EventBusName"), ruleName, p.get("Pattern"), enabled, null,
                            List.of(target(targetId, Map.of("Fn::GetAtt", List.of(id, "Arn")), targetProps)));
                });
            });
        }
    }

    private void addRule(Map<String, EventBridgeService.Bus> buses, Object busRef, String name, Object pattern, boolean enabled,
                         String description, List<EventBridgeService.Rule.Target> targets) {
        String busName = busName(busRef);
        EventBridgeService.Bus bus = buses.get(busName);
        if (bus == null) throw new IllegalArgumentException("Rule " + name + " is on event bus " + busName + ", which the template does not declare");
        String json = pattern instanceof String s ? s : Jsons.write(pattern);
        bus.add(new EventBridgeService.Rule(busName, name, json, enabled, description, targets));
    }

    private String busName(Object ref) {
        if (ref == null) return "default";
        String id = TemplateRefs.logicalId(ref);
        if (id != null) {
            String name = busNames.get(id);
            if (name == null) throw new IllegalArgumentException("EventBusName points at " + id + ", which is not an AWS::Events::EventBus");
            return name;
        }
        String s = TemplateRefs.name(template, ref);
        return s.startsWith("arn:") ? LocalAws.arnResource(s) : s;
    }

    @SuppressWarnings("unchecked")
    private EventBridgeService.Rule.Target target(String id, Object arnRef, Map<String, Object> props) {
        String inputPath = (String) props.get("InputPath");
        Object inputValue = props.get("Input");
        String input = inputValue == null ? null : inputValue instanceof String s ? s : Jsons.write(inputValue);
        Map<String, String> paths = null;
        String inputTemplate = null;
        InputTransformer transformer = null;
        if (props.get("InputTransformer") instanceof Map<?, ?> it) {
            paths = new LinkedHashMap<>();
            Object map = it.get("InputPathsMap");
            if (map instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> en : m.entrySet()) paths.put(String.valueOf(en.getKey()), String.valueOf(en.getValue()));
            }
            Object tpl = it.get("InputTemplate");
            inputTemplate = tpl instanceof String s ? s : Jsons.write(tpl);
            transformer = new InputTransformer(paths, inputTemplate);
        }
        String groupId = null;
        if (props.get("SqsParameters") instanceof Map<?, ?> sqs && sqs.get("MessageGroupId") != null) groupId = String.valueOf(sqs.get("MessageGroupId"));
        int retries = -1, maxAge = -1;
        if (props.get("RetryPolicy") instanceof Map<?, ?> rp) {
            retries = TemplateRefs.integer(rp.get("MaximumRetryAttempts"), 185);
            maxAge = TemplateRefs.integer(rp.get("MaximumEventAgeInSeconds"), 86_400);
        }
        Resolved r = resolve(arnRef);
        return new EventBridgeService.Rule.Target(new EventBridgeService.TargetInfo(id, r.arn, r.kind, r.logicalId, inputPath, input,
                paths, inputTemplate, groupId, retries, maxAge), transformer);
    }

    private record Resolved(EventBridgeService.TargetKind kind, String logicalId, String arn) { }

    private Resolved resolve(Object arnRef) {
        String id = TemplateRefs.logicalId(arnRef);
        if (id != null) {
            String type = TemplateRefs.resourceType(template, id);
            if (type == null) return new Resolved(EventBridgeService.TargetKind.UNRESOLVED, id, String.valueOf(arnRef));
            if (type.equals("AWS::SQS::Queue")) return new Resolved(EventBridgeService.TargetKind.QUEUE, id, LocalAws.queueArn(TemplateRefs.queueName(template, id)));
            if (FUNCTION_TYPES.contains(type)) return new Resolved(EventBridgeService.TargetKind.FUNCTION, id, LocalAws.functionArn(TemplateRefs.functionName(template, id)));
            if (STATE_MACHINE_TYPES.contains(type)) return new Resolved(EventBridgeService.TargetKind.STATE_MACHINE, id, LocalAws.stateMachineArn(TemplateRefs.functionName(template, id)));
            if (type.equals("AWS::SNS::Topic")) return new Resolved(EventBridgeService.TargetKind.TOPIC, id, LocalAws.topicArn(TemplateRefs.topicName(template, id)));
            if (type.equals("AWS::Events::EventBus")) return new Resolved(EventBridgeService.TargetKind.EVENT_BUS, busNames.get(id), LocalAws.eventBusArn(busNames.get(id)));
            return new Resolved(EventBridgeService.TargetKind.UNRESOLVED, id, type + " " + id);
        }
        String arn;
        try {
            arn = TemplateRefs.name(template, arnRef);
        } catch (IllegalArgumentException e) {
            return new Resolved(EventBridgeService.TargetKind.UNRESOLVED, null, String.valueOf(arnRef));
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) return new Resolved(EventBridgeService.TargetKind.UNRESOLVED, null, arn);
        String resource = LocalAws.arnResource(arn);
        String found;
        switch (parts[2]) {
            case "sqs" -> {
                found = TemplateRefs.logicalIdByName(template, resource, TemplateRefs::queueName, "AWS::SQS::Queue");
                if (found != null) return new Resolved(EventBridgeService.TargetKind.QUEUE, found, arn);
            }
            case "lambda" -> {
                String fn = parts[5].startsWith("function:") ? parts[5].substring("function:".length()).split(":")[0] : resource;
                found = TemplateRefs.logicalIdByName(template, fn, TemplateRefs::functionName, FUNCTION_TYPES.toArray(String[]::new));
                if (found != null) return new Resolved(EventBridgeService.TargetKind.FUNCTION, found, arn);
            }
            case "states" -> {
                found = TemplateRefs.logicalIdByName(template, resource, TemplateRefs::functionName, STATE_MACHINE_TYPES.toArray(String[]::new));
                if (found != null) return new Resolved(EventBridgeService.TargetKind.STATE_MACHINE, found, arn);
            }
            case "sns" -> {
                found = TemplateRefs.logicalIdByName(template, resource, TemplateRefs::topicName, "AWS::SNS::Topic");
                if (found != null) return new Resolved(EventBridgeService.TargetKind.TOPIC, found, arn);
            }
            case "events" -> {
                return new Resolved(EventBridgeService.TargetKind.EVENT_BUS, resource, arn);
            }
            default -> { }
        }
        return new Resolved(EventBridgeService.TargetKind.UNRESOLVED, null, arn);
    }
}
