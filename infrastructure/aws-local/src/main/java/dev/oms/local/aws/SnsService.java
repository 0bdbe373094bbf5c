package dev.oms.local.aws;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.oms.platform.template.SamTemplate;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.joda.time.DateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.event.ruler.Machine;

/**
 * SNS, locally: the AWS query protocol (form-encoded {@code Action=Publish&TopicArn=...&Message=...}, XML answers in
 * the {@code http://sns.amazonaws.com/doc/2010-03-31/} namespace) on a JDK HttpServer, so the SDK's
 * {@code SnsClient} works with only an endpoint override. Operations: Publish, CreateTopic, ListTopics, Subscribe,
 * Unsubscribe, ListSubscriptions, ListSubscriptionsByTopic; and {@code GET /local/notifications} for the outbox.
 *
 * <p>Topics come from {@code AWS::SNS::Topic} (with its inline {@code Subscription} list), subscriptions from
 * {@code AWS::SNS::Subscription} (RawMessageDelivery, FilterPolicy, FilterPolicyScope) and the functions'
 * {@code Type: SNS} events. A publish fans out asynchronously, in order, on one daemon thread:
 * {@code sqs} gets the SNS JSON envelope as the body (the bare message and SQS message attributes with
 * RawMessageDelivery), {@code lambda} an {@link SNSEvent} through the {@link LambdaInvoker}, and {@code email},
 * {@code email-json}, {@code sms}, {@code http(s)} are captured in the {@link NotificationOutbox}. Filter policies are
 * matched with event-ruler. Subscriptions are confirmed at once; signatures are placeholders.
 */
