package dev.oms.platform.template;

import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code template.yaml}: functions with their handlers, environment and HTTP routes, and other resources.
 * CloudFormation short forms ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}) become {@code {"Ref": "X"}}
 * style maps. The local runtime, the route fallback and the template tests all read the template through here.
 */
public final class SamTemplate {
    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) { this.root = root; }

    public static SamTemplate read(Reader reader) { return new SamTemplate(yaml().load(reader)); }

    public static SamTemplate read(InputStream in) { return new SamTemplate(yaml().load(in)); }

    /** The template packaged on the classpath as {@code template.yaml}. */
    public static SamTemplate fromClasspath() {
        InputStream in = SamTemplate.class.getResourceAsStream("/template.yaml");
        if (in == null) throw new IllegalStateException("template.yaml is not on the classpath");
        return read(in);
    }

    public record HttpRoute(String function, String method, String path) {
        public String key() { return method + " " + path; }
    }

    public record Function(String logicalId, String handler, Map<String, Object> properties) { }

    @SuppressWarnings("unchecked")
    public Map<String, Object> resources() { return (Map<String, Object>) root.getOrDefault("Resources", Map.of()); }

    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) { return (Map<String, Object>) root.getOrDefault(name, Map.of()); }

    @SuppressWarnings("unchecked")
    public List<Function> functions() {
        List<Function> out = new ArrayList<>();
        resources().forEach((id, r) -> {
            Map<String, Object> res = (Map<String, Object>) r;
            if ("AWS::Serverless::Function".equals(res.get("Type"))) {
                Map<String, Object> props = (Map<String, Object>) res.getOrDefault("Properties", Map.of());
                out.add(new Function(id, String.valueOf(props.get("Handler")), props));
            }
        });
        return out;
    }

    /**
     * The HTTP API's routes: the operations declared in the {@code DefinitionBody} of each
     * {@code AWS::Serverless::HttpApi} (path, method or {@code ANY} for {@code x-amazon-apigateway-any-method},
     * {@code $default}), each with the function its {@code aws_proxy} integration invokes. Functions declare no
     * {@code HttpApi} events: a route costs no CloudFormation resource (SamTemplateTest holds that).
     */
    @SuppressWarnings("unchecked")
    public List<HttpRoute> httpRoutes() {
        List<HttpRoute> out = new ArrayList<>();
        List<String> functionIds = functions().stream().map(Function::logicalId).toList();
        resourcesOfType("AWS::Serverless::HttpApi").values().forEach(props -> {
            Map<String, Object> body = (Map<String, Object>) props.getOrDefault("DefinitionBody", Map.of());
            Map<String, Object> paths = (Map<String, Object>) body.getOrDefault("paths", Map.of());
            paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
                Map<String, Object> integration = (Map<String, Object>) ((Map<String, Object>) op).get(INTEGRATION);
                if (integration == null) return;
                String m = method.equals(ANY_METHOD) ? "ANY" : method.toUpperCase(java.util.Locale.ROOT);
                String p = path.equals("/$default") ? "$default" : path;
                out.add(new HttpRoute(integratedFunction(integration.get("uri"), functionIds), m, p));
            }));
        });
        return out;
    }

    private static final String INTEGRATION = "x-amazon-apigateway-integration";
    private static final String ANY_METHOD = "x-amazon-apigateway-any-method";
    private static final java.util.regex.Pattern INVOKED =
            java.util.regex.Pattern.compile("functions/\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z]+)?}/invocations");

    /**
     * The function an integration's {@code uri} invokes: {@code ${Fn.Arn}}, {@code ${Fn.Alias}} or SAM's alias
     * resource {@code ${FnAlias<name>}} inside the {@code Fn::Sub}.
     */
    @SuppressWarnings("unchecked")
    private static String integratedFunction(Object uri, List<String> functionIds) {
        Object sub = uri instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("Fn::Sub") : uri;
        if (sub instanceof List<?> l) sub = l.get(0);
        java.util.regex.Matcher matcher = INVOKED.matcher(String.valueOf(sub));
        if (!matcher.find()) throw new IllegalStateException("integration uri names no function: " + uri);
        String token = matcher.group(1);
        if (functionIds.contains(token)) return token;
        return functionIds.stream().filter(id -> token.startsWith(id + "Alias")).findFirst()
                .orElseThrow(() -> new IllegalStateException("integration uri names no function of the template: " + uri));
    }

    /**
     * The route API Gateway chooses for a request: the most specific route whose path matches and whose method is the
     * request's or {@code ANY} (a route without a greedy {@code {proxy+}} beats a greedy one, literal segments beat
     * parameters), else {@code $default}; null when there is none. {@code path} may be a concrete path or a contract
     * path template ({@code {orderId}} then only matches a parameter segment).
     */
    public HttpRoute routeFor(String method, String path) {
        HttpRoute best = null, fallback = null;
        for (HttpRoute r : httpRoutes()) {
            if (r.path().equals("$default")) { fallback = r; continue; }
            if (!r.method().equals(method) && !r.method().equals("ANY")) continue;
            if (!dev.oms.platform.http.PathTemplate.matches(r.path(), path)) continue;
            if (best == null || moreSpecific(r, best)) best = r;
        }
        return best != null ? best : fallback;
    }

    /**
     * Operations (route keys such as {@code GET /v1/orders/{orderId}}, from the contract or the handlers) with the
     * function API Gateway sends each to ({@code null} when no route takes it).
     */
    public List<HttpRoute> routed(java.util.Collection<String> operationKeys) {
        List<HttpRoute> out = new ArrayList<>();
        for (String key : operationKeys) {
            String[] mp = key.split(" ", 2);
            HttpRoute r = routeFor(mp[0], mp[1]);
            out.add(new HttpRoute(r == null ? null : r.function(), mp[0], mp[1]));
        }
        return out;
    }

    private static boolean moreSpecific(HttpRoute a, HttpRoute b) {
        int sa = dev.oms.platform.http.PathTemplate.specificity(a.path()), sb = dev.oms.platform.http.PathTemplate.specificity(b.path());
        return sa != sb ? sa > sb : !a.method().equals("ANY") && b.method().equals("ANY");
    }

    /** The resources of one type, by logical id. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            Map<String, Object> res = (Map<String, Object>) r;
            if (type.equals(res.get("Type"))) out.put(id, (Map<String, Object>) res.getOrDefault("Properties", Map.of()));
        });
        return out;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        return new Yaml(new IntrinsicConstructor(options));
    }

    /** Turns any {@code !Tag} into a one-entry map keyed by the CloudFormation function name. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String fn = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value;
                    if (node instanceof ScalarNode s) {
                        value = constructScalar(s);
                        if (tag.equals("GetAtt")) value = List.of(((String) value).split("\\.", 2));
                    } else if (node instanceof SequenceNode s) {
                        value = constructSequence(s);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put(fn, value);
                    return m;
                }
            });
        }
    }
}
