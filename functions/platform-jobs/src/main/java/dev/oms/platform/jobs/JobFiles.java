package dev.oms.platform.jobs;

/**
 * Every object key of the jobs bucket, built in this one class. Each starts with its purpose and the tenant, so
 * lifecycle rules can expire them and no job reaches another tenant's files.
 */
public final class JobFiles {
    private JobFiles() { }

    /** Where the file of an upload import goes (the presigned PUT); its ObjectCreated event starts the job. */
    public static String upload(String tenant, String jobId, String format) { return uploadPrefix(tenant) + jobId + "." + format; }

    /** Import sources in the jobs bucket must lie under this prefix of their tenant. */
    public static String uploadPrefix(String tenant) { return "imports/" + tenant + "/"; }

    public static String export(String tenant, String jobId, String format) { return "exports/" + tenant + "/" + jobId + "." + format; }

    /** A data subject's archive (the admin's GDPR export). */
    public static String subjectArchive(String tenant, String jobId) { return "exports/" + tenant + "/" + jobId + "-subject.zip"; }

    /** The job's report (failed rows of an import, per-order results, reconciliation differences). */
    public static String report(String tenant, String jobId, String format) { return "reports/" + tenant + "/" + jobId + "." + format; }

    /** Working files of a running job: report parts (one per checkpoint) and inline inputs. */
    public static String work(String tenant, String jobId) { return "work/" + tenant + "/" + jobId + "/"; }

    /** A report part, named by the position its chunk starts at, so a re-run chunk overwrites its own part. */
    public static String reportPart(String tenant, String jobId, long position, String format) {
        return work(tenant, jobId) + "part-" + String.format("%012d", position) + "." + format;
    }

    public static String inlineFeed(String tenant, String jobId) { return work(tenant, jobId) + "feed.ndjson"; }

    /** The tenant and job of an upload key ({@code imports/<tenant>/<jobId>.<ext>}), or null for any other key. */
    public static String[] parseUpload(String key) {
        if (key == null || !key.startsWith("imports/")) return null;
        String[] parts = key.split("/");
        if (parts.length != 3) return null;
        int dot = parts[2].lastIndexOf('.');
        if (dot <= 0 || !parts[2].startsWith("job_")) return null;
        return new String[] {parts[1], parts[2].substring(0, dot)};
    }
}