public final class SnsService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnsService.class);
    static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";

    public record Options(int port) {
        public static Options defaults() { return new Options(0); }
    }

    /** A message attribute: DataType String, Number, String.Array or Binary. */
    public record Attribute(String dataType, String stringValue, byte[] binaryValue) {
        public static Attribute string(String value) { return new Attribute("String", value, null); }

        String text() { return binaryValue != null ? Base64.getEncoder().encodeToString(binaryValue) : stringValue; }
    }

    public record SubscriptionInfo(String subscriptionArn, String topicArn, String protocol, String endpoint,
                                   boolean rawMessageDelivery, String filterPolicy, String filterPolicyScope) { }

    private record Subscription(SubscriptionInfo info, Machine filter, String functionId) { }

    private record Topic(String arn, String name, boolean fifo, List<Subscription> subscriptions) { }

    private final SamTemplate template;
    private final SqsService sqs;
    private final LambdaInvoker lambda;
    private final NotificationOutbox outbox;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Map<String, String> refs = new LinkedHashMap<>();
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(LocalHttpServer.daemonThreads("sns-delivery"));
    private final AtomicInteger pending = new AtomicInteger();
    private final LocalHttpServer http;

    private SnsService(SamTemplate template, SqsService sqs, LambdaInvoker lambda, NotificationOutbox outbox, Options options) {
        this.template = template;
        this.sqs = sqs;
        this.lambda = lambda;
        this.outbox = outbox;
        load();
        this.http = new LocalHttpServer("sns", options.port(), this::serve);
    }

    /**
     * Starts SNS with the template's topics and subscriptions. {@code sqs} and {@code lambda} may be null when no
     * subscription needs them.
     */
    public static SnsService start(SamTemplate template, SqsService sqs, LambdaInvoker lambda, NotificationOutbox outbox) {
        return start(template, sqs, lambda, outbox, Options.defaults());
    }

    public static SnsService start(SamTemplate template, SqsService sqs, LambdaInvoker lambda, NotificationOutbox outbox, Options options) {
        return new SnsService(template, sqs, lambda, outbox, options);
    }

    /** What SDK clients use as their SNS endpoint ({@code aws.endpointUrlSns}). */
    public String endpoint() { return http.endpoint(); }

    public int port() { return http.port(); }

    public NotificationOutbox outbox() { return outbox; }

    /** What {@code !Ref Topic} resolves to (the topic ARN), by logical id. */
    public Map<String, String> refs() { return Map.copyOf(refs); }

    public String topicArn(String logicalId) {
        String arn = refs.get(logicalId);
        if (arn == null) throw new IllegalArgumentException("No topic " + logicalId + " (topics: " + refs.keySet() + ")");
        return arn;
    }

    public List<SubscriptionInfo> subscriptions() {
        return topics.values().stream().flatMap(t -> t.subscriptions().stream()).map(Subscription::info).toList();
    }

    /** Publishes in-process (as the Publish action would); returns the message id. */
    public String publish(String topicArn, String subject, String message, Map<String, Attribute> attributes) {
        return publish(topicArn, subject, message, null, attributes, null, null);
    }

    /** Waits until the fan-out of everything published so far finished (tests; orderly shutdown). */
    public boolean awaitDeliveries(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > end) return false;
            Thread.sleep(10);
        }
        return true;
    }

    // ---- template ----

    @SuppressWarnings("unchecked")
    private void load() {
        template.resourcesOfType("AWS::SNS::Topic").forEach((id, props) -> {
            String name = TemplateRefs.topicName(template, id);
            Topic topic = new Topic(LocalAws.topicArn(name), name, TemplateRefs.bool(props.get("FifoTopic")), new CopyOnWriteArrayList<>());
            topics.put(topic.arn(), topic);
            refs.put(id, topic.arn());
            for (Object o : (List<Object>) props.getOrDefault("Subscription", List.of())) {
                Map<String, Object> s = (Map<String, Object>) o;
                subscribe(topic, String.valueOf(s.get("Protocol")), s.get("Endpoint"), false, null, null);
            }
        });
        template.resourcesOfType("AWS::SNS::Subscription").forEach((id, props) -> {
            Topic topic = templateTopic(props.get("TopicArn"), "Subscription " + id);
            subscribe(topic, String.valueOf(props.get("Protocol")), props.get("Endpoint"), TemplateRefs.bool(props.get("RawMessageDelivery")),
                    props.get("FilterPolicy"), (String) props.get("FilterPolicyScope"));
        });
        for (TemplateRefs.FunctionEvent e : TemplateRefs.functionEvents(template, "SNS")) {
            Topic topic = templateTopic(e.properties().get("Topic"), e.id());
            subscribe(topic, "lambda", Map.of("Fn::GetAtt", List.of(e.functionId(), "Arn")), false,
                    e.properties().get("FilterPolicy"), (String) e.properties().get("FilterPolicyScope"));
        }
    }

    private Topic templateTopic(Object ref, String owner) {
        String id = TemplateRefs.logicalId(ref);
        String arn = id != null ? refs.get(id) : TemplateRefs.name(template, ref);
        Topic topic = arn == null ? null : topics.get(arn);
        if (topic == null) throw new IllegalArgumentException(owner + " points at " + ref + ", which is not a topic of the template");
        return topic;
    }

    private Subscription subscribe(Topic topic, String protocol, Object endpointRef, boolean raw, Object filterPolicy, String scope) {
        String endpoint;
        String functionId = null;
        String id = TemplateRefs.logicalId(endpointRef);
        if (id != null && protocol.equals("sqs")) {
            endpoint = sqs != null ? sqs.queueArn(id) : LocalAws.queueArn(TemplateRefs.queueName(template, id));
        } else if (id != null && protocol.equals("lambda")) {
            endpoint = LocalAws.functionArn(TemplateRefs.functionName(template, id));
            functionId = id;
        } else {
            endpoint = TemplateRefs.name(template, endpointRef);
            if (protocol.equals("lambda")) functionId = functionIdForArn(endpoint);
        }
        String policy = filterPolicy == null ? null : filterPolicy instanceof String s ? s : Jsons.write(filterPolicy);
        Machine filter = null;
        if (policy != null) {
            filter = new Machine();
            try {
                filter.addRule("policy", policy);
            } catch (Exception e) {
                throw new IllegalArgumentException("Invalid FilterPolicy " + policy + ": " + e.getMessage(), e);
            }
        }
        SubscriptionInfo info = new SubscriptionInfo(topic.arn() + ":" + UUID.randomUUID(), topic.arn(), protocol, endpoint, raw, policy,
                scope == null ? "MessageAttributes" : scope);
        Subscription s = new Subscription(info, filter, functionId);
        topic.subscriptions().add(s);
        return s;
    }

    private String functionIdForArn(String arn) {
        String[] parts = arn.split(":");
        String name = parts.length >= 7 ? parts[6] : LocalAws.arnResource(arn);
        String id = TemplateRefs.logicalIdByName(template, name, TemplateRefs::functionName, "AWS::Serverless::Function", "AWS::Lambda::Function");
        return id != null ? id : name;
    }

    // ---- publish and fan-out ----

    private String publish(String topicArn, String subject, String message, String structure, Map<String, Attribute> attributes,
                           String groupId, String dedupId) {
        Topic topic = topics.get(topicArn);
        if (topic == null) throw new SnsError(404, "NotFound", "Topic does not exist");
        if (message == null || message.isEmpty()) throw new SnsError(400, "InvalidParameter", "Invalid parameter: Empty message");
        JsonNode perProtocol = null;
        if ("json".equals(structure)) {
            perProtocol = Jsons.tryParse(message);
            if (perProtocol == null || !perProtocol.isObject() || !perProtocol.has("default")) {
                throw new SnsError(400, "InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body");
            }
        }
        if (topic.fifo() && (groupId == null || groupId.isBlank())) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        }
        String messageId = UUID.randomUUID().toString();
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonNode structured = perProtocol;
        for (Subscription s : topic.subscriptions()) {
            String text = structured == null ? message : structured.path(s.info().protocol()).asText(structured.get("default").asText());
            if (!passes(s, attributes, text)) continue;
            pending.incrementAndGet();
            fanOut.execute(() -> {
                try {
                    deliver(s, topic, messageId, time, subject, text, attributes, groupId, dedupId);
                } catch (Exception e) {
                    LOG.warn("SNS delivery of {} to {} {} failed: {}", messageId, s.info().protocol(), s.info().endpoint(), e.toString());
                } finally {
                    pending.decrementAndGet();
                }
            });
        }
        if (topic.subscriptions().isEmpty() && attributes.containsKey("channel") && attributes.containsKey("recipient")) {
            // a message addressed by its attributes (channel + recipient), as the OMS sends customer notifications: on
            // AWS a delivery subscription (SES, SMS) sends it; locally the outbox captures what would go out
            Map<String, String> texts = new java.util.LinkedHashMap<>();
            attributes.forEach((k, a) -> { if (a.stringValue() != null) texts.put(k, a.stringValue()); });
            outbox.add(attributes.get("channel").stringValue(), attributes.get("recipient").stringValue(), subject, message, texts,
                    topic.arn(), messageId);
        }
        return messageId;
    }

    private static boolean passes(Subscription s, Map<String, Attribute> attributes, String message) {
        if (s.filter() == null) return true;
        if ("MessageBody".equals(s.info().filterPolicyScope())) {
            JsonNode body = Jsons.tryParse(message);
            return body != null && body.isObject() && !s.filter().rulesForJSONEvent(body).isEmpty();
        }
        ObjectNode view = Jsons.MAPPER.createObjectNode();
        attributes.forEach((name, a) -> {
            if (a.dataType().startsWith("Number")) {
                try {
                    view.put(name, new java.math.BigDecimal(a.stringValue()));
                } catch (NumberFormatException e) {
                    view.put(name, a.stringValue());
                }
            } else if (a.dataType().equals("String.Array")) {
                JsonNode arr = Jsons.tryParse(a.stringValue());
                if (arr != null && arr.isArray()) view.set(name, arr);
                else view.put(name, a.stringValue());
            } else if (a.stringValue() != null) {
                view.put(name, a.stringValue());
            }
        });
        return !s.filter().rulesForJSONEvent(view).isEmpty();
    }

    private void deliver(Subscription s, Topic topic, String messageId, Instant time, String subject, String message,
                         Map<String, Attribute> attributes, String groupId, String dedupId) throws Exception {
        SubscriptionInfo sub = s.info();
        switch (sub.protocol()) {
            case "sqs" -> {
                if (sqs == null) throw new IllegalStateException("no SqsService for sqs subscriptions");
                String url = sqs.urlForArn(sub.endpoint());
                if (sub.rawMessageDelivery()) {
                    Map<String, MessageAttributeValue> sqsAttributes = new LinkedHashMap<>();
                    attributes.forEach((k, a) -> sqsAttributes.put(k, a.binaryValue() != null
                            ? MessageAttributeValue.builder().dataType(a.dataType()).binaryValue(SdkBytes.fromByteArray(a.binaryValue())).build()
                            : MessageAttributeValue.builder().dataType(a.dataType()).stringValue(a.stringValue()).build()));
                    sqs.sendToUrl(url, message, groupId, dedupId, sqsAttributes);
                } else {
                    sqs.sendToUrl(url, Jsons.write(envelope(sub, topic, messageId, time, subject, message, attributes)), groupId, dedupId, Map.of());
                }
            }
            case "lambda" -> {
                if (lambda == null) throw new IllegalStateException("no LambdaInvoker for lambda subscriptions");
                lambda.invoke(s.functionId(), snsEvent(sub, messageId, time, subject, message, attributes));
            }
            case "email", "email-json", "sms", "http", "https" -> {
                Map<String, String> texts = new TreeMap<>();
                attributes.forEach((k, a) -> texts.put(k, a.text()));
                String body = sub.protocol().equals("email-json") ? Jsons.write(envelope(sub, topic, messageId, time, subject, message, attributes)) : message;
                outbox.add(sub.protocol(), sub.endpoint(), subject, body, texts, topic.arn(), messageId);
            }
            default -> throw new IllegalStateException("Protocol " + sub.protocol() + " is not supported locally");
        }
    }

    /** The JSON an SQS (or email-json) subscriber receives. */
    private Map<String, Object> envelope(SubscriptionInfo sub, Topic topic, String messageId, Instant time, String subject, String message,
                                         Map<String, Attribute> attributes) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Type", "Notification");
        o.put("MessageId", messageId);
        o.put("TopicArn", topic.arn());
        if (subject != null) o.put("Subject", subject);
        o.put("Message", message);
        o.put("Timestamp", time.toString());
        o.put("SignatureVersion", "1");
        o.put("Signature", "LOCAL");
        o.put("SigningCertURL", endpoint() + "/local/SimpleNotificationService.pem");
        o.put("UnsubscribeURL", endpoint() + "/?Action=Unsubscribe&SubscriptionArn=" + sub.subscriptionArn());
        if (!attributes.isEmpty()) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            attributes.forEach((k, a) -> attrs.put(k, Map.of("Type", a.dataType(), "Value", a.text())));
            o.put("MessageAttributes", attrs);
        }
        return o;
    }

    private SNSEvent snsEvent(SubscriptionInfo sub, String messageId, Instant time, String subject, String message, Map<String, Attribute> attributes) {
        Map<String, SNSEvent.MessageAttribute> attrs = new LinkedHashMap<>();
        attributes.forEach((k, a) -> attrs.put(k, new SNSEvent.MessageAttribute().withType(a.dataType()).withValue(a.text())));
        SNSEvent.SNS sns = new SNSEvent.SNS().withType("Notification").withMessageId(messageId).withTopicArn(sub.topicArn())
                .withSubject(subject).withMessage(message).withTimestamp(new DateTime(time.toEpochMilli(), org.joda.time.DateTimeZone.UTC))
                .withSignatureVersion("1").withSignature("LOCAL").withSigningCertUrl(endpoint() + "/local/SimpleNotificationService.pem")
                .withUnsubscribeUrl(endpoint() + "/?Action=Unsubscribe&SubscriptionArn=" + sub.subscriptionArn()).withMessageAttributes(attrs);
        SNSEvent.SNSRecord record = new SNSEvent.SNSRecord().withEventSource("aws:sns").withEventVersion("1.0")
                .withEventSubscriptionArn(sub.subscriptionArn()).withSns(sns);
        return new SNSEvent().withRecords(List.of(record));
    }

    // ---- HTTP: AWS query protocol ----

    private static final class SnsError extends RuntimeException {
        final int status;
        final String code;

        SnsError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if ("GET".equals(ex.getRequestMethod()) && path.equals("/local/notifications")) {
                LocalHttpServer.respond(ex, 200, "application/json", outbox.toJson(200));
                return;
            }
            String body = LocalHttpServer.body(ex);
            String query = ex.getRequestURI().getRawQuery();
            Map<String, String> params = form(body);
            if (query != null) form(query).forEach(params::putIfAbsent);
            String requestId = UUID.randomUUID().toString();
            try {
                String action = params.getOrDefault("Action", "");
                String result = switch (action) {
                    case "Publish" -> publishAction(params);
                    case "CreateTopic" -> createTopic(params);
                    case "ListTopics" -> listTopics();
                    case "Subscribe" -> subscribeAction(params);
                    case "Unsubscribe" -> unsubscribe(params);
                    case "ListSubscriptions" -> listSubscriptions(null);
                    case "ListSubscriptionsByTopic" -> listSubscriptions(required(params, "TopicArn"));
                    default -> throw new SnsError(400, "InvalidAction", "The action " + action + " is not valid for this endpoint.");
                };
                String name = action + "Response";
                String xml = "<?xml version=\"1.0\"?>\n<" + name + " xmlns=\"" + NS + "\">"
                        + (result.isEmpty() ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
                        + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></" + name + ">";
                ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
                LocalHttpServer.respond(ex, 200, "text/xml", xml);
            } catch (SnsError e) {
                String xml = "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + e.code
                        + "</Code><Message>" + xml(e.getMessage()) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
                ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
                LocalHttpServer.respond(ex, e.status, "text/xml", xml);
            }
        }
    }

    private String publishAction(Map<String, String> p) {
        String phone = p.get("PhoneNumber");
        String message = p.get("Message");
        Map<String, Attribute> attributes = messageAttributes(p);
        if (phone != null && p.get("TopicArn") == null && p.get("TargetArn") == null) {
            if (message == null || message.isEmpty()) throw new SnsError(400, "InvalidParameter", "Invalid parameter: Empty message");
            String id = UUID.randomUUID().toString();
            Map<String, String> texts = new TreeMap<>();
            attributes.forEach((k, a) -> texts.put(k, a.text()));
            outbox.add("sms", phone, p.get("Subject"), message, texts, null, id);
            return "<MessageId>" + id + "</MessageId>";
        }
        String arn = p.getOrDefault("TopicArn", p.get("TargetArn"));
        if (arn == null) throw new SnsError(400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        String id = publish(arn, p.get("Subject"), message, p.get("MessageStructure"), attributes, p.get("MessageGroupId"), p.get("MessageDeduplicationId"));
        return "<MessageId>" + id + "</MessageId>" + (p.get("MessageGroupId") != null ? "<SequenceNumber>" + System.nanoTime() + "</SequenceNumber>" : "");
    }

    private static Map<String, Attribute> messageAttributes(Map<String, String> p) {
        Map<String, Attribute> out = new LinkedHashMap<>();
        for (int n = 1; p.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n + ".";
            String name = p.get(prefix + "Name");
            String type = p.get(prefix + "Value.DataType");
            if (type == null) throw new SnsError(400, "ParameterValueInvalid", "The message attribute '" + name + "' must contain non-empty message attribute type.");
            String binary = p.get(prefix + "Value.BinaryValue");
            out.put(name, new Attribute(type, p.get(prefix + "Value.StringValue"), binary == null ? null : Base64.getDecoder().decode(binary)));
        }
        return out;
    }

    private String createTopic(Map<String, String> p) {
        String name = required(p, "Name");
        String arn = LocalAws.topicArn(name);
        boolean fifo = name.endsWith(".fifo") || "true".equals(attribute(p, "Attributes", "FifoTopic"));
        topics.computeIfAbsent(arn, a -> new Topic(a, name, fifo, new CopyOnWriteArrayList<>()));
        return "<TopicArn>" + xml(arn) + "</TopicArn>";
    }

    private String listTopics() {
        StringBuilder b = new StringBuilder("<Topics>");
        topics.keySet().stream().sorted().forEach(arn -> b.append("<member><TopicArn>").append(xml(arn)).append("</TopicArn></member>"));
        return b.append("</Topics>").toString();
    }

    private String subscribeAction(Map<String, String> p) {
        Topic topic = topics.get(required(p, "TopicArn"));
        if (topic == null) throw new SnsError(404, "NotFound", "Topic does not exist");
        String protocol = required(p, "Protocol");
        if (!List.of("sqs", "lambda", "email", "email-json", "sms", "http", "https").contains(protocol)) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: " + protocol);
        }
        String endpoint = required(p, "Endpoint");
        Subscription s;
        try {
            s = subscribe(topic, protocol, endpoint, "true".equals(attribute(p, "Attributes", "RawMessageDelivery")),
                    attribute(p, "Attributes", "FilterPolicy"), attribute(p, "Attributes", "FilterPolicyScope"));
        } catch (IllegalArgumentException e) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: " + e.getMessage());
        }
        return "<SubscriptionArn>" + xml(s.info().subscriptionArn()) + "</SubscriptionArn>";
    }

    private String unsubscribe(Map<String, String> p) {
        String arn = required(p, "SubscriptionArn");
        boolean removed = false;
        for (Topic t : topics.values()) removed |= t.subscriptions().removeIf(s -> s.info().subscriptionArn().equals(arn));
        if (!removed) throw new SnsError(404, "NotFound", "Subscription does not exist");
        return "";
    }

    private String listSubscriptions(String topicArn) {
        if (topicArn != null && !topics.containsKey(topicArn)) throw new SnsError(404, "NotFound", "Topic does not exist");
        StringBuilder b = new StringBuilder("<Subscriptions>");
        for (SubscriptionInfo s : subscriptions()) {
            if (topicArn != null && !topicArn.equals(s.topicArn())) continue;
            b.append("<member><TopicArn>").append(xml(s.topicArn())).append("</TopicArn><Protocol>").append(xml(s.protocol()))
                    .append("</Protocol><SubscriptionArn>").append(xml(s.subscriptionArn())).append("</SubscriptionArn><Owner>")
                    .append(LocalAws.ACCOUNT_ID).append("</Owner><Endpoint>").append(xml(s.endpoint())).append("</Endpoint></member>");
        }
        return b.append("</Subscriptions>").toString();
    }

    /** {@code Attributes.entry.N.key} / {@code .value} of the query protocol. */
    private static String attribute(Map<String, String> p, String prefix, String key) {
        for (int n = 1; p.containsKey(prefix + ".entry." + n + ".key"); n++) {
            if (key.equals(p.get(prefix + ".entry." + n + ".key"))) return p.get(prefix + ".entry." + n + ".value");
        }
        return null;
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) throw new SnsError(400, "InvalidParameter", "Invalid parameter: " + name + " Reason: no value for required parameter");
        return v;
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) return out;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    static String xml(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        http.close();
        fanOut.shutdownNow();
    }

}
