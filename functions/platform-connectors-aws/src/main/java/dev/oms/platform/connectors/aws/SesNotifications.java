package dev.oms.platform.connectors.aws;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.NotificationSender;
import dev.oms.platform.observability.ConnectorCallContext;
import dev.oms.app.connector.registry.NotificationSuppressions;
import dev.oms.platform.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.aws.AwsJsonRequests;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Emails through Amazon SES v2 from the tenant's own sender identity ({@code from_address}, verified in SES), either
 * as the OMS wrote them or through SES stored templates per locale ({@code {template_prefix}{template}_{locale}}, the
 * notification's {@code locale} attribute or {@code default_locale}); every email is tagged {@code oms_tenant} so
 * SES's bounce and complaint feedback finds the tenant, and addresses that bounced hard or complained are not written
 * to again. Text messages go through SNS ({@link SnsSms}).
 *
 * <p>{@code SendEmail} is one signed REST-JSON call ({@link AwsJsonRequests#rest}; the SES v2 SDK module is 5 MiB of a
 * jar, and the functions that notify answer API requests); its endpoint is found as the SDK finds it
 * ({@code AWS_ENDPOINT_URL_SESV2}, {@code AWS_ENDPOINT_URL}).
 */
public final class SesNotifications implements NotificationSender {
    /** Sends one {@code SendEmail} request body and answers SES's answer (its {@code MessageId}). */
    private final UnaryOperator<ObjectNode> ses;
    private final SnsSms sms;
    private final NotificationSuppressions suppressions;
    private final String from;
    private final String configurationSet;
    private final String templatePrefix;
    private final String defaultLocale;

    /** SES itself: {@code POST /v2/email/outbound-emails}, signed with the function's credentials. */
    public static ObjectNode sendEmail(ObjectNode request) {
        var answer = AwsJsonRequests.rest(AwsJsonRequests.SES, "/v2/email/outbound-emails", Map.of(),
                dev.oms.platform.json.Json.write(request).getBytes(StandardCharsets.UTF_8));
        return (ObjectNode) answer.json();
    }

    public SesNotifications(UnaryOperator<ObjectNode> ses, SnsSms sms, NotificationSuppressions suppressions, String from,
                            String configurationSet, String templatePrefix, String defaultLocale) {
        this.ses = ses;
        this.sms = sms;
        this.suppressions = suppressions;
        this.from = from;
        this.configurationSet = configurationSet;
        this.templatePrefix = templatePrefix;
        this.defaultLocale = defaultLocale;
    }

    @Override
    public void send(String tenantId, Notification n) {
        if ("sms".equals(n.channel())) {
            sms.send(tenantId, n);
            return;
        }
        if (suppressions.suppressed(tenantId, n.recipient())) {
            ConnectorCallContext.vendorRequestId("suppressed"); // bounced or complained before: not sent
            return;
        }
        ObjectNode req = Json.object().put("FromEmailAddress", from);
        req.putObject("Destination").putArray("ToAddresses").add(n.recipient());
        var tags = req.putArray("EmailTags");
        tags.addObject().put("Name", "oms_tenant").put("Value", tag(tenantId));
        tags.addObject().put("Name", "oms_template").put("Value", tag(n.template()));
        ObjectNode content = req.putObject("Content");
        if (templatePrefix != null) {
            String locale = n.attributes().getOrDefault("locale", defaultLocale).toLowerCase(Locale.ROOT).replace('-', '_');
            var data = Json.object();
            n.attributes().forEach(data::put);
            data.put("subject", n.subject());
            data.put("body", n.body());
            content.putObject("Template").put("TemplateName", templatePrefix + tag(n.template()) + "_" + locale).put("TemplateData", Json.write(data));
        } else {
            ObjectNode simple = content.putObject("Simple");
            simple.putObject("Subject").put("Data", n.subject()).put("Charset", "UTF-8");
            simple.putObject("Body").putObject("Text").put("Data", n.body() == null ? "" : n.body()).put("Charset", "UTF-8");
        }
        if (configurationSet != null) req.put("ConfigurationSetName", configurationSet);
        try {
            var answer = ses.apply(req);
            ConnectorCallContext.vendorRequestId(answer.path("MessageId").asText(null));
        } catch (AwsJsonRequests.AwsError e) {
            throw new ConnectorException("notifications", "send_email", "SES: HTTP " + e.status() + " " + e.type());
        } catch (RuntimeException e) {
            throw new ConnectorException("notifications", "send_email", "SES: no answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** SES tag values: letters, digits, underscores and dashes. */
    static String tag(String v) { return v == null ? "none" : v.replaceAll("[^A-Za-z0-9_\\-]", "_"); }
}
