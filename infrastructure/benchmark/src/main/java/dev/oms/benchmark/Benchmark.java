package dev.oms.benchmark;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.oms.app.security.Caller;
import dev.oms.orders.OrderAuditHandler;
import dev.oms.orders.OrderCrudHandler;
import dev.oms.orders.OrderEditsHandler;
import dev.oms.orders.OrderLifecycleHandler;
import dev.oms.orders.OrderLinesHandler;
import dev.oms.platform.config.Env;
import dev.oms.platform.aws.CapacityMeter;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.template.SamTemplate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The benchmark: DynamoDB Local in memory with the template's table, then warm latency and DynamoDB cost per
 * endpoint in this JVM, then cold starts in fresh JVMs. Prints a Markdown report and writes it to
 * {@code target/benchmark.md} (next to the jar).
 * <pre>java -jar infrastructure/benchmark/target/oms-benchmark.jar [--template template.yaml] [--cold-runs 9]
 *      [--requests 1000] [--warmup 300] [--out path/to/report.md] [--only all|api|jobs|labels|search]
 *      [--jobs-import 10000,20000] [--jobs-export 10000,50000] [--labels 2000] [--search-orders 100000]</pre>
 */
public final class Benchmark {
    static final String TABLE = "OrdersTable";
    static final int COST_LIST_PAGE = 50;
    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    private final Options options;
    private final StringBuilder md = new StringBuilder();
    private final double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    private Benchmark(Options options) { this.options = options; }

