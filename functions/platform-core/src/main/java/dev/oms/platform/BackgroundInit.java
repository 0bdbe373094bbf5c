package dev.oms.platform;

import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.util.List;
import java.util.Map;

/**
 * Cold-start work split over two threads: Powertools metrics (the EMF library) load on a second thread while the
 * calling thread loads Jackson, before it builds the AWS clients. Both are CPU-bound class loading. Nothing waits for
 * the second thread: whatever it has not finished, the request path does on its own (class initialisation is
 * thread-safe).
 */
public final class BackgroundInit {
    private static volatile boolean started;

    private BackgroundInit() { }

    public static void start() {
        if (started) return;
        started = true;
        Thread t = new Thread(BackgroundInit::startMetrics, "oms-background-init");
        t.setDaemon(true);
        t.start();
        warmJson();
    }

    private static void startMetrics() {
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
