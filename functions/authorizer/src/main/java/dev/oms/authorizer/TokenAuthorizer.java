package dev.oms.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import dev.oms.platform.auth.TokenService;
import dev.oms.platform.http.AuthorizerContext;
import dev.oms.platform.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP API Lambda authorizer (simple responses, payload 2.0). A valid bearer token becomes the caller context
 * (tenant, subject, kind, roles, customer id, impersonator). A missing or bad token is still let through with an
 * {@code auth_error} in the context: every handler refuses it with a problem+json 401 before doing anything, which
 * API Gateway alone cannot answer. Public routes (health) can therefore also see who calls them.
 */
public final class TokenAuthorizer implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private final TokenService tokens;

    public TokenAuthorizer() { this(TokenService.fromEnvironment()); }

    public TokenAuthorizer(TokenService tokens) { this.tokens = tokens; }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        Observability.start(context);
        Map<String, Object> ctx;
        String header = authorization(event.getHeaders());
        if (header == null) {
            ctx = AuthorizerContext.error("Missing bearer token");
        } else if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx = AuthorizerContext.error("The Authorization header must be 'Bearer <token>'");
        } else {
            try {
                ctx = AuthorizerContext.of(tokens.verify(header.substring(7).trim()));
            } catch (TokenService.InvalidToken e) {
                ctx = AuthorizerContext.error("Invalid token: " + e.getMessage());
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("isAuthorized", true);
        response.put("context", ctx);
        return response;
    }

    private static String authorization(Map<String, String> headers) {
        if (headers == null) return null;
        for (var e : headers.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals("authorization")) return e.getValue();
        }
        return null;
    }
}
