/**
 * Reading YAML with positions: a document is composed into snakeyaml-engine nodes (which keep line and column) and
 * walked by {@link dev.kiln.model.yaml.MappingReader}, which checks keys and types and records every problem with
 * its position instead of throwing. Plans are built from what it returns; nothing downstream sees YAML.
 */
package dev.kiln.model.yaml;
