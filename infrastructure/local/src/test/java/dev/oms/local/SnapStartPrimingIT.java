package dev.oms.local;

import static dev.oms.local.TestSystem.runtime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.orders.OrderCrudHandler;
import dev.oms.orders.OrderLifecycleHandler;
import dev.oms.platform.aws.CapacityMeter;
import dev.oms.platform.http.ApiHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SnapStart hook: what a handler runs before Lambda's checkpoint. */
class SnapStartPrimingIT {

    @Test
    void primingMakesOneDynamoDbRequestAndDoesNotThrow() {
        runtime();
        // only this thread's requests: the running system's subscribers work in the background
        CapacityMeter.meterThisThreadOnly();
        try {
            for (ApiHandler handler : List.<ApiHandler>of(new OrderCrudHandler(), new OrderLifecycleHandler())) {
                CapacityMeter.reset();
                handler.beforeCheckpoint(null);
                assertThat(CapacityMeter.requests()).as(handler.getClass().getSimpleName()).isEqualTo(1);
            }
        } finally {
            CapacityMeter.meterAllThreads();
        }
    }
}
