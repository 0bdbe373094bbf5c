package dev.oms.orders;

import dev.oms.app.cases.OrderNotesService;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.storage.S3DocumentStorage;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/** The composition root of the order notes function: notes with attachments uploaded to the documents bucket; DynamoDB and S3. */
final class NotesApi {
    private static final Once<NotesApi> INSTANCE = Once.of(() -> new NotesApi(CoreServices.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final OrderNotesService notes;

    private NotesApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        notes = new OrderNotesService(core.transactions(), S3DocumentStorage.fromEnvironment(), core.ids, core.clock);
    }

    static NotesApi get() { return INSTANCE.get(); }
}
