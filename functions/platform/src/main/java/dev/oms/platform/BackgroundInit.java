package dev.oms.platform;

import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.util.List;
import java.util.Map;

/**
 * Cold-start work split over two threads: Log4j (with Powertools logging) starts on a second thread while the
 * calling thread loads Jackson, before it builds the AWS clients. Log4j and Jackson are CPU-bound class loading of
 * a few hundred milliseconds each; the AWS SDK asks for its loggers as soon as a client is built, and would wait for
 * Log4j's context, so the calling thread does the work that needs no logger first. Nothing waits for the second
 * thread: whatever it has not finished, the request path does on its own (class initialisation is thread-safe, and a
 * Log4j context that is still starting serves loggers that pick up the configuration when it is ready).
 */
final class BackgroundInit {
    private static volatile boolean started;

    private BackgroundInit() { }

    static void start() {
        if (started) return;
        started = true;
        Thread t = new Thread(BackgroundInit::startLogging, "oms-background-init");
        t.setDaemon(true);
        t.start();
        warmJson();
    }

    private static void startLogging() {
        try {
            Observability.warmUp();
        } catch (RuntimeException | LinkageError e) {
            // not fatal here: the request path does the same work and reports what fails there
        }
    }

    private static void warmJson() {
        try {
            Json.write(Json.parse("{\"warm\":[1,2.5,\"up\",true,null]}"));
            Json.valueToTree(Map.of("warm", List.of("up", 1L)));
        } catch (Exception e) {
            // not fatal here: the request path does the same work and reports what fails there
        }
    }
}
