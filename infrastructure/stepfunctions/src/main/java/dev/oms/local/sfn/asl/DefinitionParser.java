package dev.oms.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.intrinsics.IntrinsicParser;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.paths.JsonPaths;
import dev.oms.local.sfn.paths.PayloadTemplate;
import dev.oms.local.sfn.paths.ReferencePath;
import dev.oms.local.sfn.paths.Timestamps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads ASL JSON into a {@link StateMachineDefinition}, collecting every problem rather than stopping at the first:
 * unknown fields and state types, missing or dangling {@code Next}/{@code Default}/{@code StartAt}, unreachable
 * states, Next and End together, bad paths, payload templates and intrinsic functions, Retry/Catch rules
 * ({@code States.ALL} alone and last), and features this local emulator does not support (JSONata, variables,
 * Distributed Map readers and writers), each named.
 */
final class DefinitionParser {
    private static final int MAX_STATE_NAME_LENGTH = 80;
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> NEXT_OR_END = Set.of("Next", "End");
    private static final Set<String> IO = Set.of("InputPath", "OutputPath");
    private static final Set<String> RESULT = Set.of("Parameters", "ResultSelector", "ResultPath");
    private static final Set<String> ERRORS = Set.of("Retry", "Catch");
    private static final Set<String> UNSUPPORTED = Set.of("Assign", "Arguments", "Output", "Items", "ItemReader",
            "ItemBatcher", "ResultWriter", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
            "ToleratedFailureCount", "ToleratedFailureCountPath");

    private final List<String> problems = new ArrayList<>();

