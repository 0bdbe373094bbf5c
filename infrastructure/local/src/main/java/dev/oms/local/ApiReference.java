package dev.oms.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The API contract as the local runtime serves it: {@code GET /openapi.json} (the bundled OpenAPI document the
 * build made from functions/contract) and {@code GET /docs}, a browsable reference (Swagger UI from its webjar).
 */
final class ApiReference {
    static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.35.0/";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "html", "text/html; charset=utf-8", "json", "application/json");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>OMS API reference</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
                  docExpansion: 'none', defaultModelsExpandDepth: 0, displayOperationId: true });
              </script>
            </body>
            </html>
            """;

    private ApiReference() { }

    static void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                send(ex, 405, "application/problem+json", problem(405, "route.method_not_allowed", "Only GET is served here"));
                return;
            }
            if (path.equals("/openapi.json")) {
                byte[] spec = resource("openapi/openapi.json");
                if (spec == null) send(ex, 404, "application/problem+json", problem(404, "route.not_found", "The contract was not built"));
                else send(ex, 200, "application/json", spec);
            } else if (path.equals("/docs") || path.equals("/docs/") || path.equals("/docs/index.html")) {
                send(ex, 200, TYPES.get("html"), PAGE.getBytes(StandardCharsets.UTF_8));
            } else {
                String file = path.substring("/docs/".length());
                byte[] asset = file.contains("..") || file.contains("/") ? null : resource(SWAGGER_UI + file);
                String ext = file.substring(file.lastIndexOf('.') + 1);
                if (asset == null) send(ex, 404, "application/problem+json", problem(404, "route.not_found", "No such file " + path));
                else send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), asset);
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ApiReference.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static byte[] problem(int status, String code, String detail) {
        return ("{\"type\":\"https://docs.oms.dev/problems/" + code.replace('.', '-') + "\",\"title\":\"" + (status == 404 ? "Not Found" : "Method Not Allowed")
                + "\",\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("content-type", type);
        ex.getResponseHeaders().set("cache-control", "no-cache");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }
}
