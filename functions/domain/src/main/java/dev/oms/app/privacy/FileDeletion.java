package dev.oms.app.privacy;

/** Deletes a stored file of an order (a GDPR erasure of a file that is not a tax document); a missing file is not an error. */
public interface FileDeletion {
    void delete(String storageKey);
}
