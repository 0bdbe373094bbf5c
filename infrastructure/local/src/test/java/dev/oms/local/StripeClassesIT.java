package dev.oms.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * stripe-java is kept whole in the deployment jars (the parent POM's shade filter): Gson builds a response's models by
 * reflection, eagerly for every type a model's fields name (expandable ones included), and a model class links only
 * if the params classes its methods name exist, so minimizing or trimming it (its params are 8 of its 12 MiB) breaks
 * payments in production alone: measured with {@code jdeps}, the models a PaymentIntent reaches name almost all the
 * params. This guards the jars: for every jar with Stripe in it, from that jar alone in its own class loader, every
 * class the payments adapter names is initialized (linked and verified), every model class a PaymentIntent, Charge or
 * Refund response reaches through its fields too, and a full PaymentIntent (declined once, then captured and partly
 * refunded) is deserialized with Stripe's own Gson.
 */
class StripeClassesIT {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /** The Stripe classes {@code StripePayments}, {@code StripeWebhooks} and {@code StripeAdapterProvider} use. */
    static final List<String> NAMED = List.of("com.stripe.StripeClient", "com.stripe.StripeClient$StripeClientBuilder",
            "com.stripe.service.PaymentIntentService", "com.stripe.service.RefundService", "com.stripe.net.RequestOptions",
            "com.stripe.net.Webhook", "com.stripe.net.Webhook$Signature", "com.stripe.net.ApiResource",
            "com.stripe.param.PaymentIntentRetrieveParams", "com.stripe.param.PaymentIntentCaptureParams",
            "com.stripe.param.PaymentIntentCancelParams", "com.stripe.param.RefundCreateParams",
            "com.stripe.exception.StripeException", "com.stripe.exception.CardException", "com.stripe.exception.InvalidRequestException",
            "com.stripe.exception.IdempotencyException", "com.stripe.exception.ApiConnectionException",
            "com.stripe.exception.AuthenticationException", "com.stripe.exception.RateLimitException", "com.stripe.exception.ApiException",
            "com.stripe.exception.PermissionException", "com.stripe.exception.SignatureVerificationException");
    /** Where a response starts. */
    static final List<String> RESPONSES = List.of("com.stripe.model.PaymentIntent", "com.stripe.model.Charge", "com.stripe.model.Refund");

    static List<Path> stripeJars() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT.resolve("functions"))) {
            for (Path m : modules.toList()) {
                Path target = m.resolve("target");
                if (!Files.isDirectory(target)) continue;
                try (Stream<Path> jars = Files.list(target)) {
                    for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).toList()) {
                        try (ZipFile zip = new ZipFile(jar.toFile())) {
                            if (zip.getEntry("com/stripe/StripeClient.class") != null) out.add(jar);
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyStripeClassAPaymentPathReachesLinksFromEachJarAlone() throws Exception {
        List<Path> jars = stripeJars();
        assertThat(jars).as("the jars that carry Stripe").isNotEmpty()
                .anyMatch(p -> p.toString().contains("oms-payments-")).noneMatch(p -> p.getFileName().toString().contains("-api-"));
        String json = Files.readString(Path.of("src/test/resources/stripe/payment_intent.json"), StandardCharsets.UTF_8);
        for (Path jar : jars) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                for (String name : NAMED) Class.forName(name, true, loader);
                Set<Class<?>> reached = reachable(loader);
                assertThat(reached).as("%s: model classes a response reaches", jar.getFileName()).hasSizeGreaterThan(20);
                for (Class<?> c : reached) Class.forName(c.getName(), true, loader);

                Object gson = loader.loadClass("com.stripe.net.ApiResource").getField("GSON").get(null);
                Method fromJson = gson.getClass().getMethod("fromJson", String.class, Class.class);
                Object intent = fromJson.invoke(gson, json, loader.loadClass("com.stripe.model.PaymentIntent"));
                Object charge = intent.getClass().getMethod("getLatestChargeObject").invoke(intent);
                assertThat(charge.getClass().getMethod("getAmountRefunded").invoke(charge)).as(jar.getFileName().toString()).isEqualTo(1000L);
                Object error = intent.getClass().getMethod("getLastPaymentError").invoke(intent);
                Object method = error.getClass().getMethod("getPaymentMethod").invoke(error);
                assertThat(method.getClass().getMethod("getId").invoke(method)).isEqualTo("pm_1QXlinking");
                Object refunds = charge.getClass().getMethod("getRefunds").invoke(charge);
                assertThat((List<?>) refunds.getClass().getMethod("getData").invoke(refunds)).hasSize(1);
            }
        }
    }

    /** The model classes reachable from the responses through field types (and their type arguments), as Gson reaches them. */
    static Set<Class<?>> reachable(ClassLoader loader) throws ClassNotFoundException {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (String r : RESPONSES) todo.add(Class.forName(r, false, loader));
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!c.getName().startsWith("com.stripe.") || !seen.add(c)) continue;
            for (Class<?> inner : c.getDeclaredClasses()) todo.add(inner);
            if (c.getSuperclass() != null) todo.add(c.getSuperclass());
            for (Field f : c.getDeclaredFields()) collect(f.getGenericType(), todo);
        }
        return seen;
    }

    private static void collect(Type t, Deque<Class<?>> todo) {
        if (t instanceof Class<?> c) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        } else if (t instanceof ParameterizedType p) {
            todo.add((Class<?>) p.getRawType());
            for (Type a : p.getActualTypeArguments()) collect(a, todo); // Gson builds adapters for expandable types too
        }
    }
}
