package dev.oms.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.platform.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment jars, as {@code sam deploy} uploads them (each function's {@code CodeUri}): their size budget, what
 * they must not carry, and that each API function answers from its jar alone in a fresh JVM (the jars are minimized
 * by the build, so a class that only reflection reaches would be missing there and nowhere else).
 */
class DeploymentJarsIT {
    /**
     * Every API function's jar: at most 12 MB, counted in decimal (12,000,000 bytes, below 12 MiB; docs/benchmarks.md,
     * "Deployment jars"). None carries stripe-java
     * (PaymentsFunction, StripeClassesIT), PDFBox (DocumentsFunction), the SFTP adapter's SSH library
     * (FulfillmentProvidersFunction) or the S3, SES, SNS or Step Functions clients (signed requests; only the webhook
     * queue's batch sends keep the SQS client).
     */
    static final long BUDGET = 12_000_000L;
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    static SamTemplate template;

    @BeforeAll
    static void start() throws IOException {
        TestSystem.runtime(); // the runtime's DynamoDB Local, SQS and S3 serve the jars' requests
        TestSystem.runtime().search().awaitReady(); // and its OpenSearch node the search jar's
        try (Reader r = Files.newBufferedReader(ROOT.resolve("template.yaml"))) {
            template = SamTemplate.read(r);
        }
    }

    /** CodeUri of every function with HTTP routes, and the contract operations API Gateway sends it (and the fallback). */
    static Map<String, List<SamTemplate.HttpRoute>> apiJars() {
        Map<String, String> codeUri = new LinkedHashMap<>();
        template.functions().forEach(f -> codeUri.put(f.logicalId(), String.valueOf(f.properties().get("CodeUri"))));
        Map<String, List<SamTemplate.HttpRoute>> out = new TreeMap<>();
        List<SamTemplate.HttpRoute> routes = new ArrayList<>(template.routed(ContractIT.contractRoutes()));
        template.httpRoutes().stream().filter(r -> r.path().equals("$default")).forEach(routes::add);
        for (SamTemplate.HttpRoute r : routes) out.computeIfAbsent(codeUri.get(r.function()), k -> new ArrayList<>()).add(r);
        return out;
    }

    @Test
    void everyApiFunctionsJarIsWithinItsBudget() throws IOException {
        for (String jar : apiJars().keySet()) {
            long size = Files.size(ROOT.resolve(jar));
            assertThat(size).as("%s: %d bytes", jar, size).isLessThanOrEqualTo(BUDGET);
        }
        assertThat(apiJars()).as("every API group is measured")
                .containsKeys("functions/orders-api/target/oms-orders-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/cancellations-api/target/oms-cancellations-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/webhooks-api/target/oms-webhooks-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/customer-api/target/oms-customer-api-0.1.0-SNAPSHOT-lambda.jar",

                        "functions/customer-care-api/target/oms-customer-care-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/merchant-api/target/oms-merchant-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/simple-orders-api/target/oms-simple-orders-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/admin-api/target/oms-admin-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/admin-ops-api/target/oms-admin-ops-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/admin-money-api/target/oms-admin-money-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/warehouse-shipping-api/target/oms-warehouse-shipping-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/warehouse-ops-api/target/oms-warehouse-ops-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/warehouse-api/target/oms-warehouse-api-0.1.0-SNAPSHOT-lambda.jar",
                        "functions/warehouse-connectors-api/target/oms-warehouse-connectors-api-0.1.0-SNAPSHOT-lambda.jar");
    }

    @Test
    void theOrdersJarCarriesOnlyWhatItsRoutesUse() throws IOException {
        try (ZipFile zip = new ZipFile(ROOT.resolve("functions/orders-api/target/oms-orders-api-0.1.0-SNAPSHOT-lambda.jar").toFile())) {
            List<String> names = zip.stream().map(e -> e.getName()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("software/amazon/awssdk/services/dynamodb/"));
            for (String absent : List.of("org/apache/pdfbox/", "org/apache/fontbox/", "software/amazon/awssdk/services/s3/",
                    "software/amazon/awssdk/services/sfn/", "software/amazon/awssdk/services/sqs/", "software/amazon/awssdk/services/sns/",
                    "software/amazon/awssdk/services/eventbridge/", "org/apache/logging/log4j/", "dev/oms/platform/documents/",
                    "dev/oms/platform/storage/", "dev/oms/platform/messaging/", "org/joda/", "com/stripe/")) {
                assertThat(names).as("orders-api jar holds nothing under %s", absent).noneMatch(n -> n.startsWith(absent));
            }
        }
    }

    @Test
    void noApiJarCarriesAVendorSdkPdfBoxOrAnAwsClientItCanSignItself() throws IOException {
        for (String jar : apiJars().keySet()) {
            try (ZipFile zip = new ZipFile(ROOT.resolve(jar).toFile())) {
                List<String> names = zip.stream().map(e -> e.getName()).toList();
                // documents and job files: SignedS3; notifications: SnsPublish; saga callbacks and job messages: AWS JSON
                // calls; SES: a REST call; payments: PaymentsFunction; PDFs and label images: DocumentsFunction; SFTP and
                // signed-HTTP fulfilment connectors: FulfillmentProvidersFunction
                for (String absent : List.of("com/stripe/", "org/apache/pdfbox/", "org/apache/fontbox/", "org/apache/sshd/", "software/amazon/awssdk/services/s3/", "software/amazon/awssdk/services/sns/",
                        "software/amazon/awssdk/services/sfn/", "software/amazon/awssdk/services/sesv2/", "software/amazon/awssdk/services/ssm/",
                        "software/amazon/awssdk/services/secretsmanager/", "software/amazon/awssdk/services/lambda/")) {
                    assertThat(names).as("%s holds nothing under %s", jar, absent).noneMatch(n -> n.startsWith(absent));
                }
            }
        }
    }

    @Test
    void theCustomerJarPresignsLinksButCarriesNoS3ClientAndRendersNothing() throws IOException {
        try (ZipFile zip = new ZipFile(ROOT.resolve("functions/customer-api/target/oms-customer-api-0.1.0-SNAPSHOT-lambda.jar").toFile())) {
            List<String> names = zip.stream().map(e -> e.getName()).toList();
            // links are presigned with the SigV4 signer every client carries (SignedS3), not the 3.8 MiB S3 module
            assertThat(names).contains("dev/oms/platform/aws/SignedS3.class", "software/amazon/awssdk/http/auth/aws/signer/AwsV4HttpSigner.class");
            for (String absent : List.of("org/apache/pdfbox/", "org/apache/fontbox/", "dev/oms/platform/documents/", "dev/oms/platform/billing/",
                    "software/amazon/awssdk/services/s3/", "software/amazon/awssdk/services/sns/", "software/amazon/awssdk/services/sqs/", "org/joda/")) {
                assertThat(names).as("customer-api jar holds nothing under %s", absent).noneMatch(n -> n.startsWith(absent));
            }
        }
    }

    @Test
    void everyApiFunctionAnswersFromItsDeploymentJarAlone() throws Exception {
        for (var jar : apiJars().entrySet()) {
            Map<String, String> handlers = new LinkedHashMap<>();
            template.functions().forEach(f -> handlers.put(f.logicalId(), f.handler().replace("::handleRequest", "")));
            StringBuilder cases = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (SamTemplate.HttpRoute r : jar.getValue()) {
                boolean fallback = "$default".equals(r.path());
                String method = fallback ? "GET" : r.method();
                String path = fallback ? "/v1/no-such-route" : r.path();
                String raw = path.replaceAll("\\{[^/}]+}", "smoke-missing");
                String body = method.equals("GET") || method.equals("DELETE") ? "-" : "{}";
                if (method.equals("POST") && path.equals("/v1/orders")) {
                    body = "{\"customer_id\":\"cust-jar\",\"currency\":\"GBP\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,"
                            + "\"unit_price\":{\"amount\":1250,\"currency\":\"GBP\"}}]}";
                }
                cases.append(handlers.get(r.function())).append('\t').append(method).append('\t').append(path).append('\t')
                        .append(raw).append('\t').append(body).append('\n');
                expected.add(method + " " + path);
            }
            Run run = runJar(jar.getKey(), cases.toString());
            assertThat(run.stderr()).as("%s: class loading", jar.getKey()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
            assertThat(run.exit()).as("%s exited: %s", jar.getKey(), run.stderr()).isZero();
            Map<String, Integer> statuses = new LinkedHashMap<>();
            for (String line : run.stdout().split("\n")) {
                if (line.matches("^\\d{3} .*")) statuses.put(line.substring(4), Integer.parseInt(line.substring(0, 3)));
            }
            assertThat(statuses.keySet()).as(jar.getKey()).containsExactlyInAnyOrderElementsOf(expected);
            statuses.forEach((route, status) -> assertThat(status).as("%s %s: %s", jar.getKey(), route, run.stderr()).isLessThan(500));
            if (statuses.containsKey("POST /v1/orders")) assertThat(statuses.get("POST /v1/orders")).as(run.stderr()).isEqualTo(201);
        }
    }

    /**
     * The cold start stays off what made it slow (docs/benchmarks.md): answering a create from the orders jar in a
     * fresh JVM loads no Jackson ObjectMapper, nothing of the EMF library and nothing of the DynamoDB Enhanced client.
     */
    @Test
    void aCreateFromTheOrdersJarLoadsNoObjectMapperEmfLibraryOrEnhancedClient() throws Exception {
        Path log = Files.createTempFile("orders-classes", ".log");
        String handler = template.functions().stream().filter(f -> f.logicalId().equals("OrdersApiFunction")).findFirst().orElseThrow()
                .handler().replace("::handleRequest", "");
        String body = "{\"customer_id\":\"cust-jar\",\"currency\":\"GBP\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1,"
                + "\"unit_price\":{\"amount\":100,\"currency\":\"GBP\"}}]}";
        Run run = runJar("functions/orders-api/target/oms-orders-api-0.1.0-SNAPSHOT-lambda.jar",
                handler + "\tPOST\t/v1/orders\t/v1/orders\t" + body + "\n", "-Xlog:class+load:file=" + log);
        assertThat(run.stdout()).as(run.stderr()).contains("201 POST /v1/orders");
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("classes loaded").hasSizeGreaterThan(1000);
        for (String absent : List.of(" com.fasterxml.jackson.databind.ObjectMapper ", " software.amazon.cloudwatchlogs.emf.",
                " software.amazon.awssdk.enhanced.")) {
            assertThat(loaded).as("a create loads nothing like %s", absent).noneMatch(l -> l.contains(absent));
        }
    }

    record Run(int exit, String stdout, String stderr) { }

    /** A fresh JVM: the jar, this module's test classes (for {@link JarSmoke}), the runtime's settings, metrics on. */
    static Run runJar(String jar, String cases, String... jvmOptions) throws Exception {
        Path caseFile = Files.createTempFile("jar-smoke", ".tsv");
        Files.writeString(caseFile, cases);
        Path testClasses = Path.of(JarSmoke.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.matches("[A-Z][A-Z0-9_]*") || key.startsWith("aws.")) command.add("-D" + key + "=" + v);
        });
        command.add("-DOMS_METRICS=on");
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(ROOT.resolve(jar) + java.io.File.pathSeparator + testClasses);
        command.add(JarSmoke.class.getName());
        command.add(caseFile.toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", "jar-smoke");
        Process p = pb.start();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try (InputStream in = p.getErrorStream()) {
                err.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete(e.toString());
            }
        });
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(180, TimeUnit.SECONDS)) p.destroyForcibly();
        return new Run(p.exitValue(), out, err.get(30, TimeUnit.SECONDS));
    }
}
