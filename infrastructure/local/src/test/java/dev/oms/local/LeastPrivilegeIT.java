package dev.oms.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.platform.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Least privilege (issue 17, docs/operations.md#least-privilege): every function's IAM policies grant exactly the
 * actions its code can call, derived from its deployment jar by {@link FunctionAwsCalls} — a grant the code cannot use
 * fails, and so does a call the template does not grant. Policies are explicit statements (no SAM policy templates,
 * which grant whole families such as Scan and BatchWriteItem); {@code Resource: '*'} only for the actions whose service
 * has no narrower resource. The event sources' own permissions (SQS polling, stream reads) are SAM's and not counted.
 * Writes target/least-privilege.md: the actions of each function.
 */
class LeastPrivilegeIT {
    /** Actions that name no narrower resource: email identities and SMS numbers of tenants, task tokens, metrics. */
    static final Set<String> ANY_RESOURCE = Set.of("ses:SendEmail", "ses:SendRawEmail", "sns:Publish",
            "states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat", "cloudwatch:PutMetricData");

    @Test
    void everyFunctionIsGrantedExactlyTheAwsCallsItsCodeCanMake() throws Exception {
        SamTemplate template = PlatformIT.template();
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        template.resources().forEach((id, r) -> resources.put(id, asMap(r)));
        List<String> problems = new ArrayList<>();
        StringBuilder expected = new StringBuilder("# Policies each function needs (LeastPrivilegeIT): paste a function's block over its Policies\n");
        StringBuilder report = new StringBuilder("# The AWS actions of each function (LeastPrivilegeIT)\n\n| Function | Actions |\n|---|---|\n");
        for (SamTemplate.Function f : template.functions()) {
            String jar = String.valueOf(f.properties().get("CodeUri"));
            FunctionAwsCalls.Needs needs = FunctionAwsCalls.of(DeploymentJarsIT.ROOT.resolve(jar), f.handler().split("::")[0]);
            if (!needs.unmapped().isEmpty()) {
                problems.add(f.logicalId() + ": SDK calls with no IAM action in FunctionAwsCalls.ACTIONS: " + needs.unmapped());
            }
            Grants grants = new Grants();
            Object policies = f.properties().get("Policies");
            if (policies instanceof List<?> list) {
                for (Object p : list) grants.add(p, resources, f.logicalId(), problems);
            } else if (policies != null) {
                problems.add(f.logicalId() + ": Policies must be a list of explicit statements");
            }
            Set<String> required = configured(needs.actions(), environment(template, f));
            Set<String> missing = new TreeSet<>(required);
            missing.removeAll(grants.actions);
            Set<String> extra = new TreeSet<>(grants.actions);
            extra.removeAll(required);
            if (!missing.isEmpty()) problems.add(f.logicalId() + ": its code calls but the template does not grant " + missing);
            if (!extra.isEmpty()) problems.add(f.logicalId() + ": the template grants what its code never calls " + extra);
            boolean indexGranted = grants.resources.stream().anyMatch(r -> r.contains("/index/"));
            if (needs.queriesIndexes() != indexGranted) {
                problems.add(f.logicalId() + (needs.queriesIndexes() ? ": queries an index but is not granted the table's indexes"
                        : ": is granted the table's indexes but queries none"));
            }
            grants.anyResource.stream().filter(a -> !ANY_RESOURCE.contains(a))
                    .forEach(a -> problems.add(f.logicalId() + ": " + a + " on Resource '*'"));
            if (!missing.isEmpty() || !extra.isEmpty()) {
                expected.append("\n").append(f.logicalId()).append(":\n").append(policiesYaml(required, needs.queriesIndexes(), variables(f)));
            }
            report.append("| ").append(f.logicalId()).append(" | ").append(String.join(", ", required))
                    .append(needs.queriesIndexes() ? " (table and its indexes)" : "").append(" |\n");
        }
        Files.writeString(Path.of("target/least-privilege.md"), report);
        Files.writeString(Path.of("target/least-privilege-policies.yaml"), expected);
        assertThat(problems).as("least privilege: the Policies to paste are in infrastructure/local/target/least-privilege-policies.yaml").isEmpty();
    }

    /**
     * The actions a function needs: what its code can call, on the resources it is configured with. Code that writes
     * a bucket, sends to a queue or starts a state machine reads the resource's name from the function's environment
     * ({@code *_BUCKET}, {@code *_QUEUE_URL}, {@code *_STATE_MACHINE_ARN}, {@code OMS_SEARCH_ENDPOINT}); a function
     * without it cannot reach that resource, whatever classes its jar shares with others.
     */
    static Set<String> configured(Set<String> actions, Set<String> environment) {
        boolean buckets = environment.stream().anyMatch(v -> v.endsWith("_BUCKET"));
        boolean queues = environment.stream().anyMatch(v -> v.endsWith("_QUEUE_URL"));
        boolean machines = environment.stream().anyMatch(v -> v.endsWith("_STATE_MACHINE_ARN"));
        boolean search = environment.contains("OMS_SEARCH_ENDPOINT");
        Set<String> out = new TreeSet<>();
        for (String a : actions) {
            if (a.startsWith("s3:") && !buckets) continue;
            if (a.startsWith("sqs:") && !queues) continue;
            if ((a.equals("states:StartExecution") || a.equals("states:DescribeExecution")) && !machines) continue;
            if ((a.startsWith("es:") || a.startsWith("aoss:")) && !search) continue;
            out.add(a);
        }
        return out;
    }

    /**
     * The Policies block that grants exactly {@code actions}: the table (and its indexes when queried), the buckets,
     * queues and state machines named in the function's environment, '*' only where {@link #ANY_RESOURCE} allows.
     */
    static String policiesYaml(Set<String> actions, boolean indexes, Map<String, Object> variables) {
        List<String> buckets = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        List<String> machines = new ArrayList<>();
        new TreeMap<>(variables).forEach((name, value) -> {
            Map<String, Object> v = asMap(value);
            String ref = v == null ? null : String.valueOf(v.get("Ref"));
            if (ref == null) return;
            if (name.endsWith("_BUCKET")) buckets.add(ref);
            if (name.endsWith("_QUEUE_URL")) queues.add(ref);
            if (name.endsWith("_STATE_MACHINE_ARN")) machines.add(ref);
        });
        StringBuilder y = new StringBuilder("      Policies:\n        - Statement:\n");
        statement(y, of(actions, "dynamodb:"), indexes && actions.contains("dynamodb:Query")
                ? List.of("!GetAtt OrdersTable.Arn", "!Sub '${OrdersTable.Arn}/index/*'") : List.of("!GetAtt OrdersTable.Arn"));
        List<String> objects = of(actions, "s3:");
        objects.remove("s3:ListBucket");
        statement(y, objects, buckets.stream().map(b -> "!Sub '${" + b + ".Arn}/*'").toList());
        if (actions.contains("s3:ListBucket")) statement(y, List.of("s3:ListBucket"), buckets.stream().map(b -> "!GetAtt " + b + ".Arn").toList());
        statement(y, of(actions, "sqs:"), queues.stream().map(q -> "!GetAtt " + q + ".Arn").toList());
        if (actions.contains("states:StartExecution")) statement(y, List.of("states:StartExecution"), machines.stream().map(m -> "!Ref " + m).toList());
        if (actions.contains("states:DescribeExecution")) {
            statement(y, List.of("states:DescribeExecution"), machines.stream()
                    .map(m -> "!Sub 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${" + m + ".Name}:*'").toList());
        }
        statement(y, of(actions, "states:SendTask"), List.of("'*'"));
        if (actions.contains("events:PutEvents")) statement(y, List.of("events:PutEvents"), List.of("!GetAtt OrderEventsBus.Arn"));
        if (actions.contains("ses:SendEmail")) {
            List<String> notify = new ArrayList<>(List.of("ses:SendEmail"));
            if (actions.contains("sns:Publish")) notify.add("sns:Publish");
            statement(y, notify, List.of("'*'"));
        } else if (actions.contains("sns:Publish")) {
            statement(y, List.of("sns:Publish"), List.of("!Ref NotificationsTopic"));
        }
        if (actions.contains("ssm:GetParameter")) {
            statement(y, List.of("ssm:GetParameter"), List.of("!Sub 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/oms/*'"));
        }
        if (actions.contains("secretsmanager:GetSecretValue")) {
            statement(y, List.of("secretsmanager:GetSecretValue"), List.of("!Sub 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:oms/*'"));
        }
        if (actions.stream().anyMatch(a -> a.startsWith("es:"))) {
            y.append("        # and the search engine's two forms, as on OrderSearchFunction (!If SearchOnDomain / SearchOnServerless)\n");
        }
        return y.toString();
    }

    private static List<String> of(Set<String> actions, String prefix) {
        return new ArrayList<>(actions.stream().filter(a -> a.startsWith(prefix)).sorted().toList());
    }

    private static void statement(StringBuilder y, List<String> actions, List<String> resources) {
        if (actions.isEmpty()) return;
        y.append("            - Effect: Allow\n              Action: [").append(String.join(", ", actions)).append("]\n");
        if (resources.size() == 1) {
            y.append("              Resource: ").append(resources.get(0)).append("\n");
        } else {
            y.append("              Resource:\n");
            resources.forEach(r -> y.append("                - ").append(r).append("\n"));
        }
    }

    private static Map<String, Object> variables(SamTemplate.Function f) {
        Map<String, Object> env = asMap(f.properties().get("Environment"));
        Map<String, Object> vars = env == null ? null : asMap(env.get("Variables"));
        return vars == null ? Map.of() : vars;
    }

    /** The names of a function's environment variables, the template's Globals included. */
    @SuppressWarnings("unchecked")
    static Set<String> environment(SamTemplate template, SamTemplate.Function f) {
        Set<String> names = new TreeSet<>();
        Map<String, Object> globals = asMap(asMap(template.section("Globals")).get("Function"));
        for (Map<String, Object> props : List.of(globals == null ? Map.<String, Object>of() : globals, f.properties())) {
            Map<String, Object> env = asMap(props.get("Environment"));
            Map<String, Object> vars = env == null ? null : asMap(env.get("Variables"));
            if (vars != null) names.addAll(vars.keySet());
        }
        return names;
    }

    /** What a function's Policies grant: actions, resources (as text), and the actions granted on '*'. */
    private static final class Grants {
        final Set<String> actions = new TreeSet<>();
        final Set<String> resources = new TreeSet<>();
        final Set<String> anyResource = new TreeSet<>();

        void add(Object policy, Map<String, Map<String, Object>> template, String function, List<String> problems) {
            Map<String, Object> p = asMap(policy);
            if (p == null) {
                problems.add(function + ": managed policy " + policy + " (write explicit statements)");
            } else if (p.containsKey("Statement")) {
                statements(p.get("Statement"));
            } else if (p.containsKey("Ref")) {
                String ref = String.valueOf(p.get("Ref"));
                if (ref.equals("AWS::NoValue")) return;
                Map<String, Object> managed = template.get(ref);
                if (managed == null || !"AWS::IAM::ManagedPolicy".equals(managed.get("Type"))) {
                    problems.add(function + ": policy reference " + ref + " is not a managed policy of this template");
                    return;
                }
                statements(asMap(asMap(managed.get("Properties")).get("PolicyDocument")).get("Statement"));
            } else if (p.containsKey("Fn::If")) {
                List<?> branches = (List<?>) p.get("Fn::If");
                add(branches.get(1), template, function, problems);
                add(branches.get(2), template, function, problems);
            } else {
                problems.add(function + ": SAM policy template " + p.keySet() + " (write explicit statements: templates grant more than the code calls)");
            }
        }

        private void statements(Object statements) {
            for (Object s : (List<?>) statements) {
                Map<String, Object> st = asMap(s);
                if (!"Allow".equals(st.get("Effect"))) continue;
                List<String> a = strings(st.get("Action"));
                actions.addAll(a);
                Object r = st.get("Resource");
                List<?> rs = r instanceof List<?> l ? l : List.of(r);
                for (Object one : rs) {
                    resources.add(String.valueOf(one));
                    if ("*".equals(one)) anyResource.addAll(a);
                }
            }
        }
    }

    private static List<String> strings(Object o) {
        if (o instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(o));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? new TreeMap<>((Map<String, Object>) m) : null;
    }
}
