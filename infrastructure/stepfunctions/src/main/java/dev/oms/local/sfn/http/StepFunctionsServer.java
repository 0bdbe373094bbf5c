package dev.oms.local.sfn.http;

import com.sun.net.httpserver.HttpServer;
import dev.oms.local.sfn.StepFunctionsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server that serves only the Step Functions API:
 * <pre>
 * try (StepFunctionsServer server = StepFunctionsServer.start(0, service)) {   // 0 = a free port
 *     SfnClient.builder().endpointOverride(server.endpoint())...
 * }
 * </pre>
 * Closing the server does not close the service.
 */
public final class StepFunctionsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private StepFunctionsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on 127.0.0.1:{@code port}; port 0 picks a free one. */
    public static StepFunctionsServer start(int port, StepFunctionsService service) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), service);
    }

    public static StepFunctionsServer start(InetSocketAddress address, StepFunctionsService service) {
        try {
            HttpServer server = HttpServer.create(address, 0);
            StepFunctionsHttpApi.mount(server, "/", service);
            AtomicInteger count = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "sfn-http-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.start();
            return new StepFunctionsServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Step Functions server on " + address, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URI to give SfnClient's endpointOverride or the AWS CLI's --endpoint-url. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
