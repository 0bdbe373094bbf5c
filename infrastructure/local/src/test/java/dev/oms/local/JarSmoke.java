package dev.oms.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.oms.app.security.Caller;
import dev.oms.platform.auth.TokenService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Run by {@link DeploymentJarsIT} in a fresh JVM whose class path is one function's deployment jar (and this class):
 * builds each named handler as the Lambda runtime does (by name, no-argument constructor) and sends it one API Gateway
 * event. Reads cases from the file named by its argument, one per line: {@code handler<TAB>method<TAB>route<TAB>raw
 * path<TAB>body or -}; prints {@code <status> <route>} per case. Needs nothing but the jar: it proves the jar holds
 * what its functions load.
 */
public final class JarSmoke {
    private JarSmoke() { }

    public static void main(String[] args) throws Exception {
        String token = TokenService.fromEnvironment().mint(new Caller("jar-smoke", "smoke-admin", "agent", Set.of("admin"), null, null), 600);
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            String[] c = line.split("\t", -1);
            @SuppressWarnings("unchecked")
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                    (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(c[0]).getDeclaredConstructor().newInstance();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("authorization", "Bearer " + token);
            headers.put("accept", "application/json");
            String body = "-".equals(c[4]) ? null : c[4];
            if (body != null) headers.put("content-type", "application/json");
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0").withRouteKey(c[1] + " " + c[2]).withRawPath(c[3]).withRawQueryString("")
                    .withPathParameters(pathParameters(c[2], c[3])).withHeaders(headers).withBody(body).withIsBase64Encoded(false)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(c[1] + " " + c[2])
                            .withRequestId(UUID.randomUUID().toString()).withStage("$default").withTimeEpoch(System.currentTimeMillis())
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(c[1]).withPath(c[3])
                                    .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent("jar-smoke").build())
                            .build())
                    .build();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, new SmokeContext());
            System.out.println(response.getStatusCode() + " " + c[1] + " " + c[2]);
            if (response.getStatusCode() >= 500) System.err.println(response.getBody());
        }
    }

    private static Map<String, String> pathParameters(String route, String rawPath) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] r = route.split("/");
        String[] p = rawPath.split("/");
        for (int i = 0; i < r.length && i < p.length; i++) {
            if (r[i].startsWith("{") && r[i].endsWith("}")) out.put(r[i].substring(1, r[i].length() - 1).replace("+", ""), p[i]);
        }
        return out.isEmpty() ? null : out;
    }

    private static final class SmokeContext implements Context {
        @Override public String getAwsRequestId() { return UUID.randomUUID().toString(); }
        @Override public String getLogGroupName() { return "/aws/lambda/jar-smoke"; }
        @Override public String getLogStreamName() { return "jar-smoke"; }
        @Override public String getFunctionName() { return "jar-smoke"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:jar-smoke"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 29_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.println(message); }
                @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
