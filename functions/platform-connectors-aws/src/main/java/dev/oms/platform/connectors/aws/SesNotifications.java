package dev.oms.platform.connectors.aws;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.NotificationSender;
import dev.oms.platform.observability.ConnectorCallContext;
import dev.oms.app.connector.registry.NotificationSuppressions;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Emails through Amazon SES v2 from the tenant's own sender identity ({@code from_address}, verified in SES), either
 * as the OMS wrote them or through SES stored templates per locale ({@code {template_prefix}{template}_{locale}}, the
 * notification's {@code locale} attribute or {@code default_locale}); every email is tagged {@code oms_tenant} so
 * SES's bounce and complaint feedback finds the tenant, and addresses that bounced hard or complained are not written
 * to again. Text messages go through SNS ({@link SnsSms}).
 */
public final class SesNotifications implements NotificationSender {
    private final Supplier<SesV2Client> ses;
    private final SnsSms sms;
    private final NotificationSuppressions suppressions;
    private final String from;
    private final String configurationSet;
    private final String templatePrefix;
    private final String defaultLocale;

    public SesNotifications(Supplier<SesV2Client> ses, SnsSms sms, NotificationSuppressions suppressions, String from,
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
        List<MessageTag> tags = new ArrayList<>();
        tags.add(MessageTag.builder().name("oms_tenant").value(tag(tenantId)).build());
        tags.add(MessageTag.builder().name("oms_template").value(tag(n.template())).build());
        EmailContent content;
        if (templatePrefix != null) {
            String locale = n.attributes().getOrDefault("locale", defaultLocale).toLowerCase(Locale.ROOT).replace('-', '_');
            var data = Json.object();
            n.attributes().forEach(data::put);
            data.put("subject", n.subject());
            data.put("body", n.body());
            content = EmailContent.builder().template(t -> t.templateName(templatePrefix + tag(n.template()) + "_" + locale)
                    .templateData(Json.write(data))).build();
        } else {
            content = EmailContent.builder().simple(m -> m.subject(s -> s.data(n.subject()).charset("UTF-8"))
                    .body(b -> b.text(t -> t.data(n.body() == null ? "" : n.body()).charset("UTF-8")))).build();
        }
        SendEmailRequest.Builder req = SendEmailRequest.builder().fromEmailAddress(from)
                .destination(d -> d.toAddresses(n.recipient())).content(content).emailTags(tags);
        if (configurationSet != null) req.configurationSetName(configurationSet);
        try {
            var answer = ses.get().sendEmail(req.build());
            ConnectorCallContext.vendorRequestId(answer.messageId());
        } catch (SesV2Exception e) {
            ConnectorCallContext.vendorRequestId(e.requestId());
            throw new ConnectorException("notifications", "send_email", "SES: HTTP " + e.statusCode()
                    + (e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode()));
        } catch (RuntimeException e) {
            throw new ConnectorException("notifications", "send_email", "SES: no answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** SES tag values: letters, digits, underscores and dashes. */
    static String tag(String v) { return v == null ? "none" : v.replaceAll("[^A-Za-z0-9_\\-]", "_"); }
}
