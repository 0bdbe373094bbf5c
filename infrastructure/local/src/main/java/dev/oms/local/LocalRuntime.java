package dev.oms.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oms.platform.auth.TokenService;
import dev.oms.platform.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole system on one machine: DynamoDB Local in this JVM, and API Gateway with the Lambda authorizer and every
 * function of {@code template.yaml}, on {@code --port} (3000). The functions run the same code as on AWS; only the
 * SDK endpoint settings point at the local services.
 *
 * <pre>java -jar infrastructure/local/target/oms-local.jar [--port 3000] [--data-dir .oms-local] [--in-memory] [--no-demo] [--template template.yaml]</pre>
 */
public final class LocalRuntime implements AutoCloseable {
    /** The development token secret; set OMS_TOKEN_SECRET to use another. */
    static final String DEFAULT_SECRET = "local-development-secret-not-for-production-use";

    public record Options(int port, Path dataDir, boolean inMemory, boolean demo, Path template) {
        public static Options parse(String[] args) {
            int port = 3000;
            Path data = Path.of(".oms-local");
            boolean inMemory = false, demo = true;
            Path template = Path.of("template.yaml");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--data-dir" -> data = Path.of(args[++i]);
                    case "--in-memory" -> inMemory = true;
                    case "--no-demo" -> demo = false;
                    case "--template" -> template = Path.of(args[++i]);
                    case "--help", "-h" -> {
                        System.out.println("usage: java -jar oms-local.jar [--port 3000] [--data-dir .oms-local] [--in-memory] [--no-demo] [--template template.yaml]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (try --help)");
                }
            }
            return new Options(port, data, inMemory, demo, template);
        }
    }

    private final DynamoDbLocal dynamo;
    private final LocalCloud cloud;
    private final LocalStepFunctions stepFunctions;
    private final HttpServer server;
    private final ExecutorService executor;
    private final LocalApiGateway gateway;
    private final LocalEndpoints local;
    private final TokenService tokens;
    private LocalFunctions functions;

    LocalFunctions functions() { return functions; }

    private LocalRuntime(DynamoDbLocal dynamo, LocalCloud cloud, LocalStepFunctions stepFunctions, HttpServer server,
                         ExecutorService executor, LocalApiGateway gateway, LocalEndpoints local, TokenService tokens) {
        this.dynamo = dynamo;
        this.cloud = cloud;
        this.stepFunctions = stepFunctions;
        this.server = server;
        this.executor = executor;
        this.gateway = gateway;
        this.local = local;
        this.tokens = tokens;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.setProperty("OMS_LOG_FORMAT", System.getProperty("OMS_LOG_FORMAT", "Text"));
        System.setProperty("OMS_LOG_LEVEL", System.getProperty("OMS_LOG_LEVEL", "INFO"));
        LocalRuntime runtime = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { runtime.close(); } catch (Exception ignored) { }
        }));
        runtime.printBanner();
    }

    public static LocalRuntime start(Options o) throws Exception {
        System.setProperty("OMS_LOG_LEVEL", System.getProperty("OMS_LOG_LEVEL", "WARN"));
        SamTemplate template = readTemplate(o.template());
        var sqsStarting = LocalCloud.startSqs(o.dataDir(), o.inMemory());
        DynamoDbLocal dynamo = DynamoDbLocal.start(o.dataDir(), o.inMemory());
        Map<String, String> tableNames = new LinkedHashMap<>();
        template.resourcesOfType("AWS::DynamoDB::Table").keySet().forEach(id -> tableNames.put(id, id));
        dynamo.createTables(template, tableNames);

        String secret = System.getenv().getOrDefault("OMS_TOKEN_SECRET", DEFAULT_SECRET);
        Map<String, String> refs = new LinkedHashMap<>(tableNames);
        refs.put("TokenSecret", secret);
        refs.putAll(LocalResources.references(template));
        LocalFunctions functions = new LocalFunctions(template);
        LocalStepFunctions stepFunctions = LocalStepFunctions.start(functions, o.dataDir(), o.inMemory());
        LocalCloud cloud = LocalCloud.start(template, sqsStarting, o.dataDir(), o.inMemory(), functions::invoke, stepFunctions::start);
        refs.putAll(cloud.references());
        java.util.function.BinaryOperator<String> getAtt = (id, attribute) -> LocalResources.getAtt(cloud, id, attribute);
        // what Lambda would put in each function's environment, plus the SDK settings that point at the local services
        TemplateEnvironment.resolve(template, refs, getAtt).forEach(System::setProperty);
        cloud.pointSdkClientsHere();
        System.setProperty("aws.endpointUrlSfn", stepFunctions.endpoint());
        stepFunctions.createStateMachines(template, o.template().toAbsolutePath().getParent(), getAtt);
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.endpointUrlDynamoDb", dynamo.endpoint());
        System.setProperty("OMS_METRICS", System.getProperty("OMS_METRICS", "off"));
        System.setProperty("OMS_WEBHOOKS_ALLOW_LOCALHOST", "true");

        TokenService tokens = new TokenService(secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        LocalApiGateway gateway = new LocalApiGateway(template, functions);
        gateway.warmUp();
        LocalEndpoints local = new LocalEndpoints(tokens, cloud, stepFunctions);
        cloud.startEventSources(template, functions::invoke, dynamo.endpoint(), tableNames, o.dataDir(), o.inMemory());
        stepFunctions.resumeStored();

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", o.port()), 128);
        ExecutorService executor = Executors.newFixedThreadPool(32);
        server.setExecutor(executor);
        LocalRuntime runtime = new LocalRuntime(dynamo, cloud, stepFunctions, server, executor, gateway, local, tokens);
        runtime.functions = functions;
        server.createContext("/", runtime::serve);
        server.createContext("/openapi.json", ApiReference::serve);
        server.createContext("/docs", ApiReference::serve);
        server.start();
        if (o.demo()) new DemoData(runtime).loadIfAbsent();
        return runtime;
    }

    private static SamTemplate readTemplate(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Reader r = Files.newBufferedReader(path)) {
                return SamTemplate.read(r);
            }
        }
        return SamTemplate.fromClasspath();
    }

    public int port() { return server.getAddress().getPort(); }

    public String baseUrl() { return "http://localhost:" + port(); }

    public TokenService tokens() { return tokens; }

    LocalCloud cloud() { return cloud; }

    LocalStepFunctions stepFunctions() { return stepFunctions; }

    List<dev.oms.platform.template.SamTemplate.HttpRoute> routes() { return gateway.routes(); }

    /** One request through the same path as HTTP, without the socket (the demo loader uses it). */
    LocalApiGateway.Exchange call(String method, String pathAndQuery, Map<String, String> headers, String body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Map<String, String> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        if (body != null) h.putIfAbsent("content-type", "application/json");
        if (path.startsWith("/local/") || path.equals("/local")) return local.handle(method, path, h, body);
        return gateway.handle(method, path, query, h, body);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readNBytes(2 * 1024 * 1024 + 1), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String rawQuery = ex.getRequestURI().getRawQuery();
            String path = ex.getRequestURI().getRawPath();
            LocalApiGateway.Exchange out;
            if (body.length() > 2 * 1024 * 1024) {
                out = new LocalApiGateway.Exchange(413, Map.of("content-type", "application/json"), "{\"message\":\"Request Entity Too Large\"}");
            } else {
                out = call(ex.getRequestMethod(), rawQuery == null ? path : path + "?" + rawQuery, headers, body.isEmpty() ? null : body);
            }
            byte[] bytes = out.body() == null ? new byte[0] : out.body().getBytes(StandardCharsets.UTF_8);
            out.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            boolean empty = bytes.length == 0 || out.status() == 204 || "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(out.status(), empty ? -1 : bytes.length);
            if (!empty) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(bytes);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    LocalEndpoints localEndpoints() { return local; }

    private void printBanner() {
        String admin = local.mint("demo-admin", "demo", List.of("admin"), null, 86400);
        String agent = local.mint("demo-agent", "demo", List.of("agent"), null, 86400);
        String customer = local.mint("cust_demo_1", "demo", List.of("customer"), "cust_demo_1", 86400);
        System.out.println();
        System.out.println("OMS local runtime ready on " + baseUrl() + "  (" + gateway.routes().size() + " routes from template.yaml, DynamoDB Local at " + dynamo.endpoint() + ")");
        System.out.println();
        System.out.println("Tokens for the demo tenant (valid 24 h; mint more with POST " + baseUrl() + "/local/token):");
        System.out.println("  export ADMIN=" + admin);
        System.out.println("  export AGENT=" + agent);
        System.out.println("  export CUSTOMER=" + customer);
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl -s " + baseUrl() + "/v1/orders?limit=5 -H \"Authorization: Bearer $AGENT\"");
        System.out.println("  curl -s " + baseUrl() + "/v1/orders/health");
        System.out.println();
        System.out.println("API reference: " + baseUrl() + "/docs   (OpenAPI 3.1 document: " + baseUrl() + "/openapi.json)");
        System.out.println();
    }

    @Override
    public void close() throws Exception {
        server.stop(0);
        executor.shutdownNow();
        cloud.close();
        stepFunctions.close();
        dynamo.close();
    }
}
