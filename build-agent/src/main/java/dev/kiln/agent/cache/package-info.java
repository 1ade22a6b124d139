/**
 * Build caches. {@link dev.kiln.agent.cache.LocalCustomCache} keeps the directories a buildspec's
 * {@code cache.paths} names, per project, between builds on this machine (CodeBuild's LOCAL_CUSTOM_CACHE). Entries are
 * written whole and checked: a half-written or corrupt entry is discarded, never restored.
 */
package dev.kiln.agent.cache;
