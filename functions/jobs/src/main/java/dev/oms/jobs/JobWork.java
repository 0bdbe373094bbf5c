package dev.oms.jobs;

import java.io.IOException;

/** What one kind of job does in a run: read from its checkpoint, work in chunks, checkpoint, and finish the job. */
interface JobWork {
    void run(JobRun run) throws IOException;
}
