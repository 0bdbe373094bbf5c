package dev.oms.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.auth.BearerAuthentication;
import dev.oms.platform.auth.SudoTokens;
import dev.oms.platform.json.Json;
import java.util.Map;
import java.util.Set;

/**
 * The request-path rules of the admin API (docs/admin-api.md), checked by {@link ApiHandler} after authentication and
 * the permission check: {@code /v1/admin/**} serves staff and services only (kind {@code agent} or {@code service});
 * a {@link Route#sudo() sudo route} needs a live sudo token of the caller's session in {@code X-Admin-Auth-Sudo}
 * (before the body is read); a {@link Route#reason() reason route} needs a body {@code reason} of 3 to 500
 * characters, trimmed, which the request's command then carries to the audit.
 */
final class AdminSurface {
    static final String PREFIX = "/v1/admin/";
    static final int MIN_REASON = 3;
    static final int MAX_REASON = 500;
    private static final Set<String> ADMIN_KINDS = Set.of("agent", "service");

    private AdminSurface() { }

    static boolean isAdminPath(String routePath) { return routePath.startsWith(PREFIX); }

    static void check(Route route, ApiRequest request) {
        if (route.permission() == null) return;
        if (isAdminPath(route.path()) && !ADMIN_KINDS.contains(request.caller().kind())) {
            throw ApiProblem.forbidden("The admin API serves staff and services; customers use /v1/customer");
        }
        if (route.sudoRequired()) checkSudo(request);
    }

    private static void checkSudo(ApiRequest request) {
        try {
            SudoTokens.shared().verify(request.header(SudoTokens.HEADER_NAME), request.caller(),
                    BearerAuthentication.bearerToken(request.header("authorization")));
        } catch (SudoTokens.Refused e) {
            throw new ApiProblem(403, "auth.sudo_required", "This action needs a step-up: " + e.getMessage(),
                    "POST /v1/admin/sudo with a fresh sign-in token (reauth_token), then send the sudo_token it answers in "
                            + SudoTokens.HEADER_NAME + " (valid 5 minutes, for this bearer token only).");
        }
    }

    static void checkReason(Route route, ApiRequest request) {
        if (!route.reasonRequired()) return;
        JsonNode reason = null;
        if (request.body() != null && !request.body().isBlank()) {
            try {
                JsonNode body = Json.parse(request.body());
                reason = body.isObject() ? body.get("reason") : null;
            } catch (Exception malformed) {
                return; // the contract check answers malformed JSON
            }
        }
        String text = reason != null && reason.isTextual() ? reason.asText().trim() : null;
        if (text == null || text.length() < MIN_REASON || text.length() > MAX_REASON) {
            throw new ApiProblem(400, "validation.reason_required", "This action needs a reason of " + MIN_REASON + " to " + MAX_REASON + " characters",
                    "Say why in the body field reason; it goes to the audit.", Map.of(),
                    java.util.List.of(new dev.oms.domain.DomainException.FieldError("reason", "validation.reason_required", "reason must have " + MIN_REASON + " to " + MAX_REASON + " characters")));
        }
        request.requireReason(text);
    }
}
