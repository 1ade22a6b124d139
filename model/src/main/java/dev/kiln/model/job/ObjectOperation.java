package dev.kiln.model.job;

/** What a job may do with one object of the store, by a URL the orchestrator signs for it: S3's own verbs. */
public enum ObjectOperation {
    /** Read the object. */
    GET,
    /** Write (or replace) the object. */
    PUT,
    /** Delete the object. */
    DELETE
}
