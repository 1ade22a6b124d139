/**
 * The build engine: {@link dev.kiln.agent.engine.BuildRunner} walks CodeBuild's eleven phases for one
 * {@link dev.kiln.agent.engine.BuildRequest}, on any {@link dev.kiln.agent.backend.ExecutionBackend}, with
 * CodeBuild's transition rules ({@code finally}, {@code on-failure}, POST_BUILD and UPLOAD_ARTIFACTS after a BUILD
 * failure), its log lines and its statuses (FAILED for the user's failure, FAULT for ours, TIMED_OUT, STOPPED).
 */
package dev.kiln.agent.engine;
