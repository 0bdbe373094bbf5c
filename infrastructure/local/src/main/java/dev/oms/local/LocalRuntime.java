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
 * <pre>java -jar infrastructure/local/target/oms-local.jar [--port 3000] [--data-dir .oms-local] [--in-memory] [--no-demo] [--template template.yaml] [--search background|on-demand|off]</pre>
 */
public final class LocalRuntime implements AutoCloseable {
    /** The development token secret; set OMS_TOKEN_SECRET to use another. */
    static final String DEFAULT_SECRET = "local-development-secret-not-for-production-use";

    public record Options(int port, Path dataDir, boolean inMemory, boolean demo, Path template, LocalSearch.Mode search) {
        /** The search node started in the background at boot (the tests: it boots while they run). */
        public Options(int port, Path dataDir, boolean inMemory, boolean demo, Path template) {
            this(port, dataDir, inMemory, demo, template, LocalSearch.Mode.BACKGROUND);
        }

        public static Options parse(String[] args) {
            int port = 3000;
            Path data = Path.of(".oms-local");
            boolean inMemory = false, demo = true;
            Path template = Path.of("template.yaml");
            LocalSearch.Mode search = LocalSearch.Mode.parse(System.getenv().getOrDefault("OMS_LOCAL_SEARCH", "background"));
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--data-dir" -> data = Path.of(args[++i]);
                    case "--in-memory" -> inMemory = true;
                    case "--no-demo" -> demo = false;
                    case "--template" -> template = Path.of(args[++i]);
                    case "--search" -> search = LocalSearch.Mode.parse(args[++i]);
                    case "--no-search" -> search = LocalSearch.Mode.OFF;
                    case "--help", "-h" -> {
                        System.out.println("usage: java -jar oms-local.jar [--port 3000] [--data-dir .oms-local] [--in-memory] [--no-demo] [--template template.yaml] [--search background|on-demand|off] [--no-search]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (try --help)");
                }
            }
            return new Options(port, data, inMemory, demo, template, search);
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
    private LocalSearch search;
    private LocalSftp sftp;
    private LocalEdge edge;

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
        // the identity providers whose tokens the API accepts: OMS_OIDC_ISSUERS from the environment (docs/conventions.md)
        refs.put("OidcIssuers", System.getenv().getOrDefault("OMS_OIDC_ISSUERS", System.getProperty("OMS_OIDC_ISSUERS", "[]")));
        refs.putAll(LocalResources.references(template));
        // every other template parameter takes its default, as sam deploy without overrides
        template.section("Parameters").forEach((name, p) -> {
            if (p instanceof Map<?, ?> m && m.get("Default") != null) refs.putIfAbsent(name, String.valueOf(m.get("Default")));
        });
        LocalFunctions functions = new LocalFunctions(template);
        LocalStepFunctions stepFunctions = LocalStepFunctions.start(functions, o.dataDir(), o.inMemory());
        LocalCloud cloud = LocalCloud.start(template, sqsStarting, o.dataDir(), o.inMemory(), functions::invoke, stepFunctions::start);
        refs.putAll(cloud.references());
        java.util.function.BinaryOperator<String> getAtt = (id, attribute) -> LocalResources.getAtt(cloud, id, attribute);
        // what Lambda would put in each function's environment, plus the SDK settings that point at the local services
        TemplateEnvironment.resolve(template, refs, getAtt).forEach(System::setProperty);
        LocalSearch search = LocalSearch.create(o.search(), o.dataDir(), o.inMemory());
        LocalSftp sftp = LocalSftp.start(o.dataDir(), o.inMemory(), Integer.getInteger("LOCAL_SFTP_PORT", o.inMemory() ? 0 : 2222));
        pointSearchHere(search);
        cloud.pointSdkClientsHere();
        System.setProperty("aws.endpointUrlSfn", stepFunctions.endpoint());
        stepFunctions.createStateMachines(template, o.template().toAbsolutePath().getParent(), getAtt);
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.endpointUrlDynamoDb", dynamo.endpoint());
        System.setProperty("OMS_METRICS", System.getProperty("OMS_METRICS", "off"));
        System.setProperty("OMS_WEBHOOKS_ALLOW_LOCALHOST", "true");
        // the connector registry locally: env: secret references and http://localhost vendor stubs (docs/connectors.md)
        System.setProperty("CONNECTOR_ENV_SECRETS", System.getProperty("CONNECTOR_ENV_SECRETS", "true"));
        System.setProperty("CONNECTOR_ALLOW_LOCALHOST", System.getProperty("CONNECTOR_ALLOW_LOCALHOST", "true"));

