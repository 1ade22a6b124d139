package dev.kiln.model.job;

/**
 * A job asks to read, write or delete one object: {@code POST /jobs/ID/objects}.
 *
 * @param operation what it will do
 * @param key the object's full key in the store
 */
public record ObjectGrantRequest(ObjectOperation operation, String key) {}