    public static void main(String[] args) {
        // the report is the only thing on stdout: DynamoDB Local's banner and any log line go to stderr
        PrintStream stdout = System.out;
        System.setOut(System.err);
        int exit = 0;
        try {
            Options options = Options.parse(args);
            String report = new Benchmark(options).run();
            stdout.print(report);
            stdout.flush();
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), report);
            System.err.println("Report written to " + options.out().toAbsolutePath());
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit); // DynamoDB Local leaves non-daemon threads behind
    }

    private String run() throws Exception {
        SamTemplate template;
        try (Reader r = Files.newBufferedReader(options.template())) {
            template = SamTemplate.read(r);
        }
        // configure before anything logs: Log4j reads OMS_LOG_LEVEL once, when it starts (DynamoDB Local starts it)
        int port = LocalDynamo.freePort();
        Map<String, String> lambdaConfig = lambdaConfig(LocalDynamo.endpoint(port));
        lambdaConfig.forEach(System::setProperty);
        boolean api = options.runs("api");
        boolean jobs = options.runs("jobs");
        // labels first, before DynamoDB Local shares the heap: they need no table
        LabelsBenchmark labels = options.runs("labels") ? new LabelsBenchmark() : null;
        List<LabelsBenchmark.Row> labelRows = labels == null ? null : labels.run(options.labels());
        // search next, on its own node: it needs no table either
        SearchBenchmark search = options.runs("search") ? new SearchBenchmark() : null;
        List<SearchBenchmark.Row> searchRows = search == null ? null : search.run(options.searchOrders(), Math.min(options.requests(), 200));
        if (!api && !jobs) {
            header();
            if (labels != null) md.append(labels.section(labelRows));
            if (search != null) md.append(search.section(searchRows, options.searchOrders()));
            return md.toString();
        }
        try (LocalDynamo dynamo = LocalDynamo.start(port)) {
            dynamo.createTable(template, TABLE);

            List<LatencyRow> latency = null;
            List<CostRow> costs = null;
            ColdPairs cold = null;
            if (api) {
                progress("warm latency: " + options.warmup() + " warm-up rounds, " + options.requests() + " requests per endpoint");
                latency = warmLatency();
                progress("DynamoDB cost per endpoint");
                costs = costs();
            }
            List<JobsBenchmark.Row> jobRows = null;
            if (jobs) {
                CapacityMeter.enable();
                jobRows = new JobsBenchmark().run(options.jobImports(), options.jobExports());
            }
            if (api) {
                progress("cold start: " + options.coldRuns() + " pairs of fresh JVMs (the floor, then the function)");
                cold = coldStarts(template, lambdaConfig);
            }

            header();
            if (api) {
                targets(cold, costs);
                coldStartSection(cold);
                latencySection(latency);
                costSection(costs);
            }
            if (jobs) md.append(JobsBenchmark.section(jobRows, Integer.parseInt(Env.get("JOBS_CHUNK_ROWS", "100")),
                    Integer.parseInt(Env.get("JOBS_LANES", "4"))));
            if (labels != null) md.append(labels.section(labelRows));
            if (search != null) md.append(search.section(searchRows, options.searchOrders()));
        }
        return md.toString();
    }

    /** What Lambda would put in the function's environment, plus the SDK settings that point at DynamoDB Local. */
    private static Map<String, String> lambdaConfig(String endpoint) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("TABLE_NAME", TABLE);
        c.put("OMS_TOKEN_SECRET", "benchmark-token-secret-0123456789abcdef");
        c.put("OMS_METRICS", "off");
        // one caller sends thousands of requests a minute, past the default quotas; the quotas' own cost (a lease per
        // 50 requests) is held by PlatformIT.theRequestQuotasCost... (docs/customer-care.md)
        c.put("OMS_RATE_LIMITS", "off");
        c.put("OMS_LOG_LEVEL", "WARN");
        c.put("aws.region", "us-east-1");
        c.put("aws.accessKeyId", "local");
        c.put("aws.secretAccessKey", "local");
        c.put("aws.endpointUrlDynamoDb", endpoint);
        return c;
    }

    // ---------------------------------------------------------------- warm latency

    record LatencyRow(String endpoint, Stats stats) { }

    private List<LatencyRow> warmLatency() {
        Caller caller = Events.agent(newTenant());
        OrderCrudHandler crud = new OrderCrudHandler();
        for (int i = 0; i < options.warmup(); i++) {
            String id = orderId(call(crud, createEvent(caller, 3), 201));
            call(crud, getEvent(caller, id), 200);
            call(crud, listEvent(caller, 50), 200);
        }
        int n = options.requests();
        List<String> ids = new ArrayList<>(n);
        long[] create = new long[n];
        long[] get = new long[n];
        long[] list = new long[n];
        for (int i = 0; i < n; i++) {
            APIGatewayV2HTTPEvent e = createEvent(caller, 3);
            long t = System.nanoTime();
            APIGatewayV2HTTPResponse r = crud.handleRequest(e, context(e));
            create[i] = System.nanoTime() - t;
            ids.add(orderId(check(r, 201, e)));
        }
        for (int i = 0; i < n; i++) {
            APIGatewayV2HTTPEvent e = getEvent(caller, ids.get(i));
            long t = System.nanoTime();
            APIGatewayV2HTTPResponse r = crud.handleRequest(e, context(e));
            get[i] = System.nanoTime() - t;
            check(r, 200, e);
        }
        for (int i = 0; i < n; i++) {
            APIGatewayV2HTTPEvent e = listEvent(caller, 50);
            long t = System.nanoTime();
            APIGatewayV2HTTPResponse r = crud.handleRequest(e, context(e));
            list[i] = System.nanoTime() - t;
            check(r, 200, e);
        }
        return List.of(
                new LatencyRow("create (3 lines) `POST /v1/orders`", Stats.ofNanos(create)),
                new LatencyRow("get expanded `GET /v1/orders/{orderId}?expand=lines,payments`", Stats.ofNanos(get)),
                new LatencyRow("list `GET /v1/orders?limit=50`", Stats.ofNanos(list)));
    }

    // ---------------------------------------------------------------- DynamoDB cost

    record CostRow(String endpoint, long requests, double units, Map<String, Integer> operations, boolean command) {
        int transactions() { return operations.getOrDefault("TransactWriteItems", 0); }

        /** Writes of one item (PutItem, UpdateItem, DeleteItem). */
        int singleWrites() {
            return operations.getOrDefault("PutItem", 0) + operations.getOrDefault("UpdateItem", 0) + operations.getOrDefault("DeleteItem", 0);
        }
    }

    private List<CostRow> costs() {
        Caller caller = Events.agent(newTenant());
        OrderCrudHandler crud = new OrderCrudHandler();
        OrderLinesHandler lines = new OrderLinesHandler();
        OrderLifecycleHandler lifecycle = new OrderLifecycleHandler();
        OrderAuditHandler audit = new OrderAuditHandler();
        // a full first page for the list: 49 orders now, the 50th is the measured create
        for (int i = 1; i < COST_LIST_PAGE; i++) call(crud, createEvent(caller, 3), 201);

        CapacityMeter.enable();
        OperationLog.enable();
        List<CostRow> rows = new ArrayList<>();
        String idemKey = "bench-" + UUID.randomUUID();

        APIGatewayV2HTTPResponse created = meter(rows, "create (3 lines) `POST /v1/orders`", true, crud, createEvent(caller, 3), 201);
        String id = orderId(created);
        meter(rows, "get `GET /v1/orders/{orderId}?expand=lines,payments`", false, crud, getEvent(caller, id), 200);
        meter(rows, "list `GET /v1/orders?limit=50` (full page)", false, crud, listEvent(caller, COST_LIST_PAGE), 200);
        meter(rows, "patch metadata `PATCH /v1/orders/{orderId}`", true, crud, Events.request("PATCH", "/v1/orders/{orderId}")
                .path("orderId", id).body("{\"metadata\":{\"bench\":\"yes\"}}").as(caller).build(), 200);
        meter(rows, "add line `POST /v1/orders/{orderId}/lines`", true, lines, Events.request("POST", "/v1/orders/{orderId}/lines")
                .path("orderId", id).body(Events.lineBody("SKU-4", 1, 500)).as(caller).build(), 201);
        meter(rows, "hold `POST /v1/orders/{orderId}/hold`", true, lifecycle, Events.request("POST", "/v1/orders/{orderId}/hold")
                .path("orderId", id).body("{\"reason\":\"bench\"}").as(caller).build(), 201);
        meter(rows, "timeline `GET /v1/orders/{orderId}/timeline`", false, audit, Events.request("GET", "/v1/orders/{orderId}/timeline")
                .path("orderId", id).as(caller).build(), 200);
        APIGatewayV2HTTPEvent idempotent = Events.request("POST", "/v1/orders").header("Idempotency-Key", idemKey)
                .body(Events.orderBody("cust-idem", 3)).as(caller).build();
        meter(rows, "create with `Idempotency-Key`", true, crud, idempotent, 201);
        APIGatewayV2HTTPEvent replay = Events.request("POST", "/v1/orders").header("Idempotency-Key", idemKey)
                .body(Events.orderBody("cust-idem", 3)).as(caller).build();
        meter(rows, "replay of that `Idempotency-Key`", false, crud, replay, 201);
        editCosts(rows, caller, crud, lifecycle);
        merchantViewCosts(rows, caller, crud);
        return rows;
    }

    /**
     * The seller API's order view (seed 004) on an order of 3 lines: built (a miss: the order, its timeline, the view
     * stored) and then served from the cache (a hit: one GetItem).
     */
    private static void merchantViewCosts(List<CostRow> rows, Caller caller, OrderCrudHandler crud) {
        dev.oms.orders.MerchantOrdersHandler merchant = new dev.oms.orders.MerchantOrdersHandler();
        String id = orderId(call(crud, Events.request("POST", "/v1/orders").body(Events.orderBody("cust-merchant", 3)).as(caller).build(), 201));
        for (String kind : List.of("miss", "hit")) {
            APIGatewayV2HTTPResponse r = meter(rows, "seller order view `GET /merchant/.../orders/{orderId}` (cache " + kind + ")", false, merchant,
                    Events.request("GET", "/merchant/api/v1/domains/{domainId}/orders/{orderId}").path("domainId", caller.tenantId())
                            .path("orderId", id).as(caller).build(), 200);
            String header = r.getHeaders() == null ? null : r.getHeaders().get("x-cache");
            if (!kind.equals(header)) throw new IllegalStateException("expected a cache " + kind + ", got " + header);
        }
    }

    /**
     * Edits by quote (issue 11) on a confirmed order of 3 lines paid by one authorized payment: the quote of a smaller
     * quantity (read, price, store the quote) and its application (re-check, apply, start the edit saga by event).
     */
    private static void editCosts(List<CostRow> rows, Caller caller, OrderCrudHandler crud, OrderLifecycleHandler lifecycle) {
        OrderEditsHandler edits = new OrderEditsHandler();
        String payment = dev.oms.platform.wiring.CoreServices.get().sandboxPayments.create(caller.tenantId(), dev.oms.domain.money.Money.of(13_986, "GBP"), "authorized");
        String body = "{\"customer_id\":\"cust-edit\",\"currency\":\"GBP\",\"items\":[" + Events.lineBody("SKU-1", 1, 999) + ","
                + Events.lineBody("SKU-2", 2, 1998) + "," + Events.lineBody("SKU-3", 3, 2997) + "],\"payments\":[{\"payment_id\":\""
                + payment + "\",\"amount\":{\"amount\":13986,\"currency\":\"GBP\"}}]}";
        String id = orderId(call(crud, Events.request("POST", "/v1/orders").body(body).as(caller).build(), 201));
        APIGatewayV2HTTPResponse confirmed = call(lifecycle, Events.request("POST", "/v1/orders/{orderId}/confirm").path("orderId", id)
                .as(caller).build(), 200);
        String line = orderLines(confirmed).get(2);
        APIGatewayV2HTTPResponse quote = meter(rows, "edit quote `POST .../quote-change` (one quantity 3 → 2)", true, edits,
                Events.request("POST", "/v1/orders/{orderId}/quote-change").path("orderId", id)
                        .body("{\"changes\":[{\"type\":\"change_quantity\",\"line_id\":\"" + line + "\",\"quantity\":2}]}").as(caller).build(), 201);
        String quoteId = json(quote).path("id").asText();
        meter(rows, "apply the quote `POST .../apply-quote/{quoteId}`", true, edits, Events.request("POST", "/v1/orders/{orderId}/apply-quote/{quoteId}")
                .path("orderId", id).path("quoteId", quoteId).body("{}").as(caller).build(), 202);
    }

    private static List<String> orderLines(APIGatewayV2HTTPResponse order) {
        List<String> ids = new ArrayList<>();
        json(order).path("lines").forEach(l -> ids.add(l.path("id").asText()));
        return ids;
    }

    private static com.fasterxml.jackson.databind.JsonNode json(APIGatewayV2HTTPResponse r) {
        try {
            return dev.oms.platform.json.Json.parse(r.getBody());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + r.getBody(), e);
        }
    }

    private static APIGatewayV2HTTPResponse meter(List<CostRow> rows, String endpoint, boolean command, ApiHandler handler,
                                                  APIGatewayV2HTTPEvent event, int expected) {
        CapacityMeter.reset();
        OperationLog.reset();
        APIGatewayV2HTTPResponse r = call(handler, event, expected);
        rows.add(new CostRow(endpoint, CapacityMeter.requests(), CapacityMeter.units(), OperationLog.counts(), command));
        return r;
    }

    // ---------------------------------------------------------------- cold start

    /** One fresh JVM: the function's cold start or the floor's. */
    record ColdRun(double sinceJvmStartMs, double handlerMs, double cpuMs, double peakRssKib, double wallMs) { }

    /** Cold starts paired with the floor, run alternately so that both see the same machine. */
    record ColdPairs(List<ColdRun> function, List<ColdRun> floor) {
        double wallRatio() { return median(function, ColdRun::wallMs) / median(floor, ColdRun::wallMs); }
        double cpuRatio() { return median(function, ColdRun::cpuMs) / median(floor, ColdRun::cpuMs); }
        double rssRatio() { return median(function, ColdRun::peakRssKib) / median(floor, ColdRun::peakRssKib); }

        static double median(List<ColdRun> runs, java.util.function.ToDoubleFunction<ColdRun> f) {
            return Stats.of(runs.stream().mapToDouble(f).toArray()).median();
        }
    }

    /** The JVM options and class path of the cold-start JVMs, for the report. */
    private List<String> coldJvmOptions = List.of();
    private String coldClasspath = "";
    private String floorClasspath = "";

    private ColdPairs coldStarts(SamTemplate template, Map<String, String> lambdaConfig) throws Exception {
        coldJvmOptions = javaToolOptions(template);
        Path dir = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        Path function = dir.resolve("coldstart").resolve("oms-orders-api-lambda.jar");
        Path driver = dir.resolve("oms-benchmark-coldstart.jar");
        Path floor = dir.resolve("coldstart").resolve("oms-benchmark-floor.jar");
        for (Path p : List.of(function, driver, floor)) {
            if (!Files.isRegularFile(p)) throw new IllegalStateException("No " + p + ": build with mvn package first");
        }
        coldClasspath = dir.relativize(function) + ", " + dir.relativize(driver);
        floorClasspath = dir.relativize(floor).toString();
        List<String> functionCommand = javaCommand(lambdaConfig, function + java.io.File.pathSeparator + driver, ColdStart.class.getName());
        // the caller's token is minted here, as on Lambda the caller brings it: the cold JVM only verifies it
        functionCommand.add(dev.oms.platform.auth.TokenService.fromEnvironment().mint(Events.agent("bench"), 3600));
        List<String> floorCommand = javaCommand(lambdaConfig, floor.toString(), ColdFloor.class.getName());
        List<ColdRun> functionRuns = new ArrayList<>();
        List<ColdRun> floorRuns = new ArrayList<>();
        for (int i = 0; i < options.coldRuns(); i++) {
            floorRuns.add(coldRun(floorCommand, "floor run " + (i + 1)));
            functionRuns.add(coldRun(functionCommand, "cold start run " + (i + 1)));
        }
        return new ColdPairs(functionRuns, floorRuns);
    }

    private List<String> javaCommand(Map<String, String> lambdaConfig, String classpath, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(coldJvmOptions);
        lambdaConfig.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-DOMS_METRICS=on"); // as on Lambda: Powertools metrics (EMF) on
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        return command;
    }

    private static ColdRun coldRun(List<String> command, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // what Lambda's environment tells the libraries (Powertools metrics writes EMF to stdout there)
        pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", "OrdersApiFunction");
        pb.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        pb.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        pb.environment().put("POWERTOOLS_SERVICE_NAME", "oms");
        pb.environment().put("POWERTOOLS_METRICS_NAMESPACE", "OMS");
        long started = System.nanoTime();
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        int exit = p.waitFor();
        double wall = (System.nanoTime() - started) / 1_000_000.0;
        if (exit != 0) throw new IllegalStateException(name + " failed (exit " + exit + "): " + out);
        // the last line is ProcessFigures': "<ms since JVM start> <ms in the work> <CPU ms> <peak RSS KiB>"
        String[] parts = out.substring(out.lastIndexOf('\n') + 1).trim().split("\\s+");
        return new ColdRun(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
                Double.parseDouble(parts[3]), wall);
    }

    /** The functions' {@code JAVA_TOOL_OPTIONS} from the template's {@code Globals}, as Lambda starts the JVM with them. */
    @SuppressWarnings("unchecked")
    static List<String> javaToolOptions(SamTemplate template) {
        Map<String, Object> function = (Map<String, Object>) template.section("Globals").getOrDefault("Function", Map.of());
        Map<String, Object> environment = (Map<String, Object>) function.getOrDefault("Environment", Map.of());
        Map<String, Object> variables = (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
        Object options = variables.get("JAVA_TOOL_OPTIONS");
        if (options == null) throw new IllegalStateException("The template's Globals set no JAVA_TOOL_OPTIONS");
        return List.of(options.toString().trim().split("\\s+"));
    }

    // ---------------------------------------------------------------- requests

    private static APIGatewayV2HTTPEvent createEvent(Caller caller, int lines) {
        return Events.request("POST", "/v1/orders").body(Events.orderBody("cust-" + UUID.randomUUID(), lines)).as(caller).build();
    }

    private static APIGatewayV2HTTPEvent getEvent(Caller caller, String orderId) {
        return Events.request("GET", "/v1/orders/{orderId}").path("orderId", orderId).query("expand", "lines,payments").as(caller).build();
    }

    private static APIGatewayV2HTTPEvent listEvent(Caller caller, int limit) {
        return Events.request("GET", "/v1/orders").query("limit", Integer.toString(limit)).as(caller).build();
    }

    private static APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event, int expected) {
        return check(handler.handleRequest(event, context(event)), expected, event);
    }

    private static LambdaContext context(APIGatewayV2HTTPEvent event) {
        return new LambdaContext(event.getRequestContext().getRequestId(), "benchmark");
    }

    private static APIGatewayV2HTTPResponse check(APIGatewayV2HTTPResponse r, int expected, APIGatewayV2HTTPEvent event) {
        if (r.getStatusCode() != expected) {
            throw new IllegalStateException(event.getRouteKey() + " answered " + r.getStatusCode() + " instead of " + expected + ": " + r.getBody());
        }
        return r;
    }

    /** The new order's id, from the {@code location} header {@code /v1/orders/<id>}. */
    private static String orderId(APIGatewayV2HTTPResponse created) {
        String location = created.getHeaders().get("location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String newTenant() { return "bench-" + UUID.randomUUID().toString().substring(0, 8); }

    static void progress(String message) { System.err.println("[benchmark] " + message); }

    // ---------------------------------------------------------------- report

    private void header() {
        line("# OMS benchmark");
        line("");
        line("- Date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + "), max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        line("- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        line("- CPUs: " + Runtime.getRuntime().availableProcessors() + cpuModel() + String.format(Locale.ROOT, ", load average %.2f before the run", loadBefore));
        if (options.runs("api") || options.runs("jobs")) {
            line("- DynamoDB: DynamoDB Local, in memory, in the benchmark's JVM; table `" + TABLE + "` from `" + options.template() + "`");
            line("- Latencies include DynamoDB Local on the same machine, so they show the code's overhead and trends, not AWS latency.");
        }
        line("");
    }

    private void targets(ColdPairs cold, List<CostRow> costs) {
        Stats sinceStart = Stats.of(cold.function().stream().mapToDouble(ColdRun::sinceJvmStartMs).toArray());
        CostRow get = costs.stream().filter(c -> c.endpoint().startsWith("get ")).findFirst().orElseThrow();
        List<CostRow> commands = costs.stream().filter(CostRow::command).toList();
        // a command's own state changes in one atomic write: its transaction, or (a command that writes one item, such
        // as an edit quote, which changes no order) that item's single write
        boolean oneTx = commands.stream().allMatch(c -> c.transactions() == 1 || (c.transactions() == 0 && c.singleWrites() == 1));
        line("## Targets");
        line("");
        line("| Target | Measured | Result |");
        line("|---|---|---|");
        line("| Cold start under 1 s (JVM start to first response, median) | " + ms(sinceStart.median()) + " ms | " + pass(sinceStart.median() < 1000) + " |");
        line("| Cold start wall time at most 1.10x the floor (medians) | " + ratio(cold.wallRatio()) + " | " + pass(cold.wallRatio() <= 1.10) + " |");
        line("| Cold start CPU time at most 1.20x the floor (medians) | " + ratio(cold.cpuRatio()) + " | " + pass(cold.cpuRatio() <= 1.20) + " |");
        line("| Cold start peak memory (RSS) at most 1.2x the floor (medians) | " + ratio(cold.rssRatio()) + " | " + pass(cold.rssRatio() <= 1.2) + " |");
        line("| One DynamoDB request to read an order with its lines | " + get.requests() + " (" + ops(get) + ") | " + pass(get.requests() == 1) + " |");
        line("| One atomic write per command (its transaction, or its one item) | " + commands.stream().map(c -> shortName(c) + ": " + c.transactions() + otherWrites(c))
                .collect(Collectors.joining(", ")) + " | " + pass(oneTx) + " |");
        line("");
        line("Writes outside the transaction: `UpdateItem` is the tenant's order-number counter (taken before the create's "
                + "transaction); `PutItem` is the Idempotency-Key claim.");
        line("");
    }

    private void coldStartSection(ColdPairs cold) {
        line("## Cold start (`OrdersApiFunction`, first `POST /v1/orders`) against its floor");
        line("");
        line(cold.function().size() + " pairs of fresh JVMs (`java " + String.join(" ", coldJvmOptions) + "`, the template's `JAVA_TOOL_OPTIONS`), "
                + "run alternately: the **floor** (`ColdFloor`: builds an SDK v2 DynamoDB client and does one PutItem and one GetItem on "
                + "the same DynamoDB Local table; class path `" + floorClasspath + "`) and the **function** (constructs the handler and "
                + "answers one create, 201; class path: the function's deployment jar and the benchmark's driver, `" + coldClasspath
                + "`, as on Lambda). Both with Powertools metrics on and Lambda's environment variables; no SnapStart, no CRaC. They run "
                + "after the in-process phases, so DynamoDB Local (in the benchmark's JVM) is already warm.");
        line("");
        line("| Measure (median) | Floor | Function | Ratio |");
        line("|---|---:|---:|---:|");
        pairRow("Process wall clock, ms (start to exit)", cold, ColdRun::wallMs, Benchmark::ms);
        pairRow("Process CPU time, ms (all threads)", cold, ColdRun::cpuMs, Benchmark::ms);
        pairRow("Peak RSS, MiB", cold, ColdRun::peakRssKib, kib -> String.format(Locale.ROOT, "%.1f", kib / 1024));
        pairRow("JVM start to done, ms", cold, ColdRun::sinceJvmStartMs, Benchmark::ms);
        pairRow("Measured work, ms (client + 2 calls / handler + first request)", cold, ColdRun::handlerMs, Benchmark::ms);
        line("");
        line("Runs (wall / CPU ms): floor " + cold.floor().stream().map(r -> ms(r.wallMs()) + "/" + ms(r.cpuMs()))
                .collect(Collectors.joining(", ")) + "; function " + cold.function().stream().map(r -> ms(r.wallMs()) + "/" + ms(r.cpuMs()))
                .collect(Collectors.joining(", ")));
        line("");
    }

    private void pairRow(String name, ColdPairs cold, java.util.function.ToDoubleFunction<ColdRun> f,
                         java.util.function.DoubleFunction<String> format) {
        double floor = ColdPairs.median(cold.floor(), f);
        double function = ColdPairs.median(cold.function(), f);
        line("| " + name + " | " + format.apply(floor) + " | " + format.apply(function) + " | " + ratio(function / floor) + " |");
    }

    private static String ratio(double r) { return String.format(Locale.ROOT, "%.2fx", r); }

    private void latencySection(List<LatencyRow> rows) {
        line("## Warm latency (in-process, `OrderCrudHandler`)");
        line("");
        line("Handler created once, " + options.warmup() + " warm-up rounds of create + get + list, then " + options.requests()
                + " timed `handleRequest` calls per endpoint (System.nanoTime), one fresh tenant, orders of 3 lines.");
        line("");
        line("| Endpoint | Requests | Median ms | p99 ms | Min ms | Max ms |");
        line("|---|---:|---:|---:|---:|---:|");
        for (LatencyRow r : rows) {
            Stats s = r.stats();
            line("| " + r.endpoint() + " | " + s.count() + " | " + ms(s.median()) + " | " + ms(s.p99()) + " | " + ms(s.min()) + " | " + ms(s.max()) + " |");
        }
        line("");
    }

    private void costSection(List<CostRow> rows) {
        line("## DynamoDB cost per endpoint (order of 3 lines)");
        line("");
        line("Counted with `CapacityMeter` (requests, and the consumed capacity DynamoDB Local reports) and the SDK operation names. "
                + "The list reads a tenant with " + COST_LIST_PAGE + " orders of 3 lines.");
        line("");
        line("| Endpoint | DynamoDB requests | Capacity units | Operations |");
        line("|---|---:|---:|---|");
        for (CostRow r : rows) {
            line("| " + r.endpoint() + " | " + r.requests() + " | " + units(r.units()) + " | " + ops(r) + " |");
        }
        line("");
        line("Capacity units are what DynamoDB Local reports (transactional writes count double, as on AWS). A write refused by "
                + "its condition (the replay's claim) is charged by DynamoDB but reports no capacity to the SDK, so it shows 0 here.");
        line("");
    }

    private static String ops(CostRow r) {
        return r.operations().entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
                .collect(Collectors.joining(", "));
    }

    /** Writes a command made besides its transaction, e.g. {@code " (+ UpdateItem)"}. */
    private static String otherWrites(CostRow r) {
        String others = r.operations().entrySet().stream()
                .filter(e -> WRITES.contains(e.getKey()) && !e.getKey().equals("TransactWriteItems"))
                .map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
                .collect(Collectors.joining(", "));
        return others.isEmpty() ? "" : " (+ " + others + ")";
    }

    private static String shortName(CostRow r) {
        int tick = r.endpoint().indexOf(" `");
        return tick > 0 && !r.endpoint().startsWith("create with") ? r.endpoint().substring(0, tick) : r.endpoint().replace("`", "");
    }

    private static String cpuModel() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of("/proc/cpuinfo")), StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> " (" + l.substring(l.indexOf(':') + 1).trim() + ")").orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String pass(boolean ok) { return ok ? "PASS" : "**FAIL**"; }

    private static String ms(double v) { return String.format(Locale.ROOT, "%.1f", v); }

    private static String units(double v) { return String.format(Locale.ROOT, "%.1f", v); }

    private void line(String s) { md.append(s).append('\n'); }

    // ---------------------------------------------------------------- options

    record Options(Path template, int coldRuns, int requests, int warmup, Path out, String only, List<Integer> jobImports,
                   List<Integer> jobExports, int labels, int searchOrders) {
        /** Whether a part (api, jobs, labels, search) is in this run. */
        boolean runs(String part) { return only.equals("all") || only.equals(part); }

        static Options parse(String[] args) throws Exception {
            Path template = Path.of("template.yaml");
            int coldRuns = 9;
            int requests = 1000;
            int warmup = 300;
            Path out = defaultOut();
            String only = "all";
            List<Integer> jobImports = List.of(10_000, 20_000);
            List<Integer> jobExports = List.of(10_000, 50_000);
            int labels = 2000;
            int searchOrders = 100_000;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--template" -> template = Path.of(required(args[i], value));
                    case "--cold-runs" -> coldRuns = Math.max(1, Integer.parseInt(required(args[i], value)));
                    case "--requests" -> requests = Math.max(1, Integer.parseInt(required(args[i], value)));
                    case "--warmup" -> warmup = Math.max(0, Integer.parseInt(required(args[i], value)));
                    case "--out" -> out = Path.of(required(args[i], value));
                    case "--only" -> only = required(args[i], value);
                    case "--jobs-import" -> jobImports = sizes(required(args[i], value));
                    case "--jobs-export" -> jobExports = sizes(required(args[i], value));
                    case "--labels" -> labels = Math.max(1, Integer.parseInt(required(args[i], value)));
                    case "--search-orders" -> searchOrders = Math.max(1000, Integer.parseInt(required(args[i], value)));
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; use --template, --cold-runs, --requests, --warmup, --out, --only, --jobs-import, --jobs-export, --labels, --search-orders");
                }
                i++;
            }
            if (!Files.isRegularFile(template)) throw new IllegalArgumentException("No template at " + template.toAbsolutePath());
            if (!List.of("all", "api", "jobs", "labels", "search").contains(only)) throw new IllegalArgumentException("--only takes all, api, jobs, labels or search");
            return new Options(template, coldRuns, requests, warmup, out, only, jobImports, jobExports, labels, searchOrders);
        }

        /** {@code 10000,20000}. */
        private static List<Integer> sizes(String value) {
            return java.util.Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
        }

        private static String required(String option, String value) {
            if (value == null) throw new IllegalArgumentException(option + " needs a value");
            return value;
        }

        /** {@code benchmark.md} in the directory of this jar ({@code target/}), or of {@code target/classes}. */
        private static Path defaultOut() throws Exception {
            Path code = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().resolve("benchmark.md");
        }
    }
}
