package dev.kiln.model.job;

import java.util.List;

/**
 * The objects under a prefix that a job may read: {@code GET /jobs/ID/objects?prefix=}.
 *
 * @param objects the objects, by key
 */
public record ObjectListing(List<ObjectEntry> objects) {
    public ObjectListing {
        objects = List.copyOf(objects);
    }
}