        TokenService tokens = new TokenService(secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        LocalSearchFunctions.gate(functions, search);
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
        runtime.search = search;
        runtime.sftp = sftp;
        runtime.edge = LocalEdge.start(Integer.getInteger("LOCAL_EDGE_PORT", o.inMemory() ? 0 : LocalEdge.DEFAULT_PORT), runtime.bySigningName());
        local.services = runtime::services;
        local.sftp = runtime::sftpServer;
        server.createContext("/", runtime::serve);
        server.createContext("/openapi.json", ApiReference::serve);
        server.createContext("/docs", ApiReference::serve);
        server.start();
        if (o.demo()) new DemoData(runtime).loadIfAbsent();
        return runtime;
    }

    /** The search functions' settings: the local node, unsigned; none when search is off (they answer 503). */
    private static void pointSearchHere(LocalSearch search) {
        if (search.enabled()) {
            System.setProperty("OMS_SEARCH_ENDPOINT", search.endpoint());
        } else {
            System.clearProperty("OMS_SEARCH_ENDPOINT");
        }
        System.setProperty("OMS_SEARCH_SIGNING", "none");
    }

    /** The SFTP server that plays a file-drop 3PL (fulfilment connectors of type ftp). */
    LocalSftp sftp() { return sftp; }

    /** Where the SFTP server listens and how to sign in (docs/fulfillment-connectors.md#try-it-locally). */
    Map<String, String> sftpServer() {
        Map<String, String> out = new LinkedHashMap<>();
        if (sftp == null) return out;
        out.put("host", "127.0.0.1");
        out.put("port", Integer.toString(sftp.port()));
        out.put("username", LocalSftp.USER);
        out.put("password", "env:" + LocalSftp.PASSWORD_PROPERTY);
        out.put("host_key", sftp.fingerprint());
        out.put("files", sftp.root().toString());
        return out;
    }

    /** The OpenSearch node (tests wait for it with {@code search().awaitReady()}). */
    LocalSearch search() { return search; }

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

    /** API Gateway HTTP APIs accept request bodies up to 10 MB. */
    static final int GATEWAY_MAX_BODY = 10 * 1024 * 1024;
    /** A synchronous Lambda invocation's payload (the whole event, body included) is at most 6 MB. */
    static final int LAMBDA_MAX_PAYLOAD = 6 * 1024 * 1024;

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String rawQuery = ex.getRequestURI().getRawQuery();
            String path = ex.getRequestURI().getRawPath();
            LocalApiGateway.Exchange out;
            byte[] raw;
            long declared = contentLength(headers.get("content-length"));
            try (InputStream in = ex.getRequestBody()) {
                if (declared > GATEWAY_MAX_BODY) {
                    raw = null;
                } else {
                    raw = in.readNBytes(GATEWAY_MAX_BODY + 1);
                    if (raw.length > GATEWAY_MAX_BODY) raw = null;
                }
                // read (and drop) what the client is still sending, so that it gets to read the answer: closing the
                // connection under a client that is still writing resets it
                if (raw == null) drain(in);
            }
            if (raw == null) {
                out = tooLarge("The request body is larger than API Gateway's 10 MB (" + GATEWAY_MAX_BODY + " bytes) limit of HTTP APIs",
                        "Send a smaller body; large files go to S3 through a presigned upload URL.");
            } else if (raw.length + headerBytes(headers) + path.length() + (rawQuery == null ? 0 : rawQuery.length()) > LAMBDA_MAX_PAYLOAD) {
                out = tooLarge("The request is larger than Lambda's 6 MB (" + LAMBDA_MAX_PAYLOAD + " bytes) invocation payload",
                        "Send a smaller body; large files go to S3 through a presigned upload URL.");
            } else {
                String body = new String(raw, StandardCharsets.UTF_8);
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

    /** Reads what is left of a body, up to 1 GiB (beyond that the connection is cut). */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0 && (total += n) < (1L << 30)) { /* dropped */ }
    }

    private static long contentLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int headerBytes(Map<String, String> headers) {
        int n = 0;
        for (var e : headers.entrySet()) n += e.getKey().length() + e.getValue().length() + 4;
        return n;
    }