    StateMachineDefinition parse(String json) throws InvalidDefinitionException {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(List.of("the definition is not valid JSON: " + e.getMessage()));
        }
        StateMachineDefinition definition = graph(root, "", true, false);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return definition;
    }

    private StateMachineDefinition graph(JsonNode node, String where, boolean topLevel, boolean itemProcessor) {
        if (!node.isObject()) {
            problem(where, "must be an object");
            return new StateMachineDefinition(null, null, null, Map.of());
        }
        Set<String> allowed = new HashSet<>(Set.of("States", "StartAt", "Comment", "QueryLanguage"));
        if (topLevel) {
            allowed.addAll(Set.of("TimeoutSeconds", "Version"));
        }
        if (itemProcessor) {
            allowed.add("ProcessorConfig");
        }
        checkFields(node, where, allowed);
        checkQueryLanguage(node, where);
        String startAt = requiredText(node, "StartAt", where);
        Integer timeoutSeconds = topLevel ? positiveInt(node, "TimeoutSeconds", where) : null;
        JsonNode statesNode = node.get("States");
        Map<String, State> states = new LinkedHashMap<>();
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            problem(where, "'States' must be a non-empty object");
        } else {
            Iterator<Map.Entry<String, JsonNode>> fields = statesNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
                    problem(where + "/States", "state names are 1 to " + MAX_STATE_NAME_LENGTH + " characters: " + name);
                }
                State state = state(name, field.getValue(), where + "/States/" + name);
                if (state != null) {
                    states.put(name, state);
                }
            }
        }
        if (startAt != null && statesNode != null && statesNode.isObject() && !statesNode.has(startAt)) {
            problem(where, "StartAt '" + startAt + "' is not a state");
        }
        if (statesNode != null && statesNode.isObject()) {
            checkTransitions(statesNode, states, where);
            if (startAt != null && states.containsKey(startAt)) {
                checkReachable(startAt, states, where);
            }
        }
        return new StateMachineDefinition(text(node, "Comment", where), startAt, timeoutSeconds, states);
    }

    private State state(String name, JsonNode node, String where) {
        if (!node.isObject()) {
            problem(where, "a state must be an object");
            return null;
        }
        String typeName = requiredText(node, "Type", where);
        if (typeName == null) {
            return null;
        }
        StateType type;
        try {
            type = StateType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            problem(where, "unknown state type '" + typeName + "'");
            return null;
        }
        checkQueryLanguage(node, where);
        String comment = text(node, "Comment", where);
        return switch (type) {
            case Task -> task(name, node, where, comment);
            case Pass -> pass(name, node, where, comment);
            case Wait -> waitState(name, node, where, comment);
            case Choice -> choice(name, node, where, comment);
            case Parallel -> parallel(name, node, where, comment);
            case Map -> map(name, node, where, comment);
            case Succeed -> {
                checkFields(node, where, union(COMMON, IO));
                yield new SucceedState(name, comment, io(node, where, false, false, false));
            }
            case Fail -> fail(name, node, where, comment);
        };
    }

    private TaskState task(String name, JsonNode node, String where, String comment) {
        checkFields(node, where, union(COMMON, NEXT_OR_END, IO, RESULT, ERRORS, Set.of("Resource", "TimeoutSeconds",
                "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials")));
        String resource = requiredText(node, "Resource", where);
        if (resource != null && !resource.startsWith("arn:")) {
            problem(where, "Resource must be an ARN: " + resource);
        }
        Integer timeout = positiveInt(node, "TimeoutSeconds", where);
        String timeoutPath = path(node, "TimeoutSecondsPath", where);
        Integer heartbeat = positiveInt(node, "HeartbeatSeconds", where);
        String heartbeatPath = path(node, "HeartbeatSecondsPath", where);
        if (timeout != null && timeoutPath != null) {
            problem(where, "TimeoutSeconds and TimeoutSecondsPath are mutually exclusive");
        }
        if (heartbeat != null && heartbeatPath != null) {
            problem(where, "HeartbeatSeconds and HeartbeatSecondsPath are mutually exclusive");
        }
        if (timeout != null && heartbeat != null && heartbeat >= timeout) {
            problem(where, "HeartbeatSeconds must be smaller than TimeoutSeconds");
        }
        return new TaskState(name, comment, next(node, where), io(node, where, true, true, true),
                retriers(node, where), catchers(node, where), resource == null ? "" : resource, timeout, timeoutPath,
                heartbeat, heartbeatPath);
    }

    private PassState pass(String name, JsonNode node, String where, String comment) {
        checkFields(node, where, union(COMMON, NEXT_OR_END, IO, Set.of("Parameters", "ResultPath", "Result")));
        return new PassState(name, comment, next(node, where), io(node, where, true, false, true), node.get("Result"));
    }

    private WaitState waitState(String name, JsonNode node, String where, String comment) {
        checkFields(node, where, union(COMMON, NEXT_OR_END, IO,
                Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")));
        int given = 0;
        for (String field : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
            given += node.has(field) ? 1 : 0;
        }
        if (given != 1) {
            problem(where, "a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        Long seconds = null;
        if (node.has("Seconds")) {
            JsonNode value = node.get("Seconds");
            if (!Json.isIntegral(value) || value.decimalValue().signum() < 0) {
                problem(where, "Seconds must be a non-negative integer");
            } else {
                seconds = value.decimalValue().longValue();
            }
        }
        String timestamp = text(node, "Timestamp", where);
        if (timestamp != null && !Timestamps.isTimestamp(timestamp)) {
            problem(where, "Timestamp must be an RFC 3339 timestamp such as 2024-01-01T00:00:00Z: " + timestamp);
        }
        return new WaitState(name, comment, next(node, where), io(node, where, false, false, false), seconds,
                path(node, "SecondsPath", where), timestamp, path(node, "TimestampPath", where));
    }

    private ChoiceState choice(String name, JsonNode node, String where, String comment) {
        checkFields(node, where, union(COMMON, IO, Set.of("Choices", "Default")));
        JsonNode choicesNode = node.get("Choices");
        List<ChoiceState.Branch> branches = new ArrayList<>();
        if (choicesNode == null || !choicesNode.isArray() || choicesNode.isEmpty()) {
            problem(where, "Choices must be a non-empty array");
        } else {
            for (int i = 0; i < choicesNode.size(); i++) {
                String here = where + "/Choices[" + i + "]";
                JsonNode ruleNode = choicesNode.get(i);
                String next = ruleNode.isObject() ? requiredText(ruleNode, "Next", here) : null;
                ChoiceRule rule = choiceRule(ruleNode, here, true);
                if (rule != null) {
                    branches.add(new ChoiceState.Branch(rule, next));
                }
            }
        }
        return new ChoiceState(name, comment, io(node, where, false, false, false), branches,
                text(node, "Default", where));
    }

    private ChoiceRule choiceRule(JsonNode node, String where, boolean topLevel) {
        if (!node.isObject()) {
            problem(where, "a choice rule must be an object");
            return null;
        }
        Set<String> allowed = new HashSet<>(Set.of("Comment", "Variable", "And", "Or", "Not"));
        if (topLevel) {
            allowed.add("Next");
        } else if (node.has("Next")) {
            problem(where, "only top-level choice rules have Next");
        }
        List<String> operators = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (ComparisonOperator.named(field).isPresent() || Set.of("And", "Or", "Not").contains(field)) {
                operators.add(field);
            } else if (!allowed.contains(field)) {
                problem(where, "unknown field '" + field + "' in a choice rule");
            }
        }
        if (operators.size() != 1) {
            problem(where, "a choice rule needs exactly one operator (And, Or, Not or a comparison), found " + operators);
            return null;
        }
        String operatorName = operators.get(0);
        JsonNode value = node.get(operatorName);
        switch (operatorName) {
            case "And", "Or" -> {
                if (node.has("Variable")) {
                    problem(where, operatorName + " takes no Variable");
                }
                if (!value.isArray() || value.isEmpty()) {
                    problem(where, operatorName + " must be a non-empty array of rules");
                    return null;
                }
                List<ChoiceRule> rules = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    ChoiceRule rule = choiceRule(value.get(i), where + "/" + operatorName + "[" + i + "]", false);
                    if (rule != null) {
                        rules.add(rule);
                    }
                }
                return operatorName.equals("And") ? new ChoiceRule.And(List.copyOf(rules))
                        : new ChoiceRule.Or(List.copyOf(rules));
            }
            case "Not" -> {
                if (node.has("Variable")) {
                    problem(where, "Not takes no Variable");
                }
                ChoiceRule rule = choiceRule(value, where + "/Not", false);
                return rule == null ? null : new ChoiceRule.Not(rule);
            }
            default -> {
                return comparison(node, where, ComparisonOperator.named(operatorName).orElseThrow(), value);
            }
        }
    }

    private ChoiceRule comparison(JsonNode node, String where, ComparisonOperator operator, JsonNode value) {
        String variable = path(node, "Variable", where);
        if (variable == null) {
            problem(where, "a comparison needs a Variable");
            return null;
        }
        boolean valid = switch (operator.kind()) {
            case STRING -> value.isTextual() && (!operator.comparesWithPath() || JsonPaths.isValid(value.textValue()));
            case NUMERIC -> operator.comparesWithPath() ? value.isTextual() && JsonPaths.isValid(value.textValue())
                    : value.isNumber();
            case BOOLEAN -> operator.comparesWithPath() ? value.isTextual() && JsonPaths.isValid(value.textValue())
                    : value.isBoolean();
            case TIMESTAMP -> value.isTextual() && (operator.comparesWithPath()
                    ? JsonPaths.isValid(value.textValue()) : Timestamps.isTimestamp(value.textValue()));
            case TYPE_TEST -> value.isBoolean();
        };
        if (!valid) {
            problem(where, operator + " has an invalid value " + value);
            return null;
        }
        java.util.regex.Pattern pattern = null;
        if (operator == ComparisonOperator.StringMatches) {
            try {
                pattern = ChoiceRule.wildcardPattern(value.textValue());
            } catch (IllegalArgumentException e) {
                problem(where, e.getMessage());
                return null;
            }
        }
        return new ChoiceRule.Comparison(variable, operator, value, pattern);
    }

    private ParallelState parallel(String name, JsonNode node, String where, String comment) {
        checkFields(node, where, union(COMMON, NEXT_OR_END, IO, RESULT, ERRORS, Set.of("Branches")));
        JsonNode branchesNode = node.get("Branches");
        List<StateMachineDefinition> branches = new ArrayList<>();
        if (branchesNode == null || !branchesNode.isArray() || branchesNode.isEmpty()) {
            problem(where, "Branches must be a non-empty array");
        } else {
            for (int i = 0; i < branchesNode.size(); i++) {
                branches.add(graph(branchesNode.get(i), where + "/Branches[" + i + "]", false, false));
            }
        }
        return new ParallelState(name, comment, next(node, where), io(node, where, true, true, true),
                retriers(node, where), catchers(node, where), branches);
    }

    private MapState map(String name, JsonNode node, String where, String comment) {
        checkFields(node, where, union(COMMON, NEXT_OR_END, IO, RESULT, ERRORS, Set.of("ItemsPath", "ItemSelector",
                "ItemProcessor", "Iterator", "MaxConcurrency", "MaxConcurrencyPath", "Label")));
        JsonNode processorNode = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        StateMachineDefinition processor = null;
        if (node.has("ItemProcessor") && node.has("Iterator")) {
            problem(where, "ItemProcessor and Iterator are mutually exclusive");
        }
        if (processorNode == null) {
            problem(where, "a Map state needs an ItemProcessor (or the legacy Iterator)");
        } else {
            String here = where + (node.has("ItemProcessor") ? "/ItemProcessor" : "/Iterator");
            processor = graph(processorNode, here, false, node.has("ItemProcessor"));
            JsonNode config = processorNode.path("ProcessorConfig");
            if (config.isObject()) {
                checkFields(config, here + "/ProcessorConfig", Set.of("Mode", "ExecutionType"));
                String mode = config.path("Mode").asText("INLINE");
                if (!mode.equals("INLINE") && !mode.equals("DISTRIBUTED")) {
                    problem(here + "/ProcessorConfig", "Mode is INLINE or DISTRIBUTED, not " + mode);
                }
            }
        }
        if (node.has("ItemSelector") && node.has("Parameters")) {
            problem(where, "ItemSelector and Parameters (its legacy name) are mutually exclusive");
        }
        PayloadTemplate itemSelector = node.has("ItemSelector") ? template(node, "ItemSelector", where)
                : template(node, "Parameters", where);
        int maxConcurrency = 0;
        if (node.has("MaxConcurrency")) {
            JsonNode value = node.get("MaxConcurrency");
            if (!Json.isIntegral(value) || value.decimalValue().signum() < 0) {
                problem(where, "MaxConcurrency must be a non-negative integer");
            } else {
                maxConcurrency = value.decimalValue().intValue();
            }
        }
        String maxConcurrencyPath = path(node, "MaxConcurrencyPath", where);
        if (node.has("MaxConcurrency") && maxConcurrencyPath != null) {
            problem(where, "MaxConcurrency and MaxConcurrencyPath are mutually exclusive");
        }
        String itemsPath = node.has("ItemsPath") ? path(node, "ItemsPath", where) : "$";
        // Parameters of a Map state is the legacy ItemSelector, so it is not applied to the state input.
        State.Io io = io(node, where, false, true, true);
        return new MapState(name, comment, next(node, where), io, retriers(node, where), catchers(node, where),
                processor, itemsPath == null ? "$" : itemsPath, itemSelector, maxConcurrency, maxConcurrencyPath);
    }

    private FailState fail(String name, JsonNode node, String where, String comment) {
        checkFields(node, where, union(COMMON, Set.of("Error", "ErrorPath", "Cause", "CausePath")));
        if (node.has("Error") && node.has("ErrorPath")) {
            problem(where, "Error and ErrorPath are mutually exclusive");
        }
        if (node.has("Cause") && node.has("CausePath")) {
            problem(where, "Cause and CausePath are mutually exclusive");
        }
        return new FailState(name, comment, text(node, "Error", where), pathOrIntrinsic(node, "ErrorPath", where),
                text(node, "Cause", where), pathOrIntrinsic(node, "CausePath", where));
    }

    // ----- shared fields -----

    private String next(JsonNode node, String where) {
        boolean hasNext = node.has("Next");
        boolean end = node.path("End").asBoolean(false);
        if (node.has("End") && !node.get("End").isBoolean()) {
            problem(where, "End must be a boolean");
        }
        if (hasNext && end) {
            problem(where, "a state has either Next or \"End\": true, not both");
        }
        if (!hasNext && !end) {
            problem(where, "a state needs Next or \"End\": true");
        }
        return hasNext ? text(node, "Next", where) : null;
    }

    private State.Io io(JsonNode node, String where, boolean parameters, boolean resultSelector, boolean resultPath) {
        String inputPath = nullablePath(node, "InputPath", where);
        String outputPath = nullablePath(node, "OutputPath", where);
        PayloadTemplate params = parameters ? template(node, "Parameters", where) : null;
        PayloadTemplate selector = resultSelector ? template(node, "ResultSelector", where) : null;
        ReferencePath result = resultPath ? resultPath(node, "ResultPath", where) : ReferencePath.parse("$");
        return new State.Io(inputPath, outputPath, params, selector, result);
    }

    /** An absent path is "$"; an explicit JSON null stays null (an empty object / a discarded result). */
    private String nullablePath(JsonNode node, String field, String where) {
        if (!node.has(field)) {
            return "$";
        }
        if (node.get(field).isNull()) {
            return null;
        }
        String path = path(node, field, where);
        return path == null ? "$" : path;
    }

    private ReferencePath resultPath(JsonNode node, String field, String where) {
        if (!node.has(field)) {
            return ReferencePath.parse("$");
        }
        JsonNode value = node.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !ReferencePath.isValid(value.textValue())) {
            problem(where, field + " must be a reference path such as $.result (no wildcards or filters): " + value);
            return ReferencePath.parse("$");
        }
        return ReferencePath.parse(value.textValue());
    }

    private PayloadTemplate template(JsonNode node, String field, String where) {
        if (!node.has(field)) {
            return null;
        }
        try {
            return PayloadTemplate.compile(node.get(field));
        } catch (IllegalArgumentException e) {
            problem(where + "/" + field, e.getMessage());
            return null;
        }
    }

    private String path(JsonNode node, String field, String where) {
        if (!node.has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isTextual() || !JsonPaths.isValid(value.textValue())) {
            problem(where, field + " must be a JSONPath starting with '$': " + value);
            return null;
        }
        return value.textValue();
    }

    private String pathOrIntrinsic(JsonNode node, String field, String where) {
        if (!node.has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value.isTextual() && IntrinsicParser.looksLikeIntrinsic(value.textValue())) {
            try {
                IntrinsicParser.parse(value.textValue());
                return value.textValue();
            } catch (IllegalArgumentException e) {
                problem(where, e.getMessage());
                return null;
            }
        }
        return path(node, field, where);
    }

    private List<Retrier> retriers(JsonNode node, String where) {
        List<Retrier> retriers = new ArrayList<>();
        JsonNode retry = node.get("Retry");
        if (retry == null) {
            return retriers;
        }
        if (!retry.isArray()) {
            problem(where, "Retry must be an array");
            return retriers;
        }
        for (int i = 0; i < retry.size(); i++) {
            String here = where + "/Retry[" + i + "]";
            JsonNode r = retry.get(i);
            checkFields(r, here, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                    "MaxDelaySeconds", "JitterStrategy", "Comment"));
            List<String> errors = errorEquals(r, here, i == retry.size() - 1);
            Integer interval = positiveInt(r, "IntervalSeconds", here);
            int maxAttempts = Retrier.DEFAULT_MAX_ATTEMPTS;
            if (r.has("MaxAttempts")) {
                JsonNode value = r.get("MaxAttempts");
                if (!Json.isIntegral(value) || value.decimalValue().signum() < 0) {
                    problem(here, "MaxAttempts must be a non-negative integer");
                } else {
                    maxAttempts = value.decimalValue().intValue();
                }
            }
            double backoff = Retrier.DEFAULT_BACKOFF_RATE;
            if (r.has("BackoffRate")) {
                JsonNode value = r.get("BackoffRate");
                if (!value.isNumber() || value.doubleValue() < 1.0) {
                    problem(here, "BackoffRate must be a number >= 1.0");
                } else {
                    backoff = value.doubleValue();
                }
            }
            Integer maxDelay = positiveInt(r, "MaxDelaySeconds", here);
            String jitter = text(r, "JitterStrategy", here);
            if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
                problem(here, "JitterStrategy is FULL or NONE, not " + jitter);
            }
            retriers.add(new Retrier(errors, interval == null ? Retrier.DEFAULT_INTERVAL_SECONDS : interval,
                    maxAttempts, backoff, maxDelay, jitter == null ? "NONE" : jitter));
        }
        return retriers;
    }

    private List<Catcher> catchers(JsonNode node, String where) {
        List<Catcher> catchers = new ArrayList<>();
        JsonNode catchNode = node.get("Catch");
        if (catchNode == null) {
            return catchers;
        }
        if (!catchNode.isArray()) {
            problem(where, "Catch must be an array");
            return catchers;
        }
        for (int i = 0; i < catchNode.size(); i++) {
            String here = where + "/Catch[" + i + "]";
            JsonNode c = catchNode.get(i);
            checkFields(c, here, Set.of("ErrorEquals", "Next", "ResultPath", "Comment"));
            List<String> errors = errorEquals(c, here, i == catchNode.size() - 1);
            String next = requiredText(c, "Next", here);
            catchers.add(new Catcher(errors, next, resultPath(c, "ResultPath", here)));
        }
        return catchers;
    }

    private List<String> errorEquals(JsonNode rule, String where, boolean lastRule) {
        List<String> errors = new ArrayList<>();
        JsonNode node = rule.get("ErrorEquals");
        if (node == null || !node.isArray() || node.isEmpty()) {
            problem(where, "ErrorEquals must be a non-empty array of error names");
            return errors;
        }
        node.forEach(error -> {
            if (error.isTextual()) {
                errors.add(error.textValue());
            } else {
                problem(where, "ErrorEquals holds strings, not " + error);
            }
        });
        if (errors.contains(ErrorNames.ALL)) {
            if (errors.size() > 1) {
                problem(where, "States.ALL must appear alone in its ErrorEquals");
            }
            if (!lastRule) {
                problem(where, "a rule with States.ALL must be the last one");
            }
        }
        return errors;
    }

    // ----- graph checks -----

    private void checkTransitions(JsonNode statesNode, Map<String, State> states, String where) {
        for (State state : states.values()) {
            String here = where + "/States/" + state.name();
            for (String target : targets(state)) {
                if (target != null && !statesNode.has(target)) {
                    problem(here, "transition to '" + target + "', which is not a state of this "
                            + (where.isEmpty() ? "state machine" : "branch"));
                }
            }
        }
    }

    private void checkReachable(String startAt, Map<String, State> states, String where) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(startAt));
        while (!queue.isEmpty()) {
            String name = queue.pop();
            State state = states.get(name);
            if (state == null || !seen.add(name)) {
                continue;
            }
            targets(state).stream().filter(t -> t != null).forEach(queue::push);
        }
        for (String name : states.keySet()) {
            if (!seen.contains(name)) {
                problem(where + "/States/" + name, "state '" + name + "' is not reachable from StartAt");
            }
        }
    }

    private static List<String> targets(State state) {
        List<String> targets = new ArrayList<>();
        targets.add(state.next());
        state.catchers().forEach(catcher -> targets.add(catcher.next()));
        if (state instanceof ChoiceState choice) {
            choice.choices().forEach(branch -> targets.add(branch.next()));
            targets.add(choice.defaultState());
        }
        return targets;
    }

    // ----- small readers -----

    private void checkFields(JsonNode node, String where, Set<String> allowed) {
        if (!node.isObject()) {
            problem(where, "must be an object");
            return;
        }
        node.fieldNames().forEachRemaining(field -> {
            if (UNSUPPORTED.contains(field)) {
                problem(where, "field '" + field + "' is not supported by the local Step Functions emulator "
                        + "(JSONata, variables and Distributed Map readers/writers are not implemented)");
            } else if (!allowed.contains(field)) {
                problem(where, "unknown field '" + field + "'");
            }
        });
    }

    private void checkQueryLanguage(JsonNode node, String where) {
        JsonNode language = node.get("QueryLanguage");
        if (language != null && !"JSONPath".equals(language.asText())) {
            problem(where, "QueryLanguage " + language + " is not supported locally; only JSONPath is");
        }
    }

    private String requiredText(JsonNode node, String field, String where) {
        String value = text(node, field, where);
        if (value == null && !node.has(field)) {
            problem(where, "missing required field '" + field + "'");
        }
        return value;
    }

    private String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(where, field + " must be a string");
            return null;
        }
        return value.textValue();
    }

    private Integer positiveInt(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!Json.isIntegral(value) || value.decimalValue().signum() <= 0) {
            problem(where, field + " must be a positive integer");
            return null;
        }
        return value.decimalValue().intValue();
    }

    private void problem(String where, String message) {
        problems.add((where.isEmpty() ? "" : where + ": ") + message);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
