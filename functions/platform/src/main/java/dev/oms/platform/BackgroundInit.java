package dev.oms.platform;

import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.util.List;
import java.util.Map;

/**
 * Cold-start work that does not need the AWS clients, run on a second thread while the composition root builds
 * them: starting Log4j with Powertools logging, and loading Jackson. Both are CPU-bound class loading of about the
 * same length as building the DynamoDB client, so on a machine with two cores they overlap instead of adding up.
 * Nothing waits for this thread: whatever it has not finished, the request path does on its own (class
 * initialisation is thread-safe, and a Log4j context that is still starting serves loggers that pick up the
 * configuration when it is ready).
 */
final class BackgroundInit {
    private static volatile boolean started;

    private BackgroundInit() { }

    static void start() {
        if (started) return;
        started = true;
        Thread t = new Thread(BackgroundInit::run, "oms-background-init");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            Observability.warmUp();
            Json.write(Json.parse("{\"warm\":[1,2.5,\"up\",true,null]}"));
            Json.valueToTree(Map.of("warm", List.of("up", 1L)));
        } catch (Exception | LinkageError e) {
            // not fatal here: the request path does the same work and reports what fails there
        }
    }
}