    /** 413 as problem+json, like every other error of the API. */
    private static LocalApiGateway.Exchange tooLarge(String detail, String explain) {
        String body = "{\"type\":\"https://docs.oms.dev/problems/request-too-large\",\"title\":\"Content Too Large\",\"status\":413,"
                + "\"code\":\"request.too_large\",\"detail\":\"" + detail + "\",\"explain\":\"" + explain + "\"}";
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/problem+json");
        return new LocalApiGateway.Exchange(413, h, body);
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
        System.out.println("AWS services (region " + dev.oms.local.aws.LocalAws.REGION + ", any credentials; the functions use local/local):");
        services().forEach((name, url) -> System.out.printf("  %-15s %s%n", name, url));
        System.out.println("  (the edge serves every service above on one port: export AWS_ENDPOINT_URL=" + edge.endpoint() + ")");
        sftpServer().forEach((name, value) -> System.out.printf("  SFTP %-10s %s%n", name, value));
        System.out.println("  Scheduler       in-process: " + baseUrl() + "/local/schedules");
        System.out.println();
        System.out.println("The AWS CLI and the SDKs read these variables; paste them, then for example:");
        System.out.println("  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=" + dev.oms.local.aws.LocalAws.REGION);
        endpointVariables().forEach((k, v) -> System.out.println("  export " + k + "=" + v));
        System.out.println("  aws dynamodb scan --table-name OrdersTable --max-items 3");
        System.out.println("  aws --endpoint-url " + cloud.sqs.endpoint() + " sqs list-queues    (AWS CLI v1 ignores AWS_ENDPOINT_URL_SQS)");
        System.out.println("  aws stepfunctions list-executions --state-machine-arn " + LocalResources.stateMachineArn("CancelOrderStateMachine"));
        System.out.println("  aws events list-rules --event-bus-name " + cloud.events.refs().getOrDefault("OrderEventsBus", "default") + "; aws s3 ls; aws sns list-topics");
        System.out.println();
    }

    /** Where each AWS service the runtime plays listens. */
    Map<String, String> services() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("DynamoDB", dynamo.endpoint());
        out.put("SQS", cloud.sqs.endpoint());
        out.put("S3", cloud.s3.endpoint());
        out.put("SNS", cloud.sns.endpoint());
        out.put("EventBridge", cloud.events.endpoint());
        out.put("Step Functions", stepFunctions.endpoint());
        out.put("Lambda", cloud.lambda.endpoint());
        if (search != null && search.enabled()) out.put("OpenSearch", search.endpoint() + (search.requested() ? "" : " (starts at the first search)"));
        if (edge != null) out.put("Edge", edge.endpoint());
        return out;
    }

    /** The edge's routes: each service's SigV4 signing name to where it listens. */
    Map<String, String> bySigningName() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("dynamodb", dynamo.endpoint());
        out.put("sqs", cloud.sqs.endpoint());
        out.put("s3", cloud.s3.endpoint());
        out.put("sns", cloud.sns.endpoint());
        out.put("ses", cloud.ses.endpoint());
        out.put("events", cloud.events.endpoint());
        out.put("states", stepFunctions.endpoint());
        out.put("lambda", cloud.lambda.endpoint());
        return out;
    }

    /** The one port for every service ({@link LocalEdge}). */
    String edgeEndpoint() { return edge.endpoint(); }

    /** The SDKs' and the AWS CLI's per-service endpoint variables (AWS_ENDPOINT_URL_<SERVICE>) for the services above. */
    Map<String, String> endpointVariables() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint());
        out.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", dynamo.endpoint());
        out.put("AWS_ENDPOINT_URL_SQS", cloud.sqs.endpoint());
        out.put("AWS_ENDPOINT_URL_S3", cloud.s3.endpoint());
        out.put("AWS_ENDPOINT_URL_SNS", cloud.sns.endpoint());
        out.put("AWS_ENDPOINT_URL_EVENTBRIDGE", cloud.events.endpoint());
        out.put("AWS_ENDPOINT_URL_SFN", stepFunctions.endpoint());
        out.put("AWS_ENDPOINT_URL_LAMBDA", cloud.lambda.endpoint());
        return out;
    }

    @Override
    public void close() throws Exception {
        server.stop(0);
        executor.shutdownNow();
        cloud.close();
        stepFunctions.close();
        if (search != null) search.close();
        if (sftp != null) sftp.close();
        if (edge != null) edge.close();
        dynamo.close();
    }
}
