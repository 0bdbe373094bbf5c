package dev.oms.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One edge port for every AWS service the runtime plays, as LocalStack users expect ({@code AWS_ENDPOINT_URL=
 * http://127.0.0.1:4566} for the AWS CLI and every SDK). A request goes to the service its SigV4 signature names (the
 * credential scope of the {@code Authorization} header, or of {@code X-Amz-Credential} in a presigned URL), else to
 * the one its {@code X-Amz-Target} names, else to S3 (unsigned path-style requests). It is forwarded as it came, its
 * {@code Host} header included (s3proxy checks SigV4 signatures, which cover it), and answered as the service answered. Port 4566 by default
 * ({@code LOCAL_EDGE_PORT}; a free one when the runtime runs in memory or 4566 is taken).
 */
final class LocalEdge implements AutoCloseable {
    static final int DEFAULT_PORT = 4566;
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/]+/([a-z0-9-]+)/aws4_request");
    private static final Pattern QUERY_SCOPE = Pattern.compile("[^/&]+/\\d{8}/[^/]+/([a-z0-9-]+)/aws4_request");
    /** The JSON protocols' X-Amz-Target prefixes and the signing name of their service. */
    private static final Map<String, String> TARGETS = Map.of("DynamoDB_20120810", "dynamodb", "DynamoDBStreams_20120810", "dynamodb",
            "AmazonSQS", "sqs", "AWSEvents", "events", "AWSStepFunctions", "states");
    /** Headers the edge's server writes itself in an answer. */
    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, String> services;

    private LocalEdge(HttpServer server, Map<String, String> services) {
        this.server = server;
        this.services = services;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Listens on {@code port} (a free port when it is 0 or taken); {@code services}: signing name to endpoint. */
    static LocalEdge start(int port, Map<String, String> services) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (BindException taken) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        }
        return new LocalEdge(server, Map.copyOf(services));
    }

    String endpoint() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    /** The signing name of the service a request is for: its signature's scope, else its target, else {@code s3}. */
    static String service(Headers headers, String rawQuery) {
        String auth = headers.getFirst("Authorization");
        if (auth != null) {
            Matcher m = SCOPE.matcher(auth);
            if (m.find()) return m.group(1);
        }
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (!pair.regionMatches(true, 0, "X-Amz-Credential=", 0, 17)) continue;
                Matcher m = QUERY_SCOPE.matcher(URLDecoder.decode(pair.substring(17), StandardCharsets.UTF_8));
                if (m.find()) return m.group(1);
            }
        }
        String target = headers.getFirst("X-Amz-Target");
        if (target != null && target.indexOf('.') > 0) {
            String service = TARGETS.get(target.substring(0, target.indexOf('.')));
            if (service != null) return service;
        }
        return "s3";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String service = service(exchange.getRequestHeaders(), exchange.getRequestURI().getRawQuery());
            String target = services.get(service);
            if (target == null) {
                answer(exchange, 501, "{\"__type\":\"NotImplemented\",\"message\":\"The local runtime does not play " + service + "\"}");
                return;
            }
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Forwarded response;
            try {
                response = forward(URI.create(target), exchange.getRequestMethod(), pathAndQuery, exchange.getRequestHeaders(), body);
            } catch (IOException | RuntimeException e) { // no answer, or not HTTP
                answer(exchange, 502, "{\"message\":\"" + service + " did not answer\"}");
                return;
            }
            Headers out = exchange.getResponseHeaders();
            response.headers().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT))) out.put(name, values);
            });
            boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
            int status = response.status();
            if (head || status == 204 || status == 304 || response.body().length == 0) {
                // a HEAD answers its object's length without the object
                if (head && response.contentLength() != null) out.set("Content-Length", response.contentLength());
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, response.body().length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(response.body());
            }
        }
    }

    private record Forwarded(int status, Map<String, List<String>> headers, String contentLength, byte[] body) { }

    /**
     * The request over a plain HTTP/1.1 connection with its own {@code Host} header (a signature covers it: s3proxy
     * checks SigV4, and the JDK's clients refuse to set {@code Host}), {@code Connection: close}; the answer read whole.
     */
    private static Forwarded forward(URI target, String method, String pathAndQuery, Headers headers, byte[] body) throws IOException {
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
            headers.forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("content-length") || lower.equals("transfer-encoding") || lower.equals("connection") || lower.equals("expect")) return;
                for (String v : values) head.append(name).append(": ").append(v).append("\r\n");
            });
            if (body.length > 0 || !method.equals("GET") && !method.equals("HEAD")) head.append("Content-Length: ").append(body.length).append("\r\n");
            head.append("Connection: close\r\n\r\n");
            OutputStream o = socket.getOutputStream();
            o.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            o.write(body);
            o.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, List<String>> out = new LinkedHashMap<>();
            String contentLength = null;
            boolean chunked = false;
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                String name = l.substring(0, colon).trim(), value = l.substring(colon + 1).trim();
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                if (name.equalsIgnoreCase("content-length")) contentLength = value;
                if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) chunked = true;
            }
            byte[] bytes;
            if (method.equals("HEAD") || status == 204 || status == 304) bytes = new byte[0];
            else if (chunked) bytes = dechunk(in);
            else if (contentLength != null) bytes = in.readNBytes(Integer.parseInt(contentLength));
            else bytes = in.readAllBytes();
            return new Forwarded(status, out, contentLength, bytes);
        }
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            out.write(in.readNBytes(size));
            line(in); // the chunk's CRLF
        }
        while (!line(in).isEmpty()) { } // trailers
        return out.toByteArray();
    }

    /** One header line without its CRLF (ISO-8859-1). */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) if (c != '\r') b.write(c);
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
