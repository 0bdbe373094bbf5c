package dev.oms.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.platform.json.Json;
import dev.oms.platform.template.SamTemplate;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template's functions as warm Lambda containers: each handler class is created once, on first use, and invoked
 * with a Lambda context. An event is handed over as it is when the handler takes its type, or converted through JSON
 * (what the Lambda runtime does) when the handler takes another type, for example a {@code Map}.
 */
final class LocalFunctions {
    private final Map<String, SamTemplate.Function> functions = new LinkedHashMap<>();
    private final Map<String, Object> instances = new ConcurrentHashMap<>();

    LocalFunctions(SamTemplate template) {
        template.functions().forEach(f -> functions.put(f.logicalId(), f));
    }

    boolean exists(String logicalId) { return functions.containsKey(logicalId); }

    /** Invokes a function; what it throws is what Lambda reports as the function error. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object invoke(String logicalId, Object event) {
        Object handler = instance(logicalId);
        if (!(handler instanceof RequestHandler h)) throw new IllegalStateException(logicalId + " is not a RequestHandler");
        Object input = adapt(event, inputType(handler.getClass()));
        long t0 = System.nanoTime();
        try {
            return h.handleRequest(input, new LocalLambdaContext(UUID.randomUUID().toString(), logicalId, timeout(logicalId)));
        } finally {
            LocalMeters.invoked(logicalId, System.nanoTime() - t0);
        }
    }

    /** Tests: puts another handler in a function's place (say, one that loses its events); returns the one it replaced. */
    Object replace(String logicalId, Object handler) {
        Object previous = instance(logicalId);
        instances.put(logicalId, handler);
        return previous;
    }

    Object instance(String logicalId) {
        return instances.computeIfAbsent(logicalId, id -> {
            SamTemplate.Function f = functions.get(id);
            if (f == null) throw new IllegalStateException("No function " + id + " in the template");
            String className = f.handler().split("::")[0];
            try {
                return Class.forName(className).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot create handler " + className, e);
            }
        });
    }

    private int timeout(String logicalId) {
        Object t = functions.get(logicalId).properties().get("Timeout");
        return t instanceof Number n ? n.intValue() : 29;
    }

    private static Object adapt(Object event, Class<?> wanted) {
        if (event == null || wanted == null || wanted.isInstance(event)) return event;
        return Json.mapper().convertValue(event, wanted);
    }

    /** The I of the handler's RequestHandler&lt;I, O&gt;. */
    private static Class<?> inputType(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Type in = p.getActualTypeArguments()[0];
                    if (in instanceof Class<?> k) return k;
                    if (in instanceof ParameterizedType pk) return (Class<?>) pk.getRawType();
                }
            }
        }
        return null;
    }
}
