package dev.oms.platform.connectors.aws;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.NotificationSender;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.messaging.SnsNotificationSender;
import dev.oms.platform.connectors.registry.ConnectorAdapterProvider;
import java.util.Set;

/** The notifications port's AWS adapters: {@code ses} (email through SES v2, SMS through SNS) and {@code sns_sms}. */
public final class NotificationAdapterProviders {
    private NotificationAdapterProviders() { }

    /** What the sandbox does with emails (and SMS): the notifications topic, captured locally. */
    static NotificationSender topic() {
        return new SnsNotificationSender(Env.get("NOTIFICATIONS_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:oms-notifications"));
    }

    /**
     * {@code ses}: settings {@code from_address} (required; an identity verified in SES), {@code configuration_set}
     * (its event destination sends bounces and complaints to {@code SesFeedbackTopic}), {@code template_prefix} (use
     * SES stored templates per locale), {@code default_locale} (default {@code en}), {@code sms_sender_id}.
     */
    public static final class Ses implements ConnectorAdapterProvider {
        @Override public String adapter() { return "ses"; }

        @Override public Set<ConnectorPort> ports() { return Set.of(ConnectorPort.NOTIFICATIONS); }

        @Override
        public Object create(ConnectorPort port, ConnectorConfig config, Environment environment) {
            String from = config.settings().get("from_address");
            if (from == null) throw new ConnectorException("notifications", "configure", "ses needs from_address");
            SnsSms sms = new SnsSms(config.settings().get("sms_sender_id"), topic());
            return new SesNotifications(SesNotifications::sendEmail, sms, environment.suppressions(), from, config.settings().get("configuration_set"),
                    config.settings().get("template_prefix"), config.setting("default_locale", "en"));
        }
    }

    /** {@code sns_sms}: SMS through SNS (setting {@code sms_sender_id}); emails stay on the notifications topic. */
    public static final class Sms implements ConnectorAdapterProvider {
        @Override public String adapter() { return "sns_sms"; }

        @Override public Set<ConnectorPort> ports() { return Set.of(ConnectorPort.NOTIFICATIONS); }

        @Override
        public Object create(ConnectorPort port, ConnectorConfig config, Environment environment) {
            return new SnsSms(config.settings().get("sms_sender_id"), topic());
        }
    }
}
